// One sentence for a tracked error, for tooltips, the list and notifications.
import * as l10n from '@vscode/l10n';
import type { TrackedError } from './trackedOperation';

/** "Code: message (RequestId ...)" — the code and RequestId are what support asks for. */
export function describeTrackedError(error: TrackedError): string {
  const base = error.message && error.message !== error.code ? `${error.code}: ${error.message}` : error.code;
  return error.requestId ? l10n.t('{0} (RequestId {1})', base, error.requestId) : base;
}

/** Errors of polling that need the user (not just patience): the item turns red while they last. */
export function isSeriousPollError(error: TrackedError | undefined): boolean {
  return error !== undefined && (error.kind === 'api' || error.kind === 'credentials' || error.kind === 'protocol');
}

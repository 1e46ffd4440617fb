// One sentence for a tracked error, for tooltips, the list and notifications: the error catalog's
// wording (what happened, what to do), ending with the code and RequestId support asks for.
import { formatForUser } from '../snapshot/catalog';
import type { TrackedError } from './trackedOperation';

export function describeTrackedError(error: TrackedError): string {
  return formatForUser(error);
}

/** Errors of polling that need the user (not just patience): the item turns red while they last. */
export function isSeriousPollError(error: TrackedError | undefined): boolean {
  return error !== undefined && (error.kind === 'api' || error.kind === 'credentials' || error.kind === 'protocol');
}

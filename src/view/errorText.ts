// What a failed load says in the tree and in messages, in the words of the error catalog.
import * as l10n from '@vscode/l10n';
import { isEcsError } from '../ecs/errors';
import { describeEcsProblem, formatForUser } from '../snapshot/catalog';

/** One line: what happened, what to do, the code and request ID. */
export function loadErrorMessage(error: unknown): string {
  if (isEcsError(error)) return formatForUser(error);
  return error instanceof Error ? error.message : String(error);
}

/** Short: what happened (a tree row's label), with the code apart (its description). */
export function loadErrorSummary(error: unknown): { title: string; code?: string } {
  if (isEcsError(error)) {
    const problem = describeEcsProblem(error);
    return { title: problem.title, code: problem.code };
  }
  return { title: l10n.t('Loading failed: {0}', error instanceof Error ? error.message : String(error)) };
}

/** True when the catalog files the error under rejected credentials. */
export function isCredentialProblem(error: unknown): boolean {
  return isEcsError(error) && describeEcsProblem(error).category === 'credentials';
}

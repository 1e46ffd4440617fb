// The sentence a failed load shows in the tree.
import * as l10n from '@vscode/l10n';
import { isEcsError } from '../ecs/errors';

export function loadErrorMessage(error: unknown): string {
  if (isEcsError(error)) return l10n.t('{0} ({1})', error.message, error.code);
  return error instanceof Error ? error.message : String(error);
}

// How an instance's state reads in the rollback texts. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';

/** ECS's instance states as words; transitional states end with an ellipsis. */
export function instanceStatusWord(status: string): string {
  switch (status) {
    case 'Running':
      return l10n.t('Running');
    case 'Stopped':
      return l10n.t('Stopped');
    case 'Starting':
      return l10n.t('Starting...');
    case 'Stopping':
      return l10n.t('Stopping...');
    case 'Pending':
      return l10n.t('Pending...');
    default:
      return status || l10n.t('Unknown status');
  }
}

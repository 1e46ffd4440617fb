// What the status bar, the list and the notifications say about a rollback: its phase in a few
// words, and a failure as what failed, why (the error catalog), where disk and instance stand and
// what to do. Pure: l10n through @vscode/l10n.
import * as l10n from '@vscode/l10n';
import { formatForUser } from '../snapshot/catalog';
import type { RollbackFailure, RollbackPhase, RollbackState } from './rollbackState';

/** "stopping instance", "safety snapshot 40%", "rolling back", "starting instance", "done". */
export function rollbackPhaseText(state: RollbackState): string {
  switch (state.phase) {
    case 'stopping':
    case 'waitingStopped':
      return l10n.t('stopping instance');
    case 'safetySnapshot':
      return l10n.t('safety snapshot {0}%', state.safetyProgress ?? 0);
    case 'resetting':
    case 'waitingReset':
      return l10n.t('rolling back');
    case 'starting':
    case 'waitingRunning':
      return l10n.t('starting instance');
    case 'done':
      return l10n.t('done');
    case 'failed':
      return l10n.t('failed');
  }
}

function failedStep(phase: RollbackPhase): string {
  switch (phase) {
    case 'stopping':
    case 'waitingStopped':
      return l10n.t('Stopping the instance failed');
    case 'safetySnapshot':
      return l10n.t('The safety snapshot failed');
    case 'resetting':
    case 'waitingReset':
      return l10n.t('The rollback of the disk failed');
    default:
      return l10n.t('Starting the instance failed');
  }
}

/** Where the disk and the instance stand after a failure, in plain words. */
export function rollbackStandings(state: RollbackState, failure: RollbackFailure): string {
  const parts: string[] = [];
  switch (failure.disk) {
    case 'untouched':
      parts.push(l10n.t('The disk {0} was not changed.', state.request.diskName));
      break;
    case 'rolledBack':
      parts.push(l10n.t('The disk {0} was rolled back to {1}.', state.request.diskName, state.request.snapshotName));
      break;
    case 'maybeRolledBack':
      parts.push(l10n.t('The disk {0} may have been rolled back to {1}: check its content before using it.', state.request.diskName, state.request.snapshotName));
      break;
  }
  if (state.request.instance.kind !== 'none') {
    parts.push(l10n.t('Instance {0} is {1}.', state.request.instance.instanceName, failure.instanceStatus ?? l10n.t('in an unknown state')));
  }
  if (state.safetySnapshotId) {
    parts.push(l10n.t('The safety snapshot {0} keeps the disk as it was before.', state.safetySnapshotId));
  }
  if (failure.actions.includes('startInstance')) {
    parts.push(l10n.t('Start Instance starts it again.'));
  }
  if (failure.actions.includes('retry')) {
    parts.push(l10n.t('Retry continues from this step.'));
  }
  return parts.join(' ');
}

/** The whole story of a failure: step, the catalog's reason, standings and what to do. */
export function describeRollbackFailure(state: RollbackState): string {
  const failure = state.failure;
  if (!failure) return '';
  return l10n.t('{0}: {1} {2}', failedStep(failure.phase), formatForUser(failure.error), rollbackStandings(state, failure));
}

/** The notification when a rollback is done. */
export function rollbackDoneText(state: RollbackState): string {
  const done = l10n.t('Disk {0} was rolled back to {1}.', state.request.diskName, state.request.snapshotName);
  return state.safetySnapshotId ? l10n.t('{0} The safety snapshot {1} keeps its previous state.', done, state.safetySnapshotId) : done;
}

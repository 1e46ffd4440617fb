// What the status bar, the list and the notifications say about the server-level operations: a
// group backup as "web-01 · 3 disks · 57%", an instance rollback by phase with per-disk progress
// ("web-01 · resetting 2/3"), and a failure as what failed, why (the error catalog), where every
// disk and the instance stand and what to do. Pure: l10n through @vscode/l10n.
import * as l10n from '@vscode/l10n';
import type { DiskOutcome } from '../rollback/rollbackState';
import { formatForUser } from '../snapshot/catalog';
import type { GroupBackupState } from './groupBackupState';
import { resetCounts, type InstanceRollbackPhase, type InstanceRollbackState } from './instanceRollbackState';

/** "3 disks · 57%", "3 disks · requesting", "looking for the group". */
export function groupBackupProgressText(state: GroupBackupState): string {
  const count = state.members.length || state.request.disks.length;
  const disks = count === 1 ? l10n.t('1 disk') : l10n.t('{0} disks', count);
  switch (state.phase) {
    case 'requesting':
      return state.lookup ? l10n.t('{0} · looking for the group', disks) : l10n.t('{0} · requesting', disks);
    case 'creating':
      return l10n.t('{0} · {1}%', disks, state.progress);
    case 'ready':
      return l10n.t('{0} · ready', disks);
    case 'failed':
      return l10n.t('{0} · failed', disks);
    case 'refused':
      return l10n.t('{0} · not created', disks);
  }
}

/** The one-line outcome of a finished group backup (the list and notifications). */
export function groupBackupOutcome(state: GroupBackupState): string {
  if (state.phase === 'ready') {
    return l10n.t('Snapshot group {0} of {1} is ready ({2} disks).', state.groupId ?? '', state.request.instanceName, state.members.length);
  }
  const reason = state.error ? formatForUser(state.error) : '';
  if (state.phase === 'refused') {
    return state.error?.outcomeUnknown
      ? l10n.t('The group may exist; Retry reuses the same ClientToken and finds it: {0}', reason)
      : l10n.t('The snapshot group was not created: {0}', reason);
  }
  if (state.phase === 'failed') return l10n.t('The snapshot group failed: {0}', reason);
  return groupBackupProgressText(state);
}

/** "stopping instance", "safety group 40%", "resetting 2/3", "starting instance". */
export function instanceRollbackPhaseText(state: InstanceRollbackState): string {
  switch (state.phase) {
    case 'stopping':
    case 'waitingStopped':
      return l10n.t('stopping instance');
    case 'safetyGroup':
      return l10n.t('safety group {0}%', state.safetyProgress ?? 0);
    case 'resetting':
    case 'waitingReset': {
      const { current, total } = resetCounts(state);
      return l10n.t('resetting {0}/{1}', current, total);
    }
    case 'starting':
    case 'waitingRunning':
      return l10n.t('starting instance');
    case 'done':
      return l10n.t('done');
    case 'failed':
      return l10n.t('failed');
  }
}

function failedStep(phase: InstanceRollbackPhase): string {
  switch (phase) {
    case 'stopping':
    case 'waitingStopped':
      return l10n.t('Stopping the instance failed');
    case 'safetyGroup':
      return l10n.t('The safety snapshot group failed');
    case 'resetting':
    case 'waitingReset':
      return l10n.t('Rolling back the disks failed');
    default:
      return l10n.t('Starting the instance failed');
  }
}

function diskList(state: InstanceRollbackState, outcome: DiskOutcome): string {
  const names = (state.failure?.disks ?? [])
    .filter((d) => d.outcome === outcome)
    .map((d) => state.request.members.find((m) => m.diskId === d.diskId)?.diskName ?? d.diskId);
  return names.join(', ');
}

/** The whole story of a failure: step, the catalog's reason, every disk, the instance, what to do. */
export function describeInstanceRollbackFailure(state: InstanceRollbackState): string {
  const failure = state.failure;
  if (!failure) return '';
  const parts: string[] = [];
  const rolledBack = diskList(state, 'rolledBack');
  const maybe = diskList(state, 'maybeRolledBack');
  const untouched = diskList(state, 'untouched');
  if (rolledBack) parts.push(l10n.t('Rolled back to {0}: {1}.', state.request.groupName, rolledBack));
  if (maybe) parts.push(l10n.t('May have been rolled back (check their content): {0}.', maybe));
  if (untouched) parts.push(l10n.t('Not changed: {0}.', untouched));
  parts.push(l10n.t('Instance {0} is {1}.', state.request.instanceName, failure.instanceStatus ?? l10n.t('in an unknown state')));
  if (state.safetyGroupId) parts.push(l10n.t('The safety snapshot group {0} keeps the disks as they were before.', state.safetyGroupId));
  if (failure.actions.includes('startInstance')) parts.push(l10n.t('Start Instance starts it again.'));
  if (failure.actions.includes('retry')) parts.push(l10n.t('Retry continues from this step.'));
  return l10n.t('{0}: {1} {2}', failedStep(failure.phase), formatForUser(failure.error), parts.join(' '));
}

/** The notification when an instance rollback is done. */
export function instanceRollbackDoneText(state: InstanceRollbackState): string {
  const done = l10n.t('Instance {0} was rolled back to {1} ({2} disks).', state.request.instanceName, state.request.groupName, state.disks.length);
  return state.safetyGroupId ? l10n.t('{0} The safety snapshot group {1} keeps their previous state.', done, state.safetyGroupId) : done;
}

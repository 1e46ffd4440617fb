// The failures the rollback operation finds itself (not answered by ECS with a code): a write whose
// answer was lost and whose effect the state does not show, a stop or start that never ends.
import * as l10n from '@vscode/l10n';
import { EcsError } from '../ecs/errors';
import { formatDuration } from '../tracker/statusView';

/** Codes of the operation's own findings (never sent by ECS). */
export const ROLLBACK_CODES = {
  unconfirmed: 'RollbackStepNotConfirmed',
  stuck: 'RollbackStepTimedOut',
  noConnection: 'NoConnection',
  safetyGone: 'SafetySnapshotGone',
  safetyFailed: 'SafetySnapshotFailed',
  diskGone: 'InvalidDiskId.NotFound',
  instanceGone: 'InvalidInstanceId.NotFound',
} as const;

function own(code: string, message: string, action: string): EcsError {
  return new EcsError({ kind: 'api', code, message, retryable: false, action });
}

/** A write whose answer was lost, and the state read back does not show that it ran. */
export function unconfirmedError(action: 'StopInstance' | 'StartInstance' | 'ResetDisk', status: string | undefined): EcsError {
  const shown = status ?? l10n.t('unknown');
  switch (action) {
    case 'StopInstance':
      return own(ROLLBACK_CODES.unconfirmed, l10n.t('The answer to StopInstance was lost and the instance is still {0}, so it was not stopped.', shown), action);
    case 'StartInstance':
      return own(ROLLBACK_CODES.unconfirmed, l10n.t('The answer to StartInstance was lost and the instance is still {0}, so it was not started.', shown), action);
    case 'ResetDisk':
      return own(
        ROLLBACK_CODES.unconfirmed,
        l10n.t('The answer to ResetDisk was lost and the instance is {0} now, so sending it again could roll back newer writes; it was not repeated.', shown),
        action,
      );
  }
}

/** A stop, start or reset that has not ended after the capped wait. */
export function stuckError(action: 'StopInstance' | 'StartInstance' | 'ResetDisk', status: string | undefined, elapsedMs: number): EcsError {
  return own(ROLLBACK_CODES.stuck, l10n.t('Still {0} after {1}: ECS did not finish {2}.', status ?? l10n.t('unknown'), formatDuration(elapsedMs), action), action);
}

export function noConnectionError(sourceKey: string): EcsError {
  return new EcsError({
    kind: 'credentials',
    code: ROLLBACK_CODES.noConnection,
    message: l10n.t('The credential source "{0}" that started this rollback is not usable now', sourceKey),
    retryable: true,
  });
}

export function safetySnapshotGone(snapshotId: string): EcsError {
  return own(ROLLBACK_CODES.safetyGone, l10n.t('The safety snapshot {0} no longer exists.', snapshotId), 'DescribeSnapshots');
}

export function safetySnapshotFailed(snapshotId: string): EcsError {
  return own(ROLLBACK_CODES.safetyFailed, l10n.t('ECS reports the safety snapshot {0} as failed.', snapshotId), 'CreateSnapshot');
}

export function diskGone(diskId: string): EcsError {
  return own(ROLLBACK_CODES.diskGone, l10n.t('The disk {0} no longer exists.', diskId), 'DescribeDisks');
}

export function instanceGone(instanceId: string): EcsError {
  return own(ROLLBACK_CODES.instanceGone, l10n.t('The instance {0} no longer exists.', instanceId), 'DescribeInstanceStatus');
}

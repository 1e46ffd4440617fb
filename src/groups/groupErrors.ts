// The failures the group operations find themselves (not answered by ECS with a code): a group
// that was looked for and never found, one that disappeared, one ECS reports failed.
import * as l10n from '@vscode/l10n';
import { EcsError } from '../ecs/errors';

/** Codes of the operations' own findings (never sent by ECS). */
export const GROUP_CODES = {
  notFound: 'SnapshotGroupNotFoundAfterLookup',
  gone: 'SnapshotGroupGone',
  failed: 'SnapshotGroupFailed',
  safetyGone: 'SafetySnapshotGroupGone',
  safetyFailed: 'SafetySnapshotGroupFailed',
} as const;

function own(code: string, message: string, action: string): EcsError {
  return new EcsError({ kind: 'api', code, message, retryable: false, action });
}

export function groupNotFound(instanceName: string): EcsError {
  return own(
    GROUP_CODES.notFound,
    l10n.t('The answer to CreateSnapshotGroup was lost and no group of {0} matching it appeared; Retry sends the same ClientToken.', instanceName),
    'CreateSnapshotGroup',
  );
}

export function groupGone(groupId: string): EcsError {
  return own(GROUP_CODES.gone, l10n.t('The snapshot group {0} no longer exists.', groupId), 'DescribeSnapshotGroups');
}

export function groupFailed(groupId: string): EcsError {
  return own(GROUP_CODES.failed, l10n.t('ECS reports the snapshot group {0} as failed.', groupId), 'DescribeSnapshotGroups');
}

export function safetyGroupGone(groupId: string): EcsError {
  return own(GROUP_CODES.safetyGone, l10n.t('The safety snapshot group {0} no longer exists.', groupId), 'DescribeSnapshotGroups');
}

export function safetyGroupFailed(groupId: string): EcsError {
  return own(GROUP_CODES.safetyFailed, l10n.t('ECS reports the safety snapshot group {0} as failed.', groupId), 'CreateSnapshotGroup');
}

// The safety snapshot taken of the disk's current state before the reset, so the rollback itself
// can be undone. Pure: the caller gives the clock, the disk's snapshot names and a fresh token.
import * as l10n from '@vscode/l10n';
import { BEFORE_ROLLBACK_TAG } from '../../rollback/rollbackApi';
import type { SafetySnapshotPlan } from '../../rollback/rollbackApi';
import { formatStamp } from '../../snapshot/naming';
import { uniqueSnapshotName } from '../quickBackupName';

export const SAFETY_SNAPSHOT_PREFIX = 'before-rollback';

export interface SafetySnapshotInput {
  now: Date;
  /** Names the disk's snapshots already have (the new one gets a name of its own). */
  takenNames: ReadonlySet<string>;
  /** ecsSnapshots.rollback.safetySnapshotRetentionDays; null: kept until deleted. */
  retentionDays: number | null;
  /** The snapshot the disk goes back to (named in the description). */
  targetSnapshotId: string;
  clientToken: string;
}

/** e.g. "before-rollback-20261127-1430" (or "-2" when the disk already has that name). */
export function safetySnapshotName(now: Date, takenNames: ReadonlySet<string>): string {
  return uniqueSnapshotName(`${SAFETY_SNAPSHOT_PREFIX}-${formatStamp(now)}`, takenNames);
}

export function planSafetySnapshot(input: SafetySnapshotInput): SafetySnapshotPlan {
  return {
    name: safetySnapshotName(input.now, input.takenNames),
    description: l10n.t('State of the disk before it was rolled back to {0}', input.targetSnapshotId),
    retentionDays: input.retentionDays ?? undefined,
    tags: [{ ...BEFORE_ROLLBACK_TAG }],
    clientToken: input.clientToken,
  };
}

// A disk's snapshots as choices for the rollback: newest first, quick backups and safety
// snapshots marked, unusable ones listed with the reason and not pickable. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { Disk, Snapshot, Tag } from '../../ecs/gateway';
import { BEFORE_ROLLBACK_TAG } from '../../rollback/rollbackApi';
import { snapshotLabel, snapshotStatusWord, retentionText } from '../../view/snapshotText';
import { formatDateTime, timeValue } from '../../view/timeText';
import type { PickChoice } from '../createSnapshot/prompter';
import { QUICK_BACKUP_TAG } from '../quickBackupIntent';
import { snapshotRefusal } from './preconditions';

export type SnapshotKind = 'quickBackup' | 'safety' | 'automatic' | 'manual';

export function snapshotKind(snapshot: Pick<Snapshot, 'tags' | 'snapshotType'>): SnapshotKind {
  if (hasTag(snapshot.tags, BEFORE_ROLLBACK_TAG)) return 'safety';
  if (hasTag(snapshot.tags, QUICK_BACKUP_TAG)) return 'quickBackup';
  return snapshot.snapshotType === 'auto' ? 'automatic' : 'manual';
}

/** Newest first (by the time ECS says each was taken). */
export function newestFirst(snapshots: readonly Snapshot[]): Snapshot[] {
  return [...snapshots].sort((a, b) => timeValue(b.creationTime) - timeValue(a.creationTime));
}

export function snapshotChoices(disk: Pick<Disk, 'diskId'>, snapshots: readonly Snapshot[]): PickChoice<Snapshot>[] {
  return newestFirst(snapshots).map((snapshot) => snapshotChoice(disk, snapshot));
}

export function snapshotChoice(disk: Pick<Disk, 'diskId'>, snapshot: Snapshot): PickChoice<Snapshot> {
  const refusal = snapshotRefusal(disk, snapshot);
  const kind = snapshotKind(snapshot);
  const icon = refusal ? '$(circle-slash)' : KIND_ICON[kind];
  const facts = [formatDateTime(snapshot.creationTime)];
  const mark = kindWord(kind);
  if (mark) facts.push(mark);
  if (snapshot.status !== 'accomplished') facts.push(snapshotStatusWord(snapshot));
  const detail = [snapshot.snapshotId, retentionText(snapshot.retentionDays)];
  if (refusal) detail.push(refusal.reason);
  return {
    label: `${icon} ${snapshotLabel(snapshot)}`,
    description: facts.join(' · '),
    detail: detail.join(' · '),
    blockedReason: refusal?.reason,
    value: snapshot,
  };
}

const KIND_ICON: Record<SnapshotKind, string> = {
  quickBackup: '$(history)',
  safety: '$(shield)',
  automatic: '$(clock)',
  manual: '$(device-camera)',
};

function kindWord(kind: SnapshotKind): string | undefined {
  switch (kind) {
    case 'quickBackup':
      return l10n.t('quick backup');
    case 'safety':
      return l10n.t('safety snapshot before a rollback');
    case 'automatic':
      return l10n.t('automatic');
    default:
      return undefined;
  }
}

function hasTag(tags: readonly Tag[], wanted: Tag): boolean {
  return tags.some((t) => t.key === wanted.key && t.value === wanted.value);
}

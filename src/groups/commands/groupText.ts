// How a snapshot group and its member snapshots read (the tree and the pickers). Pure.
import * as l10n from '@vscode/l10n';
import type { SnapshotGroup, SnapshotGroupMember } from '../../ecs/gateway';

/** The group's progress: the mean of its members' (ECS gives none for the group itself). */
export function groupProgress(group: Pick<SnapshotGroup, 'members'>): number {
  if (group.members.length === 0) return 0;
  return Math.round(group.members.reduce((sum, m) => sum + m.progress, 0) / group.members.length);
}

/** "Creating 57% · usable", "Ready", "Failed". */
export function groupStatusText(group: Pick<SnapshotGroup, 'status' | 'members'>): string {
  switch (group.status) {
    case 'progressing': {
      const usable = group.members.length > 0 && group.members.every((m) => m.available);
      const creating = l10n.t('Creating {0}%', groupProgress(group));
      return usable ? `${creating} · ${l10n.t('usable')}` : creating;
    }
    case 'accomplished':
      return l10n.t('Ready');
    case 'failed':
      return l10n.t('Failed');
    default:
      return group.status || l10n.t('Unknown status');
  }
}

/** A member: "Ready", "Creating 40% · usable", "Creating 40%". */
export function memberStatusText(member: SnapshotGroupMember, groupStatus: string): string {
  if (member.progress >= 100 && groupStatus !== 'failed') return l10n.t('Ready');
  if (groupStatus === 'failed') return l10n.t('Failed');
  const creating = l10n.t('Creating {0}%', Math.round(member.progress));
  return member.available ? `${creating} · ${l10n.t('usable')}` : creating;
}

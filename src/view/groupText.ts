// How snapshot groups and their member snapshots read under an instance. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { SnapshotGroup, SnapshotGroupMember } from '../ecs/gateway';
import { groupStatusText, memberStatusText } from '../groups/commands/groupText';
import { code, escapeMarkdown } from './diskText';
import type { IconSpec } from './treeIcons';
import { formatDateTime } from './timeText';

export function snapshotGroupLabel(group: Pick<SnapshotGroup, 'name' | 'snapshotGroupId'>): string {
  return group.name.trim() || group.snapshotGroupId;
}

/** e.g. `Creating 57% · usable · 3 disks · Dec 2, 2026, 2:30 PM`. */
export function snapshotGroupDescription(group: SnapshotGroup): string {
  const disks = group.members.length === 1 ? l10n.t('1 disk') : l10n.t('{0} disks', group.members.length);
  return [groupStatusText(group), disks, formatDateTime(group.creationTime)].join(' · ');
}

export function snapshotGroupTooltipMarkdown(group: SnapshotGroup): string {
  const rows: [string, string][] = [
    [l10n.t('Snapshot group'), code(group.snapshotGroupId)],
    [l10n.t('Status'), groupStatusText(group)],
    [l10n.t('Taken'), formatDateTime(group.creationTime)],
    [l10n.t('Disks'), String(group.members.length)],
    [l10n.t('Retention'), l10n.t('kept until deleted (a snapshot group has no retention period)')],
  ];
  if (group.description) rows.push([l10n.t('Description'), escapeMarkdown(group.description)]);
  const tags = group.tags.filter((t) => !t.key.startsWith('acs:'));
  if (tags.length) rows.push([l10n.t('Tags'), tags.map((t) => code(`${t.key}=${t.value}`)).join(' ')]);
  const head = `**${escapeMarkdown(snapshotGroupLabel(group))}**`;
  return [head, '', ...rows.map(([k, v]) => `${k}: ${v}  `), '', l10n.t('All its snapshots were taken at the same instant. Roll the instance back to it with "Roll Back Instance...".')].join('\n');
}

export function snapshotGroupIcon(group: Pick<SnapshotGroup, 'status'>): IconSpec {
  if (group.status === 'failed') return { id: 'error', color: 'errorForeground' };
  if (group.status === 'progressing') return { id: 'sync~spin' };
  return { id: 'layers', color: 'charts.green' };
}

/** e.g. `system · Creating 40% · usable`. */
export function groupMemberDescription(member: SnapshotGroupMember, groupStatus: string): string {
  const kind = member.sourceDiskType === 'system' ? l10n.t('system disk') : l10n.t('data disk');
  return [kind, memberStatusText(member, groupStatus), member.snapshotId].join(' · ');
}

export function groupMemberTooltipMarkdown(member: SnapshotGroupMember, diskName: string, groupStatus: string): string {
  return [
    `**${escapeMarkdown(diskName)}**`,
    '',
    `${l10n.t('Snapshot')}: ${code(member.snapshotId)}  `,
    `${l10n.t('Disk')}: ${code(member.sourceDiskId)}  `,
    `${l10n.t('Status')}: ${memberStatusText(member, groupStatus)}  `,
    `${l10n.t('Usable for rollback')}: ${member.available ? l10n.t('yes') : l10n.t('not yet')}`,
  ].join('\n');
}

export function groupMemberIcon(member: SnapshotGroupMember, groupStatus: string): IconSpec {
  if (groupStatus === 'failed') return { id: 'error', color: 'errorForeground' };
  if (member.progress >= 100) return { id: 'device-camera', color: 'charts.green' };
  return member.available ? { id: 'device-camera' } : { id: 'loading~spin' };
}

// "Roll Back Instance...", decided before anything is sent: what the group holds, whether each of
// its disks can be reset now (restore spec, group rollback procedure; Traps 10, 11, 16, 18), and
// the confirmation's texts: every member disk and what is lost since the group's time. Pure.
import * as l10n from '@vscode/l10n';
import type { Disk, Instance, Snapshot, SnapshotGroup, SnapshotGroupMember } from '../../ecs/gateway';
import { diskLabel, diskStatusWord } from '../../view/diskText';
import { instanceLabel, instanceStatusWord } from '../../view/instanceText';
import { formatDateTime } from '../../view/timeText';
import type { GroupMemberPlan } from '../groupApi';

/** Everything read before the confirmation (one group, one instance, its disks, their recent snapshots). */
export interface RollbackFacts {
  group: SnapshotGroup;
  instance?: Instance;
  /** The instance's disks now, by id. */
  disks: ReadonlyMap<string, Disk>;
  /** Recent snapshots of each member disk (to see one still being created). */
  snapshotsOf: ReadonlyMap<string, readonly Snapshot[]>;
}

export interface TrackerView {
  isRollingBackInstance(instanceId: string): boolean;
  isBackingUpInstance(instanceId: string): boolean;
  isRollingBackDisk(diskId: string): boolean;
  isCreating(diskId: string): boolean;
}

const CREATE_FROM = 'acs:ecs:createFrom';

/** The instance the group was taken of: its InstanceId, else the members' createFrom tag when they agree (Trap 12). */
export function instanceOfGroup(group: SnapshotGroup): string | undefined {
  if (group.instanceId) return group.instanceId;
  const sources = new Set(group.members.map((m) => m.tags.find((t) => t.key === CREATE_FROM)?.value));
  const [only] = [...sources];
  return sources.size === 1 && only ? only : undefined;
}

export function groupLabel(group: Pick<SnapshotGroup, 'name' | 'snapshotGroupId'>): string {
  return group.name.trim() || group.snapshotGroupId;
}

/** Why the instance cannot be rolled back to this group now, or undefined. Instance first, then each member. */
export function instanceRollbackRefusal(facts: RollbackFacts, tracker: TrackerView): string | undefined {
  const { group, instance } = facts;
  if (group.status === 'failed') return l10n.t('The snapshot group {0} failed; it holds nothing to roll back to.', groupLabel(group));
  if (group.members.length === 0) return l10n.t('The snapshot group {0} has no snapshots left to roll back to.', groupLabel(group));
  if (!instance) return l10n.t('ECS did not find the instance this group was taken of; it may have been released.');
  const name = instanceLabel(instance);
  if (instance.lockReasons.includes('security')) return l10n.t('Instance {0} is locked for security reasons; ECS refuses to stop it or roll back its disks.', name);
  if (instance.lockReasons.includes('financial')) {
    return l10n.t('Instance {0} is locked for overdue payment or has expired; settle or renew it in the Alibaba Cloud console before rolling back its disks.', name);
  }
  if (instance.status !== 'Running' && instance.status !== 'Stopped') {
    return l10n.t('Instance {0} is {1}; try again once it is Running or Stopped.', name, instanceStatusWord(instance.status));
  }
  if (tracker.isRollingBackInstance(instance.instanceId)) return l10n.t('A rollback of {0} is already running; wait until the status bar says it is done.', name);
  if (tracker.isBackingUpInstance(instance.instanceId)) return l10n.t('A group backup of {0} is still being created; roll back once it is ready.', name);
  for (const member of group.members) {
    const wrong = memberRefusal(facts, member, tracker);
    if (wrong) return wrong;
  }
  return undefined;
}

function memberRefusal(facts: RollbackFacts, member: SnapshotGroupMember, tracker: TrackerView): string | undefined {
  const disk = facts.disks.get(member.sourceDiskId);
  if (!disk) {
    return l10n.t('Disk {0} of the group is no longer attached to {1} (released or detached); ECS resets only a disk that still exists, with the instance it was taken on.', member.sourceDiskId, instanceLabel(facts.instance!));
  }
  const label = diskLabel(disk);
  if (disk.lockReasons.includes('security')) return l10n.t('Disk {0} is locked for security reasons; ECS refuses to roll it back.', label);
  if (disk.lockReasons.includes('financial')) return l10n.t('Disk {0} is locked for overdue payment; settle the account before rolling it back.', label);
  if (disk.status !== 'In_use' && disk.status !== 'Available') return l10n.t('Disk {0} is {1}; it can be rolled back once it is In use.', label, diskStatusWord(disk.status));
  if (tracker.isRollingBackDisk(disk.diskId)) return l10n.t('A rollback of disk {0} is already running; wait until the status bar says it is done.', label);
  if (!member.available && facts.group.status !== 'accomplished') {
    // InvalidSnapshotId.NotReady: instant access not ready yet (Trap 10).
    return l10n.t('The snapshot of {0} in this group is still being created ({1}%) and cannot be used yet; try again in a moment.', label, Math.round(member.progress));
  }
  const creating = tracker.isCreating(disk.diskId) || (facts.snapshotsOf.get(disk.diskId) ?? []).some((s) => s.status === 'progressing' && s.available !== true && s.snapshotId !== member.snapshotId);
  if (creating) return l10n.t('A snapshot of disk {0} is still being created; ECS rolls a disk back only once it is finished.', label);
  return undefined;
}

/** Which snapshot resets which disk, system disk first. */
export function memberPlans(facts: RollbackFacts): GroupMemberPlan[] {
  return [...facts.group.members]
    .sort((a, b) => Number(b.sourceDiskType === 'system') - Number(a.sourceDiskType === 'system'))
    .map((m) => {
      const disk = facts.disks.get(m.sourceDiskId);
      return { diskId: m.sourceDiskId, diskName: disk ? diskLabel(disk) : m.sourceDiskId, diskType: m.sourceDiskType || disk?.type || 'data', snapshotId: m.snapshotId };
    });
}

/** The modal's question. */
export function rollbackQuestion(instance: Instance, group: SnapshotGroup): string {
  return l10n.t('Roll back instance "{0}" to the snapshot group "{1}"?', instanceLabel(instance), groupLabel(group));
}

export interface RollbackChoices {
  safety?: { name: string };
  startAfter: boolean;
}

/** The modal's detail: the instance, every disk and its snapshot, what is lost, what will be done. */
export function rollbackDetail(facts: RollbackFacts, members: readonly GroupMemberPlan[], choices: RollbackChoices): string {
  const instance = facts.instance!;
  const when = formatDateTime(facts.group.creationTime);
  const lines = [
    l10n.t('Instance: {0} ({1}), {2}.', instanceLabel(instance), instance.instanceId, instanceStatusWord(instance.status)),
    l10n.t('Snapshot group: {0} ({1}), taken {2}.', groupLabel(facts.group), facts.group.snapshotGroupId, when),
    l10n.t('Disks rolled back ({0}):', members.length),
    ...members.map((m) => {
      const size = facts.disks.get(m.diskId)?.sizeGiB;
      const kind = m.diskType === 'system' ? l10n.t('system disk') : l10n.t('data disk');
      return `  • ${l10n.t('{0} ({1}), {2}{3}, to {4}', m.diskName, m.diskId, kind, size === undefined ? '' : `, ${l10n.t('{0} GiB', size)}`, m.snapshotId)}`;
    }),
    '',
    l10n.t('This cannot be undone: everything written to these disks after {0} is lost (files added, changed or deleted since then).', when),
  ];
  if (members.some((m) => m.diskType === 'system')) {
    lines.push(l10n.t('The system disk takes the operating system and its settings (hostname, SSH, network, installed packages) back to {0}; the login key pair or password stays as it is now.', when));
  }
  lines.push(l10n.t('A disk enlarged since then keeps its size, but its partitions and file systems return to the old layout: extend them again inside the OS.'));
  lines.push('');
  if (instance.status === 'Running') lines.push(l10n.t('{0} is stopped once first (keeping its resources reserved); it cannot be reached until it runs again.', instanceLabel(instance)));
  lines.push(
    choices.safety
      ? l10n.t('A safety group "{0}" of these disks as they are now is taken first (kept until deleted: groups have no retention period), so this rollback can be undone.', choices.safety.name)
      : l10n.t('No safety group: the disks as they are now cannot be brought back.'),
  );
  lines.push(l10n.t('Then each disk is rolled back; if one fails, the others may already be rolled back.'));
  lines.push(choices.startAfter ? l10n.t('Then the instance is started once.') : l10n.t('The instance stays stopped afterwards.'));
  return lines.join('\n');
}

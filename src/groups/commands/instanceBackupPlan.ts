// What "Back Up Instance..." offers and sends, decided from the instance's disks alone: which disks
// join the group (planGroup), which cannot but may be snapshotted on their own in the same go, which
// cannot be snapshotted at all now, the proposed name, the summary and the GroupBackupRequest.
// Pure (no `vscode`): unit-tested.
import * as l10n from '@vscode/l10n';
import type { Disk, Instance, Tag } from '../../ecs/gateway';
import type { GroupCandidateDisk, GroupExclusionReason, GroupPlan } from '../../snapshot/groupPlan';
import { planGroup } from '../../snapshot/groupPlan';
import { defaultSnapshotName } from '../../snapshot/naming';
import { formatTag } from '../../snapshot/tagInput';
import type { PickChoice } from '../../commands/createSnapshot/prompter';
import { categoryName, diskLabel, snapshotBlocker } from '../../view/diskText';
import { instanceLabel } from '../../view/instanceText';
import type { GroupBackupRequest, GroupDisk } from '../groupApi';

/** A ticked row: the disk joins the group, or is snapshotted on its own (it cannot join). */
export type DiskPick = { kind: 'member'; disk: Disk } | { kind: 'alone'; disk: Disk; reason: string };

export interface InstanceBackupOffer {
  plan: GroupPlan;
  /** Joinable disks (ticked), then disks offered alone (unticked), then those that cannot be snapshotted now. */
  choices: PickChoice<DiskPick>[];
}

/** Reasons that keep a disk out of a group but not from a snapshot of its own. */
const GROUP_ONLY: ReadonlySet<GroupExclusionReason> = new Set(['category', 'encrypted', 'multiAttach', 'zone', 'regionalMixed']);

export function candidateOf(disk: Disk, instanceLocks: readonly string[], creating: boolean): GroupCandidateDisk {
  return {
    diskId: disk.diskId,
    diskName: diskLabel(disk),
    category: disk.category,
    zoneId: disk.zoneId,
    sizeGiB: disk.sizeGiB,
    status: disk.status,
    type: disk.type,
    encrypted: disk.encrypted,
    multiAttach: disk.multiAttach,
    neverAttached: disk.neverAttached,
    creatingSnapshot: creating,
    // The instance's security or overdue lock refuses the group as the disk's own would.
    lockReasons: [...new Set([...disk.lockReasons, ...instanceLocks])],
  };
}

/** The rows of the disk pick, from the instance's disks (system first). */
export function instanceBackupOffer(instance: Instance, disks: readonly Disk[], isCreating: (diskId: string) => boolean): InstanceBackupOffer {
  const byId = new Map(disks.map((d) => [d.diskId, d]));
  const plan = planGroup(disks.map((d) => candidateOf(d, instance.lockReasons, isCreating(d.diskId))));
  const choices: PickChoice<DiskPick>[] = plan.members.map((m) => {
    const disk = byId.get(m.diskId)!;
    return { label: `$(database) ${diskLabel(disk)}`, description: diskFacts(disk), detail: l10n.t('in the group'), value: { kind: 'member', disk } };
  });
  const blocked: PickChoice<DiskPick>[] = [];
  for (const exclusion of plan.excluded) {
    const disk = byId.get(exclusion.disk.diskId)!;
    const alone = GROUP_ONLY.has(exclusion.reason) && !snapshotBlocker(disk, instance.lockReasons, isCreating(disk.diskId));
    if (alone) {
      choices.push({
        label: `$(device-camera) ${diskLabel(disk)}`,
        description: diskFacts(disk),
        detail: l10n.t('Cannot join the group: {0}. Tick it to snapshot it on its own.', exclusion.message),
        value: { kind: 'alone', disk, reason: exclusion.message },
      });
    } else {
      blocked.push({
        label: `$(circle-slash) ${diskLabel(disk)}`,
        blockedReason: l10n.t('cannot be snapshotted now: {0}', exclusion.message),
        value: { kind: 'alone', disk, reason: exclusion.message },
      });
    }
  }
  return { plan, choices: [...choices, ...blocked] };
}

/** What the pick says up front: how many join, and which cannot (with why). */
export function offerPlaceholder(instance: Instance, offer: InstanceBackupOffer): string {
  const members = offer.plan.members.length;
  const out = offer.plan.excluded.map((e) => `${e.disk.diskName ?? e.disk.diskId} (${e.message})`);
  const head =
    members === 0
      ? l10n.t('No disk of {0} can join a snapshot-consistent group.', instanceLabel(instance))
      : l10n.t('Disks of {0} to take at the same instant ({1} can join).', instanceLabel(instance), members);
  return out.length ? `${head} ${l10n.t('Cannot join: {0}.', out.join('; '))}` : head;
}

/** Nothing ticked: nothing to do. */
export function validateTicks(picked: readonly DiskPick[]): string | undefined {
  return picked.length === 0 ? l10n.t('Tick at least one disk (Space), then press Enter.') : undefined;
}

/** "web-01-20261202-1430": the instance's name (sanitised) and the local minute. */
export function defaultGroupName(instance: Instance, now: Date): string {
  return defaultSnapshotName(instanceLabel(instance), now);
}

export interface BackupChoices {
  members: Disk[];
  alone: Disk[];
  name: string;
  description: string;
  tags: Tag[];
}

/** The confirm row's texts: what is sent, retention (none for a group), tags, description, disks taken alone. */
export function backupSummary(choices: BackupChoices): { name: string; detail: string } {
  const parts: string[] = [];
  if (choices.members.length) {
    parts.push(
      choices.members.length === 1
        ? l10n.t('1 disk: {0}', choices.members.map(diskLabel).join(', '))
        : l10n.t('{0} disks: {1}', choices.members.length, choices.members.map(diskLabel).join(', ')),
    );
    parts.push(l10n.t('kept until deleted (a snapshot group has no retention period)'));
    if (choices.tags.length) parts.push(l10n.t('tags {0}', choices.tags.map(formatTag).join(', ')));
    if (choices.description) parts.push(l10n.t('description "{0}"', choices.description));
  }
  if (choices.alone.length) {
    parts.push(l10n.t('also on its own: {0} (kept until deleted)', choices.alone.map(diskLabel).join(', ')));
  }
  return { name: choices.members.length ? choices.name || l10n.t('(no name)') : l10n.t('(no group)'), detail: parts.join(' · ') };
}

export function groupDisk(disk: Disk): GroupDisk {
  return { diskId: disk.diskId, diskName: diskLabel(disk), diskType: disk.type };
}

/** The request exactly as confirmed: the ticked disks as DiskId.N (a disk attached meanwhile does not slip in). */
export function groupBackupRequest(input: {
  operationId: string;
  clientToken: string;
  regionId: string;
  sourceKey: string;
  instance: Instance;
  choices: BackupChoices;
  origin: GroupBackupRequest['origin'];
  now: Date;
}): GroupBackupRequest {
  const { choices } = input;
  return {
    operationId: input.operationId,
    regionId: input.regionId,
    sourceKey: input.sourceKey,
    instanceId: input.instance.instanceId,
    instanceName: instanceLabel(input.instance),
    disks: choices.members.map(groupDisk),
    allDisks: false,
    ...(choices.name ? { name: choices.name } : {}),
    ...(choices.description ? { description: choices.description } : {}),
    tags: choices.tags.map((t) => ({ key: t.key, value: t.value })),
    clientToken: input.clientToken,
    origin: input.origin,
    requestedAt: input.now.getTime(),
  };
}

function diskFacts(disk: Disk): string {
  const kind = disk.type === 'system' ? l10n.t('system disk') : l10n.t('data disk');
  return [disk.diskId, kind, l10n.t('{0} GiB', disk.sizeGiB), categoryName(disk.category, disk.performanceLevel)].join(' · ');
}

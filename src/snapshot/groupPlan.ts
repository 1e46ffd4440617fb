// Which disks can join one snapshot-consistent group, and why each other one cannot, said before
// anything is sent (restore spec, CreateSnapshotGroup preconditions, Trap 9). Pure: the caller
// passes what it knows of the disks. ECS stays the authority: a disk the plan lets in can still be
// refused, and the per-region count/size cap (16/32 TiB or 128/256 TiB, the sources disagree) is
// only warned about, never enforced here.
import * as l10n from '@vscode/l10n';

export interface GroupCandidateDisk {
  diskId: string;
  diskName?: string;
  category: string;
  zoneId: string;
  sizeGiB: number;
  /** In_use | Available | Attaching | ... */
  status: string;
  /** system | data */
  type: string;
  encrypted?: boolean;
  /** Attached to several instances at once. */
  multiAttach?: boolean;
  /** Available and never attached to an instance (ECS snapshots only disks attached once). */
  neverAttached?: boolean;
  /** A snapshot of it is being created and is not usable yet. */
  creatingSnapshot?: boolean;
  /** LockReason values of the disk (security, financial, ...). */
  lockReasons?: string[];
}

export type GroupExclusionReason =
  | 'category'
  | 'encrypted'
  | 'locked'
  | 'arrears'
  | 'status'
  | 'neverAttached'
  | 'multiAttach'
  | 'snapshotInProgress'
  | 'zone'
  | 'regionalMixed';

export interface GroupExclusion {
  disk: GroupCandidateDisk;
  reason: GroupExclusionReason;
  /** The code ECS would answer had the disk been sent. */
  code: string;
  /** A lowercase phrase to follow the disk's name, e.g. "d-1: it is encrypted, ...". */
  message: string;
}

export interface GroupWarning {
  kind: 'manyDisks' | 'largeCapacity';
  message: string;
}

export interface GroupPlan {
  /** The disks to send, system disk first. */
  members: GroupCandidateDisk[];
  excluded: GroupExclusion[];
  warnings: GroupWarning[];
  /** The zone of the members. */
  zoneId?: string;
  totalGiB: number;
}

/** ESSD, ESSD AutoPL, ESSD Entry and regional ESSD: the only categories groups take. */
const GROUP_CATEGORIES = new Set(['cloud_essd', 'cloud_auto', 'cloud_essd_entry', 'cloud_regional_disk_auto']);
const REGIONAL_ESSD = 'cloud_regional_disk_auto';
/** The smallest cap any source gives; regions with a larger one exist, so this only warns. */
const WARN_DISKS = 16;
const WARN_GIB = 32 * 1024;

export function planGroup(disks: readonly GroupCandidateDisk[], options: { zoneId?: string } = {}): GroupPlan {
  const excluded: GroupExclusion[] = [];
  const exclude = (disk: GroupCandidateDisk, reason: GroupExclusionReason, code: string, message: string) =>
    excluded.push({ disk, reason, code, message });

  const ordered = [...disks].sort((a, b) => rank(a) - rank(b));
  const eligible = ordered.filter((disk) => {
    const wrong = diskProblem(disk);
    if (wrong) exclude(disk, wrong.reason, wrong.code, wrong.message);
    return !wrong;
  });

  const zoneId = options.zoneId ?? chooseZone(eligible);
  const sameZone = eligible.filter((disk) => {
    if (disk.zoneId === zoneId) return true;
    exclude(disk, 'zone', 'InvalidDiskIds.NotInSameZone', l10n.t('it is in zone {0}; the group is in zone {1}, and a group takes disks of one zone', disk.zoneId, zoneId ?? ''));
    return false;
  });

  const regionalSide = chooseRegionalSide(sameZone);
  const members = sameZone.filter((disk) => {
    if ((disk.category === REGIONAL_ESSD) === regionalSide) return true;
    exclude(
      disk,
      'regionalMixed',
      'InvalidDisk.DiskCategoryInconsistent',
      regionalSide
        ? l10n.t('the group holds regional ESSDs, which cannot be grouped with disks of other categories')
        : l10n.t('it is a regional ESSD, which cannot be grouped with disks of other categories'),
    );
    return false;
  });

  const totalGiB = members.reduce((sum, d) => sum + d.sizeGiB, 0);
  const warnings: GroupWarning[] = [];
  if (members.length > WARN_DISKS) {
    warnings.push({
      kind: 'manyDisks',
      message: l10n.t('{0} disks: most regions take at most {1} disks in one group, and ECS will refuse the group if this region is one of them', members.length, WARN_DISKS),
    });
  }
  if (totalGiB > WARN_GIB) {
    warnings.push({
      kind: 'largeCapacity',
      message: l10n.t('{0} GiB in all: most regions take at most 32 TiB in one group, and ECS will refuse the group if this region is one of them', totalGiB),
    });
  }
  return { members, excluded: excluded.sort((a, b) => ordered.indexOf(a.disk) - ordered.indexOf(b.disk)), warnings, zoneId: members.length > 0 ? zoneId : undefined, totalGiB };
}

/** The first reason, of the disk alone, why ECS would refuse it in a group. */
function diskProblem(disk: GroupCandidateDisk): { reason: GroupExclusionReason; code: string; message: string } | undefined {
  if (!GROUP_CATEGORIES.has(disk.category)) {
    return {
      reason: 'category',
      code: 'DiskCategory.OperationNotSupported',
      message: l10n.t('its category ({0}) is not in the ESSD family; groups take ESSD, ESSD AutoPL, ESSD Entry and regional ESSD disks only', disk.category),
    };
  }
  if (disk.encrypted) {
    return { reason: 'encrypted', code: 'DiskCategory.OperationNotSupported', message: l10n.t('it is encrypted, and ECS does not put encrypted disks in a group') };
  }
  const locks = disk.lockReasons ?? [];
  if (locks.includes('security')) {
    return { reason: 'locked', code: 'InstanceLockedForSecurity', message: l10n.t('it is locked for security reasons') };
  }
  if (locks.includes('financial')) {
    return { reason: 'arrears', code: 'DiskInArrears', message: l10n.t('it is locked for an overdue payment') };
  }
  if (disk.status !== 'In_use' && disk.status !== 'Available') {
    return { reason: 'status', code: 'IncorrectDiskStatus', message: l10n.t('it is {0}; only disks In use or Available can be snapshotted', disk.status) };
  }
  if (disk.neverAttached) {
    return { reason: 'neverAttached', code: 'IncorrectDiskStatus.NeverAttached', message: l10n.t('it has never been attached to an instance') };
  }
  if (disk.multiAttach) {
    return { reason: 'multiAttach', code: 'InvalidOperation.MultiAttachDisk', message: l10n.t('it is attached to several instances (multi-attach), which groups do not take') };
  }
  if (disk.creatingSnapshot) {
    return { reason: 'snapshotInProgress', code: 'IncorrectDiskStatus.CreatingSnapshot', message: l10n.t('a snapshot of it is still being created') };
  }
  return undefined;
}

/** The system disk's zone, else the zone most eligible disks share (the first of a tie). */
function chooseZone(eligible: readonly GroupCandidateDisk[]): string | undefined {
  const system = eligible.find((d) => d.type === 'system');
  if (system) return system.zoneId;
  const counts = new Map<string, number>();
  for (const d of eligible) counts.set(d.zoneId, (counts.get(d.zoneId) ?? 0) + 1);
  let best: string | undefined;
  for (const [zone, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = zone;
  return best;
}

/** True when the group is to hold the regional ESSDs: the system disk's kind, else the larger side (a tie keeps the zonal disks). */
function chooseRegionalSide(disks: readonly GroupCandidateDisk[]): boolean {
  const system = disks.find((d) => d.type === 'system');
  if (system) return system.category === REGIONAL_ESSD;
  const regional = disks.filter((d) => d.category === REGIONAL_ESSD).length;
  return regional > disks.length - regional;
}

function rank(disk: GroupCandidateDisk): number {
  return disk.type === 'system' ? 0 : 1;
}

// Why a rollback cannot be sent right now, judged locally from what ECS and the tracker showed,
// so a refused rollback sends no write request at all (the cloud would refuse it anyway, often
// only after the instance was stopped). Pure: no `vscode` import.
import * as l10n from '@vscode/l10n';
import type { Disk, Instance, Snapshot } from '../../ecs/gateway';
import { diskStatusWord } from '../../view/diskText';
import { instanceStatusWord } from '../../view/instanceText';

export type RefusalKind =
  | 'securityLock'
  | 'financialLock'
  | 'categoryUnsupported'
  | 'diskState'
  | 'instanceMissing'
  | 'instanceState'
  | 'rollingBack'
  | 'creating'
  | 'otherDisk'
  | 'snapshotNotReady'
  | 'snapshotFailed'
  | 'snapshotTooOld';

export interface Refusal {
  kind: RefusalKind;
  /** A sentence for the user: what stands in the way (and, where it helps, what to do). */
  reason: string;
}

export interface DiskFacts {
  disk: Disk;
  /** The instance the disk is attached to, as DescribeInstances shows it; undefined when detached or not found. */
  instance?: Instance;
  /** The tracker runs a rollback of this disk. */
  rollingBack: boolean;
  /** A snapshot of this disk is being created (tracked, or seen progressing in its list). */
  creating: boolean;
}

/** ECS rolls back no local or ephemeral disk (DiskCategory.OperationNotSupported). */
const UNSUPPORTED_CATEGORY = /^(elastic_ephemeral_disk_|local_|ephemeral)/;
/** Snapshots made before this cannot be used to roll back (InvalidSnapshot.TooOld). */
const OLDEST_USABLE = Date.UTC(2013, 6, 15);
/** The instance states in which its disks can be rolled back (Stopped) or it can be stopped first (Running). */
const SETTLED_INSTANCE = new Set(['Running', 'Stopped']);

/** Why no snapshot can be rolled back onto this disk now, or undefined. */
export function diskRefusal(facts: DiskFacts): Refusal | undefined {
  const { disk, instance } = facts;
  const lockedBy = (reason: string): 'disk' | 'instance' | undefined =>
    disk.lockReasons.includes(reason) ? 'disk' : instance?.lockReasons.includes(reason) ? 'instance' : undefined;
  const security = lockedBy('security');
  if (security) {
    return {
      kind: 'securityLock',
      reason:
        security === 'disk'
          ? l10n.t('The disk is locked for security reasons; ECS refuses to roll it back.')
          : l10n.t('Instance {0} is locked for security reasons; ECS refuses to stop it or roll back its disks.', instanceLabel(facts)),
    };
  }
  const financial = lockedBy('financial');
  if (financial) {
    return {
      kind: 'financialLock',
      reason:
        financial === 'disk'
          ? l10n.t('The disk is locked for overdue payment; settle the account in the Alibaba Cloud console before rolling it back.')
          : l10n.t('Instance {0} is locked for overdue payment or has expired; settle or renew it in the Alibaba Cloud console before rolling back its disks.', instanceLabel(facts)),
    };
  }
  if (UNSUPPORTED_CATEGORY.test(disk.category)) {
    return { kind: 'categoryUnsupported', reason: l10n.t('ECS cannot roll back a disk of this category ({0}).', disk.category) };
  }
  if (disk.status !== 'In_use' && disk.status !== 'Available') {
    return { kind: 'diskState', reason: l10n.t('The disk is {0}; it can be rolled back once it is In use or Available.', diskStatusWord(disk.status)) };
  }
  if (disk.instanceId && !instance) {
    return { kind: 'instanceMissing', reason: l10n.t('ECS did not find instance {0}, which the disk is attached to; refresh the Disks view and try again.', disk.instanceId) };
  }
  if (instance && !SETTLED_INSTANCE.has(instance.status)) {
    return {
      kind: 'instanceState',
      reason: l10n.t('Instance {0} is {1}; try again once it is Running or Stopped.', instanceLabel(facts), instanceStatusWord(instance.status)),
    };
  }
  if (facts.rollingBack) {
    return { kind: 'rollingBack', reason: l10n.t('A rollback of this disk is already running; wait until the status bar says it is done.') };
  }
  if (facts.creating) {
    return { kind: 'creating', reason: l10n.t('A snapshot of this disk is still being created; ECS rolls the disk back only once it is finished.') };
  }
  return undefined;
}

/** Why this snapshot cannot be used to roll this disk back, or undefined. */
export function snapshotRefusal(disk: Pick<Disk, 'diskId'>, snapshot: Snapshot): Refusal | undefined {
  if (snapshot.sourceDiskId !== disk.diskId) {
    return { kind: 'otherDisk', reason: l10n.t('This snapshot was taken of another disk ({0}); a disk can only be rolled back to its own snapshots.', snapshot.sourceDiskId || '?') };
  }
  if (snapshot.status === 'failed') {
    return { kind: 'snapshotFailed', reason: l10n.t('This snapshot failed; it holds no data to roll back to.') };
  }
  if (snapshot.status !== 'accomplished' && snapshot.available !== true) {
    return { kind: 'snapshotNotReady', reason: l10n.t('This snapshot is still being created ({0}%); it can be used once it is ready.', Math.round(snapshot.progress)) };
  }
  const taken = Date.parse(snapshot.creationTime);
  if (!Number.isNaN(taken) && taken < OLDEST_USABLE) {
    return { kind: 'snapshotTooOld', reason: l10n.t('ECS cannot roll back to a snapshot taken before 15 July 2013.') };
  }
  return undefined;
}

/** Everything that refuses this rollback, disk first (the reason the user can act on first). */
export function rollbackRefusal(facts: DiskFacts, snapshot: Snapshot): Refusal | undefined {
  return diskRefusal(facts) ?? snapshotRefusal(facts.disk, snapshot);
}

function instanceLabel(facts: DiskFacts): string {
  const name = facts.instance?.instanceName.trim();
  const id = facts.instance?.instanceId ?? facts.disk.instanceId ?? '';
  return name ? `${name} (${id})` : id;
}

// ResetDisk: rolls a disk back to one of its own snapshots. The content comes back at once (see
// diskContent.ts); the disk stays busy for a while after the answer: a second reset is refused
// with InvalidOperation.DiskResetInProgress and starting its instance with DiskError until then.
// No RegionId (the endpoint's region) and no ClientToken.
//
// Check order (first failure wins):
//   1. MissingParameter (DiskId, SnapshotId); DryRun format
//   2. InvalidDiskId.NotFound, InvalidSnapshotId.NotFound (also a released or deleted snapshot)
//   3. account: snapshot service opened, balance
//   4. DiskCategory.OperationNotSupported
//   5. the snapshot: of this disk (InvalidParameter.Mismatch), not before 2013-07-15
//      (InvalidSnapshot.TooOld), usable: still copying -> InvalidSnapshotId.NotReady, failed ->
//      OperationDenied. Usable means Available in DescribeSnapshots: accomplished, or a group
//      member past its instant-access moment (ESSD), still uploading.
//   6. the attached instance exists (InvalidInstanceId.NotFound)
//   7. locks on the disk or its instance: security, then financial (InstanceExpiredOrInArrears)
//   8. disk status In_use/Available (IncorrectDiskStatus), no reset running, no snapshot of the
//      disk being created and not yet usable (IncorrectDiskStatus.HasUnfinishedSnapshot)
//   9. the attached instance is Stopped (not Stopping): IncorrectInstanceStatus
//  10. DryRun -> DryRunOperation (the state is judged too)

import type { ActionHandler } from './actionContext';
import { errors } from './errors';
import { beginReset, resetting } from './diskContent';
import { currentStatus } from './instanceClock';
import { boolParam } from './params';
import { restoreErrors } from './restoreErrors';
import { requireParam } from './restoreParams';

const UNSUPPORTED_CATEGORY = /^(elastic_ephemeral_disk_|local_|ephemeral)/;
/** Snapshots made before this cannot be used to roll back. */
const OLDEST_USABLE = Date.UTC(2013, 6, 15);

export const resetDisk: ActionHandler = ({ world, params }) => {
  const diskId = requireParam(params, 'DiskId');
  const snapshotId = requireParam(params, 'SnapshotId');
  const dryRun = boolParam(params, 'DryRun') ?? false;

  const disk = world.disks.get(diskId);
  if (!disk) throw errors.diskNotFound();
  const record = world.snapshots.get(snapshotId);
  const snapshot = record && world.view(record);
  if (!snapshot) throw errors.snapshotNotFound();

  if (!world.account.snapshotServiceEnabled) throw errors.serviceUnavailable();
  if (!world.account.enoughBalance) throw errors.notEnoughBalance();
  if (UNSUPPORTED_CATEGORY.test(disk.category)) throw restoreErrors.categoryNotSupported();

  if (snapshot.sourceDiskId !== disk.diskId) throw restoreErrors.snapshotMismatch();
  if (snapshot.startedAt < OLDEST_USABLE) throw restoreErrors.snapshotTooOld();
  if (snapshot.progress.status === 'progressing' && !snapshot.available) throw restoreErrors.snapshotNotReady();
  if (snapshot.progress.status === 'failed') throw restoreErrors.snapshotDenied();

  const instance = disk.instanceId === undefined ? undefined : world.instances.get(disk.instanceId);
  if (disk.instanceId !== undefined && !instance) throw restoreErrors.instanceNotFound();
  const locked = (reason: string) => disk.locks.includes(reason) || instance?.locks.some((l) => l.reason === reason);
  if (locked('security')) throw restoreErrors.lockedForSecurity();
  if (locked('financial')) throw restoreErrors.expiredOrInArrears();

  if (disk.status !== 'In_use' && disk.status !== 'Available') throw restoreErrors.incorrectDiskStatus();
  if (resetting(world, disk)) throw restoreErrors.resetInProgress();
  if (world.snapshotsOf(disk.diskId).some((s) => s.progress.status === 'progressing' && !s.available)) {
    throw restoreErrors.unfinishedSnapshot();
  }
  if (instance) {
    const status = currentStatus(world, instance);
    if (status !== 'Stopped') throw restoreErrors.incorrectInstanceStatus(status);
  }
  if (dryRun) throw restoreErrors.dryRunOperation();

  beginReset(world, disk, snapshot);
  return {};
};

// Reads what a rollback decision needs about one disk, fresh from ECS (a tree node may be stale):
// the disk, its instance, its snapshots. Pure (no `vscode`): ports only.
import * as l10n from '@vscode/l10n';
import type { Disk, EcsGateway, Instance, Snapshot } from '../../ecs/gateway';
import { describeEcsProblem, formatForUser } from '../../snapshot/catalog';
import { asEcsError } from '../createSnapshot/failure';

/** A disk keeps at most 256 manual snapshots plus automatic ones: a few pages of 100 hold them. */
const MAX_PAGES = 5;

export interface LoadedDisk {
  disk: Disk;
  /** Undefined when the disk is detached, or when ECS did not find its instance. */
  instance?: Instance;
  snapshots: Snapshot[];
}

export type LoadResult = { ok: true; loaded: LoadedDisk } | { ok: false; reason: string };

export async function loadDisk(gateway: EcsGateway, regionId: string, diskId: string): Promise<LoadResult> {
  let action = 'DescribeDisks';
  try {
    const disk = (await gateway.listDisks({ regionId, diskIds: [diskId] })).items.find((d) => d.diskId === diskId);
    if (!disk) return { ok: false, reason: l10n.t('Disk {0} no longer exists in {1}.', diskId, regionId) };
    action = 'DescribeInstances';
    const instance = disk.instanceId ? (await gateway.describeInstances(regionId, [disk.instanceId])).find((i) => i.instanceId === disk.instanceId) : undefined;
    action = 'DescribeSnapshots';
    const snapshots: Snapshot[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await gateway.listSnapshotsOfDisk({ regionId, diskId, nextToken });
      snapshots.push(...result.items);
      nextToken = result.nextToken;
      if (!nextToken) break;
    }
    return { ok: true, loaded: { disk, instance, snapshots } };
  } catch (error) {
    return { ok: false, reason: l10n.t('Could not load disk {0}: {1}', diskId, formatForUser(describeEcsProblem(asEcsError(error, action)))) };
  }
}

/** The snapshot to roll back to: from the disk's list, else asked by id (it may be another disk's). */
export async function findSnapshot(gateway: EcsGateway, regionId: string, loaded: LoadedDisk, snapshotId: string): Promise<{ ok: true; snapshot: Snapshot } | { ok: false; reason: string }> {
  const listed = loaded.snapshots.find((s) => s.snapshotId === snapshotId);
  if (listed) return { ok: true, snapshot: listed };
  try {
    const snapshot = (await gateway.describeSnapshots(regionId, [snapshotId])).find((s) => s.snapshotId === snapshotId);
    return snapshot ? { ok: true, snapshot } : { ok: false, reason: l10n.t('Snapshot {0} no longer exists in {1}.', snapshotId, regionId) };
  } catch (error) {
    return { ok: false, reason: l10n.t('Could not load snapshot {0}: {1}', snapshotId, formatForUser(describeEcsProblem(asEcsError(error, 'DescribeSnapshots')))) };
  }
}

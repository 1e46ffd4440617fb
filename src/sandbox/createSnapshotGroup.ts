// CreateSnapshotGroup: crash-consistent snapshots of several disks, all taken at one instant.
// Every member is an ordinary snapshot (DescribeSnapshots lists it, tagged acs:ecs:createFrom with
// its instance, no retention) progressing like CreateSnapshot's; ESSD members are usable early
// (instant access, see snapshotGroups.ts).
//
// Check order (first failure wins):
//   1. RegionId (MissingRegionId, InvalidRegionId.NotFound)
//   2. the disk lists: DiskId.N / ExcludeDiskId.N well formed (InvalidParameter), not both
//      (InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict), InstanceId or DiskId.N given
//      (MissingParamter.InstanceId, sic; ExcludeDiskId.N needs InstanceId too)
//   3. Name, Description (InvalidParameter.Name / .Description), Tag.N, ClientToken formats
//   4. idempotency: a known ClientToken with the same parameters answers the earlier group;
//      with different parameters, IdempotentParameterMismatch (per account and region)
//   5. InvalidResourceGroup.NotFound, InvalidRegion.NotSupport
//   6. the instance (InvalidInstanceId.NotFound), the disks (InvalidDiskId.NotFound, also a disk not
//      attached to the given instance), InvalidInstance.NoDisk
//   7. account: snapshot service opened, balance
//   8. each disk: ESSD family, not encrypted (DiskCategory.OperationNotSupported), not multi-attach
//   9. all disks: one zone, regional ESSD not mixed with others, disk count and capacity of the
//      region (world.groupLimits)
//  10. the instances: security lock, financial lock (DiskInArrears), status Running or Stopped
//      (IncorrectInstanceStatus)
//  11. each disk: arrears, status, reset running, never attached, never used, a snapshot being
//      created, in-flight snapshots (QuotaExceed.ConcurrentSnapshotQuota), 256 manual snapshots

import type { ActionHandler } from './actionContext';
import { SNAPSHOT_QUOTA } from './createSnapshot';
import { checkClientToken } from './createSnapshotRules';
import { resetting } from './diskContent';
import { errors } from './errors';
import { groupErrors } from './groupErrors';
import { checkGroupDescription, checkGroupName, groupTags, stringList } from './groupRules';
import { currentStatus } from './instanceClock';
import { optional, type Params } from './params';
import { regionOf } from './regionParam';
import { restoreErrors } from './restoreErrors';
import { GROUP_CATEGORIES, INSTANT_ACCESS_SECONDS, MAX_IN_FLIGHT, REGIONAL_ESSD } from './snapshotGroups';
import type { DiskRecord, InstanceRecord, Tag, World } from './world';

/** N of DiskId.N / ExcludeDiskId.N: 1..128 (the SDK's bound; the region's own limit comes later). */
const MAX_LIST = 128;
const CREATE_FROM = 'acs:ecs:createFrom';

function fingerprint(params: Params, lists: string[][], tags: Tag[]): string {
  const fields = ['InstanceId', 'Name', 'Description', 'ResourceGroupId', 'InstantAccess', 'InstantAccessRetentionDays', 'StorageLocationArn'];
  return JSON.stringify({ fields: fields.map((f) => optional(params, f) ?? ''), lists, tags });
}

/** The disks the group covers, system disk first, with the instance when one was named. */
function resolveDisks(world: World, regionId: string, params: Params, diskIds: string[], exclude: string[]) {
  const instanceId = optional(params, 'InstanceId');
  const diskIn = (id: string) => {
    const d = world.disks.get(id);
    if (!d || d.regionId !== regionId) throw errors.diskNotFound();
    return d;
  };
  if (instanceId === undefined) return { disks: diskIds.map(diskIn) };
  const instance = world.instances.get(instanceId);
  if (!instance || instance.regionId !== regionId) throw restoreErrors.instanceNotFound();
  const own = world
    .disksIn(regionId)
    .filter((d) => d.instanceId === instanceId)
    .sort((a, b) => (a.type === b.type ? 0 : a.type === 'system' ? -1 : 1));
  const ofInstance = (id: string) => {
    const d = diskIn(id);
    if (d.instanceId !== instanceId) throw groupErrors.notAttachedToInstance(id);
    return d;
  };
  const excluded = new Set(exclude.map(ofInstance));
  const disks = diskIds.length > 0 ? diskIds.map(ofInstance) : own.filter((d) => !excluded.has(d));
  if (disks.length === 0) throw groupErrors.noDisk();
  return { instance, disks };
}

function checkCategories(disks: DiskRecord[]): void {
  for (const d of disks) {
    if (!GROUP_CATEGORIES.test(d.category)) throw groupErrors.categoryNotSupported();
    if (d.encrypted) throw groupErrors.specialDisk();
    if (d.multiAttach) throw groupErrors.multiAttach();
  }
}

function checkTogether(world: World, regionId: string, disks: DiskRecord[]): void {
  if (new Set(disks.map((d) => d.zoneId)).size > 1) throw groupErrors.notInSameZone();
  const regional = disks.filter((d) => d.category === REGIONAL_ESSD).length;
  if (regional > 0 && regional < disks.length) throw groupErrors.categoryInconsistent();
  const { standard, large, largeRegions } = world.groupLimits;
  const limit = largeRegions.has(regionId) ? large : standard;
  if (disks.length > limit.disks) throw groupErrors.tooManyDisks(limit.disks);
  if (disks.reduce((sum, d) => sum + d.sizeGiB, 0) > limit.tib * 1024) throw groupErrors.tooMuchCapacity(limit.tib);
}

function checkInstances(world: World, disks: DiskRecord[]): void {
  const instances = new Set<InstanceRecord>();
  for (const d of disks) {
    const i = d.instanceId === undefined ? undefined : world.instances.get(d.instanceId);
    if (i) instances.add(i);
  }
  for (const i of instances) {
    if (i.locks.some((l) => l.reason === 'security')) throw errors.lockedForSecurity();
    // An instance in arrears: its disks are, too (the group's table names only DiskInArrears).
    if (i.locks.some((l) => l.reason === 'financial')) throw errors.diskInArrears();
    const status = currentStatus(world, i);
    if (status !== 'Running' && status !== 'Stopped') throw groupErrors.incorrectInstanceStatus(status);
  }
}

function checkDiskStates(world: World, disks: DiskRecord[]): void {
  for (const d of disks) {
    if (d.locks.includes('security')) throw errors.lockedForSecurity();
    if (d.locks.includes('financial')) throw errors.diskInArrears();
    if ((d.status !== 'In_use' && d.status !== 'Available') || resetting(world, d)) throw errors.incorrectDiskStatus();
    if (d.status === 'Available' && d.attachedTime === undefined) throw errors.neverAttached();
    if (d.neverUsed) throw errors.neverUsed();
    const existing = world.snapshotsOf(d.diskId);
    const inFlight = existing.filter((s) => s.progress.status === 'progressing');
    if (inFlight.some((s) => !s.available)) throw errors.creatingSnapshot();
    if (inFlight.length >= MAX_IN_FLIGHT) throw groupErrors.concurrentQuota(d.diskId, MAX_IN_FLIGHT);
    if (existing.filter((s) => s.snapshotType === 'user').length >= SNAPSHOT_QUOTA) throw errors.snapshotQuota();
  }
}

export const createSnapshotGroup: ActionHandler = ({ world, params }) => {
  const regionId = regionOf(world, params);
  const diskIds = stringList(params, 'DiskId', MAX_LIST, () => groupErrors.tooManyDisks(MAX_LIST));
  const exclude = stringList(params, 'ExcludeDiskId', MAX_LIST, () => groupErrors.tooManyDisks(MAX_LIST));
  if (diskIds.length > 0 && exclude.length > 0) throw groupErrors.listsConflict();
  const instanceId = optional(params, 'InstanceId');
  if (instanceId === undefined && (diskIds.length === 0 || exclude.length > 0)) throw groupErrors.missingInstanceId();

  const name = optional(params, 'Name');
  checkGroupName(name);
  const description = optional(params, 'Description');
  checkGroupDescription(description);
  const tags = groupTags(params);
  const clientToken = optional(params, 'ClientToken');
  checkClientToken(clientToken);

  const print = fingerprint(params, [diskIds, exclude], tags);
  const tokenKey = clientToken === undefined ? undefined : `CreateSnapshotGroup\u0000${regionId}\u0000${clientToken}`;
  const earlier = tokenKey === undefined ? undefined : world.clientTokens.get(tokenKey);
  if (earlier) {
    if (earlier.fingerprint !== print) throw errors.idempotentMismatch();
    return { SnapshotGroupId: earlier.snapshotId };
  }

  const resourceGroupId = optional(params, 'ResourceGroupId');
  if (resourceGroupId !== undefined && !world.resourceGroups.has(resourceGroupId)) throw errors.resourceGroupNotFound();
  if (world.groupLimits.unsupportedRegions.has(regionId)) throw groupErrors.regionNotSupported();
  const { disks } = resolveDisks(world, regionId, params, diskIds, exclude);
  if (!world.account.snapshotServiceEnabled) throw errors.serviceUnavailable();
  if (!world.account.enoughBalance) throw errors.notEnoughBalance();
  checkCategories(disks);
  checkTogether(world, regionId, disks);
  checkInstances(world, disks);
  checkDiskStates(world, disks);

  // One instant for every member: the same start time and the content of every disk as it is now.
  const at = world.now();
  const snapshotGroupId = world.newId('ssg', regionId);
  const sources = new Set(disks.map((d) => d.instanceId));
  const members = disks.map((d) =>
    world.startSnapshot(
      d,
      {
        snapshotName: name ?? '',
        description: description ?? '',
        retentionDays: undefined,
        tags: [...tags, ...(d.instanceId === undefined ? [] : [{ key: CREATE_FROM, value: d.instanceId }])],
        resourceGroupId,
        snapshotGroupId,
        instantAccessSeconds: INSTANT_ACCESS_SECONDS,
      },
      at,
    ),
  );
  world.snapshotGroups.set(snapshotGroupId, {
    snapshotGroupId,
    name: name ?? '',
    description: description ?? '',
    regionId,
    creationTime: at,
    instanceId: sources.size === 1 ? [...sources][0] : undefined,
    resourceGroupId,
    tags,
    snapshotIds: members.map((s) => s.snapshotId),
  });
  if (tokenKey !== undefined) world.clientTokens.set(tokenKey, { fingerprint: print, snapshotId: snapshotGroupId });
  return { SnapshotGroupId: snapshotGroupId };
};

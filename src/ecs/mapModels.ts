// SDK response models -> the product's types. Type-only imports: nothing here loads the SDK.
import type { Disk, Instance, Region, Snapshot, SnapshotGroup, SnapshotGroupDeletion, Tag } from './gateway';
import type {
  DescribeDisksResponseBodyDisksDisk,
  DescribeInstancesResponseBodyInstancesInstance,
  DescribeRegionsResponseBodyRegionsRegion,
  DescribeSnapshotsResponseBodySnapshotsSnapshot,
  DescribeSnapshotGroupsResponseBodySnapshotGroupsSnapshotGroup,
  DeleteSnapshotGroupResponseBody,
} from './sdkClient';

export function toRegion(r: DescribeRegionsResponseBodyRegionsRegion): Region {
  return {
    regionId: r.regionId ?? '',
    localName: r.localName ?? r.regionId ?? '',
    endpoint: r.regionEndpoint || undefined,
    status: r.status || undefined,
  };
}

export function toDisk(d: DescribeDisksResponseBodyDisksDisk): Disk {
  const disk: Disk = {
    diskId: d.diskId ?? '',
    diskName: d.diskName ?? '',
    description: d.description ?? '',
    sizeGiB: toNumber(d.size) ?? 0,
    category: d.category ?? '',
    performanceLevel: d.performanceLevel || undefined,
    status: d.status ?? '',
    type: d.type ?? '',
    instanceId: d.instanceId || undefined,
    device: d.device || undefined,
    zoneId: d.zoneId ?? '',
    portable: d.portable,
    encrypted: d.encrypted,
    creationTime: d.creationTime ?? '',
    tags: toTags(d.tags?.tag),
    lockReasons: lockReasons(d.operationLocks?.operationLock),
  };
  // Set only when true, so a disk stays what it was for every other reader.
  if (d.multiAttach === 'Enabled') disk.multiAttach = true;
  if (d.status === 'Available' && !d.attachedTime && !d.detachedTime) disk.neverAttached = true;
  return disk;
}

export function toSnapshot(s: DescribeSnapshotsResponseBodySnapshotsSnapshot): Snapshot {
  return {
    snapshotId: s.snapshotId ?? '',
    snapshotName: s.snapshotName ?? '',
    description: s.description ?? '',
    status: s.status ?? '',
    progress: parseProgress(s.progress, s.status),
    remainTime: toNumber(s.remainTime),
    available: s.available,
    sourceDiskId: s.sourceDiskId ?? '',
    sourceDiskSizeGiB: toNumber(s.sourceDiskSize),
    snapshotType: s.snapshotType || undefined,
    retentionDays: toNumber(s.retentionDays),
    creationTime: s.creationTime ?? '',
    lastModifiedTime: s.lastModifiedTime || undefined,
    tags: toTags(s.tags?.tag),
  };
}

/** Instance locks sit one level deeper than disk locks: OperationLocks.LockReason[].LockReason. */
export function toInstance(i: DescribeInstancesResponseBodyInstancesInstance): Instance {
  const instance: Instance = {
    instanceId: i.instanceId ?? '',
    instanceName: i.instanceName ?? '',
    status: i.status ?? '',
    lockReasons: lockReasons(i.operationLocks?.lockReason),
  };
  // Absent (not undefined) when ECS does not tell: KeepCharging | StopCharging | Not-applicable.
  if (i.stoppedMode) instance.stoppedMode = i.stoppedMode;
  return instance;
}

/** Group tags are Key/Value, not TagKey/TagValue as in DescribeDisks/DescribeSnapshots (Trap 12). */
export function toSnapshotGroup(g: DescribeSnapshotGroupsResponseBodySnapshotGroupsSnapshotGroup): SnapshotGroup {
  const status = g.status ?? '';
  const group: SnapshotGroup = {
    snapshotGroupId: g.snapshotGroupId ?? '',
    name: g.name ?? '',
    description: g.description ?? '',
    status,
    creationTime: g.creationTime ?? '',
    tags: toKeyValueTags(g.tags?.tag),
    members: (g.snapshots?.snapshot ?? []).map((s) => ({
      snapshotId: s.snapshotId ?? '',
      sourceDiskId: s.sourceDiskId ?? '',
      sourceDiskType: s.sourceDiskType ?? '',
      progress: parseProgress(s.progress, status),
      available: s.available === true,
      tags: toKeyValueTags(s.tags?.tag),
    })),
  };
  // Empty when the members come from several instances: absent then, not ''.
  if (g.instanceId) group.instanceId = g.instanceId;
  return group;
}

/** One outcome per member snapshot: OperationStatus "Success", or the error ECS gives. */
export function toGroupDeletions(body: DeleteSnapshotGroupResponseBody): SnapshotGroupDeletion[] {
  return (body.operationProgressSet?.operationProgress ?? []).map((p) => {
    const related = p.relatedItemSet?.relatedItem ?? [];
    const snapshotId = related.find((r) => r.name === 'SnapshotId')?.value ?? related[0]?.value ?? '';
    if (p.operationStatus === 'Success') return { snapshotId, deleted: true };
    return { snapshotId, deleted: false, errorCode: p.errorCode || undefined, errorMessage: p.errorMsg || undefined };
  });
}

/** "42%" -> 42; clamps to 0..100; an accomplished snapshot without a figure is 100. */
export function parseProgress(progress: string | undefined, status?: string): number {
  const value = Number.parseFloat(String(progress ?? '').replace('%', ''));
  if (Number.isNaN(value)) return status === 'accomplished' ? 100 : 0;
  return Math.min(100, Math.max(0, value));
}

/** What a disk or snapshot without tags or locks gets: one shared list, not one per item (100,000 disks a region). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

function toTags(tags: { tagKey?: string; tagValue?: string }[] | undefined): Tag[] {
  let out: Tag[] | undefined;
  for (const t of tags ?? NONE) if (t.tagKey) (out ??= []).push({ key: t.tagKey, value: t.tagValue ?? '' });
  return out ?? NONE;
}

function toKeyValueTags(tags: { key?: string; value?: string }[] | undefined): Tag[] {
  return (tags ?? []).filter((t) => t.key).map((t) => ({ key: t.key ?? '', value: t.value ?? '' }));
}

function lockReasons(locks: { lockReason?: string }[] | undefined): string[] {
  let out: string[] | undefined;
  for (const l of locks ?? NONE) if (l.lockReason) (out ??= []).push(l.lockReason);
  return out ?? NONE;
}

function toNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}

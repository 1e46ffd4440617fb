// DescribeSnapshots: progress is computed at the moment of the call (see snapshotsClock.ts).

import { ApiError, errors } from './errors';
import { idList, optional, page, paging, queryScope } from './params';
import type { SnapshotView } from './world';
import { isoTime, tagFilter, tagsOut, type ActionHandler } from './actionContext';
import { regionOf } from './regionParam';
import { snapshotFields } from './answerFields';

/** An enumerated filter; an unknown value is 404 Invalid<Name>.NotFound, as the reference gives. */
function oneOf(params: Map<string, string>, name: string, allowed: string[]): string | undefined {
  const v = optional(params, name);
  if (v !== undefined && !allowed.includes(v)) {
    throw new ApiError(404, `Invalid${name}.NotFound`, `The specified ${name} is not found. It must be one of ${allowed.join(', ')}.`);
  }
  return v === 'all' ? undefined : v;
}

export const describeSnapshots: ActionHandler = ({ world, params }) => {
  const regionId = regionOf(world, params);
  const ids = idList(params, 'SnapshotIds');
  const scope = queryScope('DescribeSnapshots', params);
  const p = paging(params, { maxResults: { min: 10, max: 100 }, pageSizeMax: 100 }, scope);
  const diskId = optional(params, 'DiskId');
  const instanceId = optional(params, 'InstanceId');
  const type = oneOf(params, 'SnapshotType', ['auto', 'user', 'all']);
  const status = oneOf(params, 'Status', ['progressing', 'accomplished', 'failed', 'all']);
  const name = optional(params, 'SnapshotName');
  const sourceDiskType = optional(params, 'SourceDiskType')?.toLowerCase();
  if (sourceDiskType !== undefined && sourceDiskType !== 'system' && sourceDiskType !== 'data') {
    throw errors.invalidParameter('SourceDiskType', 'It must be System or Data.');
  }
  const tagsMatch = tagFilter(params);
  const idSet = ids && new Set(ids);

  const source = diskId !== undefined ? world.snapshotsOf(diskId).filter((s) => s.regionId === regionId) : world.snapshotsIn(regionId);
  const matches = source.filter(
    (s) =>
      (!idSet || idSet.has(s.snapshotId)) &&
      (instanceId === undefined || world.disks.get(s.sourceDiskId)?.instanceId === instanceId) &&
      (type === undefined || s.snapshotType === type) &&
      (status === undefined || s.progress.status === status) &&
      (name === undefined || s.snapshotName === name) &&
      (sourceDiskType === undefined || s.sourceDiskType === sourceDiskType) &&
      tagsMatch(s.tags),
  );
  const { items, fields } = page(matches, p, scope);
  return { Snapshots: { Snapshot: items.map(snapshotOut) }, ...fields };
};

export function snapshotOut(s: SnapshotView): Record<string, unknown> {
  const instantAccess = /^cloud_(essd|auto)/.test(s.sourceDiskCategory);
  return {
    SnapshotId: s.snapshotId,
    SnapshotName: s.snapshotName,
    Description: s.description,
    RegionId: s.regionId,
    Status: s.progress.status,
    Progress: `${s.progress.percent}%`,
    RemainTime: s.progress.remainTime,
    Available: s.available,
    SourceDiskId: s.sourceDiskId,
    SourceDiskSize: String(s.sourceDiskSizeGiB),
    SourceDiskType: s.sourceDiskType === 'system' ? 'System' : 'Data',
    SourceStorageType: 'disk',
    SnapshotType: s.snapshotType,
    Usage: s.imageId === undefined ? 'none' : 'image',
    Category: 'standard',
    InstantAccess: instantAccess,
    Encrypted: false,
    ...(s.retentionDays !== undefined ? { RetentionDays: s.retentionDays } : {}),
    CreationTime: isoTime(s.startedAt),
    LastModifiedTime: isoTime(s.progress.finishedAt ?? s.startedAt),
    Tags: tagsOut(s.tags),
    ...snapshotFields(s, instantAccess),
  };
}

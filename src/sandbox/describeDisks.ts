// DescribeDisks: filters, then one page (MaxResults 1..500 + NextToken, or PageNumber/PageSize <= 100).

import { boolParam, idList, optional, page, paging, queryScope } from './params';
import type { DiskRecord } from './world';
import { isoTime, tagFilter, tagsOut, type ActionHandler } from './actionContext';
import { regionOf } from './regionParam';
import { diskFields } from './answerFields';

const any = (v: string | undefined) => v === undefined || v.toLowerCase() === 'all';

export const describeDisks: ActionHandler = ({ world, params }) => {
  const regionId = regionOf(world, params);
  const ids = idList(params, 'DiskIds');
  const scope = queryScope('DescribeDisks', params);
  const p = paging(params, { maxResults: { min: 1, max: 500 }, pageSizeMax: 100 }, scope);
  const status = optional(params, 'Status');
  const instanceId = optional(params, 'InstanceId');
  const category = optional(params, 'Category');
  const diskType = optional(params, 'DiskType');
  const zoneId = optional(params, 'ZoneId');
  const diskName = optional(params, 'DiskName');
  const portable = boolParam(params, 'Portable');
  const tagsMatch = tagFilter(params);
  const idSet = ids && new Set(ids);

  const matches = world.disksIn(regionId).filter(
    (d) =>
      (!idSet || idSet.has(d.diskId)) &&
      (any(status) || d.status === status) &&
      (instanceId === undefined || d.instanceId === instanceId) &&
      (any(category) || d.category === category) &&
      (any(diskType) || d.type === diskType) &&
      (zoneId === undefined || d.zoneId === zoneId) &&
      (diskName === undefined || d.diskName === diskName) &&
      (portable === undefined || d.portable === portable) &&
      tagsMatch(d.tags),
  );
  const { items, fields } = page(matches, p, scope);
  return { Disks: { Disk: items.map(diskOut) }, ...fields };
};

export function diskOut(d: DiskRecord): Record<string, unknown> {
  return {
    DiskId: d.diskId,
    DiskName: d.diskName,
    Description: d.description,
    RegionId: d.regionId,
    ZoneId: d.zoneId,
    Size: d.sizeGiB,
    Category: d.category,
    ...(d.performanceLevel ? { PerformanceLevel: d.performanceLevel } : {}),
    Status: d.status,
    Type: d.type,
    InstanceId: d.instanceId ?? '',
    Device: d.device ?? '',
    Portable: d.portable,
    Encrypted: d.encrypted,
    DiskChargeType: d.chargeType,
    DeleteWithInstance: !d.portable,
    DeleteAutoSnapshot: false,
    EnableAutoSnapshot: true,
    EnableAutomatedSnapshotPolicy: false,
    MultiAttach: d.multiAttach ? 'Enabled' : 'Disabled',
    CreationTime: isoTime(d.creationTime),
    AttachedTime: isoTime(d.attachedTime),
    DetachedTime: isoTime(d.detachedTime),
    ExpiredTime: d.expiredTime !== undefined ? isoTime(d.expiredTime) : '2999-09-08T16:00Z',
    SerialNumber: d.diskId.slice(2, 22),
    Attachments: {
      Attachment: d.instanceId
        ? [{ InstanceId: d.instanceId, Device: d.device ?? '', AttachedTime: isoTime(d.attachedTime) }]
        : [],
    },
    MountInstances: { MountInstance: [] },
    Tags: tagsOut(d.tags),
    OperationLocks: { OperationLock: d.locks.map((LockReason) => ({ LockReason })) },
    ...diskFields(d),
  };
}

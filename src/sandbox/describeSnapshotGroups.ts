// DescribeSnapshotGroups: groups and their member snapshots, progress computed at the call. Paged
// by MaxResults (1..100, default 10) and NextToken only; filters are ANDed. Group tags answer as
// Key/Value (not TagKey/TagValue as DescribeDisks/DescribeSnapshots do).

import type { ActionHandler } from './actionContext';
import { isoTime, tagFilter } from './actionContext';
import { errors } from './errors';
import { groupErrors } from './groupErrors';
import { stringList } from './groupRules';
import { checkTags, tagParams } from './createSnapshotRules';
import { optional, page, paging, queryScope } from './params';
import { regionOf } from './regionParam';
import { restoreErrors } from './restoreErrors';
import { groupsIn, type GroupView } from './snapshotGroups';
import type { Tag } from './world';

const STATUSES = ['progressing', 'accomplished', 'failed'];
/** A group spanning instances names none; its members' tags do (restore spec, trap 12). */
const CREATE_FROM = 'acs:ecs:createFrom';
const PROGRESS_ATTRIBUTE = 'SNAPSHOT_GROUP_PROGRESS_STATUS';

const keyValue = (tags: Tag[]) => ({ Tag: tags.map((t) => ({ Key: t.key, Value: t.value })) });

export const describeSnapshotGroups: ActionHandler = ({ world, params }) => {
  const regionId = regionOf(world, params);
  const ids = stringList(params, 'SnapshotGroupId', 10, () => errors.invalidParameter('SnapshotGroupId.N', 'It takes at most 10 IDs.'));
  const statuses = stringList(params, 'Status', 3, groupErrors.statusNotSupported);
  if (statuses.some((s) => !STATUSES.includes(s))) throw groupErrors.statusNotSupported();
  // Tags are checked like CreateSnapshotGroup's (Duplicate.TagKey), then used as a filter.
  checkTags(tagParams(params));
  const attributes = stringList(params, 'AdditionalAttributes', 10, () => errors.invalidParameter('AdditionalAttributes.N'));
  if (attributes.includes(PROGRESS_ATTRIBUTE) && ids.length !== 1) throw groupErrors.mustBeOne();
  const instanceId = optional(params, 'InstanceId');
  if (instanceId !== undefined && world.instances.get(instanceId)?.regionId !== regionId) throw restoreErrors.instanceNotFound();
  const name = optional(params, 'Name');
  const resourceGroupId = optional(params, 'ResourceGroupId');
  const scope = queryScope('DescribeSnapshotGroups', params);
  // MaxResults 1..100 and a NextToken of this same query (checked as for the other Describe* calls).
  const p = paging(params, { maxResults: { min: 1, max: 100 }, pageSizeMax: 100 }, scope);
  const offset = p.mode === 'token' ? p.offset : 0;
  const limit = p.mode === 'token' ? p.limit : 10;
  const tagsMatch = tagFilter(params);

  const matches = groupsIn(world, regionId).filter(
    (g) =>
      (ids.length === 0 || ids.includes(g.snapshotGroupId)) &&
      (statuses.length === 0 || statuses.includes(g.status)) &&
      (instanceId === undefined || g.members.some((m) => m.tags.some((t) => t.key === CREATE_FROM && t.value === instanceId))) &&
      (name === undefined || g.name === name) &&
      (resourceGroupId === undefined || g.resourceGroupId === resourceGroupId) &&
      tagsMatch(g.tags),
  );
  const { items, fields } = page(matches, { mode: 'token', offset, limit }, scope);
  return { NextToken: fields.NextToken, SnapshotGroups: { SnapshotGroup: items.map(groupOut) } };
};

function groupOut(g: GroupView): Record<string, unknown> {
  return {
    SnapshotGroupId: g.snapshotGroupId,
    Name: g.name,
    Description: g.description,
    Status: g.status,
    CreationTime: isoTime(g.creationTime),
    InstanceId: g.instanceId ?? '',
    ResourceGroupId: g.resourceGroupId ?? '',
    ProgressStatus: null,
    Tags: keyValue(g.tags),
    Snapshots: {
      Snapshot: g.members.map((s) => ({
        SnapshotId: s.snapshotId,
        SourceDiskId: s.sourceDiskId,
        SourceDiskType: s.sourceDiskType,
        Progress: `${s.progress.percent}%`,
        Available: s.available,
        InstantAccess: s.instantAccessSeconds !== undefined,
        InstantAccessRetentionDays: -1,
        Tags: keyValue(s.tags),
      })),
    },
  };
}

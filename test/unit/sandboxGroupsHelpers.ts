// Shared by the sandbox's snapshot-group tests: requests built with the real SDK's models, and the
// default world's group instances (Singapore: app-sg-01 qualifies, legacy-sg-02 does not).

import * as $Ecs from '@alicloud/ecs20140526';
import type { DiskRecord } from '../../src/sandbox';
import type { ClockedSandbox } from './sandboxRestoreHelpers';

export const SG = 'ap-southeast-1';
export const HZ = 'cn-hangzhou';

export type CreateFields = Omit<ConstructorParameters<typeof $Ecs.CreateSnapshotGroupRequest>[0] & object, 'tag'> & {
  tags?: Array<[string, string]>;
};

export function createGroup(c: ClockedSandbox, fields: CreateFields) {
  const { tags, ...rest } = fields;
  return c.ecs.createSnapshotGroup(
    new $Ecs.CreateSnapshotGroupRequest({
      regionId: SG,
      ...rest,
      tag: tags?.map(([key, value]) => new $Ecs.CreateSnapshotGroupRequestTag({ key, value })),
    }),
  );
}

export type DescribeFields = Omit<ConstructorParameters<typeof $Ecs.DescribeSnapshotGroupsRequest>[0] & object, 'tag'> & {
  tags?: Array<[string, string]>;
};

export function describeGroups(c: ClockedSandbox, fields: DescribeFields = {}) {
  const { tags, ...rest } = fields;
  return c.ecs.describeSnapshotGroups(
    new $Ecs.DescribeSnapshotGroupsRequest({
      regionId: SG,
      ...rest,
      tag: tags?.map(([key, value]) => new $Ecs.DescribeSnapshotGroupsRequestTag({ key, value })),
    }),
  );
}

/** Creates a group of `instance`'s disks and returns its id. */
export async function groupOf(c: ClockedSandbox, instance: string, fields: CreateFields = {}): Promise<string> {
  const res = await createGroup(c, { instanceId: c.instance(instance).instanceId, ...fields });
  const id = res.body?.snapshotGroupId ?? '';
  if (!id.startsWith('ssg-')) throw new Error(`CreateSnapshotGroup answered ${JSON.stringify(res.body)}`);
  return id;
}

/** A copy of `template` as another disk (fresh id), for limits and mixes the default world lacks. */
export function cloneDisk(c: ClockedSandbox, name: string, changes: Partial<DiskRecord>): DiskRecord {
  const template = c.disk(name);
  return c.sb.world.addDisk({ ...template, tags: [], content: undefined, ...changes, diskId: c.sb.world.newId('d', template.regionId) });
}

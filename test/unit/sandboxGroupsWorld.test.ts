// The sandbox's world around snapshot groups, through the real SDK: groups survive a restart (state
// file), fault injection strikes the group actions like the others, and a generated world of 1,000
// instances pages through DescribeInstances as the reference says (MaxResults 10..100 + NextToken,
// or PageNumber/PageSize).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import * as $Ecs from '@alicloud/ecs20140526';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox';
import { rejectsWith, sdkClient } from './sandboxHelpers';
import { HZ, SG } from './sandboxGroupsHelpers';

const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-groups-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function withSandbox<T>(options: SandboxOptions, run: (sb: Sandbox, ecs: ReturnType<typeof sdkClient>) => Promise<T>): Promise<T> {
  const sb = await startSandbox(options);
  try {
    return await run(sb, sdkClient(sb, { readTimeout: 3000 }));
  } finally {
    await sb.close();
  }
}

const instanceNamed = (sb: Sandbox, name: string) => [...sb.world.instances.values()].find((i) => i.instanceName === name)!.instanceId;
const create = (ecs: ReturnType<typeof sdkClient>, instanceId: string, extra: Partial<$Ecs.CreateSnapshotGroupRequest> = {}) =>
  ecs.createSnapshotGroup(new $Ecs.CreateSnapshotGroupRequest({ regionId: SG, instanceId, ...extra }));

describe('sandbox snapshot groups: state file', () => {
  it('keeps groups, their names and ClientTokens across a restart', async () => {
    const stateFile = path.join(dir, 'groups.json');
    const clock = Date.now();
    const id = await withSandbox({ stateFile, clock: () => clock }, async (sb, ecs) => {
      const res = await create(ecs, instanceNamed(sb, 'app-sg-01'), { name: 'before', clientToken: 'persisted-1' });
      const groupId = res.body?.snapshotGroupId ?? '';
      await ecs.modifySnapshotGroup(new $Ecs.ModifySnapshotGroupRequest({ regionId: SG, snapshotGroupId: groupId, name: 'after-rename' }));
      return groupId;
    });
    await withSandbox({ stateFile, clock: () => clock + 1000 }, async (sb, ecs) => {
      const res = await ecs.describeSnapshotGroups(new $Ecs.DescribeSnapshotGroupsRequest({ regionId: SG }));
      const groups = res.body?.snapshotGroups?.snapshotGroup ?? [];
      assert.deepEqual(groups.map((g) => [g.snapshotGroupId, g.name]), [[id, 'after-rename']]);
      assert.equal(groups[0].snapshots?.snapshot?.length, 3);
      const again = await create(ecs, instanceNamed(sb, 'app-sg-01'), { name: 'before', clientToken: 'persisted-1' });
      assert.equal(again.body?.snapshotGroupId, id, 'the token is remembered');
      await ecs.deleteSnapshotGroup(new $Ecs.DeleteSnapshotGroupRequest({ regionId: SG, snapshotGroupId: id }));
    });
    await withSandbox({ stateFile, clock: () => clock + 2000 }, async (_sb, ecs) => {
      const res = await ecs.describeSnapshotGroups(new $Ecs.DescribeSnapshotGroupsRequest({ regionId: SG }));
      assert.equal(res.body?.snapshotGroups?.snapshotGroup?.length, 0, 'the deletion was saved');
    });
  });

  it('does not restore a world saved with another instance count', async () => {
    const stateFile = path.join(dir, 'instances.json');
    await withSandbox({ stateFile, instances: 20 }, async (sb) => {
      sb.writeDisk([...sb.world.disks.values()][0].diskId, 'saved');
    });
    const lines: string[] = [];
    await withSandbox({ stateFile, log: (l) => lines.push(l) }, async (sb) => {
      assert.equal([...sb.world.instances.values()].filter((i) => i.regionId === HZ).length, 3);
    });
    assert.ok(lines.some((l) => /instance count/.test(l)), lines.join('\n'));
  });
});

describe('sandbox snapshot groups: faults', () => {
  it('a throttled or failed CreateSnapshotGroup changes nothing', async () => {
    await withSandbox({}, async (sb, ecs) => {
      sb.setFaults({ throttleRate: 1 });
      await rejectsWith(create(ecs, instanceNamed(sb, 'app-sg-01')), 'Throttling', 403);
      sb.setFaults({ throttleRate: 0, errorRate: 1 });
      await rejectsWith(create(ecs, instanceNamed(sb, 'app-sg-01')), 'InternalError', 500);
      await rejectsWith(ecs.describeSnapshotGroups(new $Ecs.DescribeSnapshotGroupsRequest({ regionId: SG })), 'InternalError', 500);
      assert.equal(sb.world.snapshotGroups.size, 0);
      assert.equal(sb.stats.byAction.CreateSnapshotGroup, 2);
    });
  });

  it('a lost answer still created the group; a retry with the same ClientToken finds it', async () => {
    await withSandbox({}, async (sb, ecs) => {
      sb.setFaults({ lostAnswerRate: 1 });
      const instanceId = instanceNamed(sb, 'app-sg-01');
      await assert.rejects(create(ecs, instanceId, { clientToken: 'lost-1' }));
      assert.equal(sb.world.snapshotGroups.size, 1);
      sb.clearFaults();
      const retry = await create(ecs, instanceId, { clientToken: 'lost-1' });
      assert.equal(retry.body?.snapshotGroupId, [...sb.world.snapshotGroups.keys()][0]);
      assert.equal(sb.world.snapshotGroups.size, 1);
    });
  });

  it('a dropped DeleteSnapshotGroup or ModifySnapshotGroup ran nothing', async () => {
    await withSandbox({}, async (sb, ecs) => {
      const id = (await create(ecs, instanceNamed(sb, 'app-sg-01'), { name: 'kept' })).body?.snapshotGroupId ?? '';
      sb.setFaults({ dropRate: 1 });
      await assert.rejects(ecs.deleteSnapshotGroup(new $Ecs.DeleteSnapshotGroupRequest({ regionId: SG, snapshotGroupId: id })));
      await assert.rejects(ecs.modifySnapshotGroup(new $Ecs.ModifySnapshotGroupRequest({ regionId: SG, snapshotGroupId: id, name: 'changed' })));
      assert.equal(sb.world.snapshotGroups.get(id)?.name, 'kept');
      assert.equal(sb.world.snapshotGroups.get(id)?.snapshotIds.every((s) => sb.world.snapshots.has(s)), true);
    });
  });
});

describe('sandbox world: the group instances and 1,000 generated instances', () => {
  it('Singapore holds app-sg-01 (three ESSD disks, one zone) and legacy-sg-02 (a cloud_efficiency data disk)', async () => {
    await withSandbox({}, async (sb, ecs) => {
      const res = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: SG }));
      assert.deepEqual(res.body?.instances?.instance?.map((i) => i.instanceName), ['app-sg-01', 'legacy-sg-02']);
      const disksOf = async (name: string) =>
        (await ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: SG, instanceId: instanceNamed(sb, name) }))).body?.disks?.disk ?? [];
      const app = await disksOf('app-sg-01');
      assert.deepEqual(app.map((d) => [d.diskName, d.category, d.zoneId]), [
        ['app-sg-01-system', 'cloud_essd', 'ap-southeast-1a'],
        ['app-sg-01-data', 'cloud_essd', 'ap-southeast-1a'],
        ['app-sg-01-logs', 'cloud_auto', 'ap-southeast-1a'],
      ]);
      const legacy = await disksOf('legacy-sg-02');
      assert.deepEqual(legacy.map((d) => d.category), ['cloud_essd', 'cloud_efficiency']);
    });
  });

  it('pages 1,000 instances with MaxResults 100 + NextToken: 10 requests, each instance once', async () => {
    await withSandbox({ instances: 1000 }, async (sb, ecs) => {
      sb.stats.reset();
      const seen: string[] = [];
      let nextToken: string | undefined;
      do {
        const res = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: HZ, maxResults: 100, nextToken }));
        const page = res.body?.instances?.instance ?? [];
        assert.ok(page.length <= 100);
        seen.push(...page.map((i) => i.instanceId ?? ''));
        assert.equal(res.body?.totalCount, 1000);
        nextToken = res.body?.nextToken || undefined;
      } while (nextToken);
      assert.equal(sb.stats.byAction.DescribeInstances, 10);
      assert.equal(new Set(seen).size, 1000);
      assert.ok(seen.includes(instanceNamed(sb, 'web-01')));
    });
  });

  it('pages them with PageNumber/PageSize too (at most 100 a page), and clamps MaxResults to 10..100', async () => {
    await withSandbox({ instances: 1000 }, async (_sb, ecs) => {
      const page = (r: ConstructorParameters<typeof $Ecs.DescribeInstancesRequest>[0]) =>
        ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: HZ, ...r }));
      const seen = new Set<string>();
      for (let n = 1; n <= 10; n++) {
        const res = await page({ pageNumber: n, pageSize: 100 });
        assert.equal(res.body?.pageNumber, n);
        assert.equal(res.body?.totalCount, 1000);
        for (const i of res.body?.instances?.instance ?? []) seen.add(i.instanceId ?? '');
      }
      assert.equal(seen.size, 1000);
      assert.equal((await page({ pageNumber: 11, pageSize: 100 })).body?.instances?.instance?.length, 0);
      assert.equal((await page({})).body?.instances?.instance?.length, 10, 'default page of 10');
      assert.equal((await page({ maxResults: 5 })).body?.instances?.instance?.length, 10, 'below 10 counts as 10');
      assert.equal((await page({ maxResults: 500 })).body?.instances?.instance?.length, 100, 'above 100 counts as 100');
      await rejectsWith(page({ pageSize: 101 }), 'InvalidParameter', 400);
    });
  });

  it('gives each generated instance an ESSD system disk and up to two data disks in its zone, deterministically', async () => {
    const shape = (sb: Sandbox) =>
      [...sb.world.disks.values()].filter((d) => d.diskName.startsWith('gen-instance-')).map((d) => `${d.diskId}/${d.instanceId}/${d.category}`);
    const first = await withSandbox({ instances: 50 }, async (sb) => {
      const generated = [...sb.world.instances.values()].filter((i) => i.instanceName.startsWith('gen-instance-'));
      assert.equal(generated.length, 47);
      for (const i of generated) {
        const disks = [...sb.world.disks.values()].filter((d) => d.instanceId === i.instanceId);
        assert.ok(disks.length >= 1 && disks.length <= 3);
        assert.equal(disks[0].type, 'system');
        assert.equal(disks[0].category, 'cloud_essd');
        assert.ok(disks.every((d) => d.zoneId === i.zoneId && d.status === 'In_use'));
      }
      assert.equal(sb.world.disksIn(HZ).filter((d) => !d.diskName.startsWith('gen-instance-')).length, 15, 'the curated disks stay');
      return shape(sb);
    });
    assert.deepEqual(await withSandbox({ instances: 50 }, async (sb) => shape(sb)), first);
  });

  it('adds instances at runtime that DescribeInstances lists and a group can back up', async () => {
    await withSandbox({}, async (sb, ecs) => {
      const [added] = sb.addInstances(1, SG);
      const listed = await ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: SG, instanceIds: JSON.stringify([added.instanceId]) }));
      assert.equal(listed.body?.instances?.instance?.[0]?.instanceName, added.instanceName);
      const disks = [...sb.world.disks.values()].filter((d) => d.instanceId === added.instanceId);
      // Its data disks may be of any category: back up the ESSD system disk.
      const res = await ecs.createSnapshotGroup(new $Ecs.CreateSnapshotGroupRequest({ regionId: SG, instanceId: added.instanceId, diskId: [disks[0].diskId] }));
      assert.match(res.body?.snapshotGroupId ?? '', /^ssg-t4n/);
    });
  });
});

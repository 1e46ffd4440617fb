// Snapshot groups over time in the sandbox, through the real SDK: members are ordinary snapshots
// taken at one instant, usable early (instant access), the group goes progressing -> accomplished;
// DescribeSnapshotGroups' shape, filters and paging; DeleteSnapshotGroup; ModifySnapshotGroup.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import * as $Ecs from '@alicloud/ecs20140526';
import { startSandbox } from '../../src/sandbox';
import { rawRequest, rejectsWith, sdkClient } from './sandboxHelpers';
import { clockedSandbox, type ClockedSandbox } from './sandboxRestoreHelpers';
import { createGroup, describeGroups, groupOf, HZ, SG } from './sandboxGroupsHelpers';

let c: ClockedSandbox;
beforeEach(async () => {
  c = await clockedSandbox();
});
afterEach(() => c.close());

const APP_DISKS = ['app-sg-01-system', 'app-sg-01-data', 'app-sg-01-logs'];
const members = (groupId: string) => c.sb.world.snapshotGroups.get(groupId)?.snapshotIds ?? [];
const rawCall = async (action: string, params: Record<string, string>) => {
  const res = await rawRequest(c.sb.endpoint, { action, accessKeyId: c.sb.accessKeyId, secret: c.sb.accessKeySecret, params });
  return { status: res.status, body: JSON.parse(res.body) as Record<string, unknown> };
};

describe('sandbox snapshot groups: members over time', () => {
  it('captures every member disk at the same instant, even on a clock that moves at each reading', async () => {
    let t = Date.now();
    const sb = await startSandbox({ clock: () => t++ });
    try {
      const disks = APP_DISKS.map((n) => [...sb.world.disks.values()].find((d) => d.diskName === n)!);
      disks.forEach((d, n) => sb.writeDisk(d.diskId, `before-${n}`));
      const instanceId = disks[0].instanceId!;
      const res = await sdkClient(sb).createSnapshotGroup(new $Ecs.CreateSnapshotGroupRequest({ regionId: SG, instanceId }));
      disks.forEach((d, n) => sb.writeDisk(d.diskId, `after-${n}`));
      const group = sb.world.snapshotGroups.get(res.body?.snapshotGroupId ?? '')!;
      const snaps = group.snapshotIds.map((id) => sb.world.snapshots.get(id)!);
      assert.equal(snaps.length, 3);
      assert.ok(snaps.every((s) => s.startedAt === group.creationTime), 'one instant for all members');
      assert.deepEqual(snaps.map((s) => sb.snapshotContent(s.snapshotId).marker), ['before-0', 'before-1', 'before-2']);
      assert.deepEqual(disks.map((d) => sb.readDisk(d.diskId).marker), ['after-0', 'after-1', 'after-2']);
    } finally {
      await sb.close();
    }
  });

  it('lists every member in DescribeSnapshots, tagged acs:ecs:createFrom, with no retention, usable early', async () => {
    const id = await groupOf(c, 'app-sg-01', { name: 'pre-upgrade', tags: [['team', 'web']] });
    const instanceId = c.instance('app-sg-01').instanceId;
    const list = async () =>
      (await c.ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: SG, snapshotIds: JSON.stringify(members(id)) }))).body?.snapshots?.snapshot ?? [];
    const now = await list();
    assert.equal(now.length, 3);
    for (const s of now) {
      assert.equal(s.status, 'progressing');
      assert.equal(s.available, false);
      assert.equal(s.instantAccess, true);
      assert.equal(s.retentionDays, undefined);
      assert.equal(s.snapshotName, 'pre-upgrade');
      assert.deepEqual(s.tags?.tag?.map((t) => [t.tagKey, t.tagValue]), [['team', 'web'], ['acs:ecs:createFrom', instanceId]]);
    }
    c.advance(10);
    const early = await list();
    assert.ok(early.every((s) => s.available === true && s.status === 'progressing'), 'Available before accomplished');
    const byTag = await c.ecs.describeSnapshots(
      new $Ecs.DescribeSnapshotsRequest({ regionId: SG, tag: [new $Ecs.DescribeSnapshotsRequestTag({ key: 'acs:ecs:createFrom', value: instanceId })] }),
    );
    assert.equal(byTag.body?.totalCount, 3);
  });

  it('the group goes progressing -> accomplished; member Progress climbs to "100%"', async () => {
    const id = await groupOf(c, 'app-sg-01');
    const one = async () => (await describeGroups(c, { snapshotGroupId: [id] })).body?.snapshotGroups?.snapshotGroup?.[0];
    const first = await one();
    assert.equal(first?.status, 'progressing');
    assert.ok(first?.snapshots?.snapshot?.every((s) => /^\d{1,2}%$/.test(s.progress ?? '')));
    c.advance(80); // the 40 and 50 GiB disks are done, the 100 GiB one not yet
    const mid = await one();
    assert.equal(mid?.status, 'progressing');
    assert.deepEqual(mid?.snapshots?.snapshot?.map((s) => s.progress === '100%'), [true, false, true]);
    c.advance(60);
    const done = await one();
    assert.equal(done?.status, 'accomplished');
    assert.ok(done?.snapshots?.snapshot?.every((s) => s.progress === '100%' && s.available === true));
  });

  it('a member that fails makes the group failed', async () => {
    c.sb.world.failRate = 1;
    const id = await groupOf(c, 'app-sg-01');
    c.advance(200);
    const [group] = (await describeGroups(c, { snapshotGroupId: [id] })).body?.snapshotGroups?.snapshotGroup ?? [];
    assert.equal(group?.status, 'failed');
  });

  it('ResetDisk takes an Available member while the group is still progressing (instant access)', async () => {
    const data = c.disk('app-sg-01-data');
    c.sb.writeDisk(data.diskId, 'good');
    const id = await groupOf(c, 'app-sg-01');
    c.sb.writeDisk(data.diskId, 'broken');
    const member = members(id).find((s) => c.sb.world.snapshots.get(s)?.sourceDiskId === data.diskId)!;
    const instanceId = c.instance('app-sg-01').instanceId;
    await c.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId, stoppedMode: 'KeepCharging' }));
    c.advance(20);
    assert.equal(await c.statusOf(instanceId), 'Stopped');
    const [group] = (await describeGroups(c, { snapshotGroupId: [id] })).body?.snapshotGroups?.snapshotGroup ?? [];
    assert.equal(group?.status, 'progressing');
    await c.ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: data.diskId, snapshotId: member }));
    assert.equal(c.sb.readDisk(data.diskId).marker, 'good');
  });

  it('ResetDisk still refuses a member not yet usable: InvalidSnapshotId.NotReady (403)', async () => {
    const instanceId = c.instance('app-sg-01').instanceId;
    await c.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId, stoppedMode: 'KeepCharging', forceStop: true }));
    c.advance(3);
    const data = c.disk('app-sg-01-data');
    const id = await groupOf(c, 'app-sg-01');
    const member = members(id).find((s) => c.sb.world.snapshots.get(s)?.sourceDiskId === data.diskId)!;
    await rejectsWith(c.ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: data.diskId, snapshotId: member })), 'InvalidSnapshotId.NotReady', 403);
  });
});

describe('sandbox DescribeSnapshotGroups', () => {
  it('answers the documented shape: Tags.Tag[]{Key,Value}, Snapshots.Snapshot[], InstanceId for one instance', async () => {
    const id = await groupOf(c, 'app-sg-01', { name: 'nightly', description: 'All disks', tags: [['env', 'prod']] });
    const { status, body } = await rawCall('DescribeSnapshotGroups', { RegionId: SG });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['NextToken', 'RequestId', 'SnapshotGroups']);
    assert.equal(body.NextToken, '');
    const groups = (body.SnapshotGroups as { SnapshotGroup: Array<Record<string, unknown>> }).SnapshotGroup;
    assert.equal(groups.length, 1);
    const g = groups[0];
    assert.deepEqual(
      Object.keys(g).sort(),
      ['CreationTime', 'Description', 'InstanceId', 'Name', 'ProgressStatus', 'ResourceGroupId', 'SnapshotGroupId', 'Snapshots', 'Status', 'Tags'],
    );
    assert.equal(g.SnapshotGroupId, id);
    assert.equal(g.Name, 'nightly');
    assert.equal(g.Description, 'All disks');
    assert.equal(g.InstanceId, c.instance('app-sg-01').instanceId);
    assert.match(g.CreationTime as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(g.Tags, { Tag: [{ Key: 'env', Value: 'prod' }] });
    const snaps = (g.Snapshots as { Snapshot: Array<Record<string, unknown>> }).Snapshot;
    assert.deepEqual(
      Object.keys(snaps[0]).sort(),
      ['Available', 'InstantAccess', 'InstantAccessRetentionDays', 'Progress', 'SnapshotId', 'SourceDiskId', 'SourceDiskType', 'Tags'],
    );
    assert.deepEqual(snaps.map((s) => s.SourceDiskType), ['system', 'data', 'data']);
    assert.deepEqual(snaps.map((s) => s.SourceDiskId), APP_DISKS.map((n) => c.disk(n).diskId));
    assert.deepEqual((snaps[0].Tags as { Tag: unknown[] }).Tag, [
      { Key: 'env', Value: 'prod' },
      { Key: 'acs:ecs:createFrom', Value: c.instance('app-sg-01').instanceId },
    ]);
  });

  it('leaves InstanceId empty for members of several instances; the InstanceId filter still finds the group', async () => {
    const res = await createGroup(c, { diskId: [c.disk('app-sg-01-data').diskId, c.disk('legacy-sg-02-system').diskId] });
    const all = await describeGroups(c);
    assert.equal(all.body?.snapshotGroups?.snapshotGroup?.[0]?.instanceId, '');
    const byLegacy = await describeGroups(c, { instanceId: c.instance('legacy-sg-02').instanceId });
    assert.deepEqual(byLegacy.body?.snapshotGroups?.snapshotGroup?.map((g) => g.snapshotGroupId), [res.body?.snapshotGroupId]);
  });

  it('filters by InstanceId, SnapshotGroupId.N, Status.N, Name and Tag.N (ANDed)', async () => {
    const a = await groupOf(c, 'app-sg-01', { name: 'alpha', tags: [['env', 'prod']] });
    c.advance(200);
    const b = await groupOf(c, 'app-sg-01', { name: 'beta', tags: [['env', 'test']], excludeDiskId: [c.disk('app-sg-01-logs').diskId] });
    const ids = async (f: Parameters<typeof describeGroups>[1]) =>
      (await describeGroups(c, f)).body?.snapshotGroups?.snapshotGroup?.map((g) => g.snapshotGroupId);
    assert.deepEqual(await ids({}), [b, a], 'newest first');
    assert.deepEqual(await ids({ instanceId: c.instance('app-sg-01').instanceId }), [b, a]);
    assert.deepEqual(await ids({ snapshotGroupId: [a] }), [a]);
    assert.deepEqual(await ids({ status: ['accomplished'] }), [a]);
    assert.deepEqual(await ids({ status: ['progressing', 'failed'] }), [b]);
    assert.deepEqual(await ids({ name: 'beta' }), [b]);
    assert.deepEqual(await ids({ tags: [['env', 'prod']] }), [a]);
    assert.deepEqual(await ids({ tags: [['env', '']] }), [b, a], 'a key alone matches any value');
    assert.deepEqual(await ids({ name: 'alpha', status: ['progressing'] }), []);
    assert.deepEqual(await ids({ regionId: HZ }), [], 'groups belong to their region');
  });

  it('InvalidStatus.ValueNotSupported (403) for another status or more than 3', async () => {
    await rejectsWith(describeGroups(c, { status: ['done'] }), 'InvalidStatus.ValueNotSupported', 403);
    await rejectsWith(describeGroups(c, { status: ['progressing', 'accomplished', 'failed', 'failed'] }), 'InvalidStatus.ValueNotSupported', 403);
  });

  it('InvalidParameter (400) for more than 10 SnapshotGroupId.N or a MaxResults outside 1..100', async () => {
    const eleven = Array.from({ length: 11 }, (_, n) => `ssg-t4n${String(n).padStart(17, '0')}`);
    await rejectsWith(describeGroups(c, { snapshotGroupId: eleven }), 'InvalidParameter', 400);
    await rejectsWith(describeGroups(c, { maxResults: 0 }), 'InvalidParameter', 400);
    await rejectsWith(describeGroups(c, { maxResults: 101 }), 'InvalidParameter', 400);
  });

  it('Duplicate.TagKey (400), InvalidInstanceId.NotFound (404), InvalidRegionId.NotFound (404), InvalidSnapshotGroupId.MustBeOne (403)', async () => {
    await rejectsWith(describeGroups(c, { tags: [['k', 'a'], ['k', 'b']] }), 'Duplicate.TagKey', 400);
    await rejectsWith(describeGroups(c, { instanceId: 'i-t4nnothere0000000000' }), 'InvalidInstanceId.NotFound', 404);
    await rejectsWith(describeGroups(c, { regionId: 'mars-1' }), 'InvalidRegionId.NotFound', 404);
    await rejectsWith(describeGroups(c, { additionalAttributes: ['SNAPSHOT_GROUP_PROGRESS_STATUS'] }), 'InvalidSnapshotGroupId.MustBeOne', 403);
  });

  it('pages 10 by default with NextToken; MaxResults up to 100; a token of another query is refused', async () => {
    const made: string[] = [];
    for (let n = 0; n < 25; n++) {
      made.push(await groupOf(c, 'app-sg-01', { name: `g${n}` }));
      c.advance(30);
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await describeGroups(c, { nextToken: token });
      const page = res.body?.snapshotGroups?.snapshotGroup ?? [];
      assert.ok(page.length <= 10);
      seen.push(...page.map((g) => g.snapshotGroupId ?? ''));
      token = res.body?.nextToken || undefined;
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen, [...made].reverse());
    const big = await describeGroups(c, { maxResults: 100 });
    assert.equal(big.body?.snapshotGroups?.snapshotGroup?.length, 25);
    assert.equal(big.body?.nextToken, '');
    const first = await describeGroups(c, { maxResults: 5 });
    await rejectsWith(describeGroups(c, { maxResults: 5, name: 'g1', nextToken: first.body?.nextToken }), 'InvalidParameter', 400);
  });
});

describe('sandbox DeleteSnapshotGroup', () => {
  it('deletes every member, reporting each in OperationProgressSet; the group is gone', async () => {
    const id = await groupOf(c, 'app-sg-01');
    const snaps = members(id);
    const res = await c.ecs.deleteSnapshotGroup(new $Ecs.DeleteSnapshotGroupRequest({ regionId: SG, snapshotGroupId: id }));
    const progress = res.body?.operationProgressSet?.operationProgress ?? [];
    assert.deepEqual(progress.map((p) => p.operationStatus), ['Success', 'Success', 'Success']);
    assert.deepEqual(progress.map((p) => p.relatedItemSet?.relatedItem?.map((r) => [r.name, r.value])), snaps.map((s) => [['SnapshotId', s]]));
    assert.ok(snaps.every((s) => !c.sb.world.snapshots.has(s)), 'in-progress members are cancelled');
    assert.equal((await describeGroups(c)).body?.snapshotGroups?.snapshotGroup?.length, 0);
    await rejectsWith(c.ecs.deleteSnapshotGroup(new $Ecs.DeleteSnapshotGroupRequest({ regionId: SG, snapshotGroupId: id })), 'InvalidSnapshotGroup.NotFound', 404);
  });

  it('keeps a member used by a custom image (SnapshotCreatedImage) and the group holding it', async () => {
    const id = await groupOf(c, 'app-sg-01');
    const [system, ...rest] = members(id);
    c.sb.world.snapshots.get(system)!.imageId = 'm-t4nimage0000000001';
    const res = await c.ecs.deleteSnapshotGroup(new $Ecs.DeleteSnapshotGroupRequest({ regionId: SG, snapshotGroupId: id }));
    const progress = res.body?.operationProgressSet?.operationProgress ?? [];
    assert.deepEqual(progress.map((p) => [p.operationStatus, p.errorCode]), [['Failed', 'SnapshotCreatedImage'], ['Success', ''], ['Success', '']]);
    assert.ok(c.sb.world.snapshots.has(system));
    assert.ok(rest.every((s) => !c.sb.world.snapshots.has(s)));
    const left = (await describeGroups(c)).body?.snapshotGroups?.snapshotGroup ?? [];
    assert.deepEqual(left[0]?.snapshots?.snapshot?.map((s) => s.snapshotId), [system]);
    await rejectsWith(c.ecs.deleteSnapshot(new $Ecs.DeleteSnapshotRequest({ snapshotId: system })), 'SnapshotCreatedImage', 403);
  });

  it('MissingSnapshotGroupId (400), InvalidRegionId.NotFound (404), a group of another region is not found', async () => {
    const id = await groupOf(c, 'app-sg-01');
    await rejectsWith(c.ecs.deleteSnapshotGroup(new $Ecs.DeleteSnapshotGroupRequest({ regionId: SG })), 'MissingSnapshotGroupId', 400);
    await rejectsWith(c.ecs.deleteSnapshotGroup(new $Ecs.DeleteSnapshotGroupRequest({ regionId: 'mars-1', snapshotGroupId: id })), 'InvalidRegionId.NotFound', 404);
    await rejectsWith(c.ecs.deleteSnapshotGroup(new $Ecs.DeleteSnapshotGroupRequest({ regionId: HZ, snapshotGroupId: id })), 'InvalidSnapshotGroup.NotFound', 404);
  });

  it('a group whose members were all deleted one by one is gone', async () => {
    const id = await groupOf(c, 'app-sg-01');
    for (const s of members(id)) await c.ecs.deleteSnapshot(new $Ecs.DeleteSnapshotRequest({ snapshotId: s }));
    assert.equal((await describeGroups(c)).body?.snapshotGroups?.snapshotGroup?.length, 0);
  });
});

describe('sandbox ModifySnapshotGroup', () => {
  const modify = (r: ConstructorParameters<typeof $Ecs.ModifySnapshotGroupRequest>[0]) =>
    c.ecs.modifySnapshotGroup(new $Ecs.ModifySnapshotGroupRequest({ regionId: SG, ...r }));

  it('renames and redescribes a group; each alone too', async () => {
    const id = await groupOf(c, 'app-sg-01', { name: 'old-name', description: 'old text' });
    await modify({ snapshotGroupId: id, name: 'new-name', description: 'new text' });
    await modify({ snapshotGroupId: id, name: '新名字' });
    const [g] = (await describeGroups(c)).body?.snapshotGroups?.snapshotGroup ?? [];
    assert.deepEqual([g?.name, g?.description], ['新名字', 'new text']);
  });

  it('InvalidParameter.Name and InvalidParameter.Description (400), nothing changed', async () => {
    const id = await groupOf(c, 'app-sg-01', { name: 'keep' });
    await rejectsWith(modify({ snapshotGroupId: id, name: '9lives' }), 'InvalidParameter.Name', 400);
    await rejectsWith(modify({ snapshotGroupId: id, name: 'ok-name', description: 'https://x' }), 'InvalidParameter.Description', 400);
    assert.equal(c.sb.world.snapshotGroups.get(id)?.name, 'keep');
  });

  it('InvalidSnapshotGroup.NotFound and InvalidRegionId.NotFound (404)', async () => {
    const id = await groupOf(c, 'app-sg-01');
    await rejectsWith(modify({ snapshotGroupId: 'ssg-t4nnothere00000000' }), 'InvalidSnapshotGroup.NotFound', 404);
    await rejectsWith(modify({ regionId: HZ, snapshotGroupId: id }), 'InvalidSnapshotGroup.NotFound', 404);
    await rejectsWith(modify({ regionId: 'mars-1', snapshotGroupId: id }), 'InvalidRegionId.NotFound', 404);
  });
});

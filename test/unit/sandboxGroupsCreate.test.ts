// CreateSnapshotGroup in the sandbox: one test per rule and error code of the restore spec, through
// the real SDK over HTTP.

import assert from 'node:assert/strict';
import * as $Ecs from '@alicloud/ecs20140526';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { errorBodyOf, rawRequest, rejectsWith } from './sandboxHelpers';
import { clockedSandbox, type ClockedSandbox } from './sandboxRestoreHelpers';
import { cloneDisk, createGroup, groupOf, HZ, SG } from './sandboxGroupsHelpers';

let c: ClockedSandbox;
beforeEach(async () => {
  c = await clockedSandbox();
});
afterEach(() => c.close());

const app = () => c.instance('app-sg-01').instanceId;
const raw = (params: Record<string, string>) =>
  rawRequest(c.sb.endpoint, { action: 'CreateSnapshotGroup', accessKeyId: c.sb.accessKeyId, secret: c.sb.accessKeySecret, params });

describe('sandbox CreateSnapshotGroup: parameters', () => {
  it('takes every disk of an instance, system disk first, and answers an ssg- id', async () => {
    const id = await groupOf(c, 'app-sg-01');
    assert.match(id, /^ssg-t4n[0-9a-z]{17}$/);
    const group = c.sb.world.snapshotGroups.get(id);
    const sources = group?.snapshotIds.map((s) => c.sb.world.snapshots.get(s)?.sourceDiskId);
    assert.deepEqual(sources, ['app-sg-01-system', 'app-sg-01-data', 'app-sg-01-logs'].map((n) => c.disk(n).diskId));
  });

  it('MissingRegionId (400) and InvalidRegionId.NotFound (404)', async () => {
    await rejectsWith(createGroup(c, { regionId: undefined, instanceId: app() }), 'MissingRegionId', 400);
    await rejectsWith(createGroup(c, { regionId: 'mars-1', instanceId: app() }), 'InvalidRegionId.NotFound', 404);
  });

  it('MissingParamter.InstanceId (400, sic) with neither InstanceId nor DiskId.N, and for ExcludeDiskId.N alone', async () => {
    await rejectsWith(createGroup(c, {}), 'MissingParamter.InstanceId', 400);
    await rejectsWith(createGroup(c, { excludeDiskId: [c.disk('app-sg-01-logs').diskId] }), 'MissingParamter.InstanceId', 400);
  });

  it('InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict (400) for both lists', async () => {
    const [a, b] = [c.disk('app-sg-01-data').diskId, c.disk('app-sg-01-logs').diskId];
    await rejectsWith(createGroup(c, { instanceId: app(), diskId: [a], excludeDiskId: [b] }), 'InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict', 400);
  });

  it('InvalidParameter (400) for a DiskId.N list with a gap or a repeated disk', async () => {
    const a = c.disk('app-sg-01-data').diskId;
    const gap = await raw({ RegionId: SG, 'DiskId.1': a, 'DiskId.3': a });
    assert.equal(gap.status, 400);
    assert.equal(errorBodyOf(gap).Code, 'InvalidParameter');
    await rejectsWith(createGroup(c, { diskId: [a, a] }), 'InvalidParameter', 400);
  });

  it('DiskId.N alone: disks of one or more instances in one zone; with InstanceId only that instance\'s disks', async () => {
    const ids = [c.disk('app-sg-01-data').diskId, c.disk('legacy-sg-02-system').diskId];
    const res = await createGroup(c, { diskId: ids });
    const group = c.sb.world.snapshotGroups.get(res.body?.snapshotGroupId ?? '');
    assert.equal(group?.snapshotIds.length, 2);
    assert.equal(group?.instanceId, undefined, 'members from two instances: no group InstanceId');
    const e = await rejectsWith(createGroup(c, { instanceId: app(), diskId: [c.disk('legacy-sg-02-system').diskId] }), 'InvalidDiskId.NotFound', 404);
    assert.match(e.message, /not attached to the specified instance/);
  });

  it('ExcludeDiskId.N leaves those disks out', async () => {
    const id = await groupOf(c, 'app-sg-01', { excludeDiskId: [c.disk('app-sg-01-logs').diskId] });
    const sources = c.sb.world.snapshotGroups.get(id)?.snapshotIds.map((s) => c.sb.world.snapshots.get(s)?.sourceDiskId);
    assert.deepEqual(sources, [c.disk('app-sg-01-system').diskId, c.disk('app-sg-01-data').diskId]);
  });

  it('InvalidParameter.Name (400): 2-128, a letter or Chinese character first, digits . _ - : allowed, no URL prefix', async () => {
    for (const good of ['ab', 'web-01:before_upgrade.v2', '备份组-1', 'auto-group', 'a'.repeat(128)]) {
      assert.ok(await groupOf(c, 'app-sg-01', { name: good }), good);
      c.advance(3600); // let the members finish before the next group of the same disks
    }
    for (const bad of ['a', 'a'.repeat(129), '1group', '-group', 'has space', 'http://x', 'https://x', 'bad/slash']) {
      await rejectsWith(createGroup(c, { instanceId: app(), name: bad }), 'InvalidParameter.Name', 400);
    }
  });

  it('InvalidParameter.Description (400): 2-256, no URL prefix', async () => {
    for (const bad of ['x', 'd'.repeat(257), 'http://example.com', 'HTTPS://example.com']) {
      await rejectsWith(createGroup(c, { instanceId: app(), description: bad }), 'InvalidParameter.Description', 400);
    }
    assert.ok(await groupOf(c, 'app-sg-01', { description: 'Before the 2.0 upgrade: see http://wiki' }));
  });

  it('tags: InvalidTagKey.Malformed, InvalidTagValue.Malformed (acs: prefix, URL), Duplicate.TagKey (400), QuotaExceed.Tags past 20', async () => {
    const id = app();
    for (const key of ['aliyun-x', 'acs:x', 'see http://x', 'k'.repeat(129)]) {
      await rejectsWith(createGroup(c, { instanceId: id, tags: [[key, 'v']] }), 'InvalidTagKey.Malformed', 400);
    }
    for (const value of ['acs:v', 'see https://x', 'v'.repeat(129)]) {
      await rejectsWith(createGroup(c, { instanceId: id, tags: [['k', value]] }), 'InvalidTagValue.Malformed', 400);
    }
    await rejectsWith(createGroup(c, { instanceId: id, tags: [['k', 'a'], ['k', 'b']] }), 'Duplicate.TagKey', 400);
    const many = Array.from({ length: 21 }, (_, n): [string, string] => [`k${n}`, '']);
    await rejectsWith(createGroup(c, { instanceId: id, tags: many }), 'QuotaExceed.Tags', 403);
    const twenty = await groupOf(c, 'app-sg-01', { tags: many.slice(0, 20) });
    assert.equal(c.sb.world.snapshotGroups.get(twenty)?.tags.length, 20);
  });

  it('InvalidParameter (400) for a ClientToken over 64 characters or not ASCII', async () => {
    await rejectsWith(createGroup(c, { instanceId: app(), clientToken: 't'.repeat(65) }), 'InvalidParameter', 400);
    await rejectsWith(createGroup(c, { instanceId: app(), clientToken: 'jeton-é' }), 'InvalidParameter', 400);
  });

  it('InvalidResourceGroup.NotFound (404); a known resource group is kept on the group and its members', async () => {
    await rejectsWith(createGroup(c, { instanceId: app(), resourceGroupId: 'rg-nothere' }), 'InvalidResourceGroup.NotFound', 404);
    const id = await groupOf(c, 'app-sg-01', { resourceGroupId: 'rg-acfmsandbox0webteam' });
    const group = c.sb.world.snapshotGroups.get(id);
    assert.equal(group?.resourceGroupId, 'rg-acfmsandbox0webteam');
    assert.equal(c.sb.world.snapshots.get(group?.snapshotIds[0] ?? '')?.resourceGroupId, 'rg-acfmsandbox0webteam');
  });
});

describe('sandbox CreateSnapshotGroup: idempotency', () => {
  it('the same ClientToken and parameters answer the same group and create nothing more', async () => {
    const fields = { name: 'nightly', clientToken: 'grp-tok-1', tags: [['a', 'b']] as Array<[string, string]> };
    const first = await groupOf(c, 'app-sg-01', fields);
    const snapshots = c.sb.world.snapshots.size;
    // The disks now have snapshots being created: the replay must still succeed.
    assert.equal(await groupOf(c, 'app-sg-01', fields), first);
    assert.equal(c.sb.world.snapshots.size, snapshots);
    assert.equal(c.sb.world.snapshotGroups.size, 1);
  });

  it('IdempotentParameterMismatch (403) for the same token with other parameters', async () => {
    await groupOf(c, 'app-sg-01', { name: 'nightly', clientToken: 'grp-tok-2' });
    await rejectsWith(createGroup(c, { instanceId: app(), name: 'other', clientToken: 'grp-tok-2' }), 'IdempotentParameterMismatch', 403);
    await rejectsWith(
      createGroup(c, { instanceId: app(), name: 'nightly', clientToken: 'grp-tok-2', excludeDiskId: [c.disk('app-sg-01-logs').diskId] }),
      'IdempotentParameterMismatch',
      403,
    );
  });

  it('a refused request does not use up its token', async () => {
    await rejectsWith(createGroup(c, { instanceId: c.instance('legacy-sg-02').instanceId, clientToken: 'grp-tok-3' }), 'DiskCategory.OperationNotSupported');
    assert.ok(await groupOf(c, 'app-sg-01', { clientToken: 'grp-tok-3' }));
  });
});

describe('sandbox CreateSnapshotGroup: preconditions and limits', () => {
  it('InvalidInstanceId.NotFound (404), also for an instance of another region; InvalidDiskId.NotFound (404)', async () => {
    await rejectsWith(createGroup(c, { instanceId: 'i-t4nnothere0000000000' }), 'InvalidInstanceId.NotFound', 404);
    await rejectsWith(createGroup(c, { instanceId: c.instance('web-01').instanceId }), 'InvalidInstanceId.NotFound', 404);
    await rejectsWith(createGroup(c, { diskId: ['d-t4nnothere0000000000'] }), 'InvalidDiskId.NotFound', 404);
    await rejectsWith(createGroup(c, { diskId: [c.disk('web-01-data').diskId] }), 'InvalidDiskId.NotFound', 404);
  });

  it('InvalidInstance.NoDisk (403) when every disk is excluded', async () => {
    const all = ['app-sg-01-system', 'app-sg-01-data', 'app-sg-01-logs'].map((n) => c.disk(n).diskId);
    await rejectsWith(createGroup(c, { instanceId: app(), excludeDiskId: all }), 'InvalidInstance.NoDisk', 403);
  });

  it('DiskCategory.OperationNotSupported (400) for a disk outside the ESSD family, and for an encrypted one', async () => {
    const e = await rejectsWith(createGroup(c, { instanceId: c.instance('legacy-sg-02').instanceId }), 'DiskCategory.OperationNotSupported', 400);
    assert.match(e.message, /category/);
    await rejectsWith(createGroup(c, { regionId: HZ, diskId: [c.disk('db-01-system').diskId] }), 'DiskCategory.OperationNotSupported', 400);
    c.disk('app-sg-01-logs').encrypted = true;
    const special = await rejectsWith(createGroup(c, { instanceId: app() }), 'DiskCategory.OperationNotSupported', 400);
    assert.match(special.message, /special disk/);
  });

  it('ESSD family: ESSD, ESSD AutoPL, ESSD Entry and regional ESSD (alone) are accepted', async () => {
    for (const category of ['cloud_essd_entry', 'cloud_regional_disk_auto']) {
      const d = cloneDisk(c, 'app-sg-01-data', { category, diskName: `x-${category}`, instanceId: undefined, status: 'Available' });
      assert.ok((await createGroup(c, { diskId: [d.diskId] })).body?.snapshotGroupId, category);
    }
  });

  it('InvalidDisk.DiskCategoryInconsistent (403): a regional ESSD with other disks', async () => {
    const regional = cloneDisk(c, 'app-sg-01-data', { category: 'cloud_regional_disk_auto', diskName: 'regional', instanceId: undefined, status: 'Available' });
    await rejectsWith(createGroup(c, { diskId: [c.disk('app-sg-01-data').diskId, regional.diskId] }), 'InvalidDisk.DiskCategoryInconsistent', 403);
  });

  it('InvalidOperation.MultiAttachDisk (403)', async () => {
    c.disk('app-sg-01-data').multiAttach = true;
    // DescribeDisks says so, so a client can leave the disk out before asking.
    const listed = await c.ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: SG, diskIds: JSON.stringify([c.disk('app-sg-01-data').diskId]) }));
    assert.equal(listed.body?.disks?.disk?.[0]?.multiAttach, 'Enabled');
    await rejectsWith(createGroup(c, { instanceId: app() }), 'InvalidOperation.MultiAttachDisk', 403);
    assert.ok(await groupOf(c, 'app-sg-01', { excludeDiskId: [c.disk('app-sg-01-data').diskId] }), 'excluded, the rest goes');
  });

  it('InvalidDiskIds.NotInSameZone (400)', async () => {
    const other = cloneDisk(c, 'app-sg-01-data', { zoneId: 'ap-southeast-1b', diskName: 'other-zone', instanceId: undefined, status: 'Available' });
    await rejectsWith(createGroup(c, { diskId: [c.disk('app-sg-01-data').diskId, other.diskId] }), 'InvalidDiskIds.NotInSameZone', 400);
  });

  it('NumberExceed.TooManyDisks (403): 16 disks in most regions, 128 in the large-limit list (configurable)', async () => {
    const web = c.instance('web-01').instanceId;
    const many = Array.from({ length: 17 }, (_, n) => cloneDisk(c, 'web-01-data', { diskName: `many-${n}`, sizeGiB: 20, instanceId: web }));
    const ids = many.map((d) => d.diskId);
    const e = await rejectsWith(createGroup(c, { regionId: HZ, diskId: ids }), 'NumberExceed.TooManyDisks', 403);
    assert.match(e.message, /16 disks/);
    assert.ok((await createGroup(c, { regionId: HZ, diskId: ids.slice(0, 16) })).body?.snapshotGroupId);
    c.sb.world.groupLimits.largeRegions.add(HZ);
    c.advance(3600);
    assert.ok((await createGroup(c, { regionId: HZ, diskId: ids })).body?.snapshotGroupId, 'cn-hangzhou listed: 128');
  });

  it('CapacityExceed.TooManyDisks (403): 32 TiB in most regions, 256 TiB in the large-limit list', async () => {
    const web = c.instance('web-01').instanceId;
    const big = Array.from({ length: 2 }, (_, n) => cloneDisk(c, 'web-01-data', { diskName: `big-${n}`, sizeGiB: 16 * 1024 + 1, instanceId: web }));
    const e = await rejectsWith(createGroup(c, { regionId: HZ, diskId: big.map((d) => d.diskId) }), 'CapacityExceed.TooManyDisks', 403);
    assert.match(e.message, /32 TiB/);
    // Singapore is in the default large-limit list.
    const sgBig = Array.from({ length: 2 }, (_, n) => cloneDisk(c, 'app-sg-01-data', { diskName: `sg-big-${n}`, sizeGiB: 16 * 1024 + 1 }));
    assert.ok((await createGroup(c, { diskId: sgBig.map((d) => d.diskId) })).body?.snapshotGroupId);
    c.sb.world.groupLimits.large.tib = 32;
    c.advance(100_000);
    await rejectsWith(createGroup(c, { diskId: sgBig.map((d) => d.diskId) }), 'CapacityExceed.TooManyDisks', 403);
  });

  it('InvalidRegion.NotSupport (403) in a region without groups', async () => {
    c.sb.world.groupLimits.unsupportedRegions.add(SG);
    await rejectsWith(createGroup(c, { instanceId: app() }), 'InvalidRegion.NotSupport', 403);
  });

  it('account refusals: InvalidAccountStatus.SnapshotServiceUnavailable and .NotEnoughBalance (403)', async () => {
    c.sb.world.account.snapshotServiceEnabled = false;
    await rejectsWith(createGroup(c, { instanceId: app() }), 'InvalidAccountStatus.SnapshotServiceUnavailable', 403);
    c.sb.world.account.snapshotServiceEnabled = true;
    c.sb.world.account.enoughBalance = false;
    await rejectsWith(createGroup(c, { instanceId: app() }), 'InvalidAccountStatus.NotEnoughBalance', 403);
  });

  it('InstanceLockedForSecurity (403) for a locked instance, DiskInArrears (403) for an instance in arrears', async () => {
    c.instance('app-sg-01').locks.push({ reason: 'security', message: 'locked' });
    await rejectsWith(createGroup(c, { instanceId: app() }), 'InstanceLockedForSecurity', 403);
    c.instance('app-sg-01').locks = [{ reason: 'financial', message: 'overdue' }];
    await rejectsWith(createGroup(c, { instanceId: app() }), 'DiskInArrears', 403);
  });

  it('IncorrectInstanceStatus (400) while the instance is stopping; a Stopped instance is fine', async () => {
    const i = c.instance('app-sg-01');
    await c.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: i.instanceId, stoppedMode: 'KeepCharging' }));
    const e = await rejectsWith(createGroup(c, { instanceId: i.instanceId }), 'IncorrectInstanceStatus', 400);
    assert.match(e.message, /Stopping/);
    c.advance(60);
    assert.equal(await c.statusOf(i.instanceId), 'Stopped');
    assert.ok(await groupOf(c, 'app-sg-01'));
  });

  it('DiskInArrears (403), IncorrectDiskStatus (403) for a disk neither In_use nor Available', async () => {
    c.disk('app-sg-01-logs').locks.push('financial');
    await rejectsWith(createGroup(c, { instanceId: app() }), 'DiskInArrears', 403);
    c.disk('app-sg-01-logs').locks.length = 0;
    c.disk('app-sg-01-logs').status = 'Detaching';
    await rejectsWith(createGroup(c, { instanceId: app() }), 'IncorrectDiskStatus', 403);
  });

  it('IncorrectDiskStatus.NeverAttached and .NeverUsed (403)', async () => {
    const never = cloneDisk(c, 'app-sg-01-data', { diskName: 'never', instanceId: undefined, status: 'Available', attachedTime: undefined });
    await rejectsWith(createGroup(c, { diskId: [never.diskId] }), 'IncorrectDiskStatus.NeverAttached', 403);
    c.disk('app-sg-01-logs').neverUsed = true;
    await rejectsWith(createGroup(c, { instanceId: app() }), 'IncorrectDiskStatus.NeverUsed', 403);
  });

  it('IncorrectDiskStatus.CreatingSnapshot (403) while a snapshot of a member disk is being created', async () => {
    await c.ecs.createSnapshot(new $Ecs.CreateSnapshotRequest({ diskId: c.disk('app-sg-01-data').diskId }));
    await rejectsWith(createGroup(c, { instanceId: app() }), 'IncorrectDiskStatus.CreatingSnapshot', 403);
    // A group's own members stop blocking once usable (instant access), though still uploading.
    c.advance(200);
    const first = await groupOf(c, 'app-sg-01');
    await rejectsWith(createGroup(c, { instanceId: app() }), 'IncorrectDiskStatus.CreatingSnapshot', 403);
    c.advance(10);
    assert.notEqual(await groupOf(c, 'app-sg-01'), first);
  });

  it('QuotaExceed.ConcurrentSnapshotQuota (403): at most 10 snapshots of a disk in flight', async () => {
    const d = c.disk('app-sg-01-data');
    d.sizeGiB = 20_000; // slow uploads, so ten of them overlap
    for (let n = 0; n < 10; n++) {
      await groupOf(c, 'app-sg-01', { diskId: [d.diskId] });
      c.advance(10);
    }
    const e = await rejectsWith(createGroup(c, { instanceId: app(), diskId: [d.diskId] }), 'QuotaExceed.ConcurrentSnapshotQuota', 403);
    assert.match(e.message, /10 snapshots/);
  });

  it('QuotaExceed.Snapshot (403) for a disk keeping 256 manual snapshots', async () => {
    await rejectsWith(createGroup(c, { regionId: HZ, diskId: [c.disk('logs-ssd').diskId] }), 'QuotaExceed.Snapshot', 403);
  });

  it('refuses the whole group for one bad member: nothing is created', async () => {
    const before = c.sb.world.snapshots.size;
    await rejectsWith(createGroup(c, { instanceId: c.instance('legacy-sg-02').instanceId }), 'DiskCategory.OperationNotSupported');
    assert.equal(c.sb.world.snapshots.size, before);
    assert.equal(c.sb.world.snapshotGroups.size, 0);
  });
});

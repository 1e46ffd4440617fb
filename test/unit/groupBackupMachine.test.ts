// One group backup: CreateSnapshotGroup on the request's ClientToken, a lost answer looked up
// (never a second group), refusals said with their code, progress = the members', ready when every
// member is usable; a reload in every phase resumes from the saved phase and the cloud's state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GROUP_CODES } from '../../src/groups/groupErrors';
import type { GroupBackupState } from '../../src/groups/groupBackupState';
import { backupRequest, FakeClock, FakeGroupCloud, OpsHarness } from './groupFakes';

function setUp() {
  const clock = new FakeClock();
  const cloud = new FakeGroupCloud(clock);
  const h = new OpsHarness(clock, cloud);
  return { clock, cloud, h };
}

const only = (h: OpsHarness): GroupBackupState => h.ops.backupOperations()[0];
const finished = (h: OpsHarness) => ['ready', 'failed', 'refused'].includes(only(h)?.phase);
const ours = (cloud: FakeGroupCloud) => [...cloud.groups.keys()];

describe('group backup machine', () => {
  it('requesting -> creating -> ready when every member is Available (before accomplished); one CreateSnapshotGroup; members share the group', async () => {
    const { cloud, h } = setUp();
    cloud.snapshotMs = 120_000;
    cloud.availableAfterMs = 30_000;
    const phases: string[] = [];
    h.ops.startBackup(backupRequest());
    assert.equal(h.ops.isBackingUp({ regionId: 'ap-southeast-1', instanceId: 'i-1' }), true);
    const progress = new Set<number>();
    await h.until(() => {
      const s = only(h);
      if (phases.at(-1) !== s.phase) phases.push(s.phase);
      if (s.phase === 'creating') progress.add(s.progress);
      return finished(h);
    });
    const s = only(h);
    assert.deepEqual(phases, ['requesting', 'creating', 'ready']);
    assert.equal(s.phase, 'ready');
    assert.equal(cloud.counts.CreateSnapshotGroup, 1);
    assert.equal(cloud.view(s.groupId as string).status, 'progressing', 'usable long before accomplished');
    assert.deepEqual(s.members.map((m) => m.diskId).sort(), ['d-data1', 'd-data2', 'd-sys']);
    assert.ok(s.members.every((m) => cloud.snapshots.get(m.snapshotId)?.groupId === s.groupId));
    assert.ok([...progress].some((p) => p > 0 && p < 100), `progress seen: ${[...progress].join(', ')}`);
    assert.equal(h.ops.isBackingUp({ regionId: 'ap-southeast-1', instanceId: 'i-1' }), false);
  });

  it('sent as InstanceId (+ ExcludeDiskId) when the whole instance is asked for', async () => {
    const { cloud, h } = setUp();
    h.ops.startBackup(backupRequest({ allDisks: true, disks: [{ diskId: 'd-sys', diskName: 'sys', diskType: 'system' }, { diskId: 'd-data1', diskName: 'data', diskType: 'data' }], excludedDiskIds: ['d-data2'] }));
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'ready');
    assert.deepEqual(only(h).members.map((m) => m.diskId).sort(), ['d-data1', 'd-sys']);
    assert.equal(cloud.groups.size, 1);
  });

  it('the answer lost after ECS made the group: looked up by instance, name and time, found; never a second group', async () => {
    const { cloud, h } = setUp();
    cloud.fault('CreateSnapshotGroup', 'lostAfter');
    h.ops.startBackup(backupRequest());
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'ready');
    assert.equal(cloud.counts.CreateSnapshotGroup, 1, 'not sent again: looked up');
    assert.equal(cloud.groups.size, 1);
    assert.equal(only(h).groupId, ours(cloud)[0]);
  });

  it('IdempotentProcessing (the same token still being processed): the group is looked for, not asked again', async () => {
    const { cloud, h } = setUp();
    // ECS is still making it: the group appears meanwhile.
    cloud.fault('CreateSnapshotGroup', { code: 'IdempotentProcessing', status: 403 });
    h.ops.startBackup(backupRequest());
    await h.clock.advance(1_000);
    cloud.makeGroupNow(only(h).request.name, false);
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'ready');
    assert.equal(cloud.counts.CreateSnapshotGroup, 1);
  });

  it('a lookup skips groups other operations follow, and groups made before the request', async () => {
    const { cloud, h } = setUp();
    const old = cloud.makeGroupNow('same-name');
    (cloud.groups.get(old.groupId) as { group: { creationTime: string } }).group.creationTime = '2026-11-27T06:00:00Z';
    cloud.fault('CreateSnapshotGroup', 'hangBefore');
    h.ops.startBackup(backupRequest({ name: 'same-name' }));
    await h.clock.advance(30_000);
    h.reload();
    await h.until(() => finished(h), 10 * 60_000);
    assert.equal(only(h).phase, 'refused', 'the old group is not taken for ours');
    assert.equal(only(h).error?.code, GROUP_CODES.notFound);
  });

  it('the answer lost and ECS made nothing: "not created" only after several looks; Retry sends the same ClientToken once', async () => {
    const { cloud, h } = setUp();
    cloud.fault('CreateSnapshotGroup', '5xx');
    h.ops.startBackup(backupRequest());
    await h.clock.advance(60_000);
    assert.equal(only(h).phase, 'requesting', 'still looking after a minute');
    assert.ok(only(h).lookup);
    await h.until(() => finished(h));
    const s = only(h);
    assert.equal(s.phase, 'refused');
    assert.equal(s.error?.code, GROUP_CODES.notFound);
    assert.ok(cloud.counts.DescribeSnapshotGroups >= 3);
    assert.equal(cloud.groups.size, 0);
    const token = s.request.clientToken;
    await h.ops.retry(s.request.operationId);
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'ready');
    assert.equal(cloud.counts.CreateSnapshotGroup, 2);
    assert.equal(only(h).request.clientToken, token);
    assert.equal(cloud.groups.size, 1);
  });

  it('throttled: asked again with the same token until accepted', async () => {
    const { cloud, h } = setUp();
    cloud.fault('CreateSnapshotGroup', 'throttle', 'throttle');
    h.ops.startBackup(backupRequest());
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'ready');
    assert.equal(cloud.counts.CreateSnapshotGroup, 3);
    assert.equal(cloud.groups.size, 1);
  });

  const refusals: [string, number][] = [
    ['DiskCategory.OperationNotSupported', 400],
    ['InvalidDiskIds.NotInSameZone', 400],
    ['InvalidParameter.Name', 400],
    ['InvalidParameter.Description', 400],
    ['InvalidTagKey.Malformed', 400],
    ['Duplicate.TagKey', 400],
    ['IncorrectInstanceStatus', 400],
    ['IncorrectDiskStatus.CreatingSnapshot', 403],
    ['IncorrectDiskStatus.NeverAttached', 403],
    ['InstanceLockedForSecurity', 403],
    ['DiskInArrears', 403],
    ['QuotaExceed.Snapshot', 403],
    ['IdempotentParameterMismatch', 403],
    ['InvalidRegion.NotSupport', 403],
    ['NumberExceed.TooManyDisks', 403],
    ['CapacityExceed.TooManyDisks', 403],
    ['InvalidOperation.MultiAttachDisk', 403],
    ['InvalidDisk.DiskCategoryInconsistent', 403],
    ['IncorrectDiskStatus.TooManyCreatingSnapshots', 403],
    ['InvalidAccountStatus.NotEnoughBalance', 403],
    ['InvalidInstanceId.NotFound', 404],
    ['InvalidDiskId.NotFound', 404],
  ];
  for (const [code, status] of refusals) {
    it(`refused with ${code}: refused at once with that code, one request, no group, no lookup`, async () => {
      const { cloud, h } = setUp();
      cloud.fault('CreateSnapshotGroup', { code, status });
      h.ops.startBackup(backupRequest());
      await h.until(() => finished(h), 60_000);
      const s = only(h);
      assert.equal(s.phase, 'refused');
      assert.equal(s.error?.code, code);
      assert.equal(s.error?.httpStatus, status);
      assert.equal(cloud.counts.CreateSnapshotGroup, 1);
      assert.equal(cloud.counts.DescribeSnapshotGroups, 0);
      assert.equal(cloud.groups.size, 0);
    });
  }

  it('ECS reports the group failed: failed with its own code', async () => {
    const { cloud, h } = setUp();
    cloud.failNextGroup = true;
    cloud.availableAfterMs = 60_000;
    h.ops.startBackup(backupRequest());
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'failed');
    assert.equal(only(h).error?.code, GROUP_CODES.failed);
  });

  it('the group deleted while being created: failed "gone" after a few readings without it (a lag is absorbed)', async () => {
    const { cloud, h } = setUp();
    cloud.availableAfterMs = 10 * 60_000;
    cloud.snapshotMs = 20 * 60_000;
    h.ops.startBackup(backupRequest());
    await h.until(() => only(h).phase === 'creating' && only(h).members.length === 3);
    await cloud.deleteSnapshotGroup('ap-southeast-1', only(h).groupId as string);
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'failed');
    assert.equal(only(h).error?.code, GROUP_CODES.gone);
  });
});

describe('group backup machine: a reload in every phase', () => {
  it('requesting, CreateSnapshotGroup ran and never answered: the new window looks the group up, sends nothing', async () => {
    const { cloud, h } = setUp();
    cloud.fault('CreateSnapshotGroup', 'hangAfter');
    h.ops.startBackup(backupRequest());
    await h.clock.advance(20_000);
    h.reload();
    assert.equal(only(h).phase, 'requesting');
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'ready');
    assert.equal(cloud.counts.CreateSnapshotGroup, 1);
    assert.equal(cloud.groups.size, 1);
  });

  it('requesting, CreateSnapshotGroup never reached ECS: looked for, "not created", Retry makes one', async () => {
    const { cloud, h } = setUp();
    cloud.fault('CreateSnapshotGroup', 'hangBefore');
    h.ops.startBackup(backupRequest());
    await h.clock.advance(20_000);
    h.reload();
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'refused');
    await h.ops.retry(only(h).request.operationId);
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'ready');
    assert.equal(cloud.groups.size, 1);
  });

  it('requesting, mid-lookup: the lookup goes on where it was (no resend)', async () => {
    const { cloud, h } = setUp();
    cloud.fault('CreateSnapshotGroup', 'lostAfter');
    cloud.fault('DescribeSnapshotGroups', '5xx');
    h.ops.startBackup(backupRequest());
    await h.clock.advance(3_000);
    assert.ok(only(h).lookup);
    h.reload();
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'ready');
    assert.equal(cloud.counts.CreateSnapshotGroup, 1);
  });

  it('creating: the new window follows the group to ready without asking for it again', async () => {
    const { cloud, h } = setUp();
    cloud.availableAfterMs = 60_000;
    h.ops.startBackup(backupRequest());
    await h.until(() => only(h).phase === 'creating');
    h.reload();
    assert.equal(only(h).phase, 'creating');
    await h.until(() => finished(h));
    assert.equal(only(h).phase, 'ready');
    assert.equal(cloud.counts.CreateSnapshotGroup, 1);
  });

  it('ready / refused / failed: kept as they were, nothing sent', async () => {
    const { cloud, h } = setUp();
    h.ops.startBackup(backupRequest());
    await h.until(() => finished(h));
    const before = cloud.summary();
    h.reload();
    await h.clock.advance(60_000);
    assert.equal(only(h).phase, 'ready');
    assert.equal(cloud.summary(), before);
  });
});

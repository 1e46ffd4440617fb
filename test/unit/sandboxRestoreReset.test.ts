// ResetDisk in the sandbox: every precondition and error code it implements, through the real SDK,
// and disk content: a snapshot captures it, a reset restores exactly that.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import * as $Ecs from '@alicloud/ecs20140526';
import { errorBodyOf, rawRequest, rejectsWith } from './sandboxHelpers';
import { clockedSandbox, type ClockedSandbox } from './sandboxRestoreHelpers';

let c: ClockedSandbox;
beforeEach(async () => {
  c = await clockedSandbox();
});
afterEach(() => c.close());

const reset = (diskId?: string, snapshotId?: string, dryRun?: boolean) =>
  c.ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId, snapshotId, dryRun }));

describe('sandbox ResetDisk: refusals', () => {
  it('MissingParameter (400) for a missing DiskId or SnapshotId', async () => {
    const d = c.disk('12data-disk');
    const e = await rejectsWith(reset(undefined, c.snapshot('before-detach').snapshotId), 'MissingParameter', 400);
    assert.match(e.message, /DiskId/);
    const f = await rejectsWith(reset(d.diskId, undefined), 'MissingParameter', 400);
    assert.match(f.message, /SnapshotId/);
  });

  it('InvalidParameter (400) for a DryRun that is not a boolean', async () => {
    const res = await rawRequest(c.sb.endpoint, {
      action: 'ResetDisk',
      accessKeyId: c.sb.accessKeyId,
      secret: c.sb.accessKeySecret,
      params: { DiskId: c.disk('12data-disk').diskId, SnapshotId: c.snapshot('before-detach').snapshotId, DryRun: 'maybe' },
    });
    assert.equal(res.status, 400);
    assert.equal(errorBodyOf(res).Code, 'InvalidParameter');
  });

  it('InvalidDiskId.NotFound and InvalidSnapshotId.NotFound (404), also for a deleted snapshot', async () => {
    const s = c.snapshot('before-detach');
    await rejectsWith(reset('d-bp1nothere000000000', s.snapshotId), 'InvalidDiskId.NotFound', 404);
    await rejectsWith(reset(c.disk('12data-disk').diskId, 's-bp1nothere000000000'), 'InvalidSnapshotId.NotFound', 404);
    c.sb.world.deleteSnapshot(s.snapshotId);
    await rejectsWith(reset(c.disk('12data-disk').diskId, s.snapshotId), 'InvalidSnapshotId.NotFound', 404);
  });

  it('account refusals: InvalidAccountStatus.SnapshotServiceUnavailable and .NotEnoughBalance (403)', async () => {
    const args = [c.disk('12data-disk').diskId, c.snapshot('before-detach').snapshotId] as const;
    c.sb.world.account.snapshotServiceEnabled = false;
    await rejectsWith(reset(...args), 'InvalidAccountStatus.SnapshotServiceUnavailable', 403);
    c.sb.world.account.snapshotServiceEnabled = true;
    c.sb.world.account.enoughBalance = false;
    await rejectsWith(reset(...args), 'InvalidAccountStatus.NotEnoughBalance', 403);
  });

  it('DiskCategory.OperationNotSupported (400) for an elastic ephemeral disk', async () => {
    await rejectsWith(
      reset(c.disk('ephemeral-cache').diskId, c.snapshot('before-detach').snapshotId),
      'DiskCategory.OperationNotSupported',
      400,
    );
  });

  it('InvalidParameter.Mismatch (403) for a snapshot of another disk', async () => {
    const e = await rejectsWith(
      reset(c.disk('12data-disk').diskId, c.snapshot('web-01-weekly').snapshotId),
      'InvalidParameter.Mismatch',
      403,
    );
    assert.match(e.message, /not created from the specified disk/);
  });

  it('InvalidSnapshot.TooOld (403) for a snapshot made before 2013-07-15', async () => {
    const s = c.snapshot('before-detach');
    s.startedAt = Date.UTC(2013, 0, 1);
    await rejectsWith(reset(c.disk('12data-disk').diskId, s.snapshotId), 'InvalidSnapshot.TooOld', 403);
  });

  it('InvalidSnapshotId.NotReady (403) for a snapshot still being created, OperationDenied (403) for a failed one', async () => {
    const big = c.disk('数据库数据盘');
    const copying = c.snapshot('db-nightly');
    await rejectsWith(reset(big.diskId, copying.snapshotId), 'InvalidSnapshotId.NotReady', 403);
    const s = c.snapshot('before-detach');
    s.failAt = 0.5;
    await rejectsWith(reset(c.disk('12data-disk').diskId, s.snapshotId), 'OperationDenied', 403);
  });

  it('IncorrectDiskStatus.HasUnfinishedSnapshot (403) while another snapshot of the disk is being made', async () => {
    const d = c.disk('12data-disk');
    await c.ecs.createSnapshot(new $Ecs.CreateSnapshotRequest({ diskId: d.diskId }));
    await rejectsWith(reset(d.diskId, c.snapshot('before-detach').snapshotId), 'IncorrectDiskStatus.HasUnfinishedSnapshot', 403);
  });

  it('IncorrectDiskStatus (403) for a disk that is Attaching', async () => {
    const d = c.disk('attaching-data');
    const s = c.sb.world.startSnapshot(d, { snapshotName: 'x', description: '', retentionDays: undefined, tags: [] });
    c.advance(3000);
    await rejectsWith(reset(d.diskId, s.snapshotId), 'IncorrectDiskStatus', 403);
  });

  it('locks: InstanceLockedForSecurity and InstanceExpiredOrInArrears (403)', async () => {
    const legacy = c.disk('legacy-app-system');
    const s1 = c.sb.world.startSnapshot(legacy, { snapshotName: 'a', description: '', retentionDays: undefined, tags: [] });
    const lapsed = c.disk('billing-lapsed');
    const s2 = c.sb.world.startSnapshot(lapsed, { snapshotName: 'b', description: '', retentionDays: undefined, tags: [] });
    c.advance(3000);
    await rejectsWith(reset(legacy.diskId, s1.snapshotId), 'InstanceLockedForSecurity', 403);
    await rejectsWith(reset(lapsed.diskId, s2.snapshotId), 'InstanceExpiredOrInArrears', 403);
    // An instance's own financial lock refuses too.
    const web = c.instance('web-01');
    web.locks.push({ reason: 'financial', message: 'overdue' });
    await rejectsWith(reset(c.disk('web-01-data').diskId, c.snapshot('web-data-pre-migration').snapshotId), 'InstanceExpiredOrInArrears', 403);
  });

  it('InvalidInstanceId.NotFound (404) when the attached instance is gone', async () => {
    const d = c.disk('web-01-data');
    c.sb.world.instances.delete(d.instanceId ?? '');
    await rejectsWith(reset(d.diskId, c.snapshot('web-data-pre-migration').snapshotId), 'InvalidInstanceId.NotFound', 404);
  });

  it('IncorrectInstanceStatus (403) while the instance is Running, and still while it is Stopping', async () => {
    const d = c.disk('web-01-data');
    const s = c.snapshot('web-data-pre-migration');
    await rejectsWith(reset(d.diskId, s.snapshotId), 'IncorrectInstanceStatus', 403);
    await c.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: d.instanceId, stoppedMode: 'KeepCharging' }));
    assert.equal(await c.statusOf(d.instanceId ?? ''), 'Stopping');
    await rejectsWith(reset(d.diskId, s.snapshotId), 'IncorrectInstanceStatus', 403);
    c.advance(60);
    const res = await reset(d.diskId, s.snapshotId);
    assert.deepEqual(Object.keys(res.body?.toMap() ?? {}), ['RequestId']);
  });

  it('DryRunOperation (400) when the check passes, and nothing changes', async () => {
    const d = c.disk('12data-disk');
    c.sb.writeDisk(d.diskId, 'after');
    await rejectsWith(reset(d.diskId, c.snapshot('before-detach').snapshotId, true), 'DryRunOperation', 400);
    assert.equal(c.sb.readDisk(d.diskId).marker, 'after');
    // A dry run judges the state too: a Running instance fails it.
    await rejectsWith(reset(c.disk('web-01-data').diskId, c.snapshot('web-data-pre-migration').snapshotId, true), 'IncorrectInstanceStatus', 403);
  });

  it('InvalidOperation.DiskResetInProgress (403) for a second reset while the first one runs; accepted again once it ended', async () => {
    const d = c.disk('12data-disk');
    const s = c.snapshot('before-detach');
    await reset(d.diskId, s.snapshotId);
    await rejectsWith(reset(d.diskId, s.snapshotId), 'InvalidOperation.DiskResetInProgress', 403);
    c.advance(3);
    await rejectsWith(reset(d.diskId, s.snapshotId), 'InvalidOperation.DiskResetInProgress', 403);
    c.advance(60);
    await reset(d.diskId, s.snapshotId);
  });

  it('during a reset DescribeDisks keeps showing a documented status (ECS has none for rolling back)', async () => {
    const d = c.disk('12data-disk');
    await reset(d.diskId, c.snapshot('before-detach').snapshotId);
    const res = await c.ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: 'cn-hangzhou', diskIds: JSON.stringify([d.diskId]) }));
    assert.equal(res.body?.disks?.disk?.[0]?.status, 'Available', 'no undocumented "rolling back" status');
  });
});

describe('sandbox disk content: captured by a snapshot, restored by a reset', () => {
  it('write A, snapshot, write B, snapshot, reset to the first: A; reset to the second: B', async () => {
    const d = c.disk('12data-disk');
    const before = c.sb.readDisk(d.diskId);
    const a = c.sb.writeDisk(d.diskId, 'A');
    assert.deepEqual(a, { version: before.version + 1, marker: 'A' });
    const sA = await c.snapshotNow(d.diskId);
    const b = c.sb.writeDisk(d.diskId, 'B');
    assert.equal(b.version, a.version + 1);
    const sB = await c.snapshotNow(d.diskId);
    c.sb.writeDisk(d.diskId, 'C');
    assert.deepEqual(c.sb.snapshotContent(sA), a);
    assert.deepEqual(c.sb.snapshotContent(sB), b);

    await reset(d.diskId, sA);
    assert.deepEqual(c.sb.readDisk(d.diskId), a, 'exactly what the snapshot captured');
    c.advance(60);
    await reset(d.diskId, sB);
    assert.deepEqual(c.sb.readDisk(d.diskId), b);
  });

  it('a snapshot captures the content when it is created, not when it completes', async () => {
    const d = c.disk('12data-disk');
    c.sb.writeDisk(d.diskId, 'at-start');
    const res = await c.ecs.createSnapshot(new $Ecs.CreateSnapshotRequest({ diskId: d.diskId }));
    c.sb.writeDisk(d.diskId, 'while-copying');
    c.advance(3000);
    assert.equal(c.sb.snapshotContent(res.body?.snapshotId ?? '').marker, 'at-start');
  });

  it('a disk never written holds version 0, as do the snapshots of the default world', async () => {
    assert.deepEqual(c.sb.readDisk(c.disk('web-01-data').diskId), { version: 0, marker: '' });
    assert.deepEqual(c.sb.snapshotContent(c.snapshot('before-detach').snapshotId), { version: 0, marker: '' });
  });

  it('the content API refuses unknown IDs and is never visible in an ECS answer', async () => {
    assert.throws(() => c.sb.writeDisk('d-nope', 'x'), /no disk d-nope/);
    assert.throws(() => c.sb.readDisk('d-nope'), /no disk d-nope/);
    assert.throws(() => c.sb.snapshotContent('s-nope'), /no snapshot s-nope/);
    const d = c.disk('12data-disk');
    c.sb.writeDisk(d.diskId, 'secret-marker-42');
    const sId = await c.snapshotNow(d.diskId);
    const disks = await c.ecs.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: 'cn-hangzhou', diskIds: JSON.stringify([d.diskId]) }));
    const snaps = await c.ecs.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: 'cn-hangzhou', snapshotIds: JSON.stringify([sId]) }));
    assert.doesNotMatch(JSON.stringify([disks.body?.toMap(), snaps.body?.toMap()]), /secret-marker-42/);
  });
});

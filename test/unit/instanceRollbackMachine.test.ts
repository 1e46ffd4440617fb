// The instance rollback to a snapshot group: stop once, safety group, one ResetDisk per member disk
// (each disk's outcome saved before its send), start once; a reload in every phase resumes from
// the saved phase and the cloud's state; failures say which disks were rolled back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InstanceRollbackRequest } from '../../src/groups/groupApi';
import { INSTANCE_ROLLBACK_PHASES, type InstanceRollbackState } from '../../src/groups/instanceRollbackState';
import { DISKS, FakeClock, FakeGroupCloud, RollbackHarness, rollbackRequest, type GroupAction, type GroupFault } from './groupFakes';

function setUp(overrides: Partial<InstanceRollbackRequest> = {}, instance: 'Running' | 'Stopped' = 'Running') {
  const clock = new FakeClock();
  const cloud = new FakeGroupCloud(clock, { instance });
  DISKS.forEach((d) => cloud.content.set(d.diskId, `old-${d.diskId}`));
  const target = cloud.makeGroupNow('restore-point');
  DISKS.forEach((d) => cloud.content.set(d.diskId, `new-${d.diskId}`));
  const h = new RollbackHarness(clock, cloud, rollbackRequest(target, { wasRunning: instance === 'Running', startAfter: instance === 'Running', ...overrides }));
  return { clock, cloud, h, target };
}

const restored = (cloud: FakeGroupCloud) => DISKS.every((d) => cloud.content.get(d.diskId) === `old-${d.diskId}`);
const untouched = (cloud: FakeGroupCloud) => DISKS.every((d) => cloud.content.get(d.diskId) === `new-${d.diskId}`);

/** The safety group's members hold the disks as they were before the rollback. */
function safetyHoldsNew(cloud: FakeGroupCloud, state: InstanceRollbackState): boolean {
  const group = state.safetyGroupId ? cloud.view(state.safetyGroupId) : undefined;
  return !!group && group.members.length === 3 && group.members.every((m) => cloud.snapshots.get(m.snapshotId)?.content === `new-${m.sourceDiskId}`);
}

describe('instance rollback machine', () => {
  it('Running: stops once, safety group first, resets every member, starts once; every disk holds the group', async () => {
    const { cloud, h } = setUp();
    h.run();
    const state = await h.untilFinished();
    console.log(`[instance rollback counts] running, safety group: ${cloud.summary()}`);
    assert.equal(state.phase, 'done', JSON.stringify(state.failure));
    assert.ok(restored(cloud));
    assert.ok(safetyHoldsNew(cloud, state));
    assert.deepEqual([cloud.counts.StopInstance, cloud.counts.StartInstance, cloud.counts.CreateSnapshotGroup], [1, 1, 1]);
    assert.equal(cloud.effects.reset, 3);
    assert.equal(cloud.status(), 'Running');
    assert.deepEqual(h.phases, ['stopping', 'waitingStopped', 'safetyGroup', 'resetting', 'waitingReset', 'starting', 'waitingRunning', 'done']);
    assert.deepEqual(state.disks.map((d) => d.outcome), ['rolledBack', 'rolledBack', 'rolledBack']);
  });

  it('Stopped, not started after, no safety group: neither StopInstance nor StartInstance, only the resets', async () => {
    const { cloud, h } = setUp({ safetyGroup: undefined }, 'Stopped');
    h.run();
    const state = await h.untilFinished();
    assert.equal(state.phase, 'done');
    assert.ok(restored(cloud));
    assert.equal(cloud.counts.StopInstance + cloud.counts.StartInstance + cloud.counts.CreateSnapshotGroup, 0);
    assert.equal(cloud.status(), 'Stopped');
  });

  it('a member left out by the user is not reset', async () => {
    const { cloud, h, target } = setUp({ safetyGroup: undefined }, 'Stopped');
    h.machine.state.disks.splice(2, 1);
    (h.machine.state.request.members as unknown[]).splice(2, 1);
    h.run();
    await h.untilFinished();
    assert.equal(cloud.content.get('d-data2'), 'new-d-data2');
    assert.equal(cloud.content.get('d-sys'), 'old-d-sys');
    assert.equal(target.members.length, 3);
  });

  it('the safety group waits until every member is usable, not until accomplished (instant access)', async () => {
    const { cloud, h } = setUp();
    cloud.snapshotMs = 120_000;
    cloud.availableAfterMs = 5_000;
    h.run();
    await h.until((s) => s.phase === 'resetting');
    const group = cloud.view(h.state.safetyGroupId as string);
    assert.equal(group.status, 'progressing');
    assert.ok(group.members.every((m) => m.available));
  });

  it('the safety group answer lost: asked again with the same ClientToken, one group', async () => {
    const { cloud, h } = setUp();
    cloud.fault('CreateSnapshotGroup', 'lostAfter', '5xx');
    h.run();
    const state = await h.untilFinished();
    assert.equal(state.phase, 'done');
    assert.equal(cloud.counts.CreateSnapshotGroup, 3);
    assert.equal(cloud.effects.group, 2, 'the restore point and ONE safety group');
  });

  for (const code of ['DiskCategory.OperationNotSupported', 'IncorrectDiskStatus.CreatingSnapshot', 'InstanceLockedForSecurity', 'NumberExceed.TooManyDisks', 'IdempotentParameterMismatch']) {
    it(`the safety group refused (${code}): failed before any reset, every disk untouched, Retry and Start Instance offered`, async () => {
      const { cloud, h } = setUp();
      cloud.fault('CreateSnapshotGroup', { code, status: 403 });
      h.run();
      const state = await h.untilFinished();
      assert.equal(state.phase, 'failed');
      assert.equal(state.failure?.phase, 'safetyGroup');
      assert.equal(state.failure?.error.code, code);
      assert.deepEqual(state.failure?.disks.map((d) => d.outcome), ['untouched', 'untouched', 'untouched']);
      assert.equal(state.failure?.instanceStatus, 'Stopped');
      assert.deepEqual(state.failure?.actions, ['retry', 'startInstance']);
      assert.ok(untouched(cloud));
      assert.equal(cloud.counts.ResetDisk, 0);
    });
  }

  it('a reset refused on the third disk: failed with per-disk outcomes; Retry resumes there, no disk reset twice, one stop and one start', async () => {
    const { cloud, h } = setUp();
    cloud.fault('ResetDisk', 'throttle'); // retried
    cloud.refuseReset = { diskId: 'd-data2', code: 'OperationDenied' };
    h.run();
    const failed = await h.untilFinished();
    assert.equal(failed.phase, 'failed');
    assert.equal(failed.failure?.phase, 'resetting');
    assert.equal(failed.failure?.error.code, 'OperationDenied');
    assert.deepEqual(failed.failure?.disks.map((d) => d.outcome), ['rolledBack', 'rolledBack', 'untouched']);
    assert.deepEqual(failed.failure?.actions, ['retry', 'startInstance']);
    cloud.refuseReset = undefined;
    const again = h.machine.retry();
    await h.untilFinished();
    await again;
    assert.equal(h.state.phase, 'done');
    assert.ok(restored(cloud));
    assert.equal(cloud.effects.reset, 3);
    assert.equal(cloud.effects.stop, 1);
    assert.equal(cloud.effects.start, 1);
  });

  it('Start Instance after a failed reset starts it once; the operation stays failed (the rollback did not happen)', async () => {
    const { cloud, h } = setUp();
    cloud.fault('ResetDisk', { code: 'InvalidSnapshotId.NotFound', status: 404 });
    h.run();
    const failed = await h.untilFinished();
    assert.deepEqual(failed.failure?.actions, ['retry', 'startInstance']);
    const start = h.machine.startInstance();
    await h.untilFinished();
    await start;
    assert.equal(h.state.phase, 'failed');
    assert.deepEqual(h.state.failure?.actions, []);
    assert.equal(cloud.status(), 'Running');
    assert.equal(cloud.effects.start, 1);
  });

  it('a lost ResetDisk answer while the instance stays Stopped: re-sent (harmless), done', async () => {
    const { cloud, h } = setUp();
    cloud.fault('ResetDisk', 'lostAfter');
    h.run();
    const state = await h.untilFinished();
    assert.equal(state.phase, 'done');
    assert.ok(restored(cloud));
    assert.ok(cloud.effects.reset >= 3 && cloud.effects.reset <= 4);
  });

  it('a lost ResetDisk answer and the instance started elsewhere meanwhile: not re-sent (it could roll back new writes); outcome maybe', async () => {
    const { cloud, h } = setUp();
    cloud.fault('ResetDisk', 'hangAfter');
    h.run();
    await h.until((s) => s.disks[0].outcome === 'maybeRolledBack' && cloud.content.get('d-sys') === 'old-d-sys');
    await h.clock.advance(30_000);
    cloud.startElsewhere();
    const sent = cloud.counts.ResetDisk;
    h.reload();
    const state = await h.untilFinished();
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.error.code, 'RollbackStepNotConfirmed');
    assert.deepEqual(state.failure?.disks.map((d) => d.outcome), ['maybeRolledBack', 'untouched', 'untouched']);
    assert.equal(cloud.counts.ResetDisk, sent, 'no ResetDisk after the reload');
    assert.equal(cloud.content.get('d-data1'), 'written-after', 'the new writes are kept');
  });
});

describe('instance rollback machine: a reload in every phase', () => {
  const waiting = ['waitingStopped', 'safetyGroup', 'resetting', 'waitingReset', 'waitingRunning'] as const;
  for (const phase of waiting) {
    it(`a reload in ${phase} resumes there; one stop, one start, every disk restored`, async () => {
      const { cloud, h } = setUp();
      cloud.snapshotMs = 30_000;
      h.run();
      await h.until((s) => s.phase === phase);
      const resumed = h.reload();
      assert.equal(resumed.phase, phase);
      const state = await h.untilFinished();
      console.log(`[instance rollback counts] reload in ${phase}: ${cloud.summary()}`);
      assert.equal(state.phase, 'done', JSON.stringify(state.failure));
      assert.ok(restored(cloud));
      assert.equal(cloud.effects.stop, 1);
      assert.equal(cloud.effects.start, 1);
      assert.equal(cloud.effects.group, 2, 'the restore point and one safety group');
    });
  }

  /** The write never answers (it ran, or not), then the window reloads. */
  async function hangThenReload(action: GroupAction, fault: GroupFault) {
    const { cloud, h } = setUp();
    cloud.fault(action, fault);
    h.run();
    await h.until(() => cloud.counts[action] > 0);
    await h.clock.advance(30_000);
    h.reload();
    const state = await h.untilFinished();
    console.log(`[instance rollback counts] ${action} ${String(fault)}, reload: ${cloud.summary()}`);
    return { cloud, state, h };
  }

  it('stopping: StopInstance ran, no answer, reload: never sent again, done', async () => {
    const { cloud, state } = await hangThenReload('StopInstance', 'hangAfter');
    assert.equal(state.phase, 'done');
    assert.equal(cloud.counts.StopInstance, 1);
    assert.equal(cloud.effects.start, 1);
  });

  it('stopping: StopInstance never ran: fails with Retry (no second stop on its own), Retry stops it once', async () => {
    const { cloud, state, h } = await hangThenReload('StopInstance', 'hangBefore');
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.instanceStatus, 'Running');
    assert.deepEqual(state.failure?.actions, ['retry']);
    assert.equal(cloud.counts.StopInstance, 1);
    const again = h.machine.retry();
    await h.untilFinished();
    await again;
    assert.equal(h.state.phase, 'done');
    assert.equal(cloud.effects.stop, 1);
    assert.ok(restored(cloud));
  });

  it('safetyGroup: CreateSnapshotGroup ran, no answer, reload: the same ClientToken answers the same group', async () => {
    const { cloud, state } = await hangThenReload('CreateSnapshotGroup', 'hangAfter');
    assert.equal(state.phase, 'done');
    assert.equal(cloud.effects.group, 2);
    assert.equal(cloud.counts.CreateSnapshotGroup, 2);
  });

  it('resetting: ResetDisk ran, no answer, reload: the disk is "maybe", the instance still Stopped, so re-sent; done', async () => {
    const { cloud, state } = await hangThenReload('ResetDisk', 'hangAfter');
    assert.equal(state.phase, 'done');
    assert.ok(restored(cloud));
    assert.equal(cloud.effects.reset, 4, 'the one re-sent after the reload, while the instance stayed Stopped');
    assert.equal(cloud.effects.start, 1);
  });

  it('starting: StartInstance ran, no answer, reload: never sent again, done', async () => {
    const { cloud, state } = await hangThenReload('StartInstance', 'hangAfter');
    assert.equal(state.phase, 'done');
    assert.equal(cloud.counts.StartInstance, 1);
    assert.equal(cloud.status(), 'Running');
  });

  it('starting: StartInstance never ran: not re-sent on its own; failed with the instance Stopped and Start Instance offered', async () => {
    const { cloud, state } = await hangThenReload('StartInstance', 'hangBefore');
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.phase, 'waitingRunning');
    assert.equal(state.failure?.instanceStatus, 'Stopped');
    assert.deepEqual(state.failure?.actions, ['startInstance']);
    assert.deepEqual(state.failure?.disks.map((d) => d.outcome), ['rolledBack', 'rolledBack', 'rolledBack']);
    assert.equal(cloud.counts.StartInstance, 1);
    assert.ok(restored(cloud));
  });

  it('every phase a reload can read is a known phase; a malformed saved disk resumes as "maybe", never as untouched', async () => {
    assert.deepEqual([...INSTANCE_ROLLBACK_PHASES].sort(), ['done', 'failed', 'resetting', 'safetyGroup', 'starting', 'stopping', 'waitingReset', 'waitingRunning', 'waitingStopped']);
    const { h } = setUp();
    const saved = h.saved as { disks: unknown[] };
    saved.disks = [saved.disks[0], { diskId: 'd-data1' }];
    const resumed = h.reload();
    assert.deepEqual(resumed.disks.map((d) => d.outcome), ['untouched', 'maybeRolledBack', 'maybeRolledBack']);
  });
});

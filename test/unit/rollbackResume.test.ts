// Every phase interrupted by a window reload (the machine dropped, a new one built from what was
// saved), with the cloud in the states that matter: the write ran or did not, someone wrote to the
// disk meanwhile. Nothing harmful is done twice; every run ends in a definite state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RollbackRequest } from '../../src/rollback/rollbackApi';
import { ROLLBACK_PHASES, type RollbackState } from '../../src/rollback/rollbackState';
import { FakeClock, FakeCloud, MachineHarness, rollbackRequest, RUNNING, STOPPED_START, UNATTACHED, type Action, type Fault } from './rollbackFakes';

function setUp(instance: RollbackRequest['instance'], safety = true) {
  const clock = new FakeClock();
  const cloud = new FakeCloud(clock, { instance: instance.kind === 'none' ? 'none' : instance.kind === 'running' ? 'Running' : 'Stopped' });
  cloud.write('B');
  const h = MachineHarness.start(cloud, clock, rollbackRequest(instance, safety));
  return { clock, cloud, h };
}

/** Runs until `phase`, reloads there, and finishes. */
async function reloadIn(phase: RollbackState['phase'], instance: RollbackRequest['instance'] = RUNNING) {
  const { cloud, h } = setUp(instance);
  h.run();
  await h.until((s) => s.phase === phase);
  const resumed = h.reload();
  assert.equal(resumed.phase, phase, 'the saved phase is where it resumes');
  const state = await h.untilFinished();
  console.log(`[rollback counts] reload in ${phase}: ${cloud.summary()}`);
  return { cloud, state };
}

/** A write that never answers (it ran, or not), then the window reloads. */
async function hangThenReload(action: Action, fault: Fault, instance: RollbackRequest['instance'] = RUNNING) {
  const { cloud, h } = setUp(instance);
  cloud.fault(action, fault);
  h.run();
  const sent = () => cloud.counts[action] > 0;
  await h.until(sent);
  await h.clock.advance(30_000); // no answer comes
  h.reload();
  const state = await h.untilFinished();
  console.log(`[rollback counts] ${action} ${String(fault)}, reload: ${cloud.summary()}`);
  return { cloud, state, h };
}

describe('rollback machine: reload in each phase', () => {
  // The phases that wait on the cloud; stopping, resetting and starting last as long as their one
  // request, so their reloads are the "unanswered write" cases below.
  for (const phase of ['waitingStopped', 'safetySnapshot', 'waitingReset', 'waitingRunning'] as const) {
    it(`a reload in ${phase} resumes there and finishes with one stop and one start`, async () => {
      const { cloud, state } = await reloadIn(phase);
      assert.equal(state.phase, 'done');
      assert.equal(cloud.diskContent, 'TARGET');
      assert.equal(cloud.status(), 'Running');
      assert.equal(cloud.counts.StopInstance, 1);
      assert.equal(cloud.effects.start, 1);
      assert.equal(cloud.effects.snapshot, 1);
      assert.ok(cloud.effects.reset <= 2);
    });
  }

  it('the saved state is persisted before each write: every phase name a reload can read', () => {
    assert.deepEqual([...ROLLBACK_PHASES].sort(), ['done', 'failed', 'resetting', 'safetySnapshot', 'starting', 'stopping', 'waitingReset', 'waitingRunning', 'waitingStopped']);
  });
});

describe('rollback machine: a reload while a write is unanswered', () => {
  it('StopInstance ran, answer never came: the resumed machine reads Stopped and never sends it again', async () => {
    const { cloud, state } = await hangThenReload('StopInstance', 'hangAfter');
    assert.equal(state.phase, 'done');
    assert.equal(cloud.counts.StopInstance, 1);
    assert.equal(cloud.counts.StartInstance, 1);
  });

  it('StopInstance never ran: the instance stays Running, so it fails with Retry (no second stop on its own); Retry stops it', async () => {
    const { cloud, state, h } = await hangThenReload('StopInstance', 'hangBefore');
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.instanceStatus, 'Running');
    assert.equal(state.failure?.disk, 'untouched');
    assert.deepEqual(state.failure?.actions, ['retry']);
    assert.equal(cloud.counts.StopInstance, 1);
    const again = h.machine.retry();
    await h.untilFinished();
    await again;
    console.log(`[rollback counts] StopInstance hangBefore, reload, Retry: ${cloud.summary()}`);
    assert.equal(h.state.phase, 'done');
    assert.equal(cloud.effects.stop, 1);
    assert.equal(cloud.effects.start, 1);
  });

  it('CreateSnapshot ran, answer never came: the same ClientToken finds the same safety snapshot', async () => {
    const { cloud, state } = await hangThenReload('CreateSnapshot', 'hangAfter');
    assert.equal(state.phase, 'done');
    assert.equal(cloud.effects.snapshot, 1);
    assert.equal(cloud.counts.CreateSnapshot, 2);
    assert.equal(state.safetySnapshotId, 's-safety1');
  });

  it('ResetDisk ran, answer never came, instance still Stopped: sent again (harmless), done', async () => {
    const { cloud, state } = await hangThenReload('ResetDisk', 'hangAfter');
    assert.equal(state.phase, 'done');
    assert.equal(cloud.diskContent, 'TARGET');
    assert.equal(cloud.counts.StartInstance, 1);
  });

  it('ResetDisk never ran: sent again on resume, done', async () => {
    const { cloud, state } = await hangThenReload('ResetDisk', 'hangBefore', STOPPED_START);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.effects.reset, 1);
    assert.equal(cloud.diskContent, 'TARGET');
  });

  it('ResetDisk ran, then the instance was started and written to: the reset is NOT repeated', async () => {
    const { cloud, h } = setUp(RUNNING);
    cloud.fault('ResetDisk', 'hangAfter');
    h.run();
    await h.until(() => cloud.counts.ResetDisk > 0);
    h.machine.dispose(); // the window closes
    await h.clock.advance(10_000);
    await cloud.startInstance('cn-hangzhou', 'i-1'); // someone starts it from the console meanwhile
    await h.clock.advance(20_000);
    cloud.write('C'); // and writes to the disk
    h.reload();
    const state = await h.untilFinished();
    console.log(`[rollback counts] ResetDisk hangAfter, instance started and written, reload: ${cloud.summary()}`);
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.disk, 'maybeRolledBack');
    assert.equal(state.failure?.instanceStatus, 'Running');
    assert.equal(cloud.counts.ResetDisk, 1, 'never repeated blindly');
    assert.equal(cloud.diskContent, 'C', 'the new write survives');
  });

  it('StartInstance ran, answer never came: the resumed machine reads Running and never sends it again', async () => {
    const { cloud, state } = await hangThenReload('StartInstance', 'hangAfter');
    assert.equal(state.phase, 'done');
    assert.equal(cloud.counts.StartInstance, 1);
  });

  it('StartInstance never ran: it fails saying the instance is Stopped, with Start Instance (one more, by the user)', async () => {
    const { cloud, state, h } = await hangThenReload('StartInstance', 'hangBefore');
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.disk, 'rolledBack');
    assert.equal(state.failure?.instanceStatus, 'Stopped');
    assert.deepEqual(state.failure?.actions, ['startInstance']);
    assert.equal(cloud.counts.StartInstance, 1);
    const started = h.machine.startInstance();
    await h.untilFinished();
    await started;
    assert.equal(h.state.phase, 'done', 'the disk was rolled back and the instance runs: the rollback is complete');
    assert.equal(cloud.effects.start, 1);
  });

  it('an unattached disk: a reload after an unanswered reset re-sends only while the disk is still unattached', async () => {
    const { cloud, state } = await hangThenReload('ResetDisk', 'hangAfter', UNATTACHED);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.diskContent, 'TARGET');
  });
});

// The rollback machine's branches on a fake clock and cloud: unattached, stopped (start or not),
// running (keep stopped or not), safety snapshot on/off, instant access, and failures that say
// exactly where disk and instance stand. Each test prints its request counts per action.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RollbackRequest } from '../../src/rollback/rollbackApi';
import {
  FakeClock,
  FakeCloud,
  MachineHarness,
  rollbackRequest,
  RUNNING,
  RUNNING_KEEP_STOPPED,
  STOPPED_NO_START,
  STOPPED_START,
  UNATTACHED,
} from './rollbackFakes';

async function rollBack(instance: RollbackRequest['instance'], safety: boolean, setup?: (cloud: FakeCloud) => void) {
  const clock = new FakeClock();
  const cloud = new FakeCloud(clock, { instance: instance.kind === 'none' ? 'none' : instance.kind === 'running' ? 'Running' : 'Stopped' });
  cloud.write('B'); // written after the snapshot: what the rollback loses (and the safety snapshot keeps)
  setup?.(cloud);
  const h = MachineHarness.start(cloud, clock, rollbackRequest(instance, safety));
  h.run();
  const state = await h.untilFinished();
  return { h, cloud, state, clock };
}

function print(name: string, cloud: FakeCloud): void {
  console.log(`[rollback counts] ${name}: ${cloud.summary()}`);
}

function safetyContent(cloud: FakeCloud, id: string | undefined): string | undefined {
  return id ? [...cloud.snapshots.entries()].find(([k]) => k === id)?.[1].content : undefined;
}

describe('rollback machine: paths', () => {
  it('unattached disk without safety snapshot: one ResetDisk plus the read that confirms it', async () => {
    const { cloud, state, h } = await rollBack(UNATTACHED, false);
    print('unattached, no safety snapshot', cloud);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.diskContent, 'TARGET');
    assert.deepEqual(h.phases, ['resetting', 'waitingReset', 'done']);
    assert.equal(cloud.counts.ResetDisk, 1);
    assert.equal(cloud.counts.StopInstance + cloud.counts.StartInstance + cloud.counts.CreateSnapshot, 0);
    assert.equal(cloud.counts.DescribeDisks, 1);
  });

  it('unattached disk with safety snapshot: the snapshot keeps what the reset replaced', async () => {
    const { cloud, state, h } = await rollBack(UNATTACHED, true);
    print('unattached, safety snapshot', cloud);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.diskContent, 'TARGET');
    assert.equal(safetyContent(cloud, state.safetySnapshotId), 'B');
    assert.equal(state.safetyProgress, 100);
    assert.deepEqual(h.phases, ['safetySnapshot', 'resetting', 'waitingReset', 'done']);
    assert.equal(cloud.counts.CreateSnapshot, 1);
    assert.equal(cloud.counts.ResetDisk, 1);
  });

  it('stopped instance, start asked: reset, then one StartInstance (retried while the disk is busy) until Running', async () => {
    const { cloud, state, h } = await rollBack(STOPPED_START, true);
    print('stopped + start', cloud);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.status(), 'Running');
    assert.equal(cloud.diskContent, 'TARGET');
    assert.equal(cloud.counts.StopInstance, 0);
    assert.equal(cloud.counts.StartInstance, 1);
    assert.deepEqual(h.phases, ['safetySnapshot', 'resetting', 'waitingReset', 'starting', 'waitingRunning', 'done']);
  });

  it('a start refused while the disk is still busy (DiskError) is asked again later: one start takes effect', async () => {
    const { cloud, state } = await rollBack(STOPPED_START, false, (c) => c.fault('StartInstance', { code: 'DiskError' }, { code: 'InstanceNotReady' }));
    print('stopped + start, DiskError then InstanceNotReady', cloud);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.status(), 'Running');
    assert.equal(cloud.counts.StartInstance, 3, 'two refusals (nothing started), then the start');
    assert.equal(cloud.effects.start, 1);
  });

  it('stopped instance, no start: it stays Stopped and nothing starts it', async () => {
    const { cloud, state } = await rollBack(STOPPED_NO_START, false);
    print('stopped, no start', cloud);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.status(), 'Stopped');
    assert.equal(cloud.counts.StartInstance + cloud.counts.StopInstance, 0);
    assert.equal(cloud.diskContent, 'TARGET');
  });

  it('running instance: exactly one StopInstance and one StartInstance, reset only once Stopped', async () => {
    const { cloud, state, h } = await rollBack(RUNNING, true);
    print('running, stop + start, safety snapshot', cloud);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.status(), 'Running');
    assert.equal(cloud.diskContent, 'TARGET');
    assert.equal(safetyContent(cloud, state.safetySnapshotId), 'B');
    assert.equal(cloud.counts.StopInstance, 1);
    assert.equal(cloud.counts.StartInstance, 1);
    assert.equal(cloud.counts.ResetDisk, 1);
    assert.deepEqual(h.phases, ['stopping', 'waitingStopped', 'safetySnapshot', 'resetting', 'waitingReset', 'starting', 'waitingRunning', 'done']);
  });

  it('running instance, keep stopped: one StopInstance, no StartInstance', async () => {
    const { cloud, state } = await rollBack(RUNNING_KEEP_STOPPED, false);
    print('running, keep stopped', cloud);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.status(), 'Stopped');
    assert.equal(cloud.counts.StopInstance, 1);
    assert.equal(cloud.counts.StartInstance, 0);
    assert.equal(cloud.diskContent, 'TARGET');
  });

  it('instant access: resets as soon as the safety snapshot is available, waiting out HasUnfinishedSnapshot', async () => {
    const { cloud, state } = await rollBack(UNATTACHED, true, (c) => (c.instantAccessAfterMs = 4_000));
    print('instant access', cloud);
    assert.equal(state.phase, 'done');
    assert.equal(cloud.effects.reset, 1, 'one reset took effect');
    assert.ok(cloud.counts.ResetDisk >= 2, 'the first attempt met the unfinished snapshot and was refused');
    assert.equal(cloud.diskContent, 'TARGET');
  });
});

describe('rollback machine: failures say where disk and instance stand', () => {
  it('a failed safety snapshot stops before the reset: disk untouched, instance Stopped, Start Instance and Retry offered', async () => {
    const { cloud, state, h } = await rollBack(RUNNING, true, (c) => (c.failNextSnapshot = true));
    print('safety snapshot failed', cloud);
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.phase, 'safetySnapshot');
    assert.equal(state.failure?.disk, 'untouched');
    assert.equal(state.failure?.instanceStatus, 'Stopped');
    assert.deepEqual(state.failure?.actions, ['retry', 'startInstance']);
    assert.equal(cloud.diskContent, 'B');
    assert.equal(cloud.counts.ResetDisk, 0);

    // The user picks "Start Instance": one StartInstance, the instance runs, the failure stays told.
    const done = h.machine.startInstance();
    await h.untilFinished();
    await done;
    print('safety snapshot failed, then Start Instance', cloud);
    assert.equal(cloud.status(), 'Running');
    assert.equal(cloud.counts.StartInstance, 1);
    assert.equal(h.state.phase, 'failed');
    assert.equal(h.state.failure?.disk, 'untouched');
    assert.equal(h.state.failure?.instanceStatus, 'Running');
    assert.deepEqual(h.state.failure?.actions, []);
  });

  it('a refused reset: the instance was stopped, the disk untouched; Start Instance offered', async () => {
    const { cloud, state } = await rollBack(RUNNING, false, (c) => c.fault('ResetDisk', { code: 'OperationDenied' }));
    print('reset refused', cloud);
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.phase, 'resetting');
    assert.equal(state.failure?.error.code, 'OperationDenied');
    assert.equal(state.failure?.disk, 'untouched');
    assert.equal(state.failure?.instanceStatus, 'Stopped');
    assert.ok(state.failure?.actions.includes('startInstance'));
    assert.equal(cloud.counts.StartInstance, 0);
  });

  it('Retry after a refused reset resumes there and finishes (still one stop, one start)', async () => {
    const { cloud, h } = await rollBack(RUNNING, false, (c) => c.fault('ResetDisk', { code: 'Operation.Conflict.Other' }));
    assert.equal(h.state.phase, 'failed');
    const again = h.machine.retry();
    await h.untilFinished();
    await again;
    print('reset refused, then Retry', cloud);
    assert.equal(h.state.phase, 'done');
    assert.equal(cloud.diskContent, 'TARGET');
    assert.equal(cloud.counts.StopInstance, 1);
    assert.equal(cloud.counts.StartInstance, 1);
  });

  it('a refused stop: nothing changed, the instance still Running; Retry offered, no Start', async () => {
    const { cloud, state } = await rollBack(RUNNING, true, (c) => c.fault('StopInstance', { code: 'InstanceLockedForSecurity' }));
    print('stop refused', cloud);
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.disk, 'untouched');
    assert.equal(state.failure?.instanceStatus, 'Running');
    assert.deepEqual(state.failure?.actions, ['retry']);
    assert.equal(state.stopSentAt, undefined, 'a refused stop did not run');
    assert.equal(cloud.counts.CreateSnapshot + cloud.counts.ResetDisk, 0);
  });

  it('a start refused for good after the reset: the disk is rolled back, the instance Stopped; Start Instance offered', async () => {
    const { cloud, state } = await rollBack(RUNNING, false, (c) => c.fault('StartInstance', { code: 'OperationDenied.NoStock' }));
    print('start refused', cloud);
    assert.equal(state.phase, 'failed');
    assert.equal(state.failure?.phase, 'starting');
    assert.equal(state.failure?.disk, 'rolledBack');
    assert.equal(state.failure?.instanceStatus, 'Stopped');
    assert.deepEqual(state.failure?.actions, ['startInstance']);
    assert.equal(cloud.diskContent, 'TARGET');
  });
});

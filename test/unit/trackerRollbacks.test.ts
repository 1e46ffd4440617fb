// The tracker's rollback operations: persisted with the creations' Memento, resumed after a
// reload, shown in the status bar by phase (with the creations' tones), failures told in full.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLLBACK_PERSISTENCE_KEY, type RollbackState } from '../../src/rollback/rollbackState';
import { RollbackOperations, type RollbackEvent } from '../../src/tracker/rollbackOperations';
import { describeStatus } from '../../src/tracker/statusView';
import { FakeClock, FakeCloud, rollbackRequest, RUNNING, UNATTACHED } from './rollbackFakes';
import { MemoryStore } from './trackerFakes';

function operations(clock: FakeClock, cloud: FakeCloud, store: MemoryStore, events: RollbackEvent[] = []) {
  const ops = new RollbackOperations({
    clock,
    store: { load: () => store.load(), save: (s) => store.save(s as never) },
    resolveGateway: async () => cloud,
    onEvent: (e) => events.push(e),
  });
  ops.resume();
  return ops;
}

async function until(clock: FakeClock, ok: () => boolean, maxMs = 10 * 60_000): Promise<void> {
  for (let t = 0; t < maxMs && !ok(); t += 500) await clock.advance(500);
  assert.ok(ok(), 'condition never met');
}

const textOf = (ops: RollbackOperations, clock: FakeClock) => describeStatus([], clock.now(), 0, ops.operations()).text;

describe('tracker: rollback operations', () => {
  it('the status bar follows the phases: stopping instance, safety snapshot NN%, rolling back, starting instance, rolled back', async () => {
    const clock = new FakeClock();
    const cloud = new FakeCloud(clock, { instance: 'Running' });
    const ops = operations(clock, cloud, new MemoryStore());
    const seen = new Set<string>();
    ops.start(rollbackRequest(RUNNING, true));
    assert.equal(ops.isRollingBack({ regionId: 'cn-hangzhou', diskId: 'd-1' }), true);
    assert.equal(ops.isRollingBack({ regionId: 'cn-beijing', diskId: 'd-1' }), false);
    for (let t = 0; t < 5 * 60_000 && ops.active().length > 0; t += 500) {
      seen.add(textOf(ops, clock));
      await clock.advance(500);
    }
    const texts = [...seen];
    console.log(`[rollback status texts] ${texts.join(' | ')}`);
    assert.ok(texts.includes('$(history) web-01-data · stopping instance'));
    assert.ok(texts.some((t) => /^\$\(history\) web-01-data · safety snapshot [1-9]\d?%$/.test(t)), 'a safety snapshot percentage');
    assert.ok(texts.includes('$(history) web-01-data · rolling back'));
    assert.ok(texts.includes('$(history) web-01-data · starting instance'));
    const done = describeStatus([], clock.now(), 0, ops.operations());
    assert.equal(done.text, '$(check) web-01-data rolled back');
    assert.equal(done.tone, 'success');
    assert.equal(ops.isRollingBack({ regionId: 'cn-hangzhou', diskId: 'd-1' }), false);
    await clock.advance(10_000);
    assert.equal(describeStatus([], clock.now(), 0, ops.operations()).visible, false, 'the success state passes');
  });

  it('persisted with every phase and resumed by a new tracker (a window reload) from the saved phase', async () => {
    const clock = new FakeClock();
    const cloud = new FakeCloud(clock, { instance: 'Running' });
    const store = new MemoryStore();
    const first = operations(clock, cloud, store);
    first.start(rollbackRequest(RUNNING, true));
    await until(clock, () => first.operations()[0].phase === 'safetySnapshot');
    first.dispose();
    const saved = store.state as { rollbacks: RollbackState[] };
    assert.equal(saved.rollbacks[0].phase, 'safetySnapshot');
    assert.ok(saved.rollbacks[0].stopSentAt !== undefined);

    const events: RollbackEvent[] = [];
    const second = operations(clock, cloud, store, events);
    assert.equal(second.isRollingBack({ regionId: 'cn-hangzhou', diskId: 'd-1' }), true);
    await until(clock, () => second.active().length === 0);
    console.log(`[rollback counts] tracker reload in safetySnapshot: ${cloud.summary()}`);
    assert.equal(second.operations()[0].phase, 'done');
    assert.equal(cloud.counts.StopInstance, 1);
    assert.equal(cloud.counts.StartInstance, 1);
    assert.ok(events.some((e) => e.kind === 'rollbackChanged' && e.previous === 'waitingRunning' && e.state.phase === 'done'));
    assert.equal(ROLLBACK_PERSISTENCE_KEY, 'ecsSnapshots.tracker.rollbacks');
  });

  it('a failure colours the item until seen; the tooltip tells what failed, where disk and instance stand and what to do', async () => {
    const clock = new FakeClock();
    const cloud = new FakeCloud(clock, { instance: 'Running' });
    cloud.fault('ResetDisk', { code: 'OperationDenied' });
    const store = new MemoryStore();
    const ops = operations(clock, cloud, store);
    ops.start(rollbackRequest(RUNNING, false));
    await until(clock, () => ops.active().length === 0);
    const view = describeStatus([], clock.now(), 0, ops.operations());
    assert.equal(view.text, '$(error) web-01-data: rollback failed');
    assert.equal(view.tone, 'error');
    assert.match(view.tooltip, /The rollback of the disk failed/);
    assert.match(view.tooltip, /OperationDenied/);
    assert.match(view.tooltip, /was not changed/);
    assert.match(view.tooltip, /Instance web-01 is Stopped/);
    assert.match(view.tooltip, /Start Instance starts it again/);
    assert.equal(ops.acknowledgeAll(), true);
    assert.equal(describeStatus([], clock.now(), 0, ops.operations()).visible, false);
    // Start Instance from the list: one StartInstance, and the failure stays told with the new state.
    const started = ops.startInstance('op-1');
    await until(clock, () => ops.active().length === 0 && cloud.status() === 'Running');
    await started;
    assert.match(describeStatus([], clock.now(), 0, ops.operations()).tooltip, /Instance web-01 is Running/);
    assert.equal(cloud.counts.StartInstance, 1);
    ops.dismiss('op-1');
    assert.equal(ops.operations().length, 0);
    assert.deepEqual((store.state as { rollbacks: unknown[] }).rollbacks, []);
  });

  it('a rollback in progress leads the text, a creation in progress follows it', async () => {
    const clock = new FakeClock();
    const cloud = new FakeCloud(clock, { instance: 'none' });
    const ops = operations(clock, cloud, new MemoryStore());
    ops.start(rollbackRequest(UNATTACHED, false));
    const creating = {
      intent: { request: { regionId: 'cn-hangzhou', diskId: 'd-9', clientToken: 't' }, diskName: 'logs', sourceKey: 'sandbox', origin: 'create' as const },
      snapshotId: 's-9',
      state: 'creating' as const,
      progress: 30,
      startedAt: clock.now(),
      updatedAt: clock.now(),
      acknowledged: false,
      polls: 0,
      misses: 0,
    };
    assert.equal(describeStatus([creating], clock.now(), 0, ops.operations()).text, '$(history) web-01-data · rolling back · $(sync~spin) logs 30%');
    ops.dispose();
  });
});

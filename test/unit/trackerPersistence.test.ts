// Tracking survives a reload: what is stored, what is trusted when read back, and resuming.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EcsError } from '../../src/ecs/errors';
import { deserialize, PERSISTENCE_VERSION, serialize } from '../../src/tracker/trackedOperation';
import { FakeClock, FakeGateway, harness, intent, MemoryStore, throttled } from './trackerFakes';

describe('tracker persistence', () => {
  it('round-trips operations without transient state', async () => {
    const h = harness();
    h.gateway.put('s-1', { progress: 30, remainTime: 100, sourceDiskSizeGiB: 40 });
    h.core.track(intent(1, { diskName: 'web-data' }), 's-1');
    h.core.reportCreateFailure(intent(2), new EcsError({ kind: 'api', code: 'IncorrectDiskStatus', message: 'busy', retryable: false, requestId: 'R-2' }));
    await h.clock.advance(2_000);
    const stored = h.store.state as { version: number; operations: Record<string, unknown>[] };
    assert.equal(stored.version, PERSISTENCE_VERSION);
    assert.equal(stored.operations.length, 2);
    for (const op of stored.operations) {
      assert.ok(!('polls' in op) && !('misses' in op) && !('pollError' in op));
    }
    const back = deserialize(stored);
    const byToken = new Map(back.map((op) => [op.intent.request.clientToken, op]));
    assert.equal(byToken.get('token-1')?.snapshotId, 's-1');
    assert.equal(byToken.get('token-1')?.intent.diskName, 'web-data');
    assert.equal(byToken.get('token-1')?.intent.sourceKey, 'profile:dev');
    assert.deepEqual(byToken.get('token-1')?.intent.request.tags, [{ key: 'purpose', value: 'test' }]);
    assert.equal(byToken.get('token-1')?.startedAt, h.core.get('token-1')?.startedAt);
    assert.equal(byToken.get('token-2')?.state, 'refused');
    assert.equal(byToken.get('token-2')?.error?.requestId, 'R-2');
    assert.deepEqual(serialize(back).operations.length, 2);
  });

  it('a new tracker over the same store resumes polling and finishes the job', async () => {
    const clock = new FakeClock();
    const gateway = new FakeGateway(clock);
    const store = new MemoryStore();
    const first = harness({ clock, gateway, store });
    for (let n = 1; n <= 3; n++) {
      gateway.put(`s-${n}`, { progress: 10 });
      first.core.track(intent(n), `s-${n}`);
    }
    await clock.advance(2_000);
    first.core.dispose(); // the window reloads
    assert.equal(clock.pendingTimers, 0);
    await clock.advance(30_000);
    const sentBefore = gateway.calls.length;

    const second = harness({ clock, gateway, store });
    second.core.resume();
    assert.equal(second.core.operations().length, 3);
    assert.equal(second.core.isCreating({ regionId: 'cn-hangzhou', diskId: 'd-2' }), true);
    await clock.advance(1_000);
    assert.equal(gateway.calls.length, sentBefore + 1, 'one request for the three resumed snapshots');
    for (let n = 1; n <= 3; n++) {
      gateway.put(`s-${n}`, { status: 'accomplished', progress: 100 });
    }
    await clock.advance(2_000);
    assert.deepEqual(second.core.operations().map((op) => op.state), ['ready', 'ready', 'ready']);
    assert.equal(clock.pendingTimers, 0);
    // And the outcome is stored too, so a third window does not poll again.
    const third = harness({ clock, gateway, store });
    third.core.resume();
    assert.equal(clock.pendingTimers, 0);
  });

  it('drops malformed or foreign data instead of trusting it', () => {
    assert.deepEqual(deserialize(undefined), []);
    assert.deepEqual(deserialize({ version: 99, operations: [] }), []);
    const good = serialize([
      {
        intent: intent(1),
        snapshotId: 's-1',
        state: 'creating',
        progress: 5,
        startedAt: 1,
        updatedAt: 1,
        acknowledged: false,
        polls: 0,
        misses: 0,
      },
    ]);
    const ops = deserialize({
      version: PERSISTENCE_VERSION,
      operations: [
        ...good.operations,
        { ...good.operations[0] }, // duplicate token
        { ...good.operations[0], intent: { ...good.operations[0].intent, request: { regionId: 'x' } } },
        { ...good.operations[0], state: 'exploded' },
        { ...good.operations[0], intent: { ...good.operations[0].intent, request: { ...good.operations[0].intent.request, clientToken: 't-9' } }, snapshotId: undefined },
        'nonsense',
        null,
      ],
    });
    assert.equal(ops.length, 1);
    assert.equal(ops[0].snapshotId, 's-1');
  });

  it('forgets finished snapshots after a day, but keeps unseen failures', async () => {
    const store = new MemoryStore();
    const h = harness({ store });
    h.gateway.put('s-1', { status: 'accomplished', progress: 100 });
    h.core.track(intent(1), 's-1');
    h.gateway.put('s-2', { status: 'failed' });
    h.core.track(intent(2), 's-2');
    await h.clock.advance(2_000);
    await h.clock.advance(25 * 60 * 60 * 1000);
    const later = harness({ store, clock: h.clock, gateway: h.gateway });
    later.core.resume();
    assert.deepEqual(later.core.operations().map((op) => `${op.snapshotId}:${op.state}`), ['s-2:failed']);
  });
});

describe('tracker persistence: a reload between CreateSnapshot and its answer', () => {
  it('a request still unanswered when the window closed comes back as "may exist" (being looked for), and Retry reuses its ClientToken', async () => {
    const store = new MemoryStore();
    const first = harness({ store });
    first.core.begin(intent(1));
    // The window closes here: ECS may have created the snapshot, the answer never arrived.
    first.core.dispose();
    const second = harness({ store, clock: first.clock, gateway: first.gateway });
    second.core.resume();
    const op = second.core.get('token-1');
    assert.ok(op, 'the intent is not lost');
    assert.equal(op.state, 'checking', 'the tracker looks for the snapshot that may exist');
    assert.equal(op.acknowledged, false);
    assert.match(op.error?.message ?? '', /may (already )?exist/);
    first.gateway.createResult = () => 's-made-before-reload';
    const outcome = await second.core.retry('token-1');
    assert.deepEqual(outcome, { kind: 'tracking', snapshotId: 's-made-before-reload' });
    assert.deepEqual(first.gateway.creates.map((c) => c.clientToken), ['token-1'], 'the same ClientToken: ECS answers the existing snapshot');
  });

  it('an answered request leaves nothing pending behind', async () => {
    const store = new MemoryStore();
    const first = harness({ store });
    first.core.begin(intent(1));
    first.core.track(intent(1), 's-1');
    first.core.begin(intent(2));
    first.core.reportCreateFailure(intent(2), throttled());
    const second = harness({ store, clock: first.clock, gateway: first.gateway });
    second.core.resume();
    assert.equal(second.core.get('token-1')?.state, 'creating');
    assert.equal(second.core.get('token-2')?.error?.code, 'Throttling');
  });
});

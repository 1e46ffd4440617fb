// Issue 12: what one tracker tick costs when many snapshots finish together (one save, one
// render, not one per operation), and the index of creating disks the tree asks on every item.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EcsError } from '../../src/ecs/errors';
import { harness, intent, MemoryStore, type Harness } from './trackerFakes';

const REGION = 'cn-hangzhou';

function trackMany(h: Harness, k: number): void {
  for (let n = 1; n <= k; n++) {
    h.gateway.put(`s-${n}`, { progress: 90, remainTime: 5, sourceDiskId: `d-${n}` });
    h.core.track(intent(n), `s-${n}`);
  }
}

function creatingDisks(h: Harness, k: number): number[] {
  const out: number[] = [];
  for (let n = 1; n <= k; n++) if (h.core.isCreating({ regionId: REGION, diskId: `d-${n}` })) out.push(n);
  // The region's set (what the tree reads once per refresh) says the same, kept up to date in place.
  const set = h.core.creatingDisksIn(REGION);
  assert.deepEqual([...set].map((id) => Number(id.slice(2))).sort((a, b) => a - b), out, 'creatingDisksIn agrees with isCreating');
  assert.equal(h.core.creatingDisksIn(REGION), set, 'the same live set each time');
  return out;
}

describe('tracker tick: cost when many finish together', () => {
  it('K=250 snapshots finishing in one tick (3 requests): one save and one render for the tick', async () => {
    const k = 250;
    const h = harness();
    trackMany(h, k);
    for (let n = 1; n <= k; n++) h.gateway.put(`s-${n}`, { status: 'accomplished', progress: 100 });
    const savesBefore = h.store.saves;
    const eventsBefore = h.events.length;
    await h.clock.advance(2_000);
    assert.equal(h.gateway.calls.length, 3, 'one tick of ceil(K/100) requests');
    const tickEvents = h.events.slice(eventsBefore);
    assert.equal(h.store.saves - savesBefore, 1, 'one persisted save for the whole tick');
    assert.equal(tickEvents.filter((e) => e.kind === 'changed').length, 1, 'one render for the whole tick');
    assert.equal(tickEvents.filter((e) => e.kind === 'stateChanged').length, k, 'each disk told once');
    // The one save holds the outcomes (the 50 newest successes are kept): a reload polls nothing.
    const again = harness({ clock: h.clock, gateway: h.gateway, store: h.store });
    again.core.resume();
    assert.equal(again.core.operations().length, 50);
    assert.ok(again.core.operations().every((op) => op.state === 'ready'));
    assert.equal(again.core.polling, false);
  });

  it('a tick where nothing changes state saves nothing', async () => {
    const h = harness();
    trackMany(h, 3);
    const savesBefore = h.store.saves;
    await h.clock.advance(2_000);
    assert.equal(h.gateway.calls.length, 1);
    assert.equal(h.store.saves, savesBefore);
  });

  it('an outcome reached in a tick is saved when the tracker is disposed mid-tick', async () => {
    const h = harness();
    h.gateway.put('s-1', { progress: 90, sourceDiskId: 'd-1' });
    h.gateway.put('s-2', { progress: 90, sourceDiskId: 'd-2' });
    h.core.track(intent(1), 's-1');
    h.core.track(intent(2, { regionId: 'cn-beijing' }), 's-2');
    h.gateway.put('s-1', { status: 'accomplished', progress: 100 });
    // cn-beijing answers only after the window closed: cn-hangzhou's outcome must not wait for it.
    const original = h.gateway.describeSnapshots.bind(h.gateway);
    let release: () => void = () => undefined;
    h.gateway.describeSnapshots = async (regionId, ids) => {
      if (regionId === 'cn-beijing') await new Promise<void>((resolve) => (release = resolve));
      return original(regionId, ids);
    };
    await h.clock.advance(2_000);
    h.core.dispose();
    release();
    const again = harness({ clock: h.clock, gateway: h.gateway, store: h.store });
    again.core.resume();
    assert.equal(again.core.get('token-1')?.state, 'ready');
  });
});

describe('tracker: isCreating (the index of creating disks)', () => {
  it('stays right through create, finish, fail, refusal, dismiss, retry and reload', async () => {
    const store = new MemoryStore();
    const h = harness({ store });
    trackMany(h, 6);
    assert.deepEqual(creatingDisks(h, 6), [1, 2, 3, 4, 5, 6]);
    assert.equal(h.core.isCreating({ regionId: 'cn-beijing', diskId: 'd-1' }), false, 'the region counts');
    assert.equal(h.core.creatingDisksIn('cn-beijing').size, 0, 'no set of another region counts them');
    const live = h.core.creatingDisksIn(REGION);

    h.gateway.put('s-1', { status: 'accomplished', progress: 100 });
    h.gateway.put('s-2', { status: 'failed' });
    await h.clock.advance(2_000);
    assert.deepEqual(creatingDisks(h, 6), [3, 4, 5, 6], 'finished and failed disks no longer creating');
    assert.equal(live.has('d-1') || live.has('d-2'), false, 'a set read before the tick sees the change');

    h.core.dismiss('token-3');
    assert.deepEqual(creatingDisks(h, 6), [4, 5, 6], 'dismissed: no longer tracked');

    h.core.reportCreateFailure(intent(7), new EcsError({ kind: 'api', code: 'IncorrectDiskStatus', message: 'busy', retryable: false }));
    h.core.reportCreateFailure(intent(8), new EcsError({ kind: 'network', code: 'ECONNRESET', message: 'reset', retryable: true, outcomeUnknown: true }));
    assert.deepEqual(creatingDisks(h, 8), [4, 5, 6], 'refused and "may exist" are not creating');

    // A second snapshot of the same disk: the disk stays creating until both are done.
    h.gateway.put('s-4b', { progress: 10, sourceDiskId: 'd-4' });
    h.core.track({ ...intent(4), request: { ...intent(4).request, clientToken: 'token-4b' } }, 's-4b');
    h.gateway.put('s-4', { status: 'accomplished', progress: 100 });
    await h.clock.advance(2_000);
    assert.deepEqual(creatingDisks(h, 8), [4, 5, 6], 'd-4 still has one in progress');

    // Retry of the failed one: a new token, creating again.
    const outcome = await h.core.retry('token-2');
    assert.equal(outcome.kind, 'tracking');
    assert.deepEqual(creatingDisks(h, 8), [2, 4, 5, 6]);

    h.core.dispose();
    const again = harness({ clock: h.clock, gateway: h.gateway, store });
    again.core.resume();
    assert.deepEqual(creatingDisks(again, 8), [2, 4, 5, 6], 'rebuilt on load');

    for (const id of ['s-4b', 's-5', 's-6']) h.gateway.put(id, { status: 'accomplished', progress: 100 });
    h.gateway.put('s-retry1', { status: 'accomplished', progress: 100 });
    await h.clock.advance(2_000);
    assert.deepEqual(creatingDisks(again, 8), []);
    again.core.dismissFinished();
    assert.deepEqual(creatingDisks(again, 8), []);
  });
});

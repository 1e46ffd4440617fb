// The tracker core against a fake clock and a fake gateway: request counts, schedule, outcomes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EcsError } from '../../src/ecs/errors';
import { harness, intent, throttled, type Harness } from './trackerFakes';

/** Tracks K progressing snapshots (ids s-1..s-K) in one region and source. */
function trackMany(h: Harness, k: number, from = 1): void {
  for (let n = from; n < from + k; n++) {
    h.gateway.put(`s-${n}`, { progress: 10, remainTime: 600, sourceDiskId: `d-${n}` });
    h.core.track(intent(n), `s-${n}`);
  }
}

/** Requests sent in each distinct tick (calls grouped by the time they were made). */
function requestsPerTick(h: Harness): number[] {
  const byTime = new Map<number, number>();
  for (const call of h.gateway.calls) {
    byTime.set(call.at, (byTime.get(call.at) ?? 0) + 1);
  }
  return [...byTime.values()];
}

function intervals(h: Harness): number[] {
  const times = [...new Set(h.gateway.calls.map((c) => c.at))];
  return times.slice(1).map((t, i) => t - times[i]);
}

describe('tracker core: cost', () => {
  it('sends nothing and arms no timer when nothing is tracked', async () => {
    const h = harness();
    h.core.resume();
    await h.clock.advance(10 * 60_000);
    assert.equal(h.gateway.calls.length, 0);
    assert.equal(h.clock.pendingTimers, 0);
    assert.equal(h.core.polling, false);
    console.log('tracker: K=0 -> 0 DescribeSnapshots per tick (no timer armed)');
  });

  for (const [k, expected] of [
    [1, 1],
    [5, 1],
    [250, 3],
  ] as const) {
    it(`K=${k}: ${expected} DescribeSnapshots per tick, every id asked once, never more than 100 per request`, async () => {
      const h = harness();
      trackMany(h, k);
      assert.equal(h.clock.pendingTimers, 1, 'one timer for all snapshots');
      await h.clock.advance(60_000);
      const perTick = requestsPerTick(h);
      assert.ok(perTick.length >= 3, `several ticks ran (${perTick.length})`);
      assert.deepEqual(new Set(perTick), new Set([expected]));
      const firstTick = h.gateway.calls.filter((c) => c.at === h.gateway.calls[0].at);
      const asked = firstTick.flatMap((c) => c.ids);
      assert.equal(asked.length, k);
      assert.equal(new Set(asked).size, k);
      assert.ok(firstTick.every((c) => c.ids.length <= 100));
      assert.ok(h.clock.pendingTimers <= 1);
      console.log(`tracker: K=${k} -> ${perTick[0]} DescribeSnapshots per tick (${perTick.length} ticks in 60 s)`);
    });
  }

  it('groups requests by region and credential source', async () => {
    const h = harness();
    trackMany(h, 3);
    h.gateway.put('s-sh', { progress: 5 });
    h.core.track(intent(10, { regionId: 'cn-shanghai' }), 's-sh');
    h.gateway.put('s-prod', { progress: 5 });
    h.core.track(intent(11, { sourceKey: 'profile:prod' }), 's-prod');
    await h.clock.advance(2_000);
    assert.equal(h.gateway.calls.length, 3);
    assert.deepEqual(
      h.resolved.map((r) => `${r.sourceKey}/${r.regionId}`).sort(),
      ['profile:dev/cn-hangzhou', 'profile:dev/cn-shanghai', 'profile:prod/cn-hangzhou'],
    );
    const hangzhouDev = h.gateway.calls.find((c) => c.ids.includes('s-1'));
    assert.deepEqual(hangzhouDev?.ids.sort(), ['s-1', 's-2', 's-3']);
    assert.equal(h.gateway.calls.find((c) => c.ids.includes('s-sh'))?.regionId, 'cn-shanghai');
  });

  it('stops the timer once every snapshot is done, then sends nothing', async () => {
    const h = harness();
    trackMany(h, 2);
    await h.clock.advance(2_000);
    h.gateway.put('s-1', { status: 'accomplished', progress: 100 });
    h.gateway.put('s-2', { status: 'accomplished', progress: 100 });
    await h.clock.advance(60_000);
    const sent = h.gateway.calls.length;
    assert.equal(h.clock.pendingTimers, 0);
    await h.clock.advance(10 * 60_000);
    assert.equal(h.gateway.calls.length, sent);
    assert.deepEqual(h.core.operations().map((op) => op.state), ['ready', 'ready']);
  });

  it('stops polling a snapshot the user dismisses', async () => {
    const h = harness();
    trackMany(h, 1);
    h.core.dismiss('token-1');
    assert.ok(h.events.some((e) => e.kind === 'forgotten' && e.op.snapshotId === 's-1'), 'its disk is told');
    assert.equal(h.core.isCreating({ regionId: 'cn-hangzhou', diskId: 'd-1' }), false);
    await h.clock.advance(60_000);
    assert.equal(h.gateway.calls.length, 0);
    assert.equal(h.clock.pendingTimers, 0);
  });
});

describe('tracker core: schedule', () => {
  it('polls quickly at first, then a quarter of RemainTime, capped at 30 s', async () => {
    const h = harness();
    h.gateway.put('s-1', { progress: 10, remainTime: 600 });
    h.core.track(intent(1), 's-1');
    await h.clock.advance(3 * 60_000);
    const gaps = intervals(h);
    assert.deepEqual(gaps.slice(0, 3), [2_000, 2_000, 30_000]);
    assert.ok(gaps.slice(2).every((g) => g === 30_000));
  });

  it('speeds up as RemainTime shrinks', async () => {
    const h = harness();
    h.gateway.put('s-1', { progress: 90, remainTime: 20 });
    h.core.track(intent(1), 's-1');
    await h.clock.advance(30_000);
    assert.deepEqual(intervals(h).slice(2, 4), [5_000, 5_000]);
  });

  it('backs off exponentially on throttling, capped at 60 s, and recovers', async () => {
    const h = harness();
    trackMany(h, 1);
    h.gateway.failWith = () => throttled();
    await h.clock.advance(5 * 60_000);
    const gaps = intervals(h);
    assert.deepEqual(gaps.slice(0, 6), [4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
    assert.ok(gaps.every((g) => g <= 60_000));
    assert.equal(h.core.get('token-1')?.pollError?.code, 'Throttling');
    console.log(`tracker: throttled intervals ${gaps.slice(0, 7).map((g) => g / 1000).join(', ')} s`);

    h.gateway.failWith = undefined;
    const before = h.gateway.calls.length;
    await h.clock.advance(60_000);
    const after = h.gateway.calls.slice(before).map((c) => c.at);
    assert.equal(after[1] - after[0], 2_000, 'back to the quick pace after a success');
    assert.equal(h.core.get('token-1')?.pollError, undefined);
  });

  it('honours the server Retry-After', async () => {
    const h = harness();
    trackMany(h, 1);
    h.gateway.failWith = () => throttled(90);
    await h.clock.advance(2_000);
    assert.equal(h.gateway.calls.length, 1);
    assert.equal(h.core.nextPollInMs(), 90_000);
  });

  it('backs off on API errors and network errors too', async () => {
    const h = harness();
    trackMany(h, 1);
    let n = 0;
    h.gateway.failWith = () =>
      ++n % 2
        ? new EcsError({ kind: 'network', code: 'ECONNRESET', message: 'socket hang up', retryable: true })
        : new EcsError({ kind: 'api', code: 'Forbidden.RAM', message: 'User not authorized', retryable: false, requestId: 'R-1' });
    await h.clock.advance(3 * 60_000);
    assert.deepEqual(intervals(h).slice(0, 5), [4_000, 8_000, 16_000, 32_000, 60_000]);
  });

  it('a new snapshot does not hurry a region that is backing off', async () => {
    const h = harness();
    trackMany(h, 1);
    h.gateway.failWith = () => throttled();
    await h.clock.advance(2_000 + 4_000 + 8_000); // three failures: next try in 16 s
    const sent = h.gateway.calls.length;
    trackMany(h, 1, 2);
    await h.clock.advance(15_000);
    assert.equal(h.gateway.calls.length, sent);
    await h.clock.advance(1_000);
    assert.equal(h.gateway.calls.length, sent + 1);
    assert.deepEqual(h.gateway.calls.at(-1)?.ids.sort(), ['s-1', 's-2']);
  });

  it('backs off when the credential source is no longer usable', async () => {
    const h = harness({ noConnection: true });
    trackMany(h, 1);
    await h.clock.advance(2 * 60_000);
    assert.equal(h.gateway.calls.length, 0);
    assert.ok(h.resolved.length <= 6, `asked for a connection ${h.resolved.length} times`);
    assert.equal(h.core.get('token-1')?.pollError?.code, 'NoConnection');
  });
});

describe('tracker core: outcomes', () => {
  it('a snapshot ECS reports failed becomes failed and fires a state change', async () => {
    const h = harness();
    trackMany(h, 1);
    await h.clock.advance(2_000);
    h.gateway.put('s-1', { status: 'failed' });
    await h.clock.advance(2_000);
    assert.equal(h.core.get('token-1')?.state, 'failed');
    const change = h.events.filter((e) => e.kind === 'stateChanged').at(-1);
    assert.ok(change?.kind === 'stateChanged' && change.previous === 'creating' && change.op.state === 'failed');
    assert.equal(h.core.isCreating({ regionId: 'cn-hangzhou', diskId: 'd-1' }), false);
    assert.equal(h.clock.pendingTimers, 0);
  });

  it('a snapshot that disappears is reported gone after two answers without it, then dropped from polling', async () => {
    const h = harness();
    trackMany(h, 2);
    await h.clock.advance(2_000);
    h.gateway.snapshots.delete('s-2');
    await h.clock.advance(2_000);
    assert.equal(h.core.get('token-2')?.state, 'creating', 'one missing answer is tolerated');
    await h.clock.advance(2_000);
    assert.equal(h.core.get('token-2')?.state, 'gone');
    const sent = h.gateway.calls.length;
    await h.clock.advance(60_000);
    assert.ok(h.gateway.calls.length > sent);
    assert.ok(h.gateway.calls.slice(sent).every((c) => c.ids.join() === 's-1'));
  });

  it('progress and RemainTime come from DescribeSnapshots', async () => {
    const h = harness();
    trackMany(h, 1);
    h.gateway.put('s-1', { progress: 42, remainTime: 75, sourceDiskSizeGiB: 40 });
    await h.clock.advance(2_000);
    const op = h.core.get('token-1');
    assert.equal(op?.progress, 42);
    assert.equal(op?.remainTime, 75);
    assert.equal(op?.sourceDiskSizeGiB, 40);
    assert.equal(h.core.isCreating({ regionId: 'cn-hangzhou', diskId: 'd-1' }), true);
    assert.equal(h.core.isCreating({ regionId: 'cn-shanghai', diskId: 'd-1' }), false);
  });

  it('fires a state change for the disk when tracking starts and ends, not on every percent', async () => {
    const h = harness();
    trackMany(h, 1);
    for (const progress of [20, 40, 60]) {
      h.gateway.put('s-1', { progress });
      await h.clock.advance(2_000);
    }
    h.gateway.put('s-1', { status: 'accomplished', progress: 100 });
    await h.clock.advance(30_000);
    const changes = h.events.flatMap((e) => (e.kind === 'stateChanged' ? [`${e.previous ?? '-'}>${e.op.state}`] : []));
    assert.deepEqual(changes, ['->creating', 'creating>ready']);
  });

  it('a refused creation is kept with its error; retry reuses the SAME clientToken', async () => {
    const h = harness();
    const refusal = new EcsError({ kind: 'api', code: 'IncorrectDiskStatus', message: 'The disk is busy.', retryable: false, requestId: 'R-7', httpStatus: 403 });
    h.core.reportCreateFailure(intent(1), refusal);
    assert.equal(h.core.get('token-1')?.state, 'refused');
    assert.equal(h.core.get('token-1')?.error?.requestId, 'R-7');
    assert.equal(h.clock.pendingTimers, 0, 'nothing to poll');
    await h.clock.advance(60_000);
    const outcome = await h.core.retry('token-1');
    assert.equal(h.core.get('token-1')?.startedAt, h.clock.now(), 'elapsed time counts from the accepted retry');
    assert.deepEqual(h.gateway.creates, [{ clientToken: 'token-1', diskId: 'd-1' }]);
    assert.equal(outcome.kind, 'tracking');
    assert.equal(h.core.get('token-1')?.state, 'creating');
    assert.equal(h.core.operations().length, 1);
  });

  it('retrying a snapshot that failed uses a NEW intent and token and replaces the failed entry', async () => {
    const h = harness();
    trackMany(h, 1);
    h.gateway.put('s-1', { status: 'failed' });
    await h.clock.advance(2_000);
    const outcome = await h.core.retry('token-1');
    assert.equal(outcome.kind, 'tracking');
    assert.deepEqual(h.gateway.creates, [{ clientToken: 'new-token-1', diskId: 'd-1' }]);
    assert.equal(h.core.get('token-1'), undefined);
    assert.equal(h.core.get('new-token-1')?.state, 'creating');
    assert.equal(h.core.get('new-token-1')?.intent.request.snapshotName, 'pre-change-1');
  });

  it('a retry that ECS refuses again stays retryable with the same (new) token', async () => {
    const h = harness();
    trackMany(h, 1);
    h.gateway.put('s-1', { status: 'failed' });
    await h.clock.advance(2_000);
    h.gateway.failWith = () => new EcsError({ kind: 'api', code: 'QuotaExceed.Snapshot', message: 'Too many snapshots.', retryable: false });
    const first = await h.core.retry('token-1');
    assert.equal(first.kind, 'refused');
    assert.equal(h.core.get('new-token-1')?.state, 'refused');
    h.gateway.failWith = undefined;
    await h.core.retry('new-token-1');
    assert.deepEqual(h.gateway.creates.map((c) => c.clientToken), ['new-token-1', 'new-token-1']);
  });

  it('a creating snapshot cannot be retried', async () => {
    const h = harness();
    trackMany(h, 1);
    assert.deepEqual(await h.core.retry('token-1'), { kind: 'notRetryable' });
    assert.equal(h.gateway.creates.length, 0);
  });

  it('opening the list acknowledges failures; dismissFinished keeps running ones', async () => {
    const h = harness();
    trackMany(h, 2);
    h.gateway.put('s-1', { status: 'failed' });
    await h.clock.advance(2_000);
    assert.equal(h.core.get('token-1')?.acknowledged, false);
    h.core.acknowledgeAll();
    assert.equal(h.core.get('token-1')?.acknowledged, true);
    h.core.dismissFinished();
    assert.deepEqual(h.core.operations().map((op) => op.snapshotId), ['s-2']);
  });

  it('dispose stops the timer and ignores answers still in flight', async () => {
    const h = harness();
    trackMany(h, 1);
    h.core.dispose();
    assert.equal(h.clock.pendingTimers, 0);
    await h.clock.advance(60_000);
    assert.equal(h.gateway.calls.length, 0);
  });
});

describe('tracker core: retry clicked twice', () => {
  it('a failed snapshot retried twice at once (list button + notification) sends ONE CreateSnapshot', async () => {
    const h = harness();
    trackMany(h, 1);
    h.gateway.put('s-1', { status: 'failed' });
    await h.clock.advance(2_000);
    assert.equal(h.core.get('token-1')?.state, 'failed');
    const [first, second] = await Promise.all([h.core.retry('token-1'), h.core.retry('token-1')]);
    assert.equal(h.gateway.creates.length, 1, `one request, got ${JSON.stringify(h.gateway.creates)}`);
    assert.deepEqual(first, second, 'both clicks learn the same outcome');
    assert.equal(h.core.operations().filter((op) => op.state === 'creating').length, 1);
  });

  it('a refused creation retried twice at once sends one request (same token)', async () => {
    const h = harness();
    h.core.reportCreateFailure(intent(1), throttled());
    await Promise.all([h.core.retry('token-1'), h.core.retry('token-1')]);
    assert.deepEqual(h.gateway.creates, [{ clientToken: 'token-1', diskId: 'd-1' }]);
  });
});

// Issue 10 item 9: progress must not look frozen. Between polls the status bar shows an estimate
// ("~62%") from the last reading, RemainTime and the observed rate; the next poll corrects it; it
// never reaches 100% before ECS says accomplished; one redraw timer, only while something moves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EstimateTicker } from '../../src/tracker/estimateTicker';
import { desiredDelayMs } from '../../src/tracker/pollSchedule';
import { ESTIMATE, isEstimateMoving, shownProgress } from '../../src/tracker/progressEstimate';
import { describeStatus } from '../../src/tracker/statusView';
import type { TrackedOperation } from '../../src/tracker/trackedOperation';
import { FakeClock, harness, intent } from './trackerFakes';

const T0 = Date.UTC(2026, 10, 27, 8, 0, 0);

function creating(fields: Partial<TrackedOperation>): TrackedOperation {
  return { intent: intent(1, { diskName: 'web-data' }), snapshotId: 's-1', state: 'creating', progress: 50, startedAt: T0 - 60_000, updatedAt: T0, progressAt: T0, acknowledged: false, polls: 5, misses: 0, ...fields };
}

describe('tracker: progress estimate between polls', () => {
  it('moves on from the last reading at the rate RemainTime implies, marked as an estimate', () => {
    const op = creating({ progress: 50, remainTime: 25 }); // 2 %/s
    assert.deepEqual(shownProgress(op, T0), { progress: 50, estimated: false }, 'just read: exact');
    assert.deepEqual(shownProgress(op, T0 + 6_000), { progress: 62, estimated: true });
    assert.equal(describeStatus([op], T0 + 6_000).text, '$(sync~spin) web-data ~62%');
    assert.equal(describeStatus([op], T0).text, '$(sync~spin) web-data 50%');
    assert.match(describeStatus([op], T0 + 6_000).tooltip, /~62%/);
    assert.match(describeStatus([op], T0 + 6_000).tooltip, /estimate/i);
  });

  it('uses the rate observed since tracking began, without RemainTime', () => {
    const op = creating({ progress: 30, remainTime: undefined, firstReading: { progress: 10, at: T0 - 10_000 } }); // 2 %/s
    assert.deepEqual(shownProgress(op, T0 + 5_000), { progress: 40, estimated: true });
  });

  it('grows monotonically between polls, never reaches 100%, and stops after a bounded while', () => {
    const op = creating({ progress: 90, remainTime: 5, firstReading: { progress: 20, at: T0 - 30_000 } });
    let last = 0;
    for (let s = 0; s <= 3_600; s++) {
      const shown = shownProgress(op, T0 + s * 1_000).progress;
      assert.ok(shown >= last, `at ${s} s: ${shown} after ${last}`);
      assert.ok(shown < 100, `at ${s} s: ${shown}`);
      last = shown;
    }
    assert.equal(last, ESTIMATE.ceiling);
    assert.equal(isEstimateMoving([op], T0 + 3_600_000), false);
    assert.equal(isEstimateMoving([op], T0 + 1_000), true);
  });

  it('no estimate for a snapshot whose polls fail, that is not creating, or that gives no rate', () => {
    assert.equal(shownProgress(creating({ remainTime: 25, pollError: { kind: 'throttling', code: 'Throttling', message: 'slow' } }), T0 + 6_000).estimated, false);
    assert.equal(shownProgress(creating({ remainTime: 25, state: 'failed' }), T0 + 6_000).estimated, false);
    assert.equal(shownProgress(creating({ remainTime: undefined }), T0 + 6_000).estimated, false);
    assert.equal(isEstimateMoving([creating({ remainTime: undefined })], T0 + 1_000), false);
  });

  it('several snapshots: the overall percent is estimated too', () => {
    const a = creating({ progress: 50, remainTime: 25 });
    const b = creating({ intent: intent(2), snapshotId: 's-2', progress: 50, remainTime: 25 });
    assert.equal(describeStatus([a, b], T0 + 6_000).text, '$(sync~spin) 2 snapshots · ~62%');
  });
});

describe('tracker: the status bar follows a fast snapshot (the 40% for 25 s report)', () => {
  it('redraws about once a second while progressing, stays close to the truth, corrected by polls, one timer, none when idle', async () => {
    const clock = new FakeClock();
    const shown: { at: number; text: string; truth: number }[] = [];
    let truth = 0;
    const redraw = () => {
      shown.push({ at: clock.now(), text: describeStatus(h.core.operations(), clock.now()).text, truth });
      ticker.update();
    };
    const ticker: EstimateTicker = new EstimateTicker(clock, () => isEstimateMoving(h.core.operations(), clock.now()), redraw);
    const h = harness({ clock, onEvent: (e) => e.kind === 'changed' && redraw() });
    h.core.resume();
    assert.equal(clock.pendingTimers, 0, 'idle: no timer at all');

    // ECS: 1.5 %/s from 10%, but RemainTime pessimistic (it says 100 s at 40%).
    const started = clock.now();
    const ecs = () => {
      truth = Math.min(100, Math.floor(10 + ((clock.now() - started) / 1000) * 1.5));
      h.gateway.put('s-1', truth >= 100 ? { status: 'accomplished', progress: 100, remainTime: 0 } : { progress: truth, remainTime: Math.round((100 - truth) * 1.6) });
    };
    ecs();
    h.core.track(intent(1, { diskName: 'web-data' }), 's-1');
    for (let s = 0; s < 90 && h.core.get('token-1')?.state === 'creating'; s++) {
      await clock.advance(1_000);
      ecs();
      assert.ok(clock.pendingTimers <= 2, 'the poll timer and the one redraw timer');
    }
    assert.equal(h.core.get('token-1')?.state, 'ready');
    const percents = shown.flatMap((v) => {
      const m = /(~?)(\d+)%/.exec(v.text);
      return m ? [{ at: v.at, estimated: m[1] === '~', value: Number(m[2]), truth: v.truth }] : [];
    });
    assert.ok(percents.some((p) => p.estimated), 'estimates were shown');
    assert.ok(percents.every((p) => p.value < 100), 'never 100% before accomplished');
    const lag = Math.max(...percents.map((p) => p.truth - p.value));
    console.log(`status bar vs ECS: ${percents.map((p) => `${p.estimated ? "~" : ""}${p.value}/${p.truth}`).join(" ")}`);
    assert.ok(lag <= 15, `the bar lags the truth by at most 15 points, got ${lag}`);
    const seconds = new Set(percents.map((p) => Math.floor((p.at - started) / 1000)));
    assert.ok(seconds.size >= percents.length * 0.5 && seconds.size >= 30, `redrawn about once a second: ${seconds.size} distinct seconds`);
    // Going backwards only at a poll's correction: every drop comes with an exact (read) value.
    for (let i = 1; i < percents.length; i++) {
      if (percents[i].value < percents[i - 1].value) {
        assert.equal(percents[i].estimated, false, `drop at ${i}: ${percents[i - 1].value} -> ${percents[i].value}`);
      }
    }
    await clock.advance(10_000);
    assert.equal(ticker.armed, false, 'nothing progressing: no redraw timer');
    assert.equal(clock.pendingTimers, 0);
  });
});

describe('tracker: a poll shows what it read, not a half-applied mix', () => {
  it('when one of two snapshots finishes, the render of that poll shows the other one as read (no "~")', async () => {
    const clock = new FakeClock();
    const renders: { at: number; text: string }[] = [];
    const h = harness({ clock, onEvent: (e) => e.kind === 'changed' && renders.push({ at: clock.now(), text: describeStatus(h.core.operations(), clock.now()).text }) });
    h.gateway.put('s-1', { sourceDiskId: 'd-1', progress: 50, remainTime: 20 });
    h.gateway.put('s-2', { sourceDiskId: 'd-2', progress: 10, remainTime: 90 });
    h.core.track(intent(1), 's-1');
    h.core.track(intent(2, { diskName: 'web-data' }), 's-2');
    for (let s = 0; s < 12; s++) {
      await clock.advance(1_000);
      h.gateway.put('s-2', { progress: 10 + s });
    }
    h.gateway.put('s-1', { status: 'accomplished', progress: 100 });
    await clock.advance(30_000);
    assert.equal(h.core.get('token-1')?.state, 'ready');
    const pollTimes = new Set(h.gateway.calls.map((c) => c.at));
    const atPolls = renders.filter((r) => pollTimes.has(r.at));
    assert.ok(atPolls.length >= 3);
    assert.deepEqual(atPolls.filter((r) => /~\d/.test(r.text)), [], 'renders at poll time show readings');
  });
});

describe('tracker schedule: frequent enough near the end', () => {
  it('a pessimistic RemainTime does not slow polls when the snapshot is seen moving fast', () => {
    const op = creating({ progress: 50, remainTime: 100, firstReading: { progress: 20, at: T0 - 20_000 } }); // 1.5 %/s seen
    assert.ok(desiredDelayMs(op, T0) <= 10_000, `${desiredDelayMs(op, T0)} ms`);
  });

  it('near the end, at most a few seconds between polls', () => {
    const op = creating({ progress: 92, remainTime: 60, firstReading: undefined });
    assert.ok(desiredDelayMs(op, T0) <= 5_000, `${desiredDelayMs(op, T0)} ms`);
  });
});

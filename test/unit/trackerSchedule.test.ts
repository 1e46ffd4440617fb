// The polling schedule as pure functions: pace, backoff, request splitting.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelayMs, chunk, desiredDelayMs, SCHEDULE } from '../../src/tracker/pollSchedule';
import type { TrackedOperation } from '../../src/tracker/trackedOperation';
import { intent } from './trackerFakes';

function op(fields: Partial<TrackedOperation>): TrackedOperation {
  return { intent: intent(1), snapshotId: 's-1', state: 'creating', progress: 0, startedAt: 0, updatedAt: 0, acknowledged: false, polls: 5, misses: 0, ...fields };
}

describe('tracker schedule', () => {
  it('is quick for the first answers', () => {
    assert.equal(desiredDelayMs(op({ polls: 0, remainTime: 3600 }), 0), SCHEDULE.quickMs);
  });

  it('follows RemainTime / 4 between 2 s and 30 s', () => {
    assert.equal(desiredDelayMs(op({ remainTime: 3600 }), 0), 30_000);
    assert.equal(desiredDelayMs(op({ remainTime: 40 }), 0), 10_000);
    assert.equal(desiredDelayMs(op({ remainTime: 0 }), 0), 2_000);
  });

  it('without RemainTime, slows with the age of the snapshot', () => {
    assert.equal(desiredDelayMs(op({}), 50_000), 5_000);
    assert.equal(desiredDelayMs(op({}), 3_600_000), 30_000);
  });

  it('backs off exponentially to 60 s, never below Retry-After', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelayMs(2_000, n)), [4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    assert.equal(backoffDelayMs(30_000, 1), 60_000);
    assert.equal(backoffDelayMs(2_000, 1, 120), 120_000);
  });

  it('splits K ids into ceil(K/100) requests', () => {
    const ids = (k: number) => Array.from({ length: k }, (_, i) => `s-${i}`);
    assert.deepEqual([1, 100, 101, 250].map((k) => chunk(ids(k)).length), [1, 1, 2, 3]);
    assert.deepEqual(chunk(ids(250)).map((c) => c.length), [100, 100, 50]);
    assert.deepEqual(chunk([]), []);
  });
});

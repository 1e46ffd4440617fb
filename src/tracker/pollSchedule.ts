// When to ask ECS again. Pure functions, so the schedule is unit-tested without timers.
import { observedRate } from './progressEstimate';
import type { TrackedOperation } from './trackedOperation';

export const SCHEDULE = {
  /** First polls of a new (or resumed) snapshot, and the floor of every interval. */
  quickMs: 2_000,
  /** How many answers a snapshot gets at the quick pace before RemainTime decides. */
  quickPolls: 3,
  /** Longest interval while things go well. */
  slowCapMs: 30_000,
  /** Longest interval while ECS keeps throttling or failing. */
  errorCapMs: 60_000,
  /** First poll after the window (re)loads. */
  resumeDelayMs: 1_000,
  /** Largest number of SnapshotIds DescribeSnapshots accepts in one request. */
  idsPerRequest: 100,
  /** A snapshot missing from this many consecutive answers is reported gone (absorbs a brief lag after creation). */
  missesBeforeGone: 2,
  /** From this percent on, the end is near: polls at least this often, so "ready" is not late. */
  nearEndPercent: 90,
  nearEndCapMs: 5_000,
} as const;

/**
 * How soon one creating snapshot wants its next look: quick at first, then a quarter of what is
 * left (a snapshot with 2 h to go needs no answer every 2 s), between quickMs and slowCapMs. What
 * is left: ECS's RemainTime (without it, a tenth of the time it has been running), or sooner when
 * the progress seen so far says so (RemainTime can be pessimistic); near the end, every few seconds.
 */
export function desiredDelayMs(op: TrackedOperation, now: number): number {
  if (op.polls < SCHEDULE.quickPolls) {
    return SCHEDULE.quickMs;
  }
  const byRemainTime = op.remainTime !== undefined ? (op.remainTime * 1000) / 4 : (now - op.startedAt) / 10;
  const rate = observedRate(op);
  const bySeenRate = rate !== undefined ? (((100 - op.progress) / rate) * 1000) / 4 : Infinity;
  const nearEnd = op.progress >= SCHEDULE.nearEndPercent ? SCHEDULE.nearEndCapMs : Infinity;
  return clamp(Math.min(byRemainTime, bySeenRate, nearEnd), SCHEDULE.quickMs, SCHEDULE.slowCapMs);
}

/** The pace of one request group: its most impatient snapshot decides. */
export function groupDelayMs(ops: readonly TrackedOperation[], now: number): number {
  return ops.reduce<number>((min, op) => Math.min(min, desiredDelayMs(op, now)), SCHEDULE.slowCapMs);
}

/**
 * After `failures` consecutive failed polls (throttling, network, API errors): exponential growth
 * from the normal pace, capped at errorCapMs, and never sooner than the server's Retry-After.
 */
export function backoffDelayMs(normalMs: number, failures: number, retryAfterSeconds?: number): number {
  const grown = Math.min(SCHEDULE.errorCapMs, Math.max(SCHEDULE.quickMs, normalMs) * 2 ** Math.min(failures, 16));
  return Math.max(grown, (retryAfterSeconds ?? 0) * 1000);
}

/** Splits ids into DescribeSnapshots-sized requests: ceil(K/100) of them. */
export function chunk<T>(items: readonly T[], size: number = SCHEDULE.idsPerRequest): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

// Where a snapshot probably is between two polls: the last reading moved on at the rate ECS's
// RemainTime implies and the rate seen since tracking began. Shown as "~62%" (an estimate), it
// only grows until the next poll corrects it, and never reaches 100% before ECS says accomplished.
// Pure: unit-tested with plain numbers.
import type { TrackedOperation } from './trackedOperation';

export const ESTIMATE = {
  /** A reading this fresh is shown as read: an estimate starts only between polls. */
  minAheadMs: 1_000,
  /** The estimate stops moving this long after the last reading (polls failing: no blind guess). */
  maxAheadMs: 60_000,
  /** Only ECS says 100%. */
  ceiling: 99,
  /** How often the status bar redraws while an estimate moves. */
  renderEveryMs: 1_000,
} as const;

export interface ShownProgress {
  progress: number;
  /** True when `progress` is extrapolated, not read from ECS. */
  estimated: boolean;
}

/** Percent per second seen since the first reading, when the snapshot moved at all. */
export function observedRate(op: TrackedOperation): number | undefined {
  const first = op.firstReading;
  if (!first || op.progressAt === undefined || op.progressAt <= first.at || op.progress <= first.progress) {
    return undefined;
  }
  return (op.progress - first.progress) / ((op.progressAt - first.at) / 1000);
}

/** Percent per second: the mean of what RemainTime implies and what was observed, whichever exist. */
export function progressRate(op: TrackedOperation): number | undefined {
  const rates: number[] = [];
  if (op.remainTime !== undefined && op.remainTime > 0 && op.progress < 100) {
    rates.push((100 - op.progress) / op.remainTime);
  }
  const observed = observedRate(op);
  if (observed !== undefined) {
    rates.push(observed);
  }
  return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : undefined;
}

/** The progress to show now: the reading, or an estimate beyond it (never past ESTIMATE.ceiling). */
export function shownProgress(op: TrackedOperation, now: number): ShownProgress {
  const exact = { progress: op.progress, estimated: false };
  const rate = op.state === 'creating' && op.progressAt !== undefined && !op.pollError ? progressRate(op) : undefined;
  if (rate === undefined || op.progressAt === undefined || op.progress >= ESTIMATE.ceiling || now - op.progressAt < ESTIMATE.minAheadMs) {
    return exact;
  }
  const seconds = Math.min(Math.max(0, now - op.progressAt), ESTIMATE.maxAheadMs) / 1000;
  const progress = Math.floor(Math.min(ESTIMATE.ceiling, op.progress + rate * seconds));
  return progress > op.progress ? { progress, estimated: true } : exact;
}

/** Seconds left to show: RemainTime counted down since it was read (estimated once it moved). */
export function shownRemainTime(op: TrackedOperation, now: number): { seconds: number; estimated: boolean } | undefined {
  if (op.remainTime === undefined) {
    return undefined;
  }
  const elapsed = op.state === 'creating' && op.progressAt !== undefined && !op.pollError ? Math.min(Math.max(0, now - op.progressAt), ESTIMATE.maxAheadMs) / 1000 : 0;
  const seconds = Math.max(0, Math.round(op.remainTime - elapsed));
  return { seconds, estimated: seconds !== op.remainTime };
}

/** True while some shown estimate would still change: the status bar then redraws each second. */
export function isEstimateMoving(ops: readonly TrackedOperation[], now: number): boolean {
  return ops.some((op) => {
    if (op.state !== 'creating' || op.progressAt === undefined || op.pollError || now - op.progressAt >= ESTIMATE.maxAheadMs) {
      return false;
    }
    return progressRate(op) !== undefined && shownProgress(op, now).progress < ESTIMATE.ceiling;
  });
}

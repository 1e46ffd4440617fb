// How a snapshot advances over time, computed lazily from its start time so no timers run and a
// test can drive it with a fake clock. Work needed: a floor plus about 1 GiB per simulated second;
// `timeScale` speeds simulated time up (60 => a simulated minute passes per real second).

export const FLOOR_SECONDS = 20;

export function workSeconds(sizeGiB: number): number {
  return FLOOR_SECONDS + sizeGiB;
}

export interface Timing {
  /** Real-clock start, ms. */
  startedAt: number;
  /** Simulated seconds the copy takes. */
  workSeconds: number;
  /** When set, the snapshot fails once this share (0..1) of the work is done. */
  failAt?: number;
}

export interface Progress {
  status: 'progressing' | 'accomplished' | 'failed';
  /** 0..100 */
  percent: number;
  /** Simulated seconds left (0 once finished). */
  remainTime: number;
  /** Real-clock time it finished, ms. */
  finishedAt?: number;
}

export function progressAt(t: Timing, now: number, timeScale: number): Progress {
  const elapsed = Math.max(0, ((now - t.startedAt) / 1000) * timeScale);
  const finishedAtOf = (simSeconds: number) => t.startedAt + (simSeconds * 1000) / timeScale;
  if (t.failAt !== undefined && elapsed >= t.failAt * t.workSeconds) {
    const failedAfter = t.failAt * t.workSeconds;
    return {
      status: 'failed',
      percent: Math.floor(t.failAt * 100),
      remainTime: 0,
      finishedAt: finishedAtOf(failedAfter),
    };
  }
  if (elapsed >= t.workSeconds) {
    return { status: 'accomplished', percent: 100, remainTime: 0, finishedAt: finishedAtOf(t.workSeconds) };
  }
  return {
    status: 'progressing',
    percent: Math.min(99, Math.floor((elapsed / t.workSeconds) * 100)),
    remainTime: Math.max(1, Math.ceil(t.workSeconds - elapsed)),
  };
}

/** Whether an automatic release (RetentionDays) has already happened. */
export function released(startedAt: number, retentionDays: number | undefined, now: number, timeScale: number): boolean {
  if (retentionDays === undefined) return false;
  return ((now - startedAt) / 1000) * timeScale >= retentionDays * 86_400;
}

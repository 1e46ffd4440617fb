// Our own retry loop around each ECS request: exponential backoff with full jitter, the server's
// x-acs-retry-after honoured within the time budget, bounded in attempts and in total time. The
// SDK's retries stay off.
import { EcsError } from './errors';

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** No new attempt starts once waiting for it would pass this, counted from the first attempt. */
  maxTotalMs: number;
  /** Backoff ceiling of the first retry; it doubles per retry up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxTotalMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
};

export interface RetryClock {
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
  now(): number;
}

export const realClock: RetryClock = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  now: Date.now,
};

/** Wait before retry number `retry` (1 = the first retry): full jitter over an exponential ceiling. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

export interface AttemptFailure {
  error: EcsError;
  attempt: number;
  /** The wait before the next attempt, or undefined when we give up. */
  nextDelayMs?: number;
}

/** Runs `attempt(1)`, `attempt(2)`, ... until one succeeds or the error may not or need not be retried. */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  clock: RetryClock,
  onFailure?: (failure: AttemptFailure) => void,
): Promise<T> {
  const started = clock.now();
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const delay = error instanceof EcsError ? nextDelay(error, n, policy, clock, started) : undefined;
      if (error instanceof EcsError) onFailure?.({ error, attempt: n, nextDelayMs: delay });
      if (delay === undefined) throw error;
      await clock.sleep(delay);
    }
  }
}

function nextDelay(error: EcsError, n: number, policy: RetryPolicy, clock: RetryClock, started: number) {
  if (!error.retryable || n >= policy.maxAttempts) return undefined;
  const elapsed = clock.now() - started;
  const backoff = backoffDelay(policy, n, clock.random);
  if (elapsed + backoff > policy.maxTotalMs) return undefined;
  // The server's ask lengthens the wait as far as the budget allows; it never ends the retries.
  const askedMs = error.retryAfterSeconds === undefined ? 0 : error.retryAfterSeconds * 1000;
  return Math.round(Math.max(backoff, Math.min(askedMs, policy.maxTotalMs - elapsed)));
}

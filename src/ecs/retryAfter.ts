// Reading ECS's x-acs-retry-after: how long a throttled caller should wait.
//
// Its unit is MILLISECONDS. Settled from the SDK we bundle, since Alibaba Cloud's documentation
// (the SDK retry and throttling-backoff pages) does not state it:
// - @alicloud/openapi-core (dist/utils.js, getThrottlingTimeLeft) parses the header with parseInt
//   into ThrottlingError.retryAfter, unscaled;
// - @darabonba/typescript (dist/retry.js, getBackoffDelay) returns that value as the delay,
//   capped by MAX_DELAY_TIME = 120 * 1000 and next to MIN_DELAY_TIME = 100, and the client
//   passes it to sleep(ms) (dist/func.js), i.e. setTimeout.
// Alibaba's OpenAPI clients in other languages (aliyun/darabonba-openapi) read it the same way.
// The emulator (src/sandbox) sends milliseconds too.

/** The longest wait we take from the header: the SDK's own cap (MAX_DELAY_TIME). */
export const MAX_RETRY_AFTER_MS = 120_000;

/**
 * The wait the server asked for, in milliseconds, within (0, MAX_RETRY_AFTER_MS]; undefined for
 * no usable value (absent, zero, negative, not a plain number, an HTTP date).
 * `header` is the raw header text; `sdkValue` the SDK's parse of it, used when the text is missing.
 */
export function retryAfterMs(header: string | undefined, sdkValue: unknown): number | undefined {
  const ms = header !== undefined ? parsePlainNumber(header) : typeof sdkValue === 'number' ? sdkValue : undefined;
  // NaN, zero and negatives ask for nothing; anything longer than the cap (Infinity too) gets the cap.
  if (ms === undefined || Number.isNaN(ms) || ms <= 0) return undefined;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

function parsePlainNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : undefined;
}

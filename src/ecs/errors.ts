// One error type for everything that can go wrong between the extension and ECS.
// Messages never carry secrets: they are built from the response's code/message only.

export type EcsErrorKind =
  | 'api' // ECS answered with an error body
  | 'throttling' // ECS said "slow down"
  | 'timeout' // no (complete) answer in time
  | 'network' // DNS, refused, reset
  | 'credentials' // no usable credentials on our side (before any request)
  | 'protocol'; // an answer we could not read (non-JSON error body, ...)

export interface EcsErrorInit {
  kind: EcsErrorKind;
  code: string;
  message: string;
  httpStatus?: number;
  requestId?: string;
  recommend?: string;
  retryable: boolean;
  /** Seconds the server asked us to wait: x-acs-retry-after (milliseconds), clamped, see retryAfter.ts. */
  retryAfterSeconds?: number;
  /** The API action that failed, e.g. "CreateSnapshot". */
  action?: string;
  /**
   * On this or an earlier attempt ECS may have acted although the call failed (a 5xx, an
   * unreadable answer, a reset or read timeout: anything but a definite refusal, see mayHaveRun):
   * e.g. the snapshot may exist.
   */
  outcomeUnknown?: boolean;
  /** Refused on our side before any request was written (a bad parameter, the wrong endpoint): nothing ran. */
  notSent?: boolean;
}

export class EcsError extends Error {
  readonly kind: EcsErrorKind;
  readonly code: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly recommend?: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;
  readonly action?: string;
  readonly outcomeUnknown?: boolean;
  readonly notSent?: boolean;

  constructor(init: EcsErrorInit) {
    super(init.message);
    this.name = 'EcsError';
    this.kind = init.kind;
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.recommend = init.recommend;
    this.retryable = init.retryable;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.action = init.action;
    if (init.outcomeUnknown) this.outcomeUnknown = true;
    if (init.notSent) this.notSent = true;
  }
}

export function isEcsError(value: unknown): value is EcsError {
  return value instanceof EcsError;
}

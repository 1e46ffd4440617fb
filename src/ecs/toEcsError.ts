// Turns whatever one SDK call threw into an EcsError, using the raw exchange when the SDK lost it.
import type { IncomingHttpHeaders } from 'node:http';
import { EcsError, type EcsErrorKind } from './errors';
import type { CapturedExchange } from './responseCapture';
import { retryAfterMs } from './retryAfter';

export interface ErrorContext {
  action: string;
  exchange?: CapturedExchange;
  /** Secrets in play (AccessKey secret, STS token): removed from every message. */
  secrets: readonly string[];
  /** The read timeout in force, for a message that says what happened. */
  readTimeoutMs?: number;
  connectTimeoutMs?: number;
}

/** The shape of openapi-core's ClientError / ServerError / ThrottlingError (AlibabaCloudError). */
interface SdkResponseError {
  name: string;
  code: string;
  statusCode?: number;
  requestId?: string;
  retryAfter?: number;
  data?: Record<string, unknown>;
}

const SDK_RESPONSE_ERRORS = new Set(['ClientError', 'ServerError', 'ThrottlingError', 'AlibabaCloudError']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function toEcsError(error: unknown, context: ErrorContext): EcsError {
  return scrub(classify(error, context), context.secrets);
}

function classify(error: unknown, context: ErrorContext): EcsError {
  const { action, exchange } = context;
  if (error instanceof EcsError) return error;

  if ((error as { name?: unknown } | null)?.name === 'CredentialsUnavailableError') {
    // Thrown by sdkClient.ts around the credentials provider (assumed role, instance role).
    return new EcsError({
      kind: 'credentials',
      code: 'CredentialsUnavailable',
      message: `Could not obtain credentials: ${(error as Error).message}`,
      retryable: false,
      action,
    });
  }

  if (isSdkResponseError(error)) {
    const data = error.data ?? {};
    const httpStatus = error.statusCode ?? exchange?.statusCode;
    const requestId = textOf(data.RequestId) ?? clean(error.requestId);
    // A JSON error body without Code reaches us as the string "undefined".
    const code = clean(error.code) ?? (httpStatus === undefined ? 'UnknownError' : `Http${httpStatus}`);
    const throttled = error.name === 'ThrottlingError' || /Throttling/i.test(code);
    // x-acs-retry-after counts milliseconds (see retryAfter.ts); the raw header is read when we
    // saw it, else openapi-core's parseInt of it (`retryAfter`).
    const askedMs = retryAfterMs(headerText(exchange?.headers, 'x-acs-retry-after'), error.retryAfter);
    const retryAfterSeconds = askedMs === undefined ? undefined : askedMs / 1000;
    return new EcsError({
      kind: throttled ? 'throttling' : 'api',
      code,
      message: textOf(data.Message) ?? `${action} failed with ${code}.`,
      httpStatus,
      requestId,
      recommend: textOf(data.Recommend),
      retryable: throttled || (httpStatus !== undefined && httpStatus >= 500) || isIdempotentProcessing(code),
      retryAfterSeconds,
      action,
    });
  }

  if (error instanceof SyntaxError) {
    // openapi-core's JSON.parse of a body that is not JSON: the status comes from the exchange.
    const httpStatus = exchange?.statusCode;
    const requestId = headerText(exchange?.headers, 'x-acs-request-id');
    const failed = httpStatus !== undefined && httpStatus >= 400;
    return new EcsError({
      kind: 'protocol',
      code: failed ? `Http${httpStatus}` : 'UnreadableResponse',
      message: failed
        ? `${action} failed with HTTP ${httpStatus} and a response that is not ECS JSON.`
        : `${action} returned a response that is not ECS JSON.`,
      httpStatus,
      requestId,
      retryable: httpStatus !== undefined && (httpStatus >= 500 || httpStatus === 429),
      action,
    });
  }

  const name = (error as { name?: unknown } | null)?.name;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);

  if (/timeout/i.test(String(name)) || code === 'ETIMEDOUT') {
    // httpx labels every idle timeout "ConnectTimeout"; whether we had connected tells the truth.
    const connected = exchange?.connected ?? /ReadTimeout/.test(message);
    const limit = connected ? context.readTimeoutMs : context.connectTimeoutMs;
    const seconds = limit === undefined ? '' : ` within ${Math.round(limit / 100) / 10} s`;
    return new EcsError({
      kind: 'timeout',
      code: connected ? 'ReadTimeout' : 'ConnectTimeout',
      message: connected ? `ECS did not answer ${action}${seconds}.` : `Could not connect to ECS${seconds}.`,
      retryable: true,
      action,
    });
  }

  if (typeof code === 'string' && (NETWORK_CODES.has(code) || /^E[A-Z]+$/.test(code))) {
    const host = (error as { hostname?: unknown }).hostname;
    return new EcsError({
      kind: 'network',
      code,
      message: networkMessage(code, typeof host === 'string' ? host : undefined, action),
      retryable: code !== 'ENOTFOUND' && !code.startsWith('CERT') && !code.startsWith('ERR_TLS'),
      action,
    });
  }

  return new EcsError({
    kind: 'protocol',
    code: 'UnexpectedError',
    message: `${action} failed: ${message}`,
    httpStatus: exchange?.statusCode,
    retryable: false,
    action,
  });
}

function networkMessage(code: string, host: string | undefined, action: string): string {
  const where = host ? ` ${host}` : ' the ECS endpoint';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot resolve${where} (DNS).`;
    case 'ECONNREFUSED':
      return `Connection to${where} was refused.`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return `Connection to${where} was reset during ${action}.`;
    default:
      return `Network error reaching${where} (${code}).`;
  }
}

function isSdkResponseError(error: unknown): error is SdkResponseError {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Partial<SdkResponseError>;
  return typeof e.name === 'string' && SDK_RESPONSE_ERRORS.has(e.name) && typeof e.code === 'string';
}

/** CreateSnapshot's "a request with this ClientToken is still being processed": try again. */
function isIdempotentProcessing(code: string): boolean {
  return code === 'IdempotentProcessing';
}

function headerText(headers: IncomingHttpHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The SDK writes the string "undefined" when a body has no RequestId. */
function clean(value: string | undefined): string | undefined {
  return value && value !== 'undefined' ? value : undefined;
}

const SECRET_PATTERNS: RegExp[] = [
  /(Signature=)[0-9a-fA-F]{16,}/g,
  /(signature["']?\s*[:=]\s*["']?)[0-9a-fA-F]{16,}/gi,
  /((?:x-acs-security-token|SecurityToken|sts_token|access_key_secret|AccessKeySecret)["']?\s*[:=]\s*["']?)[^\s"',;]+/gi,
];

/** The last line of defence: no secret, signature or token leaves in a message. */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('***');
  }
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, '$1***');
  return out;
}

function scrub(error: EcsError, secrets: readonly string[]): EcsError {
  const message = scrubText(error.message, secrets);
  const recommend = error.recommend === undefined ? undefined : scrubText(error.recommend, secrets);
  if (message === error.message && recommend === error.recommend) return error;
  return new EcsError({
    kind: error.kind as EcsErrorKind,
    code: error.code,
    message,
    httpStatus: error.httpStatus,
    requestId: error.requestId,
    recommend,
    retryable: error.retryable,
    retryAfterSeconds: error.retryAfterSeconds,
    action: error.action,
  });
}

// Whether a failed attempt may still have done its work on ECS (e.g. created the snapshot).
import type { EcsError } from './errors';

/** Failures that happen before a request is written: nothing reached ECS. */
const BEFORE_SENDING = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * True unless the failure is a definite "it did not run": ECS refused it with its own error code
 * on a 4xx (Throttling included), or the request never left (credentials, connect timeout,
 * refused, DNS, TLS, or our own check refused it). A 5xx of any body, an unreadable answer (a gateway's HTML 502), a reset or a
 * read timeout may all come after ECS acted on the request.
 */
export function mayHaveRun(error: EcsError): boolean {
  if (error.notSent || error.kind === 'credentials' || error.code === 'ConnectTimeout') return false;
  if (error.kind === 'network' && BEFORE_SENDING.has(error.code)) return false;
  return !isRefusedByEcs(error);
}

function isRefusedByEcs(error: EcsError): boolean {
  const status = error.httpStatus;
  if (status === undefined || status < 400 || status >= 500) return false;
  if (error.kind !== 'api' && error.kind !== 'throttling') return false;
  // `Http4xx` is our name for a 4xx without an ECS code: something else (a proxy) answered.
  // IdempotentProcessing says an earlier request with this ClientToken is still running.
  return !/^Http\d+$/.test(error.code) && error.code !== 'IdempotentProcessing';
}

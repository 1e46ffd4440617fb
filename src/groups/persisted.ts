// Reading what a previous window stored: small checks shared by the group operations' states.
import type { TrackedError } from '../tracker/trackedOperation';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function readTrackedError(raw: unknown): TrackedError | undefined {
  if (!isRecord(raw) || typeof raw.code !== 'string' || typeof raw.message !== 'string') return undefined;
  return {
    kind: (typeof raw.kind === 'string' ? raw.kind : 'api') as TrackedError['kind'],
    code: raw.code,
    message: raw.message,
    requestId: str(raw.requestId),
    httpStatus: num(raw.httpStatus),
    action: str(raw.action),
    recommend: str(raw.recommend),
    ...(raw.outcomeUnknown === true ? { outcomeUnknown: true } : {}),
  };
}

// What the tracker remembers about one snapshot creation, and how that is persisted.
// Pure: no `vscode` import, so plain-Node unit tests can drive it.
import type { EcsError, EcsErrorKind } from '../ecs/errors';
import type { CreateSnapshotRequest, Tag } from '../ecs/gateway';
import type { DiskRef, SnapshotIntent } from './trackerApi';

/**
 * A create operation's phases:
 * - checking: the answer to CreateSnapshot was lost, so the snapshot may exist; the tracker looks
 *   for it among the disk's snapshots (then creating, or refused when it does not show up).
 * - creating: ECS accepted the request; the snapshot is progressing.
 * - ready: the snapshot is accomplished.
 * - failed: ECS reports the snapshot as failed.
 * - refused: CreateSnapshot was rejected, so no snapshot exists for this intent.
 * - gone: DescribeSnapshots no longer returns the snapshot (deleted elsewhere, or its disk released).
 */
export type OperationState = 'checking' | 'creating' | 'ready' | 'failed' | 'refused' | 'gone';

/** The persisted progress of the "checking" phase, so a reload resumes the lookup where it was. */
export interface LookupState {
  /** Epoch ms when this ClientToken was first sent: the snapshot cannot be older (give or take clock skew). */
  requestedAt: number;
  /** Epoch ms when the lookup began: it gives up a bounded while later. */
  startedAt: number;
  /** Answers so far that did not contain the snapshot. */
  answers: number;
}

/** The secret-free parts of an EcsError worth keeping (and showing) after a reload. */
export interface TrackedError {
  kind: EcsErrorKind;
  code: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
  action?: string;
  recommend?: string;
  /** The request may have taken effect although it failed (its answer was lost). */
  outcomeUnknown?: boolean;
}

export interface TrackedOperation {
  /** One intent, one clientToken, at most one snapshot: the token identifies the operation. */
  readonly intent: SnapshotIntent;
  snapshotId?: string;
  state: OperationState;
  /** 0..100. */
  progress: number;
  /** Seconds left, as ECS last said. */
  remainTime?: number;
  sourceDiskSizeGiB?: number;
  /** DescribeSnapshots said Available: usable (instant access) before it is accomplished. */
  available?: boolean;
  /** Epoch ms when the tracker learnt of the operation. */
  readonly startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** Why the creation was refused (state refused). */
  error?: TrackedError;
  /** While checking: how the lookup for a snapshot that may exist is going. */
  lookup?: LookupState;
  /** The user has seen this outcome (opened the list); a seen failure no longer colours the item. */
  acknowledged: boolean;
  // Transient, not persisted: reset on resume so polling starts quick again.
  /** Successful DescribeSnapshots answers seen since tracking (re)started. */
  polls: number;
  /** Consecutive successful answers that did not include the snapshot. */
  misses: number;
  /** Why the last poll of this operation's region (or its lookup) failed, while it keeps failing. */
  pollError?: TrackedError;
  /** Epoch ms of the last progress reading (the estimate between polls starts there). */
  progressAt?: number;
  /** The first progress reading since tracking (re)started: the observed rate is measured from it. */
  firstReading?: { progress: number; at: number };
}

export function operationKey(op: TrackedOperation): string {
  return op.intent.request.clientToken;
}

export function diskOf(op: TrackedOperation): DiskRef {
  return { regionId: op.intent.request.regionId, diskId: op.intent.request.diskId };
}

export function isTerminal(state: OperationState): boolean {
  return state !== 'creating' && state !== 'checking';
}

/** A terminal outcome the user should notice (coloured item until acknowledged). */
export function isProblem(state: OperationState): boolean {
  return state === 'failed' || state === 'refused' || state === 'gone';
}

/** The code of a request that was still unanswered when the window closed (set at resume). */
export const UNANSWERED_CODE = 'NoAnswerBeforeReload';
/** The code of a "may exist" the lookup settled: the snapshot never showed up, so it was not created. */
export const NOT_FOUND_CODE = 'SnapshotNotFoundAfterLookup';

/**
 * True when the failure says nothing about whether ECS created the snapshot: the request was sent
 * but its answer was lost. The snapshot may exist; a Retry (same ClientToken) finds it.
 */
export function isOutcomeUnknown(error: TrackedError | undefined): boolean {
  if (!error) return false;
  return (
    error.outcomeUnknown === true ||
    error.code === UNANSWERED_CODE ||
    error.code === 'ReadTimeout' ||
    // ECS is still processing an earlier request with the same ClientToken.
    error.code === 'IdempotentProcessing' ||
    (error.kind === 'network' && /^(ECONNRESET|EPIPE|ECONNABORTED)$/.test(error.code))
  );
}

export function toTrackedError(error: EcsError): TrackedError {
  return {
    kind: error.kind,
    code: error.code,
    message: error.message,
    requestId: error.requestId,
    httpStatus: error.httpStatus,
    action: error.action,
    recommend: error.recommend,
    ...(error.outcomeUnknown ? { outcomeUnknown: true } : {}),
  };
}

// ---- Persistence ------------------------------------------------------------------------------

export const PERSISTENCE_KEY = 'ecsSnapshots.tracker';
export const PERSISTENCE_VERSION = 1;

/** What goes to the Memento: ids, region, source key, intent, timestamps. No secrets, no transient state. */
export interface PersistedState {
  version: typeof PERSISTENCE_VERSION;
  operations: PersistedOperation[];
  /** CreateSnapshot requests sent and not yet answered (a reload then leaves them unresolved). */
  pending?: PendingRequest[];
}

export interface PendingRequest {
  intent: SnapshotIntent;
  /** Epoch ms when the request was sent. */
  startedAt: number;
}

export type PersistedOperation = Omit<TrackedOperation, 'polls' | 'misses' | 'pollError' | 'progressAt' | 'firstReading'>;

export function serialize(ops: readonly TrackedOperation[], pending: readonly PendingRequest[] = []): PersistedState {
  return {
    version: PERSISTENCE_VERSION,
    operations: ops.map((op) => {
      const { polls: _polls, misses: _misses, pollError: _pollError, progressAt: _progressAt, firstReading: _firstReading, ...kept } = op;
      return structuredClone(kept);
    }),
    ...(pending.length ? { pending: structuredClone([...pending]) } : {}),
  };
}

/** The requests a previous window sent without seeing the answer; malformed ones are dropped. */
export function deserializePending(value: unknown): PendingRequest[] {
  if (!isRecord(value) || value.version !== PERSISTENCE_VERSION || !Array.isArray(value.pending)) {
    return [];
  }
  return value.pending.flatMap((raw: unknown) => {
    const intent = isRecord(raw) && isRecord(raw.intent) ? readIntent(raw.intent) : undefined;
    return intent && isRecord(raw) && isFiniteNumber(raw.startedAt) ? [{ intent, startedAt: raw.startedAt }] : [];
  });
}

/** Reads what a previous session stored; anything malformed is dropped rather than trusted. */
export function deserialize(value: unknown): TrackedOperation[] {
  if (!isRecord(value) || value.version !== PERSISTENCE_VERSION || !Array.isArray(value.operations)) {
    return [];
  }
  const ops: TrackedOperation[] = [];
  const seen = new Set<string>();
  for (const raw of value.operations) {
    const op = readOperation(raw);
    if (op && !seen.has(operationKey(op))) {
      seen.add(operationKey(op));
      ops.push(op);
    }
  }
  return ops;
}

const STATES: readonly OperationState[] = ['checking', 'creating', 'ready', 'failed', 'refused', 'gone'];

function readOperation(raw: unknown): TrackedOperation | undefined {
  if (!isRecord(raw) || !isRecord(raw.intent)) {
    return undefined;
  }
  const intent = readIntent(raw.intent);
  const state = raw.state as OperationState;
  if (!intent || !STATES.includes(state) || !isFiniteNumber(raw.startedAt)) {
    return undefined;
  }
  const snapshotId = optionalString(raw.snapshotId);
  const lookup = readLookup(raw.lookup);
  if (state === 'checking' ? !lookup || snapshotId : state !== 'refused' && !snapshotId) {
    return undefined;
  }
  return {
    intent,
    snapshotId,
    state,
    progress: isFiniteNumber(raw.progress) ? Math.min(100, Math.max(0, raw.progress)) : 0,
    remainTime: isFiniteNumber(raw.remainTime) ? raw.remainTime : undefined,
    sourceDiskSizeGiB: isFiniteNumber(raw.sourceDiskSizeGiB) ? raw.sourceDiskSizeGiB : undefined,
    ...(raw.available === true ? { available: true } : {}),
    startedAt: raw.startedAt,
    updatedAt: isFiniteNumber(raw.updatedAt) ? raw.updatedAt : raw.startedAt,
    finishedAt: isFiniteNumber(raw.finishedAt) ? raw.finishedAt : undefined,
    error: readError(raw.error),
    ...(state === 'checking' ? { lookup } : {}),
    acknowledged: raw.acknowledged === true,
    polls: 0,
    misses: 0,
  };
}

function readIntent(raw: Record<string, unknown>): SnapshotIntent | undefined {
  const request = raw.request;
  if (!isRecord(request)) {
    return undefined;
  }
  const regionId = optionalString(request.regionId);
  const diskId = optionalString(request.diskId);
  const clientToken = optionalString(request.clientToken);
  const sourceKey = optionalString(raw.sourceKey);
  if (!regionId || !diskId || !clientToken || !sourceKey) {
    return undefined;
  }
  const req: CreateSnapshotRequest = { regionId, diskId, clientToken };
  if (typeof request.snapshotName === 'string') req.snapshotName = request.snapshotName;
  if (typeof request.description === 'string') req.description = request.description;
  if (isFiniteNumber(request.retentionDays)) req.retentionDays = request.retentionDays;
  if (typeof request.resourceGroupId === 'string') req.resourceGroupId = request.resourceGroupId;
  if (Array.isArray(request.tags)) {
    req.tags = request.tags.filter(
      (t): t is Tag => isRecord(t) && typeof t.key === 'string' && typeof t.value === 'string',
    ).map((t) => ({ key: t.key, value: t.value }));
  }
  return {
    request: req,
    diskName: optionalString(raw.diskName) ?? diskId,
    sourceKey,
    origin: raw.origin === 'quickBackup' ? 'quickBackup' : 'create',
  };
}

function readLookup(raw: unknown): LookupState | undefined {
  if (!isRecord(raw) || !isFiniteNumber(raw.requestedAt) || !isFiniteNumber(raw.startedAt)) {
    return undefined;
  }
  return { requestedAt: raw.requestedAt, startedAt: raw.startedAt, answers: isFiniteNumber(raw.answers) ? Math.max(0, raw.answers) : 0 };
}

function readError(raw: unknown): TrackedError | undefined {
  if (!isRecord(raw) || typeof raw.code !== 'string' || typeof raw.message !== 'string') {
    return undefined;
  }
  return {
    kind: (typeof raw.kind === 'string' ? raw.kind : 'api') as EcsErrorKind,
    code: raw.code,
    message: raw.message,
    requestId: optionalString(raw.requestId),
    httpStatus: isFiniteNumber(raw.httpStatus) ? raw.httpStatus : undefined,
    action: optionalString(raw.action),
    recommend: optionalString(raw.recommend),
    ...(raw.outcomeUnknown === true ? { outcomeUnknown: true } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

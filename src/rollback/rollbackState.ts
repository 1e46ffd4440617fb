// What a rollback operation remembers: its phase and the facts each phase needs to resume after a
// window reload without repeating a write that may have run. Pure: no `vscode` import.
import type { TrackedError } from '../tracker/trackedOperation';
import type { InstanceHandling, RollbackRequest } from './rollbackApi';

/**
 * The phases, in order (each persisted BEFORE its request is sent):
 * - stopping: StopInstance (KeepCharging) for a Running instance; `stopSentAt` marks it sent.
 * - waitingStopped: DescribeInstanceStatus until Stopped (capped).
 * - safetySnapshot: CreateSnapshot with the plan's ClientToken, then DescribeSnapshots until it can serve.
 * - resetting: ResetDisk; `resetSentAt` marks an attempt that may have run.
 * - waitingReset: ECS gives no completion signal: a settle time, then the disk's status read back.
 * - starting: StartInstance (only if the plan says so); `startSentAt` marks it sent.
 * - waitingRunning: DescribeInstanceStatus until Running (capped).
 * - done / failed: terminal.
 */
export type RollbackPhase =
  | 'stopping'
  | 'waitingStopped'
  | 'safetySnapshot'
  | 'resetting'
  | 'waitingReset'
  | 'starting'
  | 'waitingRunning'
  | 'done'
  | 'failed';

export const ROLLBACK_PHASES: readonly RollbackPhase[] = [
  'stopping',
  'waitingStopped',
  'safetySnapshot',
  'resetting',
  'waitingReset',
  'starting',
  'waitingRunning',
  'done',
  'failed',
];

/** What the disk holds when the operation stopped. */
export type DiskOutcome =
  /** No ResetDisk ran: the disk holds what it held before. */
  | 'untouched'
  /** A ResetDisk attempt may have run (its answer was lost) and could not be confirmed. */
  | 'maybeRolledBack'
  /** ECS accepted the ResetDisk. */
  | 'rolledBack';

/** What the user can do about a failure (offered in the notification and the list). */
export type RollbackAction = 'retry' | 'startInstance';

export interface RollbackFailure {
  /** The phase that failed (Retry resumes there). */
  phase: RollbackPhase;
  error: TrackedError;
  disk: DiskOutcome;
  /** The instance's status as last read (undefined: unattached disk, or never read). */
  instanceStatus?: string;
  actions: RollbackAction[];
}

export interface RollbackState {
  readonly request: RollbackRequest;
  phase: RollbackPhase;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** When the current phase began: caps its waits. */
  phaseStartedAt: number;
  /** StopInstance sent (persisted before sending): never sent again by this operation. */
  stopSentAt?: number;
  /** The StopInstance answer was lost: whether it ran is read from the instance's status. */
  stopUnconfirmed?: boolean;
  /** CreateSnapshot of the safety snapshot was sent at least once (same ClientToken every time). */
  createSentAt?: number;
  safetySnapshotId?: string;
  /** 0..100 of the safety snapshot. */
  safetyProgress?: number;
  /** ResetDisk attempts so far (each persisted before it is sent). */
  resetAttempts: number;
  /** An attempt whose answer was lost or never came (a reload): the reset may have run. */
  resetMayHaveRun?: boolean;
  /** ECS accepted the ResetDisk: from here on, the disk holds the snapshot's content. */
  resetAcceptedAt?: number;
  /** StartInstance requests sent (refused ones included: a refusal did not start anything). */
  startAttempts: number;
  /** A StartInstance that may have run (accepted, or its answer lost): never sent again. */
  startMayHaveRun?: boolean;
  /** The instance's status as last read. */
  instanceStatus?: string;
  failure?: RollbackFailure;
  /** The failure the user answered with "Start Instance": the start recovers the instance, not the rollback. */
  recoveringFrom?: RollbackFailure;
  /** The user has seen the outcome (opened the list). */
  acknowledged: boolean;
}

export function isRollbackFinished(phase: RollbackPhase): boolean {
  return phase === 'done' || phase === 'failed';
}

/** Whether the plan starts the instance after the reset. */
export function plansStart(instance: InstanceHandling): boolean {
  return (instance.kind === 'running' && !instance.keepStopped) || (instance.kind === 'stopped' && instance.start);
}

export function instanceIdOf(instance: InstanceHandling): string | undefined {
  return instance.kind === 'none' ? undefined : instance.instanceId;
}

/** A new operation, in the phase its plan starts with. */
export function newRollbackState(request: RollbackRequest, now: number): RollbackState {
  return {
    request: structuredClone(request),
    phase: firstPhase(request),
    startedAt: now,
    updatedAt: now,
    phaseStartedAt: now,
    resetAttempts: 0,
    startAttempts: 0,
    acknowledged: false,
  };
}

export function firstPhase(request: RollbackRequest): RollbackPhase {
  if (request.instance.kind === 'running') return 'stopping';
  return request.safetySnapshot ? 'safetySnapshot' : 'resetting';
}

// ---- Persistence ------------------------------------------------------------------------------

export const ROLLBACK_PERSISTENCE_KEY = 'ecsSnapshots.tracker.rollbacks';
export const ROLLBACK_PERSISTENCE_VERSION = 1;

export interface PersistedRollbacks {
  version: typeof ROLLBACK_PERSISTENCE_VERSION;
  rollbacks: RollbackState[];
}

export function serializeRollbacks(states: readonly RollbackState[]): PersistedRollbacks {
  return { version: ROLLBACK_PERSISTENCE_VERSION, rollbacks: states.map((s) => structuredClone(s)) };
}

/** Reads what a previous window stored; a malformed entry is dropped rather than trusted. */
export function deserializeRollbacks(value: unknown): RollbackState[] {
  if (!isRecord(value) || value.version !== ROLLBACK_PERSISTENCE_VERSION || !Array.isArray(value.rollbacks)) {
    return [];
  }
  const seen = new Set<string>();
  return value.rollbacks.flatMap((raw: unknown) => {
    const state = readState(raw);
    if (!state || seen.has(state.request.operationId)) return [];
    seen.add(state.request.operationId);
    return [state];
  });
}

function readState(raw: unknown): RollbackState | undefined {
  if (!isRecord(raw) || !isRecord(raw.request)) return undefined;
  const request = readRequest(raw.request);
  const phase = raw.phase as RollbackPhase;
  if (!request || !ROLLBACK_PHASES.includes(phase) || num(raw.startedAt) === undefined) return undefined;
  const failure = readFailure(raw.failure);
  if (phase === 'failed' && !failure) return undefined;
  const startedAt = raw.startedAt as number;
  return {
    request,
    phase,
    startedAt,
    updatedAt: num(raw.updatedAt) ?? startedAt,
    finishedAt: num(raw.finishedAt),
    phaseStartedAt: num(raw.phaseStartedAt) ?? startedAt,
    stopSentAt: num(raw.stopSentAt),
    stopUnconfirmed: raw.stopUnconfirmed === true || undefined,
    createSentAt: num(raw.createSentAt),
    safetySnapshotId: str(raw.safetySnapshotId),
    safetyProgress: num(raw.safetyProgress),
    resetAttempts: num(raw.resetAttempts) ?? 0,
    resetMayHaveRun: raw.resetMayHaveRun === true || undefined,
    resetAcceptedAt: num(raw.resetAcceptedAt),
    startAttempts: num(raw.startAttempts) ?? 0,
    startMayHaveRun: raw.startMayHaveRun === true || undefined,
    instanceStatus: str(raw.instanceStatus),
    failure,
    recoveringFrom: readFailure(raw.recoveringFrom),
    acknowledged: raw.acknowledged === true,
  };
}

function readRequest(raw: Record<string, unknown>): RollbackRequest | undefined {
  const required = ['operationId', 'regionId', 'sourceKey', 'diskId', 'snapshotId'] as const;
  if (required.some((k) => !str(raw[k])) || !isRecord(raw.instance)) return undefined;
  const instance = readInstance(raw.instance);
  if (!instance) return undefined;
  const safety = isRecord(raw.safetySnapshot) ? raw.safetySnapshot : undefined;
  if (safety && (!str(safety.name) || !str(safety.clientToken) || !Array.isArray(safety.tags))) return undefined;
  return {
    operationId: raw.operationId as string,
    regionId: raw.regionId as string,
    sourceKey: raw.sourceKey as string,
    diskId: raw.diskId as string,
    diskName: str(raw.diskName) ?? (raw.diskId as string),
    diskType: str(raw.diskType) ?? 'data',
    snapshotId: raw.snapshotId as string,
    snapshotName: str(raw.snapshotName) ?? (raw.snapshotId as string),
    snapshotTime: str(raw.snapshotTime) ?? '',
    instance,
    ...(safety
      ? {
          safetySnapshot: {
            name: safety.name as string,
            ...(str(safety.description) ? { description: safety.description as string } : {}),
            ...(num(safety.retentionDays) !== undefined ? { retentionDays: safety.retentionDays as number } : {}),
            tags: (safety.tags as unknown[])
              .filter((t): t is { key: string; value: string } => isRecord(t) && typeof t.key === 'string' && typeof t.value === 'string')
              .map((t) => ({ key: t.key, value: t.value })),
            clientToken: safety.clientToken as string,
          },
        }
      : {}),
    requestedAt: num(raw.requestedAt) ?? 0,
  };
}

function readInstance(raw: Record<string, unknown>): InstanceHandling | undefined {
  if (raw.kind === 'none') return { kind: 'none' };
  const instanceId = str(raw.instanceId);
  if (!instanceId) return undefined;
  const instanceName = str(raw.instanceName) ?? instanceId;
  if (raw.kind === 'stopped') return { kind: 'stopped', instanceId, instanceName, start: raw.start === true };
  if (raw.kind === 'running') return { kind: 'running', instanceId, instanceName, keepStopped: raw.keepStopped === true };
  return undefined;
}

function readFailure(raw: unknown): RollbackFailure | undefined {
  if (!isRecord(raw) || !isRecord(raw.error) || !ROLLBACK_PHASES.includes(raw.phase as RollbackPhase)) return undefined;
  const e = raw.error;
  if (typeof e.code !== 'string' || typeof e.message !== 'string') return undefined;
  const disk: DiskOutcome = raw.disk === 'rolledBack' || raw.disk === 'maybeRolledBack' ? raw.disk : 'untouched';
  const actions = Array.isArray(raw.actions) ? raw.actions.filter((a): a is RollbackAction => a === 'retry' || a === 'startInstance') : [];
  return {
    phase: raw.phase as RollbackPhase,
    error: {
      kind: (typeof e.kind === 'string' ? e.kind : 'api') as TrackedError['kind'],
      code: e.code,
      message: e.message,
      requestId: str(e.requestId),
      httpStatus: num(e.httpStatus),
      action: str(e.action),
      recommend: str(e.recommend),
      ...(e.outcomeUnknown === true ? { outcomeUnknown: true } : {}),
    },
    disk,
    instanceStatus: str(raw.instanceStatus),
    actions,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

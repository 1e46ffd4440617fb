// What an instance rollback to a snapshot group remembers: its phase, the safety group, and each
// member disk's outcome, persisted before every request, so a reload resumes from the saved phase
// without repeating a write that may have run. Pure: no `vscode` import.
import type { PhasedFailure, PhasedState } from '../rollback/phasedMachine';
import type { DiskOutcome, RollbackAction } from '../rollback/rollbackState';
import type { TrackedError } from '../tracker/trackedOperation';
import type { GroupMemberPlan, InstanceRollbackRequest } from './groupApi';
import { readGroupDisks, readTags } from './groupBackupState';
import { isRecord, num, readTrackedError, str } from './persisted';

/**
 * The phases, in order (each persisted BEFORE its request is sent):
 * - stopping / waitingStopped: one StopInstance (KeepCharging) when it was Running, then Stopped.
 * - safetyGroup: CreateSnapshotGroup of the same disks (the plan's ClientToken), until every member is usable.
 * - resetting: ResetDisk per member disk, one after the other (each disk's outcome saved before its send).
 * - waitingReset: ECS gives no completion signal: a settle time, then every disk's status read back.
 * - starting / waitingRunning: one StartInstance when the plan says so, then Running.
 * - done / failed: terminal.
 */
export type InstanceRollbackPhase = 'stopping' | 'waitingStopped' | 'safetyGroup' | 'resetting' | 'waitingReset' | 'starting' | 'waitingRunning' | 'done' | 'failed';

export const INSTANCE_ROLLBACK_PHASES: readonly InstanceRollbackPhase[] = [
  'stopping',
  'waitingStopped',
  'safetyGroup',
  'resetting',
  'waitingReset',
  'starting',
  'waitingRunning',
  'done',
  'failed',
];

/** One member disk's reset. */
export interface MemberReset {
  diskId: string;
  snapshotId: string;
  /** untouched: no ResetDisk ran; maybeRolledBack: one may have run (saved before each send); rolledBack: accepted. */
  outcome: DiskOutcome;
  attempts: number;
  /** When ECS accepted the ResetDisk (the settle time counts from the last one). */
  acceptedAt?: number;
}

export interface InstanceRollbackFailure extends PhasedFailure<InstanceRollbackPhase> {
  /** Each member disk's outcome when it failed. */
  disks: { diskId: string; outcome: DiskOutcome }[];
}

export interface InstanceRollbackState extends PhasedState<InstanceRollbackPhase, InstanceRollbackFailure> {
  readonly request: InstanceRollbackRequest;
  startedAt: number;
  /** CreateSnapshotGroup of the safety group sent at least once (same ClientToken every time). */
  safetySentAt?: number;
  safetyGroupId?: string;
  /** 0..100: the safety group's members' average. */
  safetyProgress?: number;
  disks: MemberReset[];
}

export function isInstanceRollbackFinished(phase: InstanceRollbackPhase): boolean {
  return phase === 'done' || phase === 'failed';
}

export function newInstanceRollbackState(request: InstanceRollbackRequest, now: number): InstanceRollbackState {
  return {
    request: structuredClone(request),
    phase: request.wasRunning ? 'stopping' : request.safetyGroup ? 'safetyGroup' : 'resetting',
    startedAt: now,
    updatedAt: now,
    phaseStartedAt: now,
    startAttempts: 0,
    disks: request.members.map((m) => ({ diskId: m.diskId, snapshotId: m.snapshotId, outcome: 'untouched', attempts: 0 })),
    acknowledged: false,
  };
}

/** "2/3": the disk being reset now (or the last), of all. */
export function resetCounts(state: InstanceRollbackState): { current: number; total: number } {
  const total = state.disks.length;
  const done = state.disks.filter((d) => d.acceptedAt !== undefined).length;
  return { current: Math.min(total, done + (state.phase === 'resetting' ? 1 : 0)), total };
}

// ---- Persistence ------------------------------------------------------------------------------

export function readInstanceRollback(raw: unknown): InstanceRollbackState | undefined {
  if (!isRecord(raw) || !isRecord(raw.request)) return undefined;
  const request = readRequest(raw.request);
  const phase = raw.phase as InstanceRollbackPhase;
  const startedAt = num(raw.startedAt);
  if (!request || !INSTANCE_ROLLBACK_PHASES.includes(phase) || startedAt === undefined) return undefined;
  const failure = readFailure(raw.failure);
  if (phase === 'failed' && !failure) return undefined;
  const saved = Array.isArray(raw.disks) ? raw.disks.flatMap(readMemberReset) : [];
  // Every member of the plan has its record (a malformed one resumes as "maybe": never trusted as untouched).
  const disks = request.members.map(
    (m) => saved.find((d) => d.diskId === m.diskId) ?? { diskId: m.diskId, snapshotId: m.snapshotId, outcome: 'maybeRolledBack' as DiskOutcome, attempts: 0 },
  );
  return {
    request,
    phase,
    startedAt,
    updatedAt: num(raw.updatedAt) ?? startedAt,
    finishedAt: num(raw.finishedAt),
    phaseStartedAt: num(raw.phaseStartedAt) ?? startedAt,
    stopSentAt: num(raw.stopSentAt),
    stopUnconfirmed: raw.stopUnconfirmed === true || undefined,
    safetySentAt: num(raw.safetySentAt),
    safetyGroupId: str(raw.safetyGroupId),
    safetyProgress: num(raw.safetyProgress),
    disks,
    startAttempts: num(raw.startAttempts) ?? 0,
    startMayHaveRun: raw.startMayHaveRun === true || undefined,
    instanceStatus: str(raw.instanceStatus),
    failure,
    recoveringFrom: readFailure(raw.recoveringFrom),
    acknowledged: raw.acknowledged === true,
  };
}

function readMemberReset(raw: unknown): MemberReset[] {
  if (!isRecord(raw) || !str(raw.diskId) || !str(raw.snapshotId)) return [];
  return [{ diskId: raw.diskId as string, snapshotId: raw.snapshotId as string, outcome: readOutcome(raw.outcome), attempts: num(raw.attempts) ?? 0, acceptedAt: num(raw.acceptedAt) }];
}

function readOutcome(raw: unknown): DiskOutcome {
  return raw === 'rolledBack' || raw === 'untouched' ? raw : 'maybeRolledBack';
}

function readRequest(raw: Record<string, unknown>): InstanceRollbackRequest | undefined {
  const required = ['operationId', 'regionId', 'sourceKey', 'instanceId', 'groupId'] as const;
  if (required.some((k) => !str(raw[k]))) return undefined;
  const disks = readGroupDisks(raw.members);
  const snapshots = Array.isArray(raw.members) ? raw.members.map((m: unknown) => (isRecord(m) ? str(m.snapshotId) : undefined)) : [];
  if (disks.length === 0 || snapshots.length !== disks.length || snapshots.some((s) => !s)) return undefined;
  const members: GroupMemberPlan[] = disks.map((d, i) => ({ ...d, snapshotId: snapshots[i] as string }));
  const safety = isRecord(raw.safetyGroup) ? raw.safetyGroup : undefined;
  if (safety && (!str(safety.name) || !str(safety.clientToken))) return undefined;
  return {
    operationId: raw.operationId as string,
    regionId: raw.regionId as string,
    sourceKey: raw.sourceKey as string,
    instanceId: raw.instanceId as string,
    instanceName: str(raw.instanceName) ?? (raw.instanceId as string),
    groupId: raw.groupId as string,
    groupName: str(raw.groupName) ?? (raw.groupId as string),
    groupTime: str(raw.groupTime) ?? '',
    members,
    wasRunning: raw.wasRunning === true,
    startAfter: raw.startAfter === true,
    ...(safety
      ? {
          safetyGroup: {
            name: safety.name as string,
            ...(str(safety.description) ? { description: safety.description as string } : {}),
            tags: readTags(safety.tags),
            clientToken: safety.clientToken as string,
          },
        }
      : {}),
    requestedAt: num(raw.requestedAt) ?? 0,
  };
}

function readFailure(raw: unknown): InstanceRollbackFailure | undefined {
  if (!isRecord(raw) || !INSTANCE_ROLLBACK_PHASES.includes(raw.phase as InstanceRollbackPhase)) return undefined;
  const error: TrackedError | undefined = readTrackedError(raw.error);
  if (!error) return undefined;
  const actions = Array.isArray(raw.actions) ? raw.actions.filter((a): a is RollbackAction => a === 'retry' || a === 'startInstance') : [];
  const disks = Array.isArray(raw.disks)
    ? raw.disks.flatMap((d: unknown) => (isRecord(d) && str(d.diskId) ? [{ diskId: d.diskId as string, outcome: readOutcome(d.outcome) }] : []))
    : [];
  return { phase: raw.phase as InstanceRollbackPhase, error, disks, instanceStatus: str(raw.instanceStatus), actions };
}

// What a group backup (one snapshot-consistent group of an instance's disks) remembers: its phase,
// the group once known, each member's progress. Persisted so a reload resumes it without a second
// CreateSnapshotGroup that could make a second group. Pure: no `vscode` import.
import type { Tag } from '../ecs/gateway';
import type { TrackedError } from '../tracker/trackedOperation';
import type { GroupBackupRequest, GroupDisk } from './groupApi';
import { isRecord, num, readTrackedError, str } from './persisted';

/**
 * - requesting: CreateSnapshotGroup (the request's ClientToken) is being sent; when its answer was
 *   lost (or a reload came before it), `lookup` looks for the group among the instance's groups.
 * - creating: the group exists; its members progress (polled with the other groups in batches).
 * - ready: every member is usable (Available: instant access), or the group is accomplished.
 * - failed: ECS reports the group failed, or it disappeared.
 * - refused: ECS refused CreateSnapshotGroup, or looking found no group after a while.
 */
export type GroupBackupPhase = 'requesting' | 'creating' | 'ready' | 'failed' | 'refused';
export const GROUP_BACKUP_PHASES: readonly GroupBackupPhase[] = ['requesting', 'creating', 'ready', 'failed', 'refused'];

export interface GroupMemberProgress {
  diskId: string;
  snapshotId: string;
  /** system | data */
  diskType: string;
  progress: number;
  available: boolean;
}

export interface GroupLookup {
  startedAt: number;
  /** Looks that answered without finding the group. */
  answers: number;
}

export interface GroupBackupState {
  readonly request: GroupBackupRequest;
  phase: GroupBackupPhase;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** CreateSnapshotGroup sent at least once (always with the request's ClientToken). */
  createSentAt?: number;
  createAttempts: number;
  /** The answer to CreateSnapshotGroup was lost: looking for the group (never a second one). */
  lookup?: GroupLookup;
  groupId?: string;
  groupStatus?: string;
  members: GroupMemberProgress[];
  /** 0..100: the members' average. */
  progress: number;
  /** Readings in a row without the group (a lag right after creation, or deleted). */
  misses: number;
  error?: TrackedError;
  acknowledged: boolean;
}

export function isGroupBackupFinished(phase: GroupBackupPhase): boolean {
  return phase === 'ready' || phase === 'failed' || phase === 'refused';
}

export function newGroupBackupState(request: GroupBackupRequest, now: number): GroupBackupState {
  return { request: structuredClone(request), phase: 'requesting', startedAt: now, updatedAt: now, createAttempts: 0, members: [], progress: 0, misses: 0, acknowledged: false };
}

/** Reads one persisted group backup; a malformed entry is dropped rather than trusted. */
export function readGroupBackup(raw: unknown): GroupBackupState | undefined {
  if (!isRecord(raw) || !isRecord(raw.request)) return undefined;
  const request = readRequest(raw.request);
  const phase = raw.phase as GroupBackupPhase;
  const startedAt = num(raw.startedAt);
  if (!request || !GROUP_BACKUP_PHASES.includes(phase) || startedAt === undefined) return undefined;
  if (phase === 'creating' && !str(raw.groupId)) return undefined;
  const lookup = isRecord(raw.lookup) && num(raw.lookup.startedAt) !== undefined ? { startedAt: raw.lookup.startedAt as number, answers: num(raw.lookup.answers) ?? 0 } : undefined;
  return {
    request,
    phase,
    startedAt,
    updatedAt: num(raw.updatedAt) ?? startedAt,
    finishedAt: num(raw.finishedAt),
    createSentAt: num(raw.createSentAt),
    createAttempts: num(raw.createAttempts) ?? 0,
    lookup,
    groupId: str(raw.groupId),
    groupStatus: str(raw.groupStatus),
    members: Array.isArray(raw.members) ? raw.members.flatMap(readMember) : [],
    progress: num(raw.progress) ?? 0,
    misses: num(raw.misses) ?? 0,
    error: readTrackedError(raw.error),
    acknowledged: raw.acknowledged === true,
  };
}

function readMember(raw: unknown): GroupMemberProgress[] {
  if (!isRecord(raw) || !str(raw.diskId) || !str(raw.snapshotId)) return [];
  return [{ diskId: raw.diskId as string, snapshotId: raw.snapshotId as string, diskType: str(raw.diskType) ?? 'data', progress: num(raw.progress) ?? 0, available: raw.available === true }];
}

export function readGroupDisks(raw: unknown): GroupDisk[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((d: unknown) =>
    isRecord(d) && str(d.diskId) ? [{ diskId: d.diskId as string, diskName: str(d.diskName) ?? (d.diskId as string), diskType: str(d.diskType) ?? 'data' }] : [],
  );
}

export function readTags(raw: unknown): Tag[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((t): t is Tag => isRecord(t) && typeof t.key === 'string' && typeof t.value === 'string').map((t) => ({ key: t.key, value: t.value }));
}

function readRequest(raw: Record<string, unknown>): GroupBackupRequest | undefined {
  const required = ['operationId', 'regionId', 'sourceKey', 'instanceId', 'clientToken'] as const;
  if (required.some((k) => !str(raw[k]))) return undefined;
  const disks = readGroupDisks(raw.disks);
  if (disks.length === 0 && raw.allDisks !== true) return undefined;
  return {
    operationId: raw.operationId as string,
    regionId: raw.regionId as string,
    sourceKey: raw.sourceKey as string,
    instanceId: raw.instanceId as string,
    instanceName: str(raw.instanceName) ?? (raw.instanceId as string),
    disks,
    allDisks: raw.allDisks === true,
    ...(Array.isArray(raw.excludedDiskIds) ? { excludedDiskIds: raw.excludedDiskIds.filter((id): id is string => typeof id === 'string' && id.length > 0) } : {}),
    ...(str(raw.name) ? { name: raw.name as string } : {}),
    ...(str(raw.description) ? { description: raw.description as string } : {}),
    tags: readTags(raw.tags),
    clientToken: raw.clientToken as string,
    origin: raw.origin === 'quickBackup' ? 'quickBackup' : 'backUpInstance',
    requestedAt: num(raw.requestedAt) ?? 0,
  };
}

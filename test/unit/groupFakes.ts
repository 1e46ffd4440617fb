// Test doubles for the group operations: a tiny cloud with one instance (i-1, web-01) and its three
// disks (content per disk), snapshot-consistent groups whose members progress in time (usable
// early: instant access), other instances' groups to crowd the region, ResetDisk/Stop/Start with
// the real preconditions, faults per action and request counts per action.
import { EcsError } from '../../src/ecs/errors';
import type {
  CreateSnapshotGroupRequest,
  Disk,
  DiskQuery,
  EcsGateway,
  InstanceStatus,
  Page,
  Snapshot,
  SnapshotGroup,
  SnapshotGroupQuery,
} from '../../src/ecs/gateway';
import type { GroupBackupRequest, InstanceRollbackRequest } from '../../src/groups/groupApi';
import { InstanceRollbackMachine } from '../../src/groups/instanceRollbackMachine';
import { newInstanceRollbackState, readInstanceRollback, type InstanceRollbackPhase, type InstanceRollbackState } from '../../src/groups/instanceRollbackState';
import { GroupOperations, type GroupEvent } from '../../src/tracker/groupOperations';
import { FakeClock, MemoryStore } from './trackerFakes';

export { FakeClock, MemoryStore };

export type GroupAction =
  | 'CreateSnapshotGroup'
  | 'DescribeSnapshotGroups'
  | 'DescribeSnapshots'
  | 'StopInstance'
  | 'StartInstance'
  | 'ResetDisk'
  | 'DescribeInstanceStatus'
  | 'DescribeDisks';

/** lostAfter: it ran, the answer was lost; 5xx: refused with a 500 (did not run); hangAfter/hangBefore: no answer ever (ran / did not). */
export type GroupFault = 'throttle' | '5xx' | 'lostAfter' | 'hangAfter' | 'hangBefore' | { code: string; status?: number };

const STOPPING_MS = 10_000;
const STARTING_MS = 15_000;
const RESET_BUSY_MS = 6_000;

export const DISKS = [
  { diskId: 'd-sys', diskName: 'web-01-system', diskType: 'system' },
  { diskId: 'd-data1', diskName: 'web-01-data', diskType: 'data' },
  { diskId: 'd-data2', diskName: 'web-01-logs', diskType: 'data' },
] as const;

interface SnapshotRecord {
  snapshotId: string;
  diskId: string;
  content: string;
  startedAt: number;
  groupId?: string;
}

interface GroupRecord {
  group: Omit<SnapshotGroup, 'members' | 'status'>;
  memberIds: string[];
  startedAt: number;
  fail?: boolean;
}

export class FakeGroupCloud implements EcsGateway {
  readonly counts: Record<GroupAction, number> = {
    CreateSnapshotGroup: 0,
    DescribeSnapshotGroups: 0,
    DescribeSnapshots: 0,
    StopInstance: 0,
    StartInstance: 0,
    ResetDisk: 0,
    DescribeInstanceStatus: 0,
    DescribeDisks: 0,
  };
  readonly effects = { stop: 0, start: 0, reset: 0, group: 0 };
  readonly faults = new Map<GroupAction, GroupFault[]>();
  readonly content = new Map<string, string>(DISKS.map((d) => [d.diskId, `now-${d.diskId}`]));
  readonly snapshots = new Map<string, SnapshotRecord>();
  readonly groups = new Map<string, GroupRecord>();
  private readonly tokens = new Map<string, string>();
  private busyUntil = new Map<string, number>();
  instanceStatus: string;
  private transitionAt: number | undefined;
  /** Members usable (Available) after this long; accomplished after snapshotMs. */
  availableAfterMs = 5_000;
  snapshotMs = 20_000;
  /** ResetDisk of this disk is refused with this code (until cleared). */
  refuseReset: { diskId: string; code: string } | undefined;
  /** The next group fails half-way. */
  failNextGroup = false;
  private seq = 0;

  constructor(
    private readonly clock: FakeClock,
    options: { instance?: 'Running' | 'Stopped' } = {},
  ) {
    this.instanceStatus = options.instance ?? 'Running';
  }

  fault(action: GroupAction, ...faults: GroupFault[]): void {
    this.faults.set(action, [...(this.faults.get(action) ?? []), ...faults]);
  }

  status(): string {
    if (this.transitionAt !== undefined && this.clock.now() >= this.transitionAt) {
      this.instanceStatus = this.instanceStatus === 'Stopping' ? 'Stopped' : this.instanceStatus === 'Starting' ? 'Running' : this.instanceStatus;
      this.transitionAt = undefined;
    }
    return this.instanceStatus;
  }

  /** Someone starts the instance behind our back (and writes). */
  startElsewhere(): void {
    this.instanceStatus = 'Running';
    this.transitionAt = undefined;
    this.content.set('d-data1', 'written-after');
  }

  summary(): string {
    return Object.entries(this.counts)
      .filter(([, n]) => n > 0)
      .map(([a, n]) => `${a} ${n}`)
      .join(', ');
  }

  /** A group made now of the instance's disks at their current content (a restore point). */
  makeGroupNow(name = `restore-point-${++this.seq}`, accomplished = true): { groupId: string; members: { diskId: string; snapshotId: string }[] } {
    const groupId = this.newGroup({ regionId: 'ap-southeast-1', diskIds: DISKS.map((d) => d.diskId), name, clientToken: `direct-${this.seq}` }, 'i-1');
    if (accomplished) {
      const record = this.groups.get(groupId) as GroupRecord;
      record.startedAt -= this.snapshotMs;
      record.memberIds.forEach((id) => ((this.snapshots.get(id) as SnapshotRecord).startedAt -= this.snapshotMs));
    }
    const record = this.groups.get(groupId) as GroupRecord;
    return { groupId, members: record.memberIds.map((id) => ({ diskId: (this.snapshots.get(id) as SnapshotRecord).diskId, snapshotId: id })) };
  }

  /** Groups of other instances, still progressing for a long while (a busy region). */
  addForeignProgressing(n: number): void {
    for (let i = 0; i < n; i++) {
      const groupId = `ssg-foreign${++this.seq}`;
      this.groups.set(groupId, {
        group: { snapshotGroupId: groupId, name: groupId, description: '', creationTime: new Date(this.clock.now()).toISOString(), instanceId: `i-other${i}`, tags: [] },
        memberIds: [],
        startedAt: this.clock.now() + 24 * 3_600_000, // never finishes during a test
      });
    }
  }

  // ---- EcsGateway ----

  async createSnapshotGroup(request: CreateSnapshotGroupRequest): Promise<string> {
    return this.write('CreateSnapshotGroup', () => {
      const known = this.tokens.get(request.clientToken);
      if (known) return known; // idempotent on the ClientToken
      const id = this.newGroup(request, request.instanceId ?? 'i-1');
      this.tokens.set(request.clientToken, id);
      return id;
    });
  }

  async describeSnapshotGroups(query: SnapshotGroupQuery): Promise<Page<SnapshotGroup>> {
    // Like the gateway: ids go 10 a request; otherwise one page.
    const all = [...this.groups.keys()].map((id) => this.view(id));
    if (query.groupIds) {
      const found: SnapshotGroup[] = [];
      for (let i = 0; i < query.groupIds.length; i += 10) {
        const batch = query.groupIds.slice(i, i + 10);
        found.push(...(await this.read('DescribeSnapshotGroups', () => all.filter((g) => batch.includes(g.snapshotGroupId)))));
      }
      return { items: found };
    }
    return this.read('DescribeSnapshotGroups', () => {
      const matching = all.filter((g) => (!query.instanceId || g.instanceId === query.instanceId) && (!query.statuses || query.statuses.includes(g.status)));
      const start = query.nextToken ? Number(query.nextToken) : 0;
      const size = Math.min(100, query.maxResults ?? 100);
      const items = matching.slice(start, start + size);
      return { items, ...(start + size < matching.length ? { nextToken: String(start + size) } : {}) };
    });
  }

  async describeSnapshots(_regionId: string, snapshotIds: string[]): Promise<Snapshot[]> {
    const out: Snapshot[] = [];
    for (let i = 0; i < snapshotIds.length; i += 100) {
      const batch = snapshotIds.slice(i, i + 100);
      out.push(...(await this.read('DescribeSnapshots', () => batch.flatMap((id) => (this.snapshots.has(id) ? [this.snapshotView(id)] : [])))));
    }
    return out;
  }

  async stopInstance(_regionId: string, instanceId: string): Promise<void> {
    return this.write('StopInstance', () => {
      if (instanceId !== 'i-1') throw apiError('InvalidInstanceId.NotFound', 404);
      if (this.status() !== 'Running') throw apiError('IncorrectInstanceStatus', 403);
      this.instanceStatus = 'Stopping';
      this.transitionAt = this.clock.now() + STOPPING_MS;
      this.effects.stop++;
    });
  }

  async startInstance(_regionId: string, instanceId: string): Promise<void> {
    return this.write('StartInstance', () => {
      if (instanceId !== 'i-1') throw apiError('InvalidInstanceId.NotFound', 404);
      if (this.status() !== 'Stopped') throw apiError('IncorrectInstanceStatus', 403);
      if ([...this.busyUntil.values()].some((t) => this.clock.now() < t)) throw apiError('DiskError', 403);
      this.instanceStatus = 'Starting';
      this.transitionAt = this.clock.now() + STARTING_MS;
      this.effects.start++;
    });
  }

  async resetDisk(_regionId: string, diskId: string, snapshotId: string): Promise<void> {
    return this.write('ResetDisk', () => {
      if (!this.content.has(diskId)) throw apiError('InvalidDiskId.NotFound', 404);
      const record = this.snapshots.get(snapshotId);
      if (!record) throw apiError('InvalidSnapshotId.NotFound', 404);
      if (record.diskId !== diskId) throw apiError('InvalidParameter.Mismatch', 403);
      if (this.refuseReset?.diskId === diskId) throw apiError(this.refuseReset.code, 403);
      if (this.clock.now() < (this.busyUntil.get(diskId) ?? 0)) throw apiError('InvalidOperation.DiskResetInProgress', 403);
      if ([...this.snapshots.values()].some((s) => s.diskId === diskId && this.snapshotView(s.snapshotId).status === 'progressing')) {
        throw apiError('IncorrectDiskStatus.HasUnfinishedSnapshot', 403);
      }
      if (this.status() !== 'Stopped') throw apiError('IncorrectInstanceStatus', 403);
      this.content.set(diskId, record.content);
      this.busyUntil.set(diskId, this.clock.now() + RESET_BUSY_MS);
      this.effects.reset++;
    });
  }

  async describeInstanceStatus(_regionId: string, instanceIds: string[]): Promise<InstanceStatus[]> {
    return this.read('DescribeInstanceStatus', () => (instanceIds.includes('i-1') ? [{ instanceId: 'i-1', status: this.status() }] : []));
  }

  async listDisks(query: DiskQuery): Promise<Page<Disk>> {
    return this.read('DescribeDisks', () => ({
      items: DISKS.filter((d) => !query.diskIds || query.diskIds.includes(d.diskId)).map((d) => ({
        diskId: d.diskId,
        diskName: d.diskName,
        description: '',
        sizeGiB: 40,
        category: 'cloud_essd',
        status: 'In_use',
        type: d.diskType,
        instanceId: 'i-1',
        zoneId: 'ap-southeast-1a',
        creationTime: '2026-01-01T00:00:00Z',
        tags: [],
        lockReasons: [],
      })),
    }));
  }

  listRegions(): never {
    throw new Error('not used');
  }
  createSnapshot(): never {
    throw new Error('not used: groups only');
  }
  listSnapshotsOfDisk(): never {
    throw new Error('not used');
  }
  describeInstances(): never {
    throw new Error('not used');
  }
  listLockedInstances(): never {
    throw new Error('not used');
  }
  listInstances(): never {
    throw new Error('not used');
  }
  deleteSnapshot(): never {
    throw new Error('not used');
  }
  async deleteSnapshotGroup(_regionId: string, groupId: string): Promise<never[]> {
    this.groups.delete(groupId);
    return [];
  }
  modifySnapshotGroup(): never {
    throw new Error('not used');
  }

  // ---- Internals ----

  private newGroup(request: CreateSnapshotGroupRequest, instanceId: string): string {
    const groupId = `ssg-${++this.seq}`;
    const now = this.clock.now();
    const diskIds = request.diskIds ?? DISKS.map((d) => d.diskId).filter((id) => !(request.excludeDiskIds ?? []).includes(id));
    const memberIds = diskIds.map((diskId) => {
      const snapshotId = `s-${groupId}-${diskId}`;
      this.snapshots.set(snapshotId, { snapshotId, diskId, content: this.content.get(diskId) ?? '', startedAt: now, groupId });
      return snapshotId;
    });
    this.groups.set(groupId, {
      group: { snapshotGroupId: groupId, name: request.name ?? '', description: request.description ?? '', creationTime: new Date(now).toISOString(), instanceId, tags: request.tags ?? [] },
      memberIds,
      startedAt: now,
      fail: this.failNextGroup,
    });
    this.failNextGroup = false;
    this.effects.group++;
    return groupId;
  }

  snapshotView(id: string): Snapshot {
    const r = this.snapshots.get(id) as SnapshotRecord;
    const elapsed = this.clock.now() - r.startedAt;
    const failed = r.groupId !== undefined && this.groups.get(r.groupId)?.fail === true && elapsed >= this.snapshotMs / 2;
    const done = elapsed >= this.snapshotMs;
    return {
      snapshotId: id,
      snapshotName: id,
      description: '',
      status: failed ? 'failed' : done ? 'accomplished' : 'progressing',
      progress: done ? 100 : Math.max(0, Math.floor((elapsed / this.snapshotMs) * 100)),
      available: !failed && elapsed >= this.availableAfterMs,
      sourceDiskId: r.diskId,
      creationTime: new Date(r.startedAt).toISOString(),
      tags: [{ key: 'acs:ecs:createFrom', value: 'i-1' }],
    };
  }

  view(groupId: string): SnapshotGroup {
    const r = this.groups.get(groupId) as GroupRecord;
    const members = r.memberIds.map((id) => this.snapshotView(id));
    const failed = r.fail === true && this.clock.now() - r.startedAt >= this.snapshotMs / 2;
    const accomplished = members.length > 0 && members.every((m) => m.status === 'accomplished');
    return {
      ...r.group,
      status: failed ? 'failed' : accomplished ? 'accomplished' : 'progressing',
      members: members.map((m) => ({ snapshotId: m.snapshotId, sourceDiskId: m.sourceDiskId, sourceDiskType: 'data', progress: m.progress, available: m.available === true, tags: m.tags })),
    };
  }

  private async read<T>(action: GroupAction, answer: () => T): Promise<T> {
    this.counts[action]++;
    const fault = this.faults.get(action)?.shift();
    if (fault === 'hangAfter' || fault === 'hangBefore') return new Promise<T>(() => undefined);
    if (fault) throw faultError(fault);
    return answer();
  }

  private async write<T>(action: GroupAction, run: () => T): Promise<T> {
    this.counts[action]++;
    const fault = this.faults.get(action)?.shift();
    if (fault === 'hangBefore') return new Promise<T>(() => undefined);
    if (fault === 'hangAfter' || fault === 'lostAfter') {
      // Meant for an attempt that runs: a refusal keeps the fault for the next attempt.
      let result: T;
      try {
        result = run();
      } catch (e) {
        this.faults.set(action, [fault, ...(this.faults.get(action) ?? [])]);
        throw e;
      }
      if (fault === 'lostAfter') throw faultError(fault);
      void result;
      return new Promise<T>(() => undefined);
    }
    if (fault) throw faultError(fault);
    return run();
  }
}

export function apiError(code: string, httpStatus: number): EcsError {
  return new EcsError({ kind: 'api', code, message: code, httpStatus, retryable: false, requestId: `REQ-${code}` });
}

function faultError(fault: Exclude<GroupFault, 'hangAfter' | 'hangBefore'>): EcsError {
  if (fault === 'throttle') return new EcsError({ kind: 'throttling', code: 'Throttling', message: 'throttled', httpStatus: 400, retryable: true });
  if (fault === '5xx') return new EcsError({ kind: 'api', code: 'InternalError', message: 'internal', httpStatus: 500, retryable: true, outcomeUnknown: true });
  if (fault === 'lostAfter') return new EcsError({ kind: 'timeout', code: 'ReadTimeout', message: 'read timeout', retryable: true, outcomeUnknown: true });
  return apiError(fault.code, fault.status ?? 403);
}

let opSeq = 0;

export function backupRequest(overrides: Partial<GroupBackupRequest> = {}, now = Date.UTC(2026, 10, 27, 8, 0, 0)): GroupBackupRequest {
  const n = ++opSeq;
  return {
    operationId: `gb-${n}`,
    regionId: 'ap-southeast-1',
    sourceKey: 'sandbox',
    instanceId: 'i-1',
    instanceName: 'web-01',
    disks: DISKS.map((d) => ({ ...d })),
    allDisks: false,
    name: `before-upgrade-${n}`,
    tags: [],
    clientToken: `group-token-${n}`,
    origin: 'backUpInstance',
    requestedAt: now,
    ...overrides,
  };
}

export function rollbackRequest(target: { groupId: string; members: { diskId: string; snapshotId: string }[] }, overrides: Partial<InstanceRollbackRequest> = {}): InstanceRollbackRequest {
  const n = ++opSeq;
  return {
    operationId: `ir-${n}`,
    regionId: 'ap-southeast-1',
    sourceKey: 'sandbox',
    instanceId: 'i-1',
    instanceName: 'web-01',
    groupId: target.groupId,
    groupName: 'restore-point',
    groupTime: '2026-11-27T07:00:00Z',
    members: target.members.map((m) => ({ ...(DISKS.find((d) => d.diskId === m.diskId) ?? DISKS[0]), snapshotId: m.snapshotId })),
    wasRunning: true,
    startAfter: true,
    safetyGroup: { name: `before-rollback-${n}`, tags: [{ key: 'ecs-snapshots:before-rollback', value: 'true' }], clientToken: `safety-group-${n}` },
    requestedAt: 0,
    ...overrides,
  };
}

/** GroupOperations over a memory store on a fake clock (a "window"); reload() builds the next one. */
export class OpsHarness {
  ops: GroupOperations;
  readonly events: GroupEvent[] = [];

  constructor(
    readonly clock: FakeClock,
    readonly cloud: FakeGroupCloud,
    readonly store = new MemoryStore(),
  ) {
    this.ops = this.build();
  }

  private build(): GroupOperations {
    const ops = new GroupOperations({
      clock: this.clock,
      store: { load: () => this.store.load(), save: (s) => this.store.save(s as never) },
      resolveGateway: async () => this.cloud,
      onEvent: (e) => this.events.push(e),
    });
    ops.resume();
    return ops;
  }

  reload(): GroupOperations {
    this.ops.dispose();
    this.ops = this.build();
    return this.ops;
  }

  async until(ok: () => boolean, maxMs = 20 * 60_000, stepMs = 500): Promise<void> {
    for (let t = 0; t < maxMs && !ok(); t += stepMs) await this.clock.advance(stepMs);
    if (!ok()) throw new Error('condition never met');
  }
}

/** An instance rollback machine whose every save is kept as JSON (what a reload reads). */
export class RollbackHarness {
  saved: unknown;
  readonly phases: InstanceRollbackPhase[] = [];
  machine: InstanceRollbackMachine;
  private done: Promise<void> | undefined;

  constructor(
    readonly clock: FakeClock,
    readonly cloud: FakeGroupCloud,
    request: InstanceRollbackRequest,
  ) {
    const state = newInstanceRollbackState(request, clock.now());
    this.keep(state);
    this.machine = this.build(state);
  }

  private build(state: InstanceRollbackState): InstanceRollbackMachine {
    this.phases.push(state.phase);
    return new InstanceRollbackMachine(state, {
      clock: this.clock,
      resolveGateway: async () => this.cloud,
      save: (s) => this.keep(s),
      onChange: (s, previous) => {
        if (s.phase !== previous) this.phases.push(s.phase);
      },
    });
  }

  private keep(state: InstanceRollbackState): void {
    this.saved = JSON.parse(JSON.stringify(state));
  }

  get state(): InstanceRollbackState {
    return this.machine.state;
  }

  run(): void {
    this.done = this.machine.run();
  }

  async untilFinished(maxMs = 60 * 60_000): Promise<InstanceRollbackState> {
    for (let t = 0; t < maxMs && !this.machine.finished; t += 1_000) await this.clock.advance(1_000);
    await this.done;
    return this.machine.state;
  }

  async until(predicate: (s: InstanceRollbackState) => boolean, maxMs = 10 * 60_000): Promise<void> {
    for (let t = 0; t < maxMs; t += 250) {
      if (predicate(this.machine.state)) return;
      await this.clock.advance(250);
    }
    throw new Error(`never reached the condition; phase ${this.machine.state.phase}`);
  }

  /** The window reloads: the machine is dropped, a new one resumes from what was saved. */
  reload(): InstanceRollbackState {
    this.machine.dispose();
    const state = readInstanceRollback(this.saved);
    if (!state) throw new Error('nothing saved');
    this.machine = this.build(state);
    this.run();
    return state;
  }
}

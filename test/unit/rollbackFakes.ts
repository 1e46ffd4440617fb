// Test doubles for the rollback machine: a tiny cloud (one disk with content, its instance moving
// Running -> Stopping -> Stopped -> Starting -> Running in time, snapshots progressing, a reset
// that keeps the disk busy a while), faults per action, and request counts per action.
import { EcsError } from '../../src/ecs/errors';
import type { CreateSnapshotRequest, Disk, DiskQuery, EcsGateway, InstanceStatus, Page, Snapshot } from '../../src/ecs/gateway';
import type { RollbackRequest } from '../../src/rollback/rollbackApi';
import { BEFORE_ROLLBACK_TAG } from '../../src/rollback/rollbackApi';
import { RollbackMachine } from '../../src/rollback/rollbackMachine';
import { deserializeRollbacks, newRollbackState, serializeRollbacks, type RollbackPhase, type RollbackState } from '../../src/rollback/rollbackState';
import { FakeClock } from './trackerFakes';

export { FakeClock };

export type Action = 'StopInstance' | 'StartInstance' | 'ResetDisk' | 'CreateSnapshot' | 'DescribeInstanceStatus' | 'DescribeSnapshots' | 'DescribeDisks';

/**
 * - throttle: refused before running (Throttling, 4xx).
 * - 5xx: ECS answered 500; it may or may not have run (here: it did not).
 * - lostAfter: it ran, then the answer was lost (read timeout).
 * - hangAfter / hangBefore: no answer ever comes (the window reloads meanwhile); it ran / did not.
 */
export type Fault = 'throttle' | '5xx' | 'lostAfter' | 'hangAfter' | 'hangBefore' | { code: string; status?: number };

const STOPPING_MS = 10_000;
const STARTING_MS = 15_000;
const RESET_BUSY_MS = 6_000;
const SNAPSHOT_MS = 20_000;

interface SnapshotRecord {
  snapshot: Snapshot;
  content: string;
  startedAt: number;
  /** Instant access: usable before accomplished. */
  availableAfterMs?: number;
  fail?: boolean;
}

export class FakeCloud implements EcsGateway {
  readonly counts: Record<Action, number> = {
    StopInstance: 0,
    StartInstance: 0,
    ResetDisk: 0,
    CreateSnapshot: 0,
    DescribeInstanceStatus: 0,
    DescribeSnapshots: 0,
    DescribeDisks: 0,
  };
  /** Writes that took effect on the cloud (a refused one does not count). */
  readonly effects: Record<'stop' | 'start' | 'reset' | 'snapshot', number> = { stop: 0, start: 0, reset: 0, snapshot: 0 };
  readonly faults = new Map<Action, Fault[]>();
  /** Faults drawn at random on every request (the fault runs). */
  randomFaults: { rate: number; next: () => number } | undefined;
  instanceStatus: string;
  private transitionAt: number | undefined;
  diskContent = 'A';
  diskBusyUntil = 0;
  readonly snapshots = new Map<string, SnapshotRecord>();
  private readonly tokens = new Map<string, string>();
  /** The next safety snapshot gets instant access after this many ms (undefined: only when accomplished). */
  instantAccessAfterMs: number | undefined;
  /** The next safety snapshot fails. */
  failNextSnapshot = false;
  attached: boolean;

  constructor(
    private readonly clock: FakeClock,
    options: { instance?: 'Running' | 'Stopped' | 'none' } = {},
  ) {
    const instance = options.instance ?? 'Running';
    this.attached = instance !== 'none';
    this.instanceStatus = instance === 'none' ? 'Stopped' : instance;
    this.snapshots.set('s-target', {
      snapshot: snapshot('s-target', 'accomplished', 100, clock.now() - 3_600_000),
      content: 'TARGET',
      startedAt: clock.now() - 3_600_000,
    });
  }

  /** Something written to the disk (only a running instance, or anyone to an unattached disk). */
  write(content: string): void {
    this.diskContent = content;
  }

  fault(action: Action, ...faults: Fault[]): void {
    this.faults.set(action, [...(this.faults.get(action) ?? []), ...faults]);
  }

  /** The instance's status now (Stopping and Starting end in time). */
  status(): string {
    if (this.transitionAt !== undefined && this.clock.now() >= this.transitionAt) {
      this.instanceStatus = this.instanceStatus === 'Stopping' ? 'Stopped' : this.instanceStatus === 'Starting' ? 'Running' : this.instanceStatus;
      this.transitionAt = undefined;
    }
    return this.instanceStatus;
  }

  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  /** "StopInstance 1, ResetDisk 1, ..." (non-zero only), for the tests' printed counts. */
  summary(): string {
    return Object.entries(this.counts)
      .filter(([, n]) => n > 0)
      .map(([a, n]) => `${a} ${n}`)
      .join(', ');
  }

  // ---- EcsGateway ----

  async stopInstance(_regionId: string, instanceId: string): Promise<void> {
    return this.write_('StopInstance', () => {
      if (instanceId !== 'i-1') throw apiError('InvalidInstanceId.NotFound', 404);
      if (this.status() !== 'Running') throw apiError('IncorrectInstanceStatus', 403);
      this.instanceStatus = 'Stopping';
      this.transitionAt = this.clock.now() + STOPPING_MS;
      this.effects.stop++;
    });
  }

  async startInstance(_regionId: string, instanceId: string): Promise<void> {
    return this.write_('StartInstance', () => {
      if (instanceId !== 'i-1') throw apiError('InvalidInstanceId.NotFound', 404);
      if (this.status() !== 'Stopped') throw apiError('IncorrectInstanceStatus', 403);
      if (this.clock.now() < this.diskBusyUntil) throw apiError('DiskError', 403);
      this.instanceStatus = 'Starting';
      this.transitionAt = this.clock.now() + STARTING_MS;
      this.effects.start++;
    });
  }

  async resetDisk(_regionId: string, diskId: string, snapshotId: string): Promise<void> {
    return this.write_('ResetDisk', () => {
      if (diskId !== 'd-1') throw apiError('InvalidDiskId.NotFound', 404);
      const record = this.snapshots.get(snapshotId);
      if (!record) throw apiError('InvalidSnapshotId.NotFound', 404);
      if (this.clock.now() < this.diskBusyUntil) throw apiError('InvalidOperation.DiskResetInProgress', 403);
      if ([...this.snapshots.values()].some((r) => this.view(r).status === 'progressing')) throw apiError('IncorrectDiskStatus.HasUnfinishedSnapshot', 403);
      if (this.attached && this.status() !== 'Stopped') throw apiError('IncorrectInstanceStatus', 403);
      this.diskContent = record.content;
      this.diskBusyUntil = this.clock.now() + RESET_BUSY_MS;
      this.effects.reset++;
    });
  }

  async createSnapshot(request: CreateSnapshotRequest): Promise<string> {
    return this.write_('CreateSnapshot', () => {
      const known = this.tokens.get(request.clientToken);
      if (known) return known; // idempotent on the ClientToken
      const id = `s-safety${this.tokens.size + 1}`;
      const now = this.clock.now();
      this.snapshots.set(id, {
        snapshot: { ...snapshot(id, 'progressing', 0, now), snapshotName: request.snapshotName ?? '', tags: request.tags ?? [], retentionDays: request.retentionDays },
        content: this.diskContent,
        startedAt: now,
        availableAfterMs: this.instantAccessAfterMs,
        fail: this.failNextSnapshot,
      });
      this.failNextSnapshot = false;
      this.tokens.set(request.clientToken, id);
      this.effects.snapshot++;
      return id;
    });
  }

  async describeInstanceStatus(_regionId: string, instanceIds: string[]): Promise<InstanceStatus[]> {
    return this.read('DescribeInstanceStatus', () => (instanceIds.includes('i-1') && this.attached ? [{ instanceId: 'i-1', status: this.status() }] : []));
  }

  async describeSnapshots(_regionId: string, snapshotIds: string[]): Promise<Snapshot[]> {
    return this.read('DescribeSnapshots', () => snapshotIds.flatMap((id) => (this.snapshots.has(id) ? [this.view(this.snapshots.get(id)!)] : [])));
  }

  async listDisks(query: DiskQuery): Promise<Page<Disk>> {
    return this.read('DescribeDisks', () => {
      const disk: Disk = {
        diskId: 'd-1',
        diskName: 'web-01-data',
        description: '',
        sizeGiB: 40,
        category: 'cloud_essd',
        status: this.attached ? 'In_use' : 'Available',
        type: 'data',
        ...(this.attached ? { instanceId: 'i-1' } : {}),
        zoneId: 'cn-hangzhou-i',
        creationTime: '2026-01-01T00:00:00Z',
        tags: [],
        lockReasons: [],
      };
      return { items: !query.diskIds || query.diskIds.includes('d-1') ? [disk] : [] };
    });
  }

  listRegions(): never {
    throw new Error('not used by the rollback');
  }
  listSnapshotsOfDisk(): never {
    throw new Error('not used by the rollback');
  }
  describeInstances(): never {
    throw new Error('not used by the rollback');
  }
  listLockedInstances(): never {
    throw new Error('not used by the rollback');
  }
  listInstances(): never {
    throw new Error('not used by the rollback');
  }
  deleteSnapshot(): never {
    throw new Error('not used by the rollback');
  }
  createSnapshotGroup(): never {
    throw new Error('not used by the rollback');
  }
  describeSnapshotGroups(): never {
    throw new Error('not used by the rollback');
  }
  deleteSnapshotGroup(): never {
    throw new Error('not used by the rollback');
  }
  modifySnapshotGroup(): never {
    throw new Error('not used by the rollback');
  }

  // ---- Internals ----

  view(record: SnapshotRecord): Snapshot {
    if (record.snapshot.status !== 'progressing') return { ...record.snapshot };
    const elapsed = this.clock.now() - record.startedAt;
    if (record.fail && elapsed >= SNAPSHOT_MS / 2) {
      record.snapshot.status = 'failed';
      return { ...record.snapshot };
    }
    if (elapsed >= SNAPSHOT_MS) {
      record.snapshot = { ...record.snapshot, status: 'accomplished', progress: 100, remainTime: 0, available: true };
      return { ...record.snapshot };
    }
    const available = record.availableAfterMs !== undefined && elapsed >= record.availableAfterMs;
    return { ...record.snapshot, progress: Math.floor((elapsed / SNAPSHOT_MS) * 100), remainTime: Math.ceil((SNAPSHOT_MS - elapsed) / 1000), available };
  }

  private nextFault(action: Action): Fault | undefined {
    const queued = this.faults.get(action)?.shift();
    if (queued) return queued;
    if (this.randomFaults && this.randomFaults.next() < this.randomFaults.rate) {
      const kinds: Fault[] = ['throttle', '5xx', 'lostAfter'];
      return kinds[Math.floor(this.randomFaults.next() * kinds.length)];
    }
    return undefined;
  }

  private async read<T>(action: Action, answer: () => T): Promise<T> {
    this.counts[action]++;
    const fault = this.nextFault(action);
    if (fault === 'hangAfter' || fault === 'hangBefore') return new Promise<T>(() => undefined);
    if (fault) throw faultError(fault);
    return answer();
  }

  private async write_<T>(action: Action, run: () => T): Promise<T> {
    this.counts[action]++;
    const fault = this.nextFault(action);
    if (fault === 'hangBefore') return new Promise<T>(() => undefined);
    if (fault === 'hangAfter') {
      run();
      return new Promise<T>(() => undefined);
    }
    if (fault === 'lostAfter') {
      run();
      throw faultError(fault);
    }
    if (fault) throw faultError(fault);
    return run();
  }
}

function snapshot(id: string, status: string, progress: number, at: number): Snapshot {
  return { snapshotId: id, snapshotName: id, description: '', status, progress, sourceDiskId: 'd-1', creationTime: new Date(at).toISOString(), tags: [] };
}

export function apiError(code: string, httpStatus: number): EcsError {
  return new EcsError({ kind: 'api', code, message: code, httpStatus, retryable: false, requestId: `REQ-${code}` });
}

function faultError(fault: Exclude<Fault, 'hangAfter' | 'hangBefore'>): EcsError {
  if (fault === 'throttle') return new EcsError({ kind: 'throttling', code: 'Throttling', message: 'throttled', httpStatus: 400, retryable: true });
  if (fault === '5xx') return new EcsError({ kind: 'api', code: 'InternalError', message: 'internal', httpStatus: 500, retryable: true, outcomeUnknown: true });
  if (fault === 'lostAfter') return new EcsError({ kind: 'timeout', code: 'ReadTimeout', message: 'read timeout', retryable: true, outcomeUnknown: true });
  return apiError(fault.code, fault.status ?? 403);
}

export function rollbackRequest(instance: RollbackRequest['instance'], safety = true, overrides: Partial<RollbackRequest> = {}): RollbackRequest {
  return {
    operationId: 'op-1',
    regionId: 'cn-hangzhou',
    sourceKey: 'sandbox',
    diskId: 'd-1',
    diskName: 'web-01-data',
    diskType: 'data',
    snapshotId: 's-target',
    snapshotName: 'pre-change-20261127-0800',
    snapshotTime: '2026-11-27T07:00:00Z',
    instance,
    ...(safety
      ? { safetySnapshot: { name: 'before-rollback-20261127-0800', retentionDays: 7, tags: [{ ...BEFORE_ROLLBACK_TAG }], clientToken: 'safety-token-1' } }
      : {}),
    requestedAt: 0,
    ...overrides,
  };
}

export const RUNNING = { kind: 'running', instanceId: 'i-1', instanceName: 'web-01', keepStopped: false } as const;
export const RUNNING_KEEP_STOPPED = { kind: 'running', instanceId: 'i-1', instanceName: 'web-01', keepStopped: true } as const;
export const STOPPED_START = { kind: 'stopped', instanceId: 'i-1', instanceName: 'web-01', start: true } as const;
export const STOPPED_NO_START = { kind: 'stopped', instanceId: 'i-1', instanceName: 'web-01', start: false } as const;
export const UNATTACHED = { kind: 'none' } as const;

/** A machine on a fake clock over a fake cloud, its every save kept as JSON (what a reload reads). */
export class MachineHarness {
  saved: unknown;
  saves = 0;
  readonly phases: RollbackPhase[] = [];
  machine: RollbackMachine;
  private done: Promise<void> | undefined;

  constructor(
    readonly clock: FakeClock,
    readonly cloud: FakeCloud,
    state: RollbackState,
  ) {
    this.machine = this.build(state);
  }

  static start(cloud: FakeCloud, clock: FakeClock, request: RollbackRequest): MachineHarness {
    const h = new MachineHarness(clock, cloud, newRollbackState(request, clock.now()));
    h.saveNow(h.machine.state);
    return h;
  }

  private build(state: RollbackState): RollbackMachine {
    this.phases.push(state.phase);
    return new RollbackMachine(state, {
      clock: this.clock,
      resolveGateway: async () => this.cloud,
      save: (s) => this.saveNow(s),
      onChange: (s, previous) => {
        if (s.phase !== previous) this.phases.push(s.phase);
      },
    });
  }

  private saveNow(state: RollbackState): void {
    this.saves++;
    this.saved = JSON.parse(JSON.stringify(serializeRollbacks([state])));
  }

  get state(): RollbackState {
    return this.machine.state;
  }

  run(): void {
    this.done = this.machine.run();
  }

  /** Advances the clock in steps until the machine finishes (or `maxMs` passes). */
  async untilFinished(maxMs = 60 * 60_000, stepMs = 1_000): Promise<RollbackState> {
    for (let t = 0; t < maxMs && !this.machine.finished; t += stepMs) {
      await this.clock.advance(stepMs);
    }
    await this.done;
    return this.machine.state;
  }

  /** Advances until the machine is in `phase` (its state saved), or throws. */
  async until(predicate: (s: RollbackState) => boolean, maxMs = 10 * 60_000): Promise<void> {
    for (let t = 0; t < maxMs; t += 500) {
      if (predicate(this.machine.state)) return;
      await this.clock.advance(500);
    }
    throw new Error(`never reached the condition; phase ${this.machine.state.phase}`);
  }

  /** The window reloads: the machine is dropped, a new one resumes from what was saved. */
  reload(): RollbackState {
    this.machine.dispose();
    const [state] = deserializeRollbacks(this.saved);
    if (!state) throw new Error('nothing saved');
    this.machine = this.build(state);
    this.run();
    return state;
  }
}

// Test doubles for the tracker core: a clock whose time only moves when told, a gateway that
// answers DescribeSnapshots from a table and records every request (the rollback's calls too, over
// a table of instances and disks), and an in-memory store.
import { EcsError } from '../../src/ecs/errors';
import type { EcsGateway, Instance, InstanceQuery, InstanceStatus, Page, Snapshot, SnapshotsOfDiskQuery } from '../../src/ecs/gateway';
import type { PersistedState } from '../../src/tracker/trackedOperation';
import { TrackerCore, type Clock, type TrackerEvent } from '../../src/tracker/trackerCore';
import type { SnapshotIntent } from '../../src/tracker/trackerApi';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export class FakeClock implements Clock {
  private time = Date.UTC(2026, 10, 27, 8, 0, 0);
  private timers: Timer[] = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimer(callback: () => void, ms: number): number {
    const timer = { id: this.nextId++, at: this.time + ms, callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order and letting their async work settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) {
        break;
      }
      this.timers = this.timers.filter((t) => t !== next);
      this.time = next.at;
      next.callback();
    }
    this.time = end;
    await settle();
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export interface DescribeCall {
  at: number;
  regionId: string;
  ids: string[];
}

export type RestoreAction = 'ResetDisk' | 'StopInstance' | 'StartInstance' | 'DescribeInstanceStatus' | 'DescribeInstances';

export interface RestoreCall {
  at: number;
  action: RestoreAction;
  regionId: string;
  /** DiskId then SnapshotId for ResetDisk; the instance ID(s) otherwise. */
  ids: string[];
}

/**
 * How the next call of an action answers: undefined succeeds; an error is thrown before anything
 * happens (a refusal); `{ afterRunning }` does the work, then throws (a lost answer: give it
 * outcomeUnknown, as the real gateway does).
 */
export type RestoreAnswer = undefined | EcsError | { afterRunning: EcsError };

/** Answers from `snapshots`; unknown ids are absent, as in ECS. `failWith` makes the next calls throw. */
export class FakeGateway implements EcsGateway {
  readonly snapshots = new Map<string, Snapshot>();
  readonly calls: DescribeCall[] = [];
  readonly creates: { clientToken: string; diskId: string }[] = [];
  failWith: (() => EcsError) | undefined;
  /** ListSnapshotsOfDisk requests (the tracker's look for a snapshot that may exist). */
  readonly lists: { at: number; regionId: string; diskId: string; nextToken?: string }[] = [];
  failListWith: (() => EcsError) | undefined;
  createResult: (() => string) | undefined;

  constructor(private readonly clock: FakeClock) {}

  put(snapshotId: string, fields: Partial<Snapshot> = {}): void {
    this.snapshots.set(snapshotId, {
      snapshotId,
      snapshotName: '',
      description: '',
      status: 'progressing',
      progress: 0,
      sourceDiskId: 'd-1',
      creationTime: new Date(this.clock.now()).toISOString(),
      tags: [],
      ...this.snapshots.get(snapshotId),
      ...fields,
    });
  }

  async describeSnapshots(regionId: string, snapshotIds: string[]): Promise<Snapshot[]> {
    if (snapshotIds.length > 100) {
      throw new Error(`DescribeSnapshots takes at most 100 ids, got ${snapshotIds.length}`);
    }
    this.calls.push({ at: this.clock.now(), regionId, ids: [...snapshotIds] });
    if (this.failWith) {
      throw this.failWith();
    }
    return snapshotIds.flatMap((id) => {
      const s = this.snapshots.get(id);
      return s ? [{ ...s }] : [];
    });
  }

  async createSnapshot(request: { clientToken: string; diskId: string }): Promise<string> {
    this.creates.push({ clientToken: request.clientToken, diskId: request.diskId });
    if (this.failWith) {
      throw this.failWith();
    }
    const id = this.createResult ? this.createResult() : `s-retry${this.creates.length}`;
    this.put(id, { sourceDiskId: request.diskId });
    return id;
  }

  listRegions(): never {
    throw new Error('not used by the tracker');
  }
  listDisks(): never {
    throw new Error('not used by the tracker');
  }
  /** The disk's snapshots, newest first, `maxResults` a page (as DescribeSnapshots with DiskId). */
  async listSnapshotsOfDisk(query: SnapshotsOfDiskQuery): Promise<Page<Snapshot>> {
    this.lists.push({ at: this.clock.now(), regionId: query.regionId, diskId: query.diskId, nextToken: query.nextToken });
    if (this.failListWith) {
      throw this.failListWith();
    }
    const all = [...this.snapshots.values()]
      .filter((s) => s.sourceDiskId === query.diskId)
      .sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime));
    const size = query.maxResults ?? 100;
    const from = query.nextToken ? Number(query.nextToken) : 0;
    const items = all.slice(from, from + size).map((s) => ({ ...s }));
    return { items, nextToken: from + size < all.length ? String(from + size) : undefined };
  }
  deleteSnapshot(): never {
    throw new Error('not used by the tracker');
  }
  createSnapshotGroup(): never {
    throw new Error('not used by the tracker');
  }
  describeSnapshotGroups(): never {
    throw new Error('not used by the tracker');
  }
  deleteSnapshotGroup(): never {
    throw new Error('not used by the tracker');
  }
  modifySnapshotGroup(): never {
    throw new Error('not used by the tracker');
  }

  // --- Rollback ----------------------------------------------------------------------------
  /** Instances by id. Stop/Start move them to Stopping/Starting; settleInstances() ends the move. */
  readonly instances = new Map<string, Instance>();
  /** The snapshot each disk was last reset to (the effect of an accepted ResetDisk). */
  readonly resetTo = new Map<string, string>();
  /** Every rollback-related request, in order (refused and failed ones included). */
  readonly restoreCalls: RestoreCall[] = [];
  /** Per action, the answers of its next calls in order; once used up, calls succeed. */
  readonly restoreAnswers: Partial<Record<RestoreAction, RestoreAnswer[]>> = {};

  putInstance(instanceId: string, fields: Partial<Instance> = {}): void {
    this.instances.set(instanceId, {
      instanceId,
      instanceName: instanceId,
      status: 'Running',
      lockReasons: [],
      ...this.instances.get(instanceId),
      ...fields,
    });
  }

  /** Stopping -> Stopped, Starting -> Running, as ECS does after a while. */
  settleInstances(): void {
    for (const i of this.instances.values()) {
      if (i.status === 'Stopping') this.putInstance(i.instanceId, { status: 'Stopped' });
      if (i.status === 'Starting') this.putInstance(i.instanceId, { status: 'Running', stoppedMode: 'Not-applicable' });
    }
  }

  /** How many requests of `action` were made. */
  count(action: RestoreAction): number {
    return this.restoreCalls.filter((c) => c.action === action).length;
  }

  async resetDisk(regionId: string, diskId: string, snapshotId: string): Promise<void> {
    await this.restoreCall('ResetDisk', regionId, [diskId, snapshotId], () => {
      this.resetTo.set(diskId, snapshotId);
    });
  }

  async stopInstance(regionId: string, instanceId: string): Promise<void> {
    await this.restoreCall('StopInstance', regionId, [instanceId], () => {
      this.putInstance(instanceId, { status: 'Stopping', stoppedMode: 'KeepCharging' });
    });
  }

  async startInstance(regionId: string, instanceId: string): Promise<void> {
    await this.restoreCall('StartInstance', regionId, [instanceId], () => {
      this.putInstance(instanceId, { status: 'Starting' });
    });
  }

  async describeInstanceStatus(regionId: string, instanceIds: string[]): Promise<InstanceStatus[]> {
    await this.restoreCall('DescribeInstanceStatus', regionId, instanceIds, () => undefined);
    return this.known(instanceIds).map((i) => ({ instanceId: i.instanceId, status: i.status }));
  }

  async describeInstances(regionId: string, instanceIds: string[]): Promise<Instance[]> {
    await this.restoreCall('DescribeInstances', regionId, instanceIds, () => undefined);
    return this.known(instanceIds).map((i) => ({ ...i, lockReasons: [...i.lockReasons] }));
  }

  async listLockedInstances(_regionId: string, lockReason: string): Promise<Instance[]> {
    return [...this.instances.values()].filter((i) => i.lockReasons.includes(lockReason)).map((i) => ({ ...i, lockReasons: [...i.lockReasons] }));
  }

  async listInstances(query: InstanceQuery): Promise<Page<Instance>> {
    const all = [...this.instances.values()];
    const start = query.nextToken ? Number(query.nextToken) : 0;
    const end = start + (query.maxResults ?? 100);
    return { items: all.slice(start, end).map((i) => ({ ...i, lockReasons: [...i.lockReasons] })), nextToken: end < all.length ? String(end) : undefined };
  }

  private known(instanceIds: string[]): Instance[] {
    return instanceIds.flatMap((id) => {
      const i = this.instances.get(id);
      return i ? [i] : [];
    });
  }

  private async restoreCall(action: RestoreAction, regionId: string, ids: string[], effect: () => void): Promise<void> {
    this.restoreCalls.push({ at: this.clock.now(), action, regionId, ids: [...ids] });
    const answer = this.restoreAnswers[action]?.shift();
    if (answer instanceof EcsError) throw answer;
    effect();
    if (answer) throw answer.afterRunning;
  }
}

export class MemoryStore {
  state: unknown;
  saves = 0;
  load(): unknown {
    return this.state === undefined ? undefined : JSON.parse(JSON.stringify(this.state));
  }
  save(state: PersistedState): void {
    this.saves++;
    this.state = JSON.parse(JSON.stringify(state));
  }
}

export function intent(n: number, overrides: { regionId?: string; sourceKey?: string; diskName?: string } = {}): SnapshotIntent {
  return {
    request: {
      regionId: overrides.regionId ?? 'cn-hangzhou',
      diskId: `d-${n}`,
      clientToken: `token-${n}`,
      snapshotName: `pre-change-${n}`,
      tags: [{ key: 'purpose', value: 'test' }],
    },
    diskName: overrides.diskName ?? `disk-${n}`,
    sourceKey: overrides.sourceKey ?? 'profile:dev',
    origin: 'create',
  };
}

export function throttled(retryAfterSeconds?: number): EcsError {
  return new EcsError({ kind: 'throttling', code: 'Throttling', message: 'Request was denied due to request throttling.', retryable: true, requestId: 'REQ-THROTTLE', retryAfterSeconds });
}

export interface Harness {
  clock: FakeClock;
  gateway: FakeGateway;
  store: MemoryStore;
  core: TrackerCore;
  events: TrackerEvent[];
  resolved: { regionId: string; sourceKey: string }[];
}

export function harness(
  options: { store?: MemoryStore; clock?: FakeClock; gateway?: FakeGateway; noConnection?: boolean; onEvent?: (e: TrackerEvent) => void } = {},
): Harness {
  const clock = options.clock ?? new FakeClock();
  const gateway = options.gateway ?? new FakeGateway(clock);
  const store = options.store ?? new MemoryStore();
  const events: TrackerEvent[] = [];
  const resolved: Harness['resolved'] = [];
  let tokens = 0;
  const core = new TrackerCore({
    clock,
    store,
    resolveGateway: async (regionId, sourceKey) => {
      resolved.push({ regionId, sourceKey });
      return options.noConnection ? undefined : gateway;
    },
    newClientToken: () => `new-token-${++tokens}`,
    onEvent: (e) => {
      events.push(structuredClone(e)); // a copy: ops mutate later
      options.onEvent?.(e);
    },
  });
  return { clock, gateway, store, core, events, resolved };
}

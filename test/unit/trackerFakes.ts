// Test doubles for the tracker core: a clock whose time only moves when told, a gateway that
// answers DescribeSnapshots from a table and records every request, and an in-memory store.
import { EcsError } from '../../src/ecs/errors';
import type { EcsGateway, Page, Snapshot, SnapshotsOfDiskQuery } from '../../src/ecs/gateway';
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
  describeInstances(): never {
    throw new Error('not used by the tracker');
  }
  deleteSnapshot(): never {
    throw new Error('not used by the tracker');
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

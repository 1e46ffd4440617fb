// Tracked operations as a window stores them, for the tracker rows: K snapshots being created,
// one per disk d-bench<n> of one region and credential source, with the name, description and
// tags the create flow sends (about 350 bytes each once saved, as measured in the issue).
import type { EcsGateway, Snapshot } from '../src/ecs/gateway';
import { PERSISTENCE_VERSION, type PersistedOperation, type PersistedState } from '../src/tracker/trackedOperation';
import type { Clock, TrackerStore } from '../src/tracker/trackerCore';

export const REGION = 'cn-hangzhou';
const STARTED = Date.UTC(2026, 10, 27, 8, 0, 0);

export const diskId = (n: number): string => `d-bench${String(n).padStart(8, '0')}`;
export const snapshotId = (n: number): string => `s-bench${String(n).padStart(8, '0')}`;

export function creatingState(k: number): PersistedState {
  const operations: PersistedOperation[] = Array.from({ length: k }, (_, n) => ({
    intent: {
      request: {
        regionId: REGION,
        diskId: diskId(n),
        clientToken: `7f3c2a9e-0b4d-4c1e-9a6f-${String(n).padStart(12, '0')}`,
        snapshotName: `pre-change-disk-${n}-20261127`,
        description: 'Before the schema migration of the orders database',
        tags: [{ key: 'purpose', value: 'pre-change' }, { key: 'team', value: 'platform' }],
      },
      diskName: `disk-${n}`,
      sourceKey: 'profile:default',
      origin: 'create',
    },
    snapshotId: snapshotId(n),
    state: 'creating',
    progress: 90,
    remainTime: 30,
    sourceDiskSizeGiB: 40,
    startedAt: STARTED,
    updatedAt: STARTED + 60_000,
    acknowledged: false,
  }));
  return { version: PERSISTENCE_VERSION, operations };
}

/** What DescribeSnapshots answers when all K are accomplished. */
export function accomplished(k: number): Map<string, Snapshot> {
  return new Map(
    Array.from({ length: k }, (_, n) => [
      snapshotId(n),
      { snapshotId: snapshotId(n), snapshotName: `pre-change-disk-${n}-20261127`, description: '', status: 'accomplished', progress: 100, remainTime: 0, sourceDiskId: diskId(n), sourceDiskSizeGiB: 40, creationTime: new Date(STARTED).toISOString(), tags: [] },
    ]),
  );
}

/** A gateway that answers DescribeSnapshots from `snapshots` at once (only the work of the tracker is timed). */
export function answeringGateway(snapshots: Map<string, Snapshot>): EcsGateway {
  const describeSnapshots = async (_regionId: string, ids: string[]): Promise<Snapshot[]> =>
    ids.flatMap((id) => {
      const s = snapshots.get(id);
      return s ? [{ ...s }] : [];
    });
  return { describeSnapshots } as unknown as EcsGateway;
}

/** A clock whose one armed timer the bench fires itself. */
export class ManualClock implements Clock {
  time = STARTED + 120_000;
  armed: (() => void) | undefined;
  armedFor = 0;
  now(): number {
    return this.time;
  }
  setTimer(callback: () => void, ms: number): unknown {
    this.armed = callback;
    this.armedFor = ms;
    return callback;
  }
  /** Moves time to the armed timer and fires it. */
  fire(): void {
    const callback = this.armed;
    if (!callback) throw new Error('no timer armed');
    this.armed = undefined;
    this.time += this.armedFor;
    callback();
  }
  clearTimer(handle: unknown): void {
    if (this.armed === handle) this.armed = undefined;
  }
}

/** Stores as the Memento does: the state serialised to JSON on every save. */
export class JsonStore implements TrackerStore {
  saves = 0;
  bytes = 0;
  constructor(private readonly stored: unknown) {}
  load(): unknown {
    return this.stored;
  }
  save(state: PersistedState): void {
    this.saves++;
    this.bytes = JSON.stringify(state).length;
  }
}

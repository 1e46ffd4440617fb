// Shared by the tracker suites: a sandbox-backed Connections, an in-memory Memento, a clock that
// runs as fast as the sandbox's simulated time, and a wait helper.
import type * as vscode from 'vscode';
import type { Connection, Connections } from '../../src/connection/connection';
import type { EcsGateway } from '../../src/ecs/gateway';
import type { DiskRecord, Sandbox } from '../../src/sandbox';
import type { SnapshotIntent } from '../../src/tracker/trackerApi';
import type { Clock } from '../../src/tracker/trackerCore';

export const SOURCE_KEY = 'sandbox:tracker-suite';

export { sandboxGateway } from './sandboxGateway';

/** What the lead's Connections gives the tracker: a gateway for (region, source), when usable. */
export function sandboxConnections(gateway: EcsGateway): Pick<Connections, 'forRegion'> {
  return {
    forRegion: async (regionId: string, sourceKey?: string): Promise<Connection | undefined> =>
      sourceKey === undefined || sourceKey === SOURCE_KEY ? { gateway, regionId, sourceKey: SOURCE_KEY, label: `${regionId} · sandbox` } : undefined,
  };
}

export class MemoryMemento implements vscode.Memento {
  private readonly data = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, defaultValue?: T): T {
    return (this.data.has(key) ? structuredClone(this.data.get(key)) : defaultValue) as T;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

/**
 * Time as the sandbox simulates it (`scale` simulated seconds per real second): the tracker's
 * 2 s / RemainTime-based pauses then match the snapshots' simulated progress. Counts timer firings
 * (one per tick: the tracker has a single timer) and calls `onFire` before each.
 */
export class ScaledClock implements Clock {
  private readonly origin = Date.now();
  firings = 0;
  onFire: () => void = () => undefined;

  constructor(private readonly scale: number) {}

  now(): number {
    return this.origin + (Date.now() - this.origin) * this.scale;
  }
  setTimer(callback: () => void, ms: number): unknown {
    return setTimeout(() => {
      this.firings++;
      this.onFire();
      callback();
    }, Math.ceil(ms / this.scale) + 1); // never early by the coarse Date.now() of scaled time
  }
  clearTimer(handle: unknown): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  }
}

let diskCounter = 0;

/** Adds a plain, Available data disk of `sizeGiB` to the sandbox's home region. */
export function addDisk(sandbox: Sandbox, name: string, sizeGiB: number): DiskRecord {
  const now = Date.now();
  return sandbox.world.addDisk({
    diskId: `d-bp1trk${String(++diskCounter).padStart(6, '0')}`,
    diskName: name,
    description: '',
    regionId: sandbox.regionId,
    zoneId: 'cn-hangzhou-h',
    sizeGiB,
    category: 'cloud_essd',
    performanceLevel: 'PL0',
    status: 'Available',
    type: 'data',
    portable: true,
    encrypted: false,
    chargeType: 'PostPaid',
    creationTime: now - 2 * 86_400_000,
    // Detached after use: ECS refuses snapshots of a disk that was never attached.
    attachedTime: now - 86_400_000,
    detachedTime: now - 3_600_000,
    locks: [],
    neverUsed: false,
    tags: [],
  });
}

let tokenCounter = 0;

export function intentFor(sandbox: Sandbox, disk: DiskRecord, token = `suite-${Date.now()}-${++tokenCounter}`): SnapshotIntent {
  return {
    request: { regionId: sandbox.regionId, diskId: disk.diskId, clientToken: token, snapshotName: `tracker-${tokenCounter}` },
    diskName: disk.diskName,
    sourceKey: SOURCE_KEY,
    origin: 'create',
  };
}

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The sandbox: a loopback ECS (API 2014-05-26) that the real SDK talks to. Tests use it as their
// backend; new users explore it from the extension ("Try the sandbox") or `npm run sandbox`.

import type { AddressInfo } from 'node:net';
import { buildWorld, HOME_REGION } from './defaultWorld';
import { DEFAULT_MAX_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT_MS } from './connections';
import { generateDisks, generateInstances } from './generate';
import { FaultInjector, type Faults } from './faults';
import { createSandboxServer, type Stats } from './server';
import { SignatureVerifier, type Credential } from './signature';
import { World } from './world';
import { loadWorld, saveWorld, type WorldOrigin } from './worldFile';
import { readDisk, snapshotContent, writeDisk, type DiskContent } from './diskContent';

export type { Faults } from './faults';
export type { Credential } from './signature';
export type { DiskContent } from './diskContent';
export type { StoppedMode } from './instanceClock';
export type { World, DiskRecord, SnapshotRecord, SnapshotView, InstanceRecord, SnapshotGroupRecord, GroupLimits } from './world';
import type { DiskRecord, InstanceRecord } from './world';
export { API_VERSION } from './server';

/** Fixed so a newcomer can paste them anywhere; they open nothing but this loopback sandbox. */
export const SANDBOX_ACCESS_KEY_ID = 'LTAI5tSandboxKey000001';
export const SANDBOX_ACCESS_KEY_SECRET = 'SandboxSecret0000000000000000001';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: '127.0.0.1';
  /** Disks in the home region (cn-hangzhou): the curated ones first, then generated ones. */
  disks?: number;
  /**
   * Instances in the home region: the curated ones, then generated ones (each with an ESSD system
   * disk and up to two data disks, on top of `disks`), up to 100,000.
   */
  instances?: number;
  /** Seeds IDs, generated disks, snapshot failures and faults. Default 1. */
  seed?: number;
  /** Shorthand for faults.latencyMs. */
  latencyMs?: number;
  /** Simulated seconds per real second for snapshot progress. Default 1. */
  timeScale?: number;
  /** Share (0..1) of new snapshots that fail midway. Default 0. */
  failRate?: number;
  faults?: Faults;
  /** The world's clock (snapshot progress), ms. Signature dates are checked against real time. */
  clock?: () => number;
  /** Extra key pairs (and STS tokens) accepted besides the sandbox's own. */
  credentials?: Credential[];
  /** Human log lines (never secrets). Silent by default. */
  log?: (line: string) => void;
  /**
   * Keeps the world across restarts: restored from this JSON file when it holds a world saved with
   * the same seed and disks (otherwise the default world is built), saved after each change.
   */
  stateFile?: string;
  /**
   * Connections held at once (default 256): beyond it the oldest idle or stalled one is closed, so
   * clients that connect and stall cannot exhaust the process's file descriptors.
   */
  maxConnections?: number;
  /** A request's headers and body must arrive within this (default 60,000 ms); else 408 and closed. */
  requestTimeoutMs?: number;
}

export interface Sandbox {
  /** "127.0.0.1:PORT", for Config.endpoint with protocol 'http'. */
  endpoint: string;
  port: number;
  regionId: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** The simulated account, for tests: inspect or change disks, snapshots and account flags. */
  world: World;
  /** Adds `count` plain, healthy disks (default: to the home region). */
  addDisks(count: number, regionId?: string): DiskRecord[];
  /** Adds `count` running instances, each with an ESSD system disk and 0-2 data disks (default: home region). */
  addInstances(count: number, regionId?: string): InstanceRecord[];
  /**
   * Writes to a disk as its OS would: the content version goes up by one and `marker` is stored.
   * Only this API (never an ECS answer) shows content; a snapshot captures it when created and
   * ResetDisk restores exactly that. Saved to the state file. Throws for an unknown disk.
   */
  writeDisk(diskId: string, marker: string): DiskContent;
  /** What the disk holds now ({ version: 0, marker: '' } if never written). Throws for an unknown disk. */
  readDisk(diskId: string): DiskContent;
  /** What the snapshot captured. Throws for an unknown snapshot. */
  snapshotContent(snapshotId: string): DiskContent;
  stats: Stats & { reset(): void };
  setFaults(changes: Faults): void;
  clearFaults(): void;
  /** Connections the server holds right now (for tests of its connection limits). */
  openConnections(): Promise<number>;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1;
  if (options.timeScale !== undefined && !(options.timeScale > 0)) throw new RangeError('timeScale must be greater than 0.');
  if (options.failRate !== undefined && !(options.failRate >= 0 && options.failRate <= 1)) {
    throw new RangeError('failRate must be from 0 to 1.');
  }
  if (options.disks !== undefined && !(Number.isInteger(options.disks) && options.disks >= 0 && options.disks <= 100_000)) {
    throw new RangeError('disks must be an integer from 0 to 100000.');
  }
  if (options.instances !== undefined && !(Number.isInteger(options.instances) && options.instances >= 0 && options.instances <= 100_000)) {
    throw new RangeError('instances must be an integer from 0 to 100000.');
  }
  const limits = {
    maxConnections: options.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
  if (!(Number.isInteger(limits.maxConnections) && limits.maxConnections >= 1)) {
    throw new RangeError('maxConnections must be a positive integer.');
  }
  if (!(Number.isInteger(limits.requestTimeoutMs) && limits.requestTimeoutMs >= 1)) {
    throw new RangeError('requestTimeoutMs must be a positive integer.');
  }
  const log = options.log ?? (() => undefined);
  const worldOptions = { seed, clock: options.clock ?? Date.now, timeScale: options.timeScale ?? 1, failRate: options.failRate ?? 0 };
  const origin: WorldOrigin = { seed, diskCount: options.disks ?? null, instanceCount: options.instances ?? null };
  const { stateFile } = options;
  const saved = stateFile === undefined ? undefined : loadWorld(stateFile, origin, worldOptions);
  if (typeof saved === 'string') log(`starting with the default world: ${saved}`);
  else if (saved) log('restored the saved world');
  const world = saved instanceof World ? saved : buildWorld(new World(worldOptions), options.disks, options.instances);
  // A failed save costs only persistence: the request was answered and the world in memory is right.
  const changed =
    stateFile === undefined
      ? undefined
      : () => {
          try {
            saveWorld(world, origin, stateFile);
          } catch (err) {
            log(`could not save the world: ${err instanceof Error ? err.message : String(err)}`);
          }
        };
  const credentials = new Map<string, Credential>();
  credentials.set(SANDBOX_ACCESS_KEY_ID, { accessKeyId: SANDBOX_ACCESS_KEY_ID, accessKeySecret: SANDBOX_ACCESS_KEY_SECRET });
  for (const c of options.credentials ?? []) credentials.set(c.accessKeyId, c);
  const faults = new FaultInjector({ latencyMs: options.latencyMs, ...options.faults }, seed);
  const stats: Sandbox['stats'] = {
    byAction: {},
    total: 0,
    reset: () => {
      stats.byAction = {};
      stats.total = 0;
    },
  };
  let endpoint = '';
  const server = createSandboxServer({
    world,
    verifier: new SignatureVerifier(credentials),
    faults,
    stats,
    log,
    endpoint: () => endpoint,
    changed,
    limits,
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  endpoint = `${host}:${port}`;
  return {
    endpoint,
    port,
    regionId: HOME_REGION,
    accessKeyId: SANDBOX_ACCESS_KEY_ID,
    accessKeySecret: SANDBOX_ACCESS_KEY_SECRET,
    world,
    addDisks: (count, regionId = HOME_REGION) => generateDisks(world, regionId, count, world.now()),
    addInstances: (count, regionId = HOME_REGION) => generateInstances(world, regionId, count, world.now()),
    writeDisk: (diskId, marker) => {
      const content = writeDisk(world, diskId, marker);
      changed?.();
      return content;
    },
    readDisk: (diskId) => readDisk(world, diskId),
    snapshotContent: (snapshotId) => snapshotContent(world, snapshotId),
    stats,
    setFaults: (changes) => faults.set(changes),
    clearFaults: () => faults.clear(),
    openConnections: () =>
      new Promise<number>((resolve, reject) => server.getConnections((err, n) => (err ? reject(err) : resolve(n)))),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

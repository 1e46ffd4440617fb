// Keeps a world across restarts (the extension's sandbox survives a window reload): the whole
// account as one JSON file, written atomically after each change. Timestamps are real-clock ms, so
// a snapshot that was copying when saved continues from where real time says it is now.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { World, type Account, type DiskRecord, type InstanceRecord, type RegionRecord, type SnapshotGroupRecord, type SnapshotRecord, type WorldOptions } from './world';

const FORMAT = 'ecs-snapshots-sandbox-world';
/** Raise when the shape below changes: an older file is then ignored and the default world built. */
export const WORLD_FILE_VERSION = 1;

/** What decided the default world: a file saved under other settings describes another world. */
export interface WorldOrigin {
  seed: number;
  /** The `disks` option, or null for the curated set. */
  diskCount: number | null;
  /** The `instances` option, or null (absent in files saved before it existed). */
  instanceCount?: number | null;
}

interface WorldFile extends WorldOrigin {
  format: typeof FORMAT;
  version: number;
  /** The ID generator's position, so new IDs never repeat one already handed out (even a deleted one). */
  random: number;
  regions: RegionRecord[];
  instances: InstanceRecord[];
  disks: DiskRecord[];
  /** In creation order (ties in start time keep it). */
  snapshots: SnapshotRecord[];
  account: Account;
  clientTokens: Array<[string, { fingerprint: string; snapshotId: string }]>;
  /** Added later, optional (like the records' content, transition and reset fields): older files load. */
  noStockZones?: string[];
  snapshotGroups?: SnapshotGroupRecord[];
}

export function saveWorld(world: World, origin: WorldOrigin, file: string): void {
  const data: WorldFile = {
    format: FORMAT,
    version: WORLD_FILE_VERSION,
    ...origin,
    random: world.random.state(),
    regions: world.regions,
    instances: [...world.instances.values()],
    disks: [...world.disks.values()],
    snapshots: [...world.snapshots.values()],
    account: world.account,
    clientTokens: [...world.clientTokens],
    noStockZones: [...world.noStockZones],
    snapshotGroups: [...world.snapshotGroups.values()],
  };
  // Temp file + rename: a reader (or a crash mid-write) never sees half a world.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(data));
  renameSync(temp, file);
}

/** The saved world, or why it cannot be used (missing, unreadable, another version or origin). */
export function loadWorld(file: string, origin: WorldOrigin, options: WorldOptions): World | string {
  let data: Partial<WorldFile>;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Partial<WorldFile>;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no saved world yet' : 'the saved world is unreadable';
  }
  if (typeof data !== 'object' || data === null || data.format !== FORMAT) return 'the file is not a saved sandbox world';
  if (data.version !== WORLD_FILE_VERSION) return `the saved world has format version ${String(data.version)}, not ${WORLD_FILE_VERSION}`;
  if (data.seed !== origin.seed || data.diskCount !== origin.diskCount || (data.instanceCount ?? null) !== (origin.instanceCount ?? null)) {
    return 'the saved world was made with another seed, disk or instance count';
  }
  if (
    typeof data.random !== 'number' ||
    ![data.regions, data.instances, data.disks, data.snapshots, data.clientTokens].every(Array.isArray) ||
    typeof data.account !== 'object' ||
    data.account === null
  ) {
    return 'the saved world is incomplete';
  }
  // A generator's seed is its state: seeding with the saved position resumes the sequence.
  const world = new World({ ...options, seed: data.random });
  world.regions.push(...(data.regions ?? []));
  for (const i of data.instances ?? []) world.addInstance(i);
  for (const d of data.disks ?? []) world.addDisk(d);
  for (const s of data.snapshots ?? []) world.addSnapshot(s);
  Object.assign(world.account, data.account);
  for (const [token, answer] of data.clientTokens ?? []) world.clientTokens.set(token, answer);
  for (const zone of Array.isArray(data.noStockZones) ? data.noStockZones : []) world.noStockZones.add(zone);
  for (const g of Array.isArray(data.snapshotGroups) ? data.snapshotGroups : []) world.snapshotGroups.set(g.snapshotGroupId, g);
  return world;
}

// What a disk holds, so tests can prove that a rollback brought the right data back: a version
// bumped by each write and a small marker. Only the sandbox's own API writes or reads it; no ECS
// answer ever shows it. A snapshot captures it when created; ResetDisk puts it back.

import type { DiskRecord, World } from './world';

export interface DiskContent {
  /** 0 for a disk never written through the sandbox; +1 per write. */
  version: number;
  marker: string;
}

export interface DiskReset {
  snapshotId: string;
  /** Real-clock start, ms. */
  startedAt: number;
  /** Simulated seconds the disk stays busy. */
  seconds: number;
}

const EMPTY: DiskContent = { version: 0, marker: '' };

/** A reset takes a floor plus a little per GiB (the API documents no duration). */
export function resetSeconds(sizeGiB: number): number {
  return 5 + Math.ceil(sizeGiB / 100);
}

export function contentOf(item: { content?: DiskContent }): DiskContent {
  return { ...(item.content ?? EMPTY) };
}

function diskOrThrow(world: World, diskId: string): DiskRecord {
  const disk = world.disks.get(diskId);
  if (!disk) throw new Error(`The sandbox has no disk ${diskId}.`);
  return disk;
}

export function writeDisk(world: World, diskId: string, marker: string): DiskContent {
  const disk = diskOrThrow(world, diskId);
  disk.content = { version: contentOf(disk).version + 1, marker };
  disk.neverUsed = false;
  return contentOf(disk);
}

export function readDisk(world: World, diskId: string): DiskContent {
  return contentOf(diskOrThrow(world, diskId));
}

export function snapshotContent(world: World, snapshotId: string): DiskContent {
  const snapshot = world.snapshots.get(snapshotId);
  if (!snapshot) throw new Error(`The sandbox has no snapshot ${snapshotId}.`);
  return contentOf(snapshot);
}

/** Whether a ResetDisk is still running on the disk now; a finished one is forgotten. */
export function resetting(world: World, disk: DiskRecord): boolean {
  const r = disk.reset;
  if (!r) return false;
  if (((world.now() - r.startedAt) / 1000) * world.timeScale < r.seconds) return true;
  delete disk.reset;
  return false;
}

/** The content comes back at once; the disk stays busy for resetSeconds. */
export function beginReset(world: World, disk: DiskRecord, snapshot: { snapshotId: string; content?: DiskContent }): void {
  disk.content = contentOf(snapshot);
  disk.reset = { snapshotId: snapshot.snapshotId, startedAt: world.now(), seconds: resetSeconds(disk.sizeGiB) };
}

// What a snapshot command was invoked on: a disk node of the tree (anything with a `disk`), a
// bare Disk, an argument object (keybinding `args`, executeCommand from a script or another
// extension), or nothing (palette). Duck-typed so the tree can evolve independently.
import type { Disk } from '../ecs/gateway';

export interface GivenDisk {
  disk: Disk;
  /** The region the node belongs to, when the node tells. */
  regionId?: string;
  /** LockReason values of the disk's instance, as the tree loaded them. */
  instanceLocks: readonly string[];
  /** The tree has seen a snapshot of this disk still being created. */
  seenCreating: boolean;
}

interface RegionLike {
  regionId?: unknown;
  locksOfInstance?: unknown;
  hasProgressingSnapshot?: unknown;
}

export function diskFromArgument(arg: unknown): GivenDisk | undefined {
  if (isDisk(arg)) return { disk: arg, instanceLocks: [], seenCreating: false };
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as { disk?: unknown; region?: RegionLike };
  if (!isDisk(node.disk)) return undefined;
  const disk = node.disk;
  const region = node.region;
  const locks = typeof region?.locksOfInstance === 'function' ? (region.locksOfInstance(disk.instanceId) as unknown) : [];
  const seen = typeof region?.hasProgressingSnapshot === 'function' ? region.hasProgressingSnapshot(disk.diskId) === true : false;
  return {
    disk,
    regionId: typeof region?.regionId === 'string' ? region.regionId : undefined,
    instanceLocks: Array.isArray(locks) ? locks.filter((l): l is string => typeof l === 'string') : [],
    seenCreating: seen,
  };
}

function isDisk(value: unknown): value is Disk {
  if (!value || typeof value !== 'object') return false;
  const d = value as Partial<Disk>;
  return typeof d.diskId === 'string' && typeof d.status === 'string' && Array.isArray(d.lockReasons);
}

/**
 * The argument object of a command called with arguments ({ "disk": "web-data", ... }): a plain
 * object (JSON or a literal), never a tree node (class instances) nor a node-like `{ disk: Disk }`.
 */
export function argumentObjectOf(arg: unknown): Record<string, unknown> | undefined {
  if (!arg || typeof arg !== 'object' || Array.isArray(arg)) return undefined;
  const prototype = Object.getPrototypeOf(arg) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  return diskFromArgument(arg) ? undefined : (arg as Record<string, unknown>);
}

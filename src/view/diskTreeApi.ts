// What other parts need from the disk tree.
import type { Disk } from '../ecs/gateway';

export interface DiskTreeApi {
  /** Reloads one disk's node (its snapshots), not the whole tree. */
  refreshDisk(regionId: string, diskId: string): void;
  /** Reads an instance's snapshot groups again (tree by instance). */
  refreshInstance?(regionId: string, instanceId: string): void;
  /** Reloads everything (e.g. after a region switch). */
  refreshAll(): void;
  /** Reveals (and selects) a disk in the view, loading pages if needed. */
  revealDisk(regionId: string, diskId: string): Promise<void>;
  /** Disks loaded so far in the current region (for pickers that want no extra request). */
  loadedDisks(): readonly Disk[];
}

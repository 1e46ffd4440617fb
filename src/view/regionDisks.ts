// What the tree knows about one region: its disks page by page, the security locks of their
// instances, and each expanded disk's snapshots. Pure (no `vscode`): the provider renders it.
import type { Disk, EcsGateway, Snapshot } from '../ecs/gateway';
import { PagedList } from './pagedList';

/** The largest pages the APIs allow: fewest requests for big regions. */
export const DISK_PAGE_SIZE = 500;
export const SNAPSHOT_PAGE_SIZE = 100;

/** The slice of a LogOutputChannel the tree uses (never give it secrets). */
export interface TreeLog {
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string | Error, ...args: unknown[]): void;
}

export class RegionDisks {
  readonly disks: PagedList<Disk>;
  private readonly instanceLocks = new Map<string, string[]>();
  private readonly snapshots = new Map<string, PagedList<Snapshot>>();

  constructor(
    readonly gateway: EcsGateway,
    readonly regionId: string,
    private readonly log: TreeLog,
  ) {
    this.disks = new PagedList(async (nextToken) => {
      const page = await gateway.listDisks({ regionId, nextToken, maxResults: DISK_PAGE_SIZE });
      log.info(`Loaded ${page.items.length} disks of ${regionId}${page.nextToken ? ' (more follow)' : ''}.`);
      await this.loadInstanceLocks(page.items);
      return page;
    }, (disk) => disk.diskId);
  }

  /** LockReason values of the instance a disk is attached to (empty when detached or unknown). */
  locksOfInstance(instanceId: string | undefined): readonly string[] {
    return (instanceId && this.instanceLocks.get(instanceId)) || [];
  }

  findDisk(diskId: string): Disk | undefined {
    return this.disks.find(diskId);
  }

  /** The disk's snapshot list (created on first use; loads nothing by itself). */
  snapshotsOf(diskId: string): PagedList<Snapshot> {
    let list = this.snapshots.get(diskId);
    if (!list) {
      list = new PagedList((nextToken) =>
        this.gateway.listSnapshotsOfDisk({ regionId: this.regionId, diskId, nextToken, maxResults: SNAPSHOT_PAGE_SIZE }),
        (snapshot) => snapshot.snapshotId,
      );
      this.snapshots.set(diskId, list);
    }
    return list;
  }

  /** True when the disk's loaded snapshots include one still being created. */
  hasProgressingSnapshot(diskId: string): boolean {
    return this.snapshots.get(diskId)?.items.some((s) => s.status === 'progressing') ?? false;
  }

  /**
   * One DescribeInstances call per page of disks (the gateway batches the ids by 100): a disk of
   * a security-locked instance cannot be snapshotted. A failure here only costs the hint.
   */
  private async loadInstanceLocks(disks: readonly Disk[]): Promise<void> {
    const ids = [...new Set(disks.map((d) => d.instanceId).filter((id): id is string => !!id && !this.instanceLocks.has(id)))];
    if (ids.length === 0) return;
    try {
      const instances = await this.gateway.describeInstances(this.regionId, ids);
      for (const id of ids) this.instanceLocks.set(id, []);
      for (const instance of instances) this.instanceLocks.set(instance.instanceId, instance.lockReasons);
    } catch (error) {
      this.log.warn(`Could not read the locks of ${ids.length} instances in ${this.regionId}: ${describeError(error)}`);
    }
  }
}

/** Code and message of an error, for the log (EcsError messages carry no secrets). */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; requestId?: unknown };
    return `${String(e.code)}: ${String(e.message)}${e.requestId ? ` (RequestId ${String(e.requestId)})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

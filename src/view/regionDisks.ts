// What the tree knows about one region: its disks page by page, which instances are locked for
// security, and each expanded disk's snapshots. Pure (no `vscode`): the provider renders it.
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
  private securityLocks: Promise<void> | undefined;
  private readonly snapshots = new Map<string, PagedList<Snapshot>>();

  constructor(
    readonly gateway: EcsGateway,
    readonly regionId: string,
    private readonly log: TreeLog,
  ) {
    this.disks = new PagedList(async (nextToken) => {
      const [page] = await Promise.all([gateway.listDisks({ regionId, nextToken, maxResults: DISK_PAGE_SIZE }), this.loadSecurityLocks()]);
      log.info(`Loaded ${page.items.length} disks of ${regionId}${page.nextToken ? ' (more follow)' : ''}.`);
      return page;
    }, (disk) => disk.diskId);
  }

  /** LockReason values of the instance a disk is attached to (empty when detached or unknown). */
  locksOfInstance(instanceId: string | undefined): readonly string[] {
    return (instanceId && this.instanceLocks.get(instanceId)) || NO_LOCKS;
  }

  /** Locks learnt from a listing of the instances themselves (the tree by instance sends no lock lookup). */
  noteInstanceLocks(instanceId: string, lockReasons: readonly string[]): void {
    this.instanceLocks.set(instanceId, [...lockReasons]);
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
   * The one instance fact the tree shows: a security-locked instance blocks every operation on its
   * disks. One DescribeInstances filtered by LockReason answers it for the whole region (instead of
   * looking up every attached disk's instance, page after page), alongside the first page so no
   * disk of a locked instance is ever shown as ready. A failure costs only the hint until the next
   * page tries again (ECS still refuses the snapshot).
   */
  private loadSecurityLocks(): Promise<void> {
    this.securityLocks ??= this.gateway.listLockedInstances(this.regionId, SECURITY).then(
      (instances) => {
        for (const instance of instances) this.instanceLocks.set(instance.instanceId, instance.lockReasons);
      },
      (error: unknown) => {
        this.securityLocks = undefined;
        this.log.warn(`Could not read which instances of ${this.regionId} are locked: ${describeError(error)}`);
      },
    );
    return this.securityLocks;
  }
}

const SECURITY = 'security';
/** Asked for every row of every refresh (100,000 disks): one empty list, not one per call. */
const NO_LOCKS: readonly string[] = Object.freeze([]);

/** Code and message of an error, for the log (EcsError messages carry no secrets). */
export function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; requestId?: unknown };
    return `${String(e.code)}: ${String(e.message)}${e.requestId ? ` (RequestId ${String(e.requestId)})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}

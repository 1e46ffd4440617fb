// What the tree by instance knows about one region: its instances and its disks, each a page at a
// time, grouped here. Pure (no `vscode`). Cost: a full listing is ceil(N/100) DescribeInstances
// plus the disk pages (500 each); an instance's disks come from those pages once they are all in,
// else from one DescribeDisks filtered by that instance.
import type { Disk, EcsGateway, Instance } from '../ecs/gateway';
import { compareInstanceDisks, disksByInstance } from './instanceGrouping';
import { PagedList } from './pagedList';
import { DISK_PAGE_SIZE, type TreeLog } from './regionDisks';

/** DescribeInstances' largest page. */
export const INSTANCE_PAGE_SIZE = 100;

export class RegionInstances {
  readonly instances: PagedList<Instance>;
  /** The region's disks, for grouping (no lock lookup: the instances carry their own locks). */
  readonly disks: PagedList<Disk>;
  private readonly ownDisks = new Map<string, PagedList<Disk>>();
  private grouped: { count: number; groups: Map<string, Disk[]> } | undefined;

  constructor(
    private readonly gateway: EcsGateway,
    readonly regionId: string,
    log: TreeLog,
  ) {
    this.instances = new PagedList(async (nextToken) => {
      const page = await gateway.listInstances({ regionId, nextToken, maxResults: INSTANCE_PAGE_SIZE });
      log.info(`Loaded ${page.items.length} instances of ${regionId}${page.nextToken ? ' (more follow)' : ''}.`);
      return page;
    }, (instance) => instance.instanceId);
    this.disks = new PagedList(async (nextToken) => {
      const page = await gateway.listDisks({ regionId, nextToken, maxResults: DISK_PAGE_SIZE });
      log.info(`Loaded ${page.items.length} disks of ${regionId} for the tree by instance${page.nextToken ? ' (more follow)' : ''}.`);
      return page;
    }, (disk) => disk.diskId);
  }

  /**
   * The next page of instances and, while some disks are not loaded, the next page of disks, side
   * by side. Rejects with the first failure; the other list keeps what it got.
   */
  async loadNext(): Promise<void> {
    const loads: Promise<unknown>[] = [];
    if (this.instances.hasMore) loads.push(this.instances.loadNext());
    if (this.disks.hasMore) loads.push(this.disks.loadNext());
    const results = await Promise.allSettled(loads);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  get loading(): boolean {
    return this.instances.loading || this.disks.loading;
  }

  get hasMore(): boolean {
    return this.instances.hasMore || this.disks.hasMore;
  }

  /** The failure that leaves the view without anything to show, if any. */
  get firstPageError(): unknown {
    return this.instances.loadedOnce ? undefined : this.instances.error;
  }

  /**
   * The instance's disks in display order when known without a request: from its own lookup, or
   * from the region's disk pages once they are all in. Undefined: one request is needed.
   */
  knownDisksOf(instanceId: string): Disk[] | undefined {
    const own = this.ownDisks.get(instanceId);
    if (own?.loadedOnce) return [...own.items].sort(compareInstanceDisks);
    if (this.disks.complete) return this.groups().get(instanceId) ?? [];
    return undefined;
  }

  /** The instance's own DescribeDisks (InstanceId filter): one request covers its disks. */
  ownDisksOf(instanceId: string): PagedList<Disk> {
    let list = this.ownDisks.get(instanceId);
    if (!list) {
      list = new PagedList(
        (nextToken) => this.gateway.listDisks({ regionId: this.regionId, instanceId, nextToken, maxResults: DISK_PAGE_SIZE }),
        (disk) => disk.diskId,
      );
      this.ownDisks.set(instanceId, list);
    }
    return list;
  }

  /**
   * Loaded disks attached to no instance; once every instance is listed, also those attached to one
   * DescribeInstances does not list (released meanwhile), so no loaded disk is left out.
   */
  unattached(): Disk[] {
    const listed = this.instances.complete ? (id: string) => this.instances.find(id) !== undefined : () => true;
    return this.disks.items.filter((d) => !d.instanceId || !listed(d.instanceId));
  }

  private groups(): Map<string, Disk[]> {
    // Regrouped only when pages arrived (the list grows in place).
    if (this.grouped?.count !== this.disks.items.length) this.grouped = { count: this.disks.items.length, groups: disksByInstance(this.disks.items) };
    return this.grouped.groups;
  }
}

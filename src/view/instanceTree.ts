// The Disks view grouped by instance: the region's instances a page at a time, each with its disks
// (system disk first), then "Unattached disks". The provider hands over the root and these nodes
// when the toggle is on; disks beneath are its own DiskNodes, so snapshots, menus and the tracker's
// refreshes work the same. Same paging, filter, Load more, refresh and error rows as the flat list.
import * as vscode from 'vscode';
import type { ConnectionState } from '../connection/connection';
import type { Disk } from '../ecs/gateway';
import { InstanceGroups } from './instanceGroups';
import { filterInstance, instanceContextValue } from './instanceGrouping';
import { InstanceLoadMoreNode, InstanceNode, UnattachedNode, type InstanceTreeNode } from './instanceNodes';
import { instanceDescription, instanceIcon, instanceLabel, instanceTooltipMarkdown, unattachedDescription, unattachedLabel } from './instanceText';
import { stateForDisks } from './loadState';
import { ErrorNode, InfoNode, type DiskNode, type TreeNode } from './nodes';
import type { PagedList } from './pagedList';
import { RegionInstances } from './regionInstances';
import type { RegionDisks, TreeLog } from './regionDisks';
import { diskMatches } from './diskFilter';

/** What the tree by instance needs from the provider that owns the view. */
export interface InstanceTreeHost {
  readonly log: TreeLog;
  /** The provider's node for a disk (one object per disk, whatever the grouping). */
  diskNode(region: RegionDisks, disk: Disk): DiskNode;
  /** Re-renders `node` (undefined: the root). */
  fire(node: TreeNode | undefined): void;
  /** Still the region the view shows (a refresh or region switch makes a new one). */
  isCurrent(region: RegionDisks): boolean;
  filterTerms(): readonly string[];
  filterText(): string;
  reportState(state: ConnectionState): void;
  /** Logs a failed load; `always` reports the view ready when the error is no connection problem. */
  reportFailure(error: unknown, what: string, always?: boolean): void;
  /** The rows under the message of a load that left the view empty (Retry, ways out, Show Log). */
  problemActions(error: unknown, retry: TreeNode): TreeNode[];
  /** The message line (filter, problem) is stale. */
  updateMessage(): void;
}

export class InstanceTree {
  enabled = false;
  private model: { region: RegionDisks; data: RegionInstances } | undefined;
  private instanceNodes = new Map<string, InstanceNode>();
  private unattachedNode: UnattachedNode | undefined;
  private rootMore: InstanceLoadMoreNode | undefined;
  /** Parents of the rows this tree puts under its own nodes (for reveal). */
  private parents = new WeakMap<object, InstanceNode | UnattachedNode>();
  private readonly moreUnder = new WeakMap<InstanceNode | UnattachedNode, InstanceLoadMoreNode>();
  /** Each instance's recent snapshot groups, after its disks (issue 16). */
  readonly groups: InstanceGroups;

  constructor(private readonly host: InstanceTreeHost) {
    this.groups = new InstanceGroups(host);
  }

  /** Reads the instance's snapshot groups again (a group backup of it started or moved on). */
  refreshInstance(regionId: string, instanceId: string): void {
    const node = this.model?.region.regionId === regionId ? this.instanceNodes.get(instanceId) : undefined;
    if (node) this.groups.refresh(node);
  }

  /** The region's instances and disks (made anew for each region the view shows). */
  dataOf(region: RegionDisks): RegionInstances {
    if (this.model?.region !== region) {
      this.model = { region, data: new RegionInstances(region.gateway, region.regionId, this.host.log) };
      this.instanceNodes = new Map();
      this.unattachedNode = undefined;
      this.rootMore = undefined;
      this.parents = new WeakMap();
    }
    return this.model.data;
  }

  /** The disks this layout loaded (for pickers that want no extra request). */
  loadedDisks(region: RegionDisks | undefined): readonly Disk[] {
    return region && this.model?.region === region ? this.model.data.disks.items : [];
  }

  /** What keeps the view empty in this mode (shown whole on the message line), if anything. */
  problem(region: RegionDisks | undefined): unknown {
    return region && this.model?.region === region ? this.model.data.firstPageError : undefined;
  }

  /** `Filter "web": 3 of 120 loaded instances.` */
  filterMessage(region: RegionDisks | undefined): string | undefined {
    const terms = this.host.filterTerms();
    if (!terms.length) return undefined;
    const data = region && this.model?.region === region ? this.model.data : undefined;
    const loaded = data?.instances.items ?? [];
    const matching = loaded.filter((i) => filterInstance(i, data?.knownDisksOf(i.instanceId), terms).visible).length;
    const more = data?.hasMore && data.instances.loadedOnce ? ' ' + vscode.l10n.t('More instances or disks are not loaded yet.') : '';
    return vscode.l10n.t('Filter "{0}": {1} of {2} loaded instances.', this.host.filterText(), matching, loaded.length) + more;
  }

  /** Any row's parent, in whichever layout is on (disk rows are shared by both). */
  parentOf(node: TreeNode): TreeNode | undefined {
    const adopted = this.enabled ? this.parents.get(node) : undefined;
    switch (node.kind) {
      case 'instance':
      case 'unattached':
        return undefined;
      case 'instanceLoadMore':
        return node.parent;
      case 'disk':
        return adopted;
      default:
        return node.parent ?? adopted;
    }
  }

  /**
   * The disk's row under its instance (or "Unattached disks"), loading disk pages until the disk
   * shows up, then instance pages until its instance does (what Reveal needs).
   */
  async findDisk(region: RegionDisks, diskId: string): Promise<DiskNode | undefined> {
    const data = this.dataOf(region);
    while (!data.disks.find(diskId) && data.disks.hasMore && this.host.isCurrent(region)) await data.disks.loadNext();
    const disk = data.disks.find(diskId);
    if (!disk || !this.host.isCurrent(region)) return undefined;
    const instanceId = disk.instanceId;
    while (instanceId && !data.instances.find(instanceId) && data.instances.hasMore && this.host.isCurrent(region)) await data.instances.loadNext();
    if (!this.host.isCurrent(region)) return undefined;
    const instance = instanceId ? data.instances.find(instanceId) : undefined;
    const parent = instance ? this.instanceNode(region, instance) : this.unattachedRow(region);
    this.host.updateMessage();
    this.host.fire(undefined);
    return this.childDisk(parent, disk);
  }

  // ---- children ------------------------------------------------------------------------------

  async rootChildren(region: RegionDisks): Promise<TreeNode[]> {
    const data = this.dataOf(region);
    if (!data.instances.loadedOnce && data.instances.error === undefined) {
      const reports = !data.loading; // VS Code may ask twice while the first pages load
      try {
        await data.loadNext();
        if (reports && this.host.isCurrent(region)) this.host.reportState(stateForDisks(data.instances.items.length + data.disks.items.length));
      } catch (error) {
        if (reports && this.host.isCurrent(region)) this.host.reportFailure(error, `instances of ${region.regionId}`, true);
      }
      if (!this.host.isCurrent(region)) return [];
      this.host.updateMessage();
    }
    const list = data.instances;
    const more = this.rootLoadMore(region);
    if (!list.loadedOnce && list.error !== undefined) return this.host.problemActions(list.error, more);

    const terms = this.host.filterTerms();
    const children: TreeNode[] = [];
    for (const instance of list.items) {
      if (filterInstance(instance, data.knownDisksOf(instance.instanceId), terms).visible) children.push(this.instanceNode(region, instance));
    }
    const unattached = data.unattached();
    if (unattached.some((d) => diskMatches(d, terms)) || (data.disks.hasMore && terms.length === 0)) {
      children.push(this.unattachedRow(region));
    }
    if (list.items.length === 0 && data.disks.items.length === 0 && !data.hasMore) return []; // the welcome view says so
    if (children.length === 0) children.push(new InfoNode(undefined, vscode.l10n.t('No loaded instance or disk matches "{0}".', this.host.filterText())));
    const error = list.error ?? data.disks.error;
    if (error !== undefined) children.push(new ErrorNode(undefined, error));
    if (data.hasMore) children.push(more);
    return children;
  }

  async children(node: InstanceTreeNode): Promise<TreeNode[]> {
    if (node.kind === 'instance') return this.disksOfInstance(node);
    if (node.kind === 'unattached') return this.unattachedDisks(node);
    if (node.kind === 'snapshotGroup') return this.groups.children(node);
    return [];
  }

  private async disksOfInstance(node: InstanceNode): Promise<TreeNode[]> {
    const { region } = node;
    const data = this.dataOf(region);
    const id = node.instance.instanceId;
    this.groups.prefetch(node); // side by side with its disks
    let disks = data.knownDisksOf(id);
    const own = data.ownDisksOf(id);
    if (!disks && own.error === undefined) {
      // The disk pages are not all in: one DescribeDisks by InstanceId answers for this instance.
      const reports = !own.loading;
      try {
        await own.loadNext();
      } catch (error) {
        if (reports && this.host.isCurrent(region)) this.host.reportFailure(error, `disks of ${id}`);
      }
      if (!this.host.isCurrent(region)) return [];
      disks = data.knownDisksOf(id);
      setTimeout(() => this.host.fire(node), 0); // its description now counts the disks
    }
    const { disks: shown } = filterInstance(node.instance, disks, this.host.filterTerms());
    const children: TreeNode[] = (shown ?? []).map((disk) => this.childDisk(node, disk));
    this.rowsAfterDisks(node, own, children);
    if (children.length === 0) children.push(this.adopt(node, new InfoNode(undefined, vscode.l10n.t('No disks'))));
    for (const row of await this.groups.rowsOf(node, disks)) children.push(row.kind === 'snapshotGroup' ? row : this.adopt(node, row));
    return children;
  }

  private unattachedDisks(node: UnattachedNode): TreeNode[] {
    const data = this.dataOf(node.region);
    const terms = this.host.filterTerms();
    const children: TreeNode[] = data.unattached().filter((d) => diskMatches(d, terms)).map((d) => this.childDisk(node, d));
    this.rowsAfterDisks(node, data.disks, children);
    if (children.length === 0) children.push(this.adopt(node, new InfoNode(undefined, vscode.l10n.t('No unattached disks loaded'))));
    return children;
  }

  /** An error row and "Load more" under a group whose disks come from `list`. */
  private rowsAfterDisks(node: InstanceNode | UnattachedNode, list: PagedList<Disk>, children: TreeNode[]): void {
    if (node.kind === 'instance' && !list.loadedOnce && list.error === undefined) return; // known from the region's pages
    if (list.error !== undefined) children.push(this.adopt(node, new ErrorNode(undefined, list.error)));
    if (list.hasMore && (list.loadedOnce || list.error !== undefined)) children.push(this.loadMoreUnder(node));
  }

  // ---- Load more -----------------------------------------------------------------------------

  /** Loads the next page(s) for `node`'s place; concurrent calls share the requests. */
  async loadMore(node: InstanceLoadMoreNode): Promise<void> {
    const { region, parent } = node;
    if (!this.host.isCurrent(region)) return;
    const data = this.dataOf(region);
    const list = this.listOf(node, data);
    const wasLoading = list ? list.loading : data.loading;
    const firstPage = !data.instances.loadedOnce;
    const request = list ? list.loadNext() : data.loadNext();
    if (!wasLoading) this.host.fire(node); // shows "Loading..."
    try {
      await request;
      if (firstPage && !parent && this.host.isCurrent(region)) this.host.reportState(stateForDisks(data.instances.items.length + data.disks.items.length));
    } catch (error) {
      this.host.reportFailure(error, parent?.kind === 'instance' ? `disks of ${parent.instance.instanceId}` : `instances and disks of ${region.regionId}`);
    }
    if (!this.host.isCurrent(region)) return;
    this.host.updateMessage();
    // New disk pages can fill instances and "Unattached disks" anywhere: the root re-renders.
    this.host.fire(parent?.kind === 'instance' ? parent : undefined);
  }

  private listOf(node: InstanceLoadMoreNode, data: RegionInstances): PagedList<Disk> | undefined {
    if (!node.parent) return undefined;
    return node.parent.kind === 'instance' ? data.ownDisksOf(node.parent.instance.instanceId) : data.disks;
  }

  // ---- items ---------------------------------------------------------------------------------

  item(node: InstanceTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'instance':
        return this.instanceItem(node);
      case 'unattached': {
        const data = this.dataOf(node.region);
        const item = new vscode.TreeItem(unattachedLabel(), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `unattached:${node.region.regionId}`;
        item.description = unattachedDescription(data.unattached().length, data.disks.hasMore);
        item.iconPath = new vscode.ThemeIcon('debug-disconnect');
        item.contextValue = 'unattachedDisks';
        return item;
      }
      case 'instanceLoadMore':
        return this.loadMoreItem(node);
      case 'snapshotGroup':
      case 'groupMember':
        return this.groups.item(node);
    }
  }

  private instanceItem(node: InstanceNode): vscode.TreeItem {
    const { instance, region } = node;
    const known = this.dataOf(region).knownDisksOf(instance.instanceId);
    const item = new vscode.TreeItem(instanceLabel(instance), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `instance:${region.regionId}:${instance.instanceId}`;
    item.description = instanceDescription(instance);
    item.tooltip = markdown(instanceTooltipMarkdown(instance, known?.length));
    const icon = instanceIcon(instance);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = instanceContextValue(instance);
    item.accessibilityInformation = { label: `${item.label as string}, ${item.description}` };
    return item;
  }

  private loadMoreItem(node: InstanceLoadMoreNode): vscode.TreeItem {
    const data = this.dataOf(node.region);
    const list = this.listOf(node, data);
    const loading = list ? list.loading : data.loading;
    const loadedOnce = list ? list.loadedOnce : data.instances.loadedOnce;
    const label = loading
      ? vscode.l10n.t('Loading...')
      : !loadedOnce
        ? vscode.l10n.t('Retry')
        : node.parent
          ? vscode.l10n.t('Load more disks')
          : vscode.l10n.t('Load more instances');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `instanceLoadMore:${node.region.regionId}:${node.parent?.kind === 'instance' ? node.parent.instance.instanceId : (node.parent?.kind ?? '')}`;
    if (!node.parent && loadedOnce) {
      item.description = vscode.l10n.t('{0} instances, {1} disks loaded', data.instances.items.length, data.disks.items.length);
    }
    item.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : loadedOnce ? 'ellipsis' : 'refresh');
    item.contextValue = 'loadMore';
    item.command = { command: 'ecsSnapshots.loadMore', title: vscode.l10n.t('Load More'), arguments: [node] };
    return item;
  }

  // ---- nodes ---------------------------------------------------------------------------------

  private instanceNode(region: RegionDisks, instance: InstanceNode['instance']): InstanceNode {
    let node = this.instanceNodes.get(instance.instanceId);
    if (!node) this.instanceNodes.set(instance.instanceId, (node = new InstanceNode(region, instance)));
    node.instance = instance;
    // Its disks' rows say "instance security lock" from this, with no lookup of their own.
    region.noteInstanceLocks(instance.instanceId, instance.lockReasons);
    return node;
  }

  private unattachedRow(region: RegionDisks): UnattachedNode {
    this.unattachedNode ??= new UnattachedNode(region);
    return this.unattachedNode;
  }

  private rootLoadMore(region: RegionDisks): InstanceLoadMoreNode {
    this.rootMore ??= new InstanceLoadMoreNode(region, undefined);
    return this.rootMore;
  }

  private loadMoreUnder(node: InstanceNode | UnattachedNode): InstanceLoadMoreNode {
    let more = this.moreUnder.get(node);
    if (!more) this.moreUnder.set(node, (more = new InstanceLoadMoreNode(node.region, node)));
    return more;
  }

  private childDisk(parent: InstanceNode | UnattachedNode, disk: Disk): DiskNode {
    return this.adopt(parent, this.host.diskNode(parent.region, disk));
  }

  private adopt<T extends object>(parent: InstanceNode | UnattachedNode, node: T): T {
    this.parents.set(node, parent);
    return node;
  }
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = false;
  return md;
}

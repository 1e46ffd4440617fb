// The disk tree: disks of the configured region a page at a time, each with its snapshots.
// Only what changed is refreshed: a disk node when its snapshots change, the root when a page
// arrives or the filter changes, everything when the connection (region, profile) changes.
import * as vscode from 'vscode';
import type { Connections } from '../connection/connection';
import type { Disk, Snapshot } from '../ecs/gateway';
import type { SnapshotTrackerApi } from '../tracker/trackerApi';
import { diskMatches, parseFilter } from './diskFilter';
import { diskRow, diskTooltipMarkdown, type DiskRow } from './diskText';
import { loadErrorMessage, loadErrorSummary } from './errorText';
import { stateForDisks, stateForError } from './loadState';
import { DiskNode, ErrorNode, InfoNode, LoadMoreNode, SnapshotNode, type TreeNode } from './nodes';
import type { InstanceLoadMoreNode } from './instanceNodes';
import { InstanceTree } from './instanceTree';
import { RegionDisks, describeError, type TreeLog } from './regionDisks';
import { ShownDisks } from './shownDisks';
import { newestFirst, snapshotContextValue, snapshotDescription, snapshotLabel, snapshotTooltipMarkdown } from './snapshotText';
import { snapshotIcon, type IconSpec } from './treeIcons';
import type { PagedList } from './pagedList';

/** Where the provider shows things outside its items (the TreeView and a context key in the product). */
export interface TreePresenter {
  setDescription(text: string | undefined): void;
  setMessage(text: string | undefined): void;
  /** The whole text of what keeps the view empty (rejected credentials, no network), or undefined. */
  setProblem(text: string | undefined): void;
  setFiltered(filtered: boolean): void;
}

export interface DiskTreeDeps {
  connections: Connections;
  tracker: SnapshotTrackerApi;
  log: TreeLog;
  /**
   * How often an expanded disk with a snapshot still being created reloads its snapshots (ms).
   * Only while the disk stays expanded: VS Code asks a collapsed node for nothing. Default 10 s.
   */
  progressPollMs?: number;
  /** How long the filter reads disks before it lets other work run (ms). Default 8. */
  filterSliceMs?: number;
}

export class DiskTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  private regionPromise: Promise<RegionDisks | undefined> | undefined;
  private region: RegionDisks | undefined;
  private connectError: unknown;
  private diskNodes = new Map<string, DiskNode>();
  private rootLoadMore: LoadMoreNode | undefined;
  private readonly shown: ShownDisks;
  private generation = 0;
  private filterText = '';
  private filterTerms: string[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly progressTimers = new Map<DiskNode, ReturnType<typeof setTimeout>>();
  /** The tracker's set of the region's creating disks, read once per refresh (not a lookup per disk). */
  // Two plain fields (no object made per refresh); the region is cleared when the set must be read again.
  private creatingRegion: RegionDisks | undefined;
  private creatingDisks: ReadonlySet<string> | undefined;
  /** The tree by instance (issue 16): takes over the root while it is on. */
  private readonly byInstance: InstanceTree;

  constructor(
    private readonly deps: DiskTreeDeps,
    private readonly presenter: TreePresenter,
  ) {
    this.shown = new ShownDisks({
      diskNode: (region, disk) => this.diskNode(region, disk),
      filterText: () => this.filterText,
      filterTerms: () => this.filterTerms,
      sliceMs: deps.filterSliceMs ?? 8,
      finished: () => this.updateMessage(),
    });
    this.byInstance = new InstanceTree({
      log: deps.log,
      diskNode: (region, disk) => this.diskNode(region, disk),
      fire: (node) => this.changed.fire(node),
      isCurrent: (region) => region === this.region,
      filterTerms: () => this.filterTerms,
      filterText: () => this.filterText,
      reportState: (state) => deps.connections.reportState(state),
      reportFailure: (error, what, always) => this.reportFailure(error, what, always),
      problemActions,
      updateMessage: () => this.updateMessage(),
    });
    this.subscriptions.push(
      this.changed,
      deps.connections.onDidChange(() => this.refreshAll()),
      deps.tracker.onDidChangeDisk((ref) => this.refreshDisk(ref.regionId, ref.diskId)),
    );
    // A group backup or instance rollback moved on: that instance's groups are read again (issue 16).
    const instances = (deps.tracker as Partial<{ onDidChangeInstance: vscode.Event<{ regionId: string; instanceId: string }> }>).onDidChangeInstance;
    if (instances) this.subscriptions.push(instances((ref) => this.refreshInstance(ref.regionId, ref.instanceId)));
  }

  dispose(): void {
    this.stopProgressPolls();
    this.byInstance.groups.dispose();
    for (const d of this.subscriptions) d.dispose();
  }

  // ---- DiskTreeApi-facing operations -------------------------------------------------------

  refreshAll(): void {
    this.stopProgressPolls();
    this.generation++;
    this.regionPromise = undefined;
    this.region = undefined;
    this.connectError = undefined;
    this.diskNodes = new Map();
    this.shown.clear();
    this.rootLoadMore = undefined;
    this.updateMessage();
    this.changed.fire(undefined);
  }

  /** Reloads one disk's snapshots (and re-renders the disk); nothing else is requested. */
  refreshDisk(regionId: string, diskId: string): void {
    const node = this.region?.regionId === regionId ? this.diskNodes.get(diskId) : undefined;
    if (!node) return;
    node.region.snapshotsOf(diskId).reset();
    this.creatingRegion = undefined;
    this.changed.fire(node);
  }

  /** Reads an instance's snapshot groups again (tree by instance); nothing when it is not shown. */
  refreshInstance(regionId: string, instanceId: string): void {
    this.byInstance.refreshInstance(regionId, instanceId);
  }

  /** Drops a deleted snapshot from its disk's list (no request) and re-renders that disk. */
  snapshotDeleted(node: SnapshotNode): void {
    const disk = node.parent;
    disk.region.snapshotsOf(disk.disk.diskId).remove((s) => s.snapshotId === node.snapshot.snapshotId);
    disk.snapshotNodes.delete(node.snapshot.snapshotId);
    this.changed.fire(disk);
  }

  loadedDisks(): readonly Disk[] {
    if (this.byInstance.enabled) return this.byInstance.loadedDisks(this.region);
    return this.region?.disks.items ?? [];
  }

  /** The disk's node, loading pages until it appears; clears a filter that hides it. */
  async findDiskNode(regionId: string, diskId: string): Promise<DiskNode | undefined> {
    const region = await this.ensureRegion();
    if (!region || region.regionId !== regionId) return undefined;
    if (this.byInstance.enabled) {
      const found = await this.byInstance.findDisk(region, diskId);
      if (found && !diskMatches(found.disk, this.filterTerms)) this.setFilter('');
      return found;
    }
    let loadedPages = false;
    while (!region.findDisk(diskId) && region.disks.hasMore && region === this.region) {
      await region.disks.loadNext();
      loadedPages = true;
    }
    const disk = region.findDisk(diskId);
    if (!disk || region !== this.region) return undefined;
    if (!diskMatches(disk, this.filterTerms)) this.setFilter('');
    else if (loadedPages) {
      this.updateMessage();
      this.changed.fire(undefined);
    }
    return this.diskNode(region, disk);
  }

  get groupedByInstance(): boolean {
    return this.byInstance.enabled;
  }

  /** Instances as top nodes with their disks beneath, or the flat list; each keeps what it loaded. */
  setGroupedByInstance(on: boolean): void {
    if (this.byInstance.enabled === on) return;
    this.byInstance.enabled = on;
    this.updateMessage();
    this.changed.fire(undefined);
  }

  get filter(): string {
    return this.filterText;
  }

  /** Filters loaded disks and every page loaded later; an empty text clears the filter. */
  setFilter(text: string): void {
    this.filterText = text.trim();
    this.filterTerms = parseFilter(this.filterText);
    this.presenter.setFiltered(this.filterTerms.length > 0);
    this.updateMessage();
    this.changed.fire(undefined);
  }

  /** Loads the next page under `node`'s parent; concurrent calls share one request. */
  async loadMore(node: LoadMoreNode | InstanceLoadMoreNode): Promise<void> {
    if (node.kind === 'instanceLoadMore') return this.byInstance.loadMore(node);
    if (node.region !== this.region) return;
    const list = this.listOf(node);
    const wasLoading = list.loading;
    const firstPage = !list.loadedOnce;
    const request = list.loadNext();
    if (!wasLoading) this.changed.fire(node); // shows "Loading..."
    try {
      await request;
      // "Retry" after a failed first page: the welcome state must learn that it worked now.
      if (firstPage && !node.parent && node.region === this.region) this.deps.connections.reportState(stateForDisks(list.items.length));
    } catch (error) {
      this.reportFailure(error, node.parent ? `snapshots of ${node.parent.disk.diskId}` : `disks of ${node.region.regionId}`);
    }
    if (node.region !== this.region) return;
    if (!node.parent) this.updateMessage();
    this.changed.fire(node.parent);
  }

  // ---- TreeDataProvider ----------------------------------------------------------------------

  getParent(node: TreeNode): TreeNode | undefined {
    return this.byInstance.parentOf(node);
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.rootChildren();
    if (node.kind === 'disk') return this.snapshotChildren(node);
    if (node.kind === 'instance' || node.kind === 'unattached' || node.kind === 'snapshotGroup') return this.byInstance.children(node);
    return [];
  }

  /**
   * Tooltips are built when VS Code asks, on hover, not for every row of a refresh (the Markdown of
   * 100,000 disks would block the extension host). VS Code asks only when `tooltip` is undefined.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (item.tooltip !== undefined) return item;
    if (node.kind === 'disk') item.tooltip = markdown(diskTooltipMarkdown(node.disk, this.rowOf(node).blocker));
    else if (node.kind === 'snapshot') item.tooltip = markdown(snapshotTooltipMarkdown(node.snapshot));
    return item;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'disk':
        return this.diskItem(node);
      case 'snapshot':
        return snapshotItem(node);
      case 'loadMore':
        return this.loadMoreItem(node);
      case 'error':
        return errorItem(node);
      case 'instance':
      case 'unattached':
      case 'instanceLoadMore':
      case 'snapshotGroup':
      case 'groupMember':
        return this.byInstance.item(node);
      case 'info': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.action?.icon ?? 'info');
        if (node.action) item.command = { command: node.action.command, title: node.message };
        return item;
      }
    }
  }

  // ---- children ------------------------------------------------------------------------------

  private async rootChildren(): Promise<TreeNode[]> {
    const generation = this.generation;
    const region = await this.ensureRegion();
    if (generation !== this.generation) return [];
    if (!region) {
      return this.connectError ? problemActions(this.connectError, retryConnection()) : [];
    }
    this.creatingRegion = undefined;
    if (this.byInstance.enabled) return this.byInstance.rootChildren(region);
    const list = region.disks;
    if (!list.loadedOnce && list.error === undefined) {
      // VS Code may ask twice while the first page loads: both wait, the first one reports.
      const reports = !list.loading;
      try {
        await list.loadNext();
        if (reports && generation === this.generation) this.deps.connections.reportState(stateForDisks(list.items.length));
      } catch (error) {
        if (reports && generation === this.generation) this.reportFailure(error, `disks of ${region.regionId}`, true);
      }
      if (generation !== this.generation) return [];
      this.updateMessage();
    }

    const children: TreeNode[] = [...(await this.shown.nodes(region))];
    if (generation !== this.generation) return [];
    if (list.loadedOnce && list.items.length === 0) return []; // the welcome view says "no disks"
    if (children.length === 0 && list.loadedOnce) {
      children.push(new InfoNode(undefined, vscode.l10n.t('No loaded disk matches "{0}".', this.filterText)));
    }
    // Nothing loaded: the message above the tree has the whole text (a row would cut it); the rows are the ways out.
    if (!list.loadedOnce && list.error !== undefined) return problemActions(list.error, this.rootLoadMoreNode(region));
    if (list.error !== undefined) children.push(new ErrorNode(undefined, list.error));
    if (list.hasMore && (list.loadedOnce || list.error !== undefined)) children.push(this.rootLoadMoreNode(region));
    return children;
  }

  private async snapshotChildren(node: DiskNode): Promise<TreeNode[]> {
    const generation = this.generation;
    const list = node.region.snapshotsOf(node.disk.diskId);
    if (!list.loadedOnce && list.error === undefined) {
      const reports = !list.loading;
      try {
        await list.loadNext();
      } catch (error) {
        if (reports && generation === this.generation) this.reportFailure(error, `snapshots of ${node.disk.diskId}`);
      }
      if (generation !== this.generation) return [];
    }
    const snapshots = newestFirst(list.items);
    const current = new Set(snapshots.map((s) => s.snapshotId));
    for (const id of node.snapshotNodes.keys()) if (!current.has(id)) node.snapshotNodes.delete(id);
    const children: TreeNode[] = snapshots.map((s) => snapshotNode(node, s));
    if (list.error !== undefined) children.push(new ErrorNode(node, list.error));
    if (list.hasMore && (list.loadedOnce || list.error !== undefined)) children.push(node.loadMore);
    if (children.length === 0) children.push(new InfoNode(node, vscode.l10n.t('No snapshots yet')));
    if (list.items.some((s) => s.status === 'progressing')) this.pollProgress(node);
    // A progressing snapshot seen here blocks a new one: re-render the disk if its menus change.
    if (node.renderedContext !== undefined && node.renderedContext !== this.diskContext(node)) {
      setTimeout(() => this.changed.fire(node), 0);
    }
    return children;
  }

  /** Reloads the disk's snapshots once after a while; the reload schedules the next one if still needed. */
  private pollProgress(node: DiskNode): void {
    if (this.progressTimers.has(node)) return;
    const timer = setTimeout(() => {
      this.progressTimers.delete(node);
      if (node.region === this.region) this.refreshDisk(node.region.regionId, node.disk.diskId);
    }, this.deps.progressPollMs ?? 10_000);
    this.progressTimers.set(node, timer);
  }

  private stopProgressPolls(): void {
    for (const timer of this.progressTimers.values()) clearTimeout(timer);
    this.progressTimers.clear();
  }

  // ---- items ---------------------------------------------------------------------------------

  /** The disk's texts, rebuilt only when the disk object or its blocker state changed. */
  private rowOf(node: DiskNode): DiskRow {
    const { disk, region } = node;
    const creating = this.isCreating(region, disk.diskId) || region.hasProgressingSnapshot(disk.diskId);
    node.row = diskRow(node.row, disk, region.locksOfInstance(disk.instanceId), creating);
    return node.row;
  }

  private isCreating(region: RegionDisks, diskId: string): boolean {
    if (this.creatingRegion !== region) {
      this.creatingRegion = region;
      this.creatingDisks = this.deps.tracker.creatingDisksIn?.(region.regionId);
    }
    const disks = this.creatingDisks;
    return disks ? disks.has(diskId) : this.deps.tracker.isCreating({ regionId: region.regionId, diskId });
  }

  private diskContext(node: DiskNode): string {
    return this.rowOf(node).contextValue;
  }

  /** The same item object while the row is the same (its tooltip too, once resolved): a refresh of 100,000 rows allocates nothing. */
  private diskItem(node: DiskNode): vscode.TreeItem {
    const row = this.rowOf(node);
    node.renderedContext = row.contextValue;
    if (node.rendered?.row === row) return node.rendered.item;
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `disk:${node.region.regionId}:${row.disk.diskId}`;
    item.description = row.description;
    item.iconPath = themeIcon(row.icon);
    item.contextValue = row.contextValue;
    item.accessibilityInformation = { label: row.accessibilityLabel };
    node.rendered = { row, item };
    return item;
  }

  private loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
    const list = this.listOf(node);
    const loading = list.loading;
    const label = loading
      ? vscode.l10n.t('Loading...')
      : !list.loadedOnce
        ? vscode.l10n.t('Retry')
        : node.parent
          ? vscode.l10n.t('Load more snapshots')
          : vscode.l10n.t('Load more disks');
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `loadMore:${node.region.regionId}:${node.parent?.disk.diskId ?? ''}`;
    if (!node.parent && list.loadedOnce) item.description = vscode.l10n.t('{0} loaded', list.items.length);
    item.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : list.loadedOnce ? 'ellipsis' : 'refresh');
    item.contextValue = 'loadMore';
    item.command = { command: 'ecsSnapshots.loadMore', title: vscode.l10n.t('Load More'), arguments: [node] };
    return item;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private ensureRegion(): Promise<RegionDisks | undefined> {
    if (!this.regionPromise) {
      const generation = this.generation;
      this.regionPromise = this.deps.connections.current().then(
        (connection) => {
          if (generation !== this.generation) return undefined;
          this.presenter.setDescription(connection?.label);
          if (!connection) return undefined;
          this.region = new RegionDisks(connection.gateway, connection.regionId, this.deps.log);
          return this.region;
        },
        (error: unknown) => {
          if (generation === this.generation) {
            this.connectError = error;
            this.reportFailure(error, 'the connection', true);
            this.updateMessage();
          }
          return undefined;
        },
      );
    }
    return this.regionPromise;
  }

  private diskNode(region: RegionDisks, disk: Disk): DiskNode {
    let node = this.diskNodes.get(disk.diskId);
    if (!node || node.region !== region) {
      node = new DiskNode(region, disk);
      this.diskNodes.set(disk.diskId, node);
    }
    node.disk = disk;
    return node;
  }

  private rootLoadMoreNode(region: RegionDisks): LoadMoreNode {
    if (this.rootLoadMore?.region !== region) this.rootLoadMore = new LoadMoreNode(region, undefined);
    return this.rootLoadMore;
  }

  private listOf(node: LoadMoreNode): PagedList<Disk> | PagedList<Snapshot> {
    return node.parent ? node.region.snapshotsOf(node.parent.disk.diskId) : node.region.disks;
  }

  /** Logs a failed load and tells Connections when it means rejected credentials or no network. */
  private reportFailure(error: unknown, what: string, always = false): void {
    this.deps.log.error(`Loading ${what} failed: ${describeError(error)}`);
    const state = stateForError(error);
    if (state) this.deps.connections.reportState(state, loadErrorMessage(error));
    else if (always) this.deps.connections.reportState('ready');
  }

  /** The whole text of the error that leaves the tree without disks, if any. */
  private problemText(): string | undefined {
    const list = this.region?.disks;
    const error = this.connectError ?? (this.byInstance.enabled ? this.byInstance.problem(this.region) : list && !list.loadedOnce ? list.error : undefined);
    return error === undefined ? undefined : loadErrorMessage(error);
  }

  private updateMessage(): void {
    this.presenter.setProblem(this.problemText());
    const list = this.region?.disks;
    if (this.byInstance.enabled) return this.presenter.setMessage(this.byInstance.filterMessage(this.region));
    if (!this.filterTerms.length) {
      this.presenter.setMessage(undefined);
      return;
    }
    const status = this.region ? this.shown.status(this.region) : { done: true, read: 0, total: 0, shown: 0 };
    if (!status.done) {
      // A big region's filter reads its disks in slices: the tree waits for it, the message says why.
      this.presenter.setMessage(vscode.l10n.t('Filtering "{0}"... {1} of {2} loaded disks read.', this.filterText, status.read, status.total));
      return;
    }
    const more = list?.hasMore && list.loadedOnce ? ' ' + vscode.l10n.t('More disks are not loaded yet.') : '';
    this.presenter.setMessage(
      vscode.l10n.t('Filter "{0}": {1} of {2} loaded disks.', this.filterText, status.shown, status.total) + more,
    );
  }
}

function snapshotNode(parent: DiskNode, snapshot: Snapshot): SnapshotNode {
  let node = parent.snapshotNodes.get(snapshot.snapshotId);
  if (!node) {
    node = new SnapshotNode(parent, snapshot);
    parent.snapshotNodes.set(snapshot.snapshotId, node);
  }
  node.snapshot = snapshot;
  return node;
}

function snapshotItem(node: SnapshotNode): vscode.TreeItem {
  const { snapshot } = node;
  const item = new vscode.TreeItem(snapshotLabel(snapshot), vscode.TreeItemCollapsibleState.None);
  item.id = `snapshot:${node.parent.region.regionId}:${snapshot.snapshotId}`;
  item.description = snapshotDescription(snapshot);
  item.iconPath = themeIcon(snapshotIcon(snapshot));
  item.contextValue = snapshotContextValue(snapshot);
  return item;
}

/**
 * The rows under a message that says what went wrong: Retry, the ways out when ECS rejects who is
 * calling, and the log. (The contributed welcome view cannot show: the view has a message.)
 */
function problemActions(error: unknown, retry: TreeNode): TreeNode[] {
  const ways =
    stateForError(error) === 'credentialsRejected'
      ? [
          new InfoNode(undefined, vscode.l10n.t('Enter an AccessKey...'), { command: 'ecsSnapshots.setAccessKey', icon: 'key' }),
          new InfoNode(undefined, vscode.l10n.t('Choose Another Profile...'), { command: 'ecsSnapshots.selectProfile', icon: 'account' }),
        ]
      : [];
  return [retry, ...ways, new InfoNode(undefined, vscode.l10n.t('Show Log'), { command: 'ecsSnapshots.showLog', icon: 'output' })];
}

/** Retry when not even the connection could be made (no region to page through yet). */
function retryConnection(): InfoNode {
  return new InfoNode(undefined, vscode.l10n.t('Retry'), { command: 'ecsSnapshots.refresh', icon: 'refresh' });
}

function errorItem(node: ErrorNode): vscode.TreeItem {
  const summary = loadErrorSummary(node.error);
  const item = new vscode.TreeItem(summary.title, vscode.TreeItemCollapsibleState.None);
  item.description = summary.code;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  item.tooltip = `${loadErrorMessage(node.error)}\n\n${vscode.l10n.t('Click to open the log.')}`;
  item.contextValue = 'loadError';
  item.command = { command: 'ecsSnapshots.showLog', title: vscode.l10n.t('Show Log') };
  return item;
}

/** A handful of icons serve every row: one object each. */
const themeIcons = new Map<string, vscode.ThemeIcon>();

function themeIcon(spec: IconSpec): vscode.ThemeIcon {
  const key = `${spec.id} ${spec.color ?? ''}`;
  let icon = themeIcons.get(key);
  if (!icon) {
    icon = new vscode.ThemeIcon(spec.id, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
    themeIcons.set(key, icon);
  }
  return icon;
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = false;
  return md;
}

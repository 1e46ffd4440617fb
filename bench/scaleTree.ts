// The extension-host part of the Disks view at scale, for the 100,000-disk rows: the real provider
// (src/view/diskTreeProvider.ts) over a region of N disks, with the real TrackerCore resumed with
// K snapshots being created on the first K disks. Every page and every DescribeSnapshots answer
// arrives as a new task, as from the network; `vscode` is the bench's stand-in with plain item
// classes (bench/children/plainItemTypes.ts), so the time is the provider's own.
import { installVscodeStub } from './children/vscodeStub';
import { installPlainItemTypes } from './children/plainItemTypes';
import { nextTask } from './longestTask';
import { accomplished, answeringGateway, creatingState, diskId, JsonStore, ManualClock, REGION } from './trackedFixtures';
import type { Disk, EcsGateway, Page } from '../src/ecs/gateway';
import type { DiskRef, SnapshotTrackerApi } from '../src/tracker/trackerApi';
import type { TrackerCore as TrackerCoreType } from '../src/tracker/trackerCore';
import type { DiskTreeProvider } from '../src/view/diskTreeProvider';
import type { TreeNode } from '../src/view/nodes';

const PAGE = 500;

export function scaleDisk(n: number): Disk {
  return {
    diskId: diskId(n), diskName: `disk-${n}`, description: '', sizeGiB: 40, category: 'cloud_essd', performanceLevel: 'PL1',
    status: 'In_use', type: n % 4 === 0 ? 'system' : 'data', instanceId: `i-bench${n >> 2}`, device: `/dev/xvd${'abcd'[n % 4]}`,
    zoneId: 'cn-hangzhou-k', creationTime: '2024-01-01T00:00:00Z', tags: [{ key: 'team', value: `team-${n % 50}` }], lockReasons: [],
  };
}

export interface ScaleTree {
  provider: DiskTreeProvider;
  /** Disks the tracker told the tree about since the last resumeTracker (what VS Code re-renders). */
  told: TreeNode[];
  /** A fresh tracker in place of the last, resumed with K snapshots being created on the first K disks. */
  resumeTracker(tracked: number): void;
  /** One tick of the tracker where all of its snapshots finish; resolves when the tick has ended. */
  tick(): Promise<void>;
  dispose(): void;
}

/** Sets up `vscode` once per process; call before anything imports the view. */
export function installStandIns(): void {
  installVscodeStub();
  installPlainItemTypes();
}

/** A provider over N disks (pages of 500, each a new task) and a tracker resumed with K snapshots being created. */
export async function scaleTree(count: number, tracked: number): Promise<ScaleTree> {
  const { DiskTreeProvider: Provider } = await import('../src/view/diskTreeProvider');
  const { TrackerCore } = await import('../src/tracker/trackerCore');
  let answering = answeringGateway(new Map());
  const gateway = {
    async listDisks(query: { nextToken?: string }): Promise<Page<Disk>> {
      await nextTask();
      const from = query.nextToken ? Number(query.nextToken) : 0;
      // Fresh objects per answer, as its JSON is parsed anew; nothing else holds them.
      const items = Array.from({ length: Math.min(PAGE, count - from) }, (_, i) => scaleDisk(from + i));
      return { items, nextToken: from + PAGE < count ? String(from + PAGE) : undefined };
    },
    async listLockedInstances() {
      await nextTask();
      return [];
    },
    async describeSnapshots(regionId: string, ids: string[]) {
      await nextTask();
      return answering.describeSnapshots(regionId, ids);
    },
  } as unknown as EcsGateway;
  const listeners: ((ref: DiskRef) => void)[] = [];
  let core: TrackerCoreType | undefined;
  let clock = new ManualClock();
  let tickEnded: () => void = () => undefined;
  const resumeTracker = (k: number): void => {
    core?.dispose();
    clock = new ManualClock();
    answering = answeringGateway(accomplished(k));
    const resumed = new TrackerCore({
      clock,
      store: new JsonStore(creatingState(k)),
      resolveGateway: async () => gateway,
      newClientToken: () => 'unused',
      // As SnapshotTracker does: each disk whose snapshot changed state is told to the tree.
      onEvent: (event) => {
        if (event.kind === 'stateChanged') {
          const { regionId, diskId } = event.op.intent.request;
          for (const l of listeners) l({ regionId, diskId });
        }
        if (event.kind === 'changed') tickEnded();
      },
    });
    resumed.resume();
    core = resumed;
    told.length = 0;
  };
  const tracker: SnapshotTrackerApi = {
    isCreating: (ref) => core?.isCreating(ref) ?? false,
    // As SnapshotTracker does: the core's live set of the region's creating disks.
    creatingDisksIn: (regionId) => core?.creatingDisksIn(regionId) ?? new Set(),
    track: () => undefined,
    reportCreateFailure: () => undefined,
    onDidChangeDisk: (listener) => (listeners.push(listener), { dispose() {} }),
  };
  const connections = {
    current: async () => ({ gateway, regionId: REGION, label: REGION }),
    onDidChange: () => ({ dispose() {} }),
    reportState: () => undefined,
  };
  const quiet = { info() {}, warn() {}, error() {} };
  const presenter = { setDescription() {}, setMessage() {}, setProblem() {}, setFiltered() {} };
  const provider = new Provider({ connections: connections as never, tracker, log: quiet }, presenter);
  const told: TreeNode[] = [];
  provider.onDidChangeTreeData((node) => {
    if (node) told.push(node);
  });
  resumeTracker(tracked);
  return {
    provider,
    told,
    resumeTracker,
    tick() {
      const ended = new Promise<void>((resolve) => (tickEnded = resolve));
      clock.fire();
      return ended;
    },
    dispose() {
      core?.dispose();
      provider.dispose();
    },
  };
}

/** What VS Code asks when the root changed: the children, then each child's item, in one task. */
export async function renderRoot(provider: DiskTreeProvider): Promise<number> {
  const children = await provider.getChildren();
  let disks = 0;
  for (const node of children) {
    provider.getTreeItem(node);
    if (node.kind === 'disk') disks++;
  }
  return disks;
}

/** Loads every page as the "Load more disks" row does, each click a new task (the root's re-render is the refresh row). */
export async function loadAllPages(provider: DiskTreeProvider, total: number): Promise<void> {
  await nextTask();
  const more = (await provider.getChildren()).at(-1);
  while (more?.kind === 'loadMore' && provider.loadedDisks().length < total) {
    await nextTask();
    await provider.loadMore(more);
  }
  if (provider.loadedDisks().length !== total) throw new Error(`loaded ${provider.loadedDisks().length} disks, expected ${total}`);
}

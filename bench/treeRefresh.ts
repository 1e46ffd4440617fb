// Issue 12: "tree root refresh, 10,000 disks with 1,000 tracked operations". The Disks view's
// provider (src/view/diskTreeProvider.ts) with 10,000 disks loaded, asked what VS Code asks on a
// refresh of the root: getChildren() and getTreeItem() of every disk, each item asking the
// tracker whether a snapshot of its disk is being created. The tracker is the real TrackerCore
// resumed with 1,000 snapshots being created on the first 1,000 disks; each repetition checks that
// exactly those 1,000 items show the "creating" blocker. Baseline: the same refresh with a tracker
// tracking nothing. `vscode` is the bench's stand-in, with plain classes for the item types (as
// the extension host's are), so the time is the provider's own. Budget: 30 ms, and 1.5x the baseline
// unless within 1 ms of it (at 10,000 disks both take under a millisecond now: the ratio is noise).
import type { Measurement } from './measurement';
import { installVscodeStub } from './children/vscodeStub';
import { installPlainItemTypes } from './children/plainItemTypes';
import { creatingState, diskId, JsonStore, ManualClock, REGION } from './trackedFixtures';
import type { Disk, EcsGateway, Page } from '../src/ecs/gateway';
import { TrackerCore } from '../src/tracker/trackerCore';
import type { SnapshotTrackerApi } from '../src/tracker/trackerApi';
import type { DiskTreeProvider } from '../src/view/diskTreeProvider';
import type { TreeNode } from '../src/view/nodes';

const DISKS = 10_000;
const TRACKED = 1_000;
const PAGE = 500;

let trackedApi: SnapshotTrackerApi | undefined;
let withTracked: DiskTreeProvider | undefined;
let withNone: DiskTreeProvider | undefined;
let sink = 0;

function disk(n: number): Disk {
  return {
    diskId: diskId(n), diskName: `disk-${n}`, description: '', sizeGiB: 40, category: 'cloud_essd', performanceLevel: 'PL1',
    status: 'In_use', type: 'data', instanceId: `i-bench${n >> 2}`, zoneId: 'cn-hangzhou-k', creationTime: '2024-01-01T00:00:00Z', tags: [], lockReasons: [],
  };
}

function diskGateway(disks: Disk[]): EcsGateway {
  return {
    async listDisks(query: { nextToken?: string }): Promise<Page<Disk>> {
      const from = query.nextToken ? Number(query.nextToken) : 0;
      return { items: disks.slice(from, from + PAGE), nextToken: from + PAGE < disks.length ? String(from + PAGE) : undefined };
    },
    async listLockedInstances() {
      return [];
    },
  } as unknown as EcsGateway;
}

function trackerWith(stored: unknown): SnapshotTrackerApi {
  const core = new TrackerCore({
    clock: new ManualClock(),
    store: new JsonStore(stored),
    resolveGateway: async () => undefined,
    newClientToken: () => 'unused',
    onEvent: () => undefined,
  });
  core.resume();
  return {
    isCreating: (ref) => core.isCreating(ref),
    // As SnapshotTracker does: the tree reads the region's live set once per refresh.
    creatingDisksIn: (regionId) => core.creatingDisksIn(regionId),
    track: () => undefined,
    reportCreateFailure: () => undefined,
    onDidChangeDisk: () => ({ dispose() {} }),
  };
}

async function loadedTree(tracker: SnapshotTrackerApi, disks: Disk[]): Promise<DiskTreeProvider> {
  const { DiskTreeProvider: Provider } = await import('../src/view/diskTreeProvider');
  const gateway = diskGateway(disks);
  const connections = {
    current: async () => ({ gateway, regionId: REGION, label: REGION }),
    onDidChange: () => ({ dispose() {} }),
    reportState: () => undefined,
  };
  const quiet = { info() {}, warn() {}, error() {} };
  const presenter = { setDescription() {}, setMessage() {}, setProblem() {}, setFiltered() {} };
  const provider = new Provider({ connections: connections as never, tracker, log: quiet }, presenter);
  for (;;) {
    const more = (await provider.getChildren()).find((node) => node.kind === 'loadMore');
    if (!more || more.kind !== 'loadMore') break;
    await provider.loadMore(more);
  }
  return provider;
}

async function refreshRoot(provider: DiskTreeProvider | undefined, creating: number): Promise<void> {
  if (!provider) throw new Error('not set up');
  const children: TreeNode[] = await provider.getChildren();
  let disks = 0;
  let blocked = 0;
  for (const node of children) {
    const item = provider.getTreeItem(node);
    if (node.kind !== 'disk') continue;
    disks++;
    if (item.contextValue === 'disk.blocked.creating') blocked++;
  }
  if (disks !== DISKS || blocked !== creating) throw new Error(`${disks} disks, ${blocked} shown creating (expected ${DISKS}, ${creating})`);
  sink += blocked;
}

export const treeRefresh: Measurement = {
  name: 'tree root refresh, 10,000 disks with 1,000 tracked operations',
  budget: { ms: 30, ratio: 1.5, ratioSlackMs: 1 },
  async setup() {
    installVscodeStub();
    installPlainItemTypes();
    const disks = Array.from({ length: DISKS }, (_, n) => disk(n));
    trackedApi = trackerWith(creatingState(TRACKED));
    withTracked = await loadedTree(trackedApi, disks);
    withNone = await loadedTree(trackerWith(undefined), disks);
  },
  teardown() {
    // The tracker's own share of the refresh: the 10,000 isCreating questions alone (best of 5).
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const start = performance.now();
      for (let n = 0; n < DISKS; n++) if (trackedApi?.isCreating({ regionId: REGION, diskId: diskId(n) })) sink++;
      best = Math.min(best, performance.now() - start);
    }
    console.log(`  tree refresh: isCreating of the 10,000 disks alone: ${best.toFixed(2)} ms with ${TRACKED} tracked`);
    trackedApi = undefined;
    withTracked?.dispose();
    withNone?.dispose();
    withTracked = withNone = undefined;
    if (sink < 0) console.log(sink);
  },
  baseline: { name: 'the same refresh, nothing tracked', run: () => refreshRoot(withNone, 0) },
  subject: { name: 'getChildren + getTreeItem of 10,000 disks, 1,000 tracked', run: () => refreshRoot(withTracked, TRACKED) },
};

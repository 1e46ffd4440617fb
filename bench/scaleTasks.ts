// Issue 12's scale target: "100,000 disks and 1,000 tracked operations: no single extension-host
// task over 50 ms while loading, filtering, refreshing or ticking". Four rows, one per activity,
// on the extension-host part of the Disks view (bench/scaleTree.ts): each repetition reports the
// longest task it took in wall time (bench/longestTask.ts; teardown prints its CPU time too), and
// the budget applies to every repetition (max).
// Baseline: the same activity with 10,000 disks and 100 tracked, so the ratio shows how the
// longest task grows with the region (10x the disks).
// - loading: the 200 "Load more disks" clicks, each page arriving as a new task;
// - filtering: typing a filter (the message counts the matches), the root re-rendered with the
//   matches, then the filter cleared and the whole root re-rendered;
// - refreshing: the root re-rendered as VS Code asks (getChildren, then getTreeItem of every row);
// - ticking: one tracker tick where the K tracked snapshots finish together (10 DescribeSnapshots,
//   each answer a new task), then VS Code re-rendering each disk the tracker told the tree about.
import type { Measurement } from './measurement';
import { lastLongestCpuMs, longestTask, nextTask } from './longestTask';
import { installStandIns, loadAllPages, renderRoot, scaleTree, type ScaleTree } from './scaleTree';

interface Size {
  disks: number;
  tracked: number;
  tree?: ScaleTree;
}

const big: Size = { disks: 100_000, tracked: 1_000 };
const small: Size = { disks: 10_000, tracked: 100 };
let users = 0;
let sink = 0;

async function setUp(): Promise<void> {
  if (users++ > 0) return;
  installStandIns();
  for (const size of [big, small]) {
    size.tree = await scaleTree(size.disks, size.tracked);
    await loadAllPages(size.tree.provider, size.disks);
    await renderRoot(size.tree.provider);
  }
}

function tearDown(): void {
  if (--users > 0) return;
  for (const size of [big, small]) {
    size.tree?.dispose();
    size.tree = undefined;
  }
  if (sink < 0) console.log(sink);
}

function treeOf(size: Size): ScaleTree {
  if (!size.tree) throw new Error('not set up');
  return size.tree;
}

const REPETITIONS = { quick: 3, full: 10 };
const BUDGET = { ms: 50, of: 'max' as const };

function row(name: string, what: string, activity: (size: Size) => Promise<void>, prepare?: (size: Size) => void | Promise<void>, own?: Pick<Measurement, 'setup' | 'teardown'>): Measurement {
  const cpu: number[] = [];
  const run = (size: Size) => async () => {
    await prepare?.(size);
    const wall = await longestTask(() => activity(size));
    if (size === big) cpu.push(lastLongestCpuMs);
    return wall;
  };
  const report = (): void => {
    if (cpu.length) console.log(`  ${what}: the longest task took ${Math.max(...cpu).toFixed(1)} ms of CPU at most (median ${[...cpu].sort((a, b) => a - b)[cpu.length >> 1].toFixed(1)})`);
    cpu.length = 0;
  };
  return {
    name,
    budget: BUDGET,
    repetitions: REPETITIONS,
    setup: own ? own.setup : setUp,
    teardown: async () => {
      report();
      await (own ? own.teardown : tearDown)?.();
    },
    baseline: { name: `${what}, 10,000 disks, 100 tracked: longest task`, run: run(small) },
    subject: { name: `${what}, 100,000 disks, 1,000 tracked: longest task`, run: run(big) },
  };
}

// Its own tree per repetition, and no other held meanwhile (the extension host holds one region).
let loading: ScaleTree | undefined;
export const scaleLoading = row(
  'longest task loading 100,000 disks page by page (1,000 tracked)',
  'the Load more clicks',
  async (size) => {
    if (!loading) throw new Error('not prepared');
    try {
      await loadAllPages(loading.provider, size.disks);
    } finally {
      loading.dispose();
      loading = undefined;
    }
  },
  prepareLoading,
  { setup: installStandIns, teardown: () => undefined },
);

async function prepareLoading(size: Size): Promise<void> {
  loading = await scaleTree(size.disks, size.tracked);
}

export const scaleFiltering = row('longest task filtering 100,000 disks (1,000 tracked)', 'filter typed, matches shown, filter cleared', async (size) => {
  const { provider } = treeOf(size);
  await nextTask();
  provider.setFilter('team-7 disk-9');
  await nextTask();
  const matches = await renderRoot(provider);
  await nextTask();
  provider.setFilter('');
  await nextTask();
  const all = await renderRoot(provider);
  if (matches === 0 || matches >= all || all !== size.disks) throw new Error(`filter showed ${matches} of ${all} disks`);
  sink += matches;
});

export const scaleRefresh = row('longest task refreshing the root, 100,000 disks (1,000 tracked)', 'the root re-rendered', async (size) => {
  await nextTask();
  const shown = await renderRoot(treeOf(size).provider);
  if (shown !== size.disks) throw new Error(`rendered ${shown} disks`);
});

export const scaleTick = row(
  'longest task of a tracker tick, 1,000 of 100,000 disks finishing',
  'a tick where every tracked snapshot finishes',
  async (size) => {
    const tree = treeOf(size);
    await nextTask();
    await tree.tick();
    await nextTask();
    for (const node of tree.told) tree.provider.getTreeItem(node);
    if (tree.told.length !== size.tracked) throw new Error(`the tree was told about ${tree.told.length} disks, expected ${size.tracked}`);
  },
  // Not timed: a fresh tracker resumed with the K snapshots (the last tick finished them).
  (size) => treeOf(size).resumeTracker(size.tracked),
);

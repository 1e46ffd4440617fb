// Child process of the memory row: the extension-host part of the Disks view (bench/scaleTree.ts:
// provider, PagedList, tracker) holding N disks with K tracked operations, after the root was
// rendered and a filter typed and cleared (what a user's session leaves cached). Prints the RSS
// growth over the same process before the tree was made (after a full GC each time).
import { installStandIns, loadAllPages, renderRoot, scaleTree } from '../scaleTree';

const [disks, tracked] = process.argv.slice(2).map(Number);
const gc = (globalThis as { gc?: () => void }).gc;

function settledRss(): number {
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().rss;
}

async function main(): Promise<void> {
  installStandIns();
  // Everything loaded and warmed on a small tree first, so the growth is the data, not the code.
  const warm = await scaleTree(1_000, 10);
  await loadAllPages(warm.provider, 1_000);
  await renderRoot(warm.provider);
  warm.dispose();
  const before = settledRss();
  const tree = await scaleTree(disks, tracked);
  await loadAllPages(tree.provider, disks);
  await renderRoot(tree.provider);
  tree.provider.setFilter('team-7');
  await renderRoot(tree.provider);
  tree.provider.setFilter('');
  const shown = await renderRoot(tree.provider);
  if (shown !== disks) throw new Error(`rendered ${shown} of ${disks} disks`);
  const after = settledRss();
  console.log(JSON.stringify({ growthMB: (after - before) / 2 ** 20, rssMB: after / 2 ** 20, heapMB: process.memoryUsage().heapUsed / 2 ** 20 }));
  tree.dispose();
}

void main();

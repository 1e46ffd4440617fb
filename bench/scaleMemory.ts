// Issue 12's scale target: "memory of the extension host part under 300 MB RSS at 100,000 disks
// loaded". A fresh process per repetition (bench/children/scaleMemory.ts) loads the Disks view's
// provider, PagedList and tracker with 100,000 disks and 1,000 tracked operations and reports its
// RSS growth; baseline: the same process with no disk. The figures are MB, not ms.
import { join } from 'node:path';
import type { Measurement } from './measurement';
import { repoRoot, runChild } from './prodBuild';

interface Reported {
  growthMB: number;
  rssMB: number;
  heapMB: number;
}

let last: Reported | undefined;

async function grow(disks: number, tracked: number): Promise<Reported> {
  const child = join(repoRoot, 'bench', 'children', 'scaleMemory.ts');
  return runChild<Reported>(['--import', 'tsx', '--expose-gc', child, String(disks), String(tracked)], repoRoot);
}

export const scaleMemory: Measurement = {
  name: 'RSS growth of the Disks view holding 100,000 disks (1,000 tracked)',
  unit: 'MB',
  budget: { ms: 300, of: 'max' },
  repetitions: { quick: 1, full: 3 },
  teardown() {
    if (last) console.log(`  memory: ${last.growthMB.toFixed(0)} MB RSS growth (process ${last.rssMB.toFixed(0)} MB, heap ${last.heapMB.toFixed(0)} MB)`);
    last = undefined;
  },
  baseline: { name: 'the same process, no disk', run: async () => (await grow(0, 0)).growthMB },
  subject: {
    name: '100,000 disks, 1,000 tracked, root rendered, filter typed and cleared',
    async run() {
      last = await grow(100_000, 1_000);
      return last.growthMB;
    },
  },
};

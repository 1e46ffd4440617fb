// Issue 12: "loading 100,000 disks through PagedList". The tree's list of disks fed 200 pages of
// 500 disks (already in memory: only the list's own work is timed), keyed by disk id as the tree
// keys it, with each page repeating the last disk of the page before (the list shifted while
// paging) so the dedupe has work to do. Budget: linear, at most 2 ms a page, so 400 ms for the
// 200 pages; the ratio shows what the list costs over a plain array and Set doing the same work.
import type { Measurement } from './measurement';
import type { Disk, Page } from '../src/ecs/gateway';
import { PagedList } from '../src/view/pagedList';

const DISKS = 100_000;
const PAGE = 500;
const PAGES = DISKS / PAGE;

let pages: Page<Disk>[] = [];
let sink = 0;

function disk(i: number): Disk {
  return {
    diskId: `d-bench${String(i).padStart(8, '0')}`, diskName: `disk-${i}`, description: '', sizeGiB: 40, category: 'cloud_essd',
    performanceLevel: 'PL1', status: 'In_use', type: 'data', instanceId: `i-bench${Math.floor(i / 4)}`, zoneId: 'cn-hangzhou-k',
    creationTime: '2024-01-01T00:00:00Z', tags: [], lockReasons: [],
  };
}

async function loadThroughPagedList(): Promise<void> {
  const list = new PagedList<Disk>(async (token) => pages[token ? Number(token) : 0], (d) => d.diskId);
  while (list.hasMore) await list.loadNext();
  if (list.items.length !== DISKS) throw new Error(`loaded ${list.items.length} disks, expected ${DISKS}`);
  sink += list.items.length;
}

/** The same pages into a plain array, deduped against a Set, awaiting each page the same way. */
async function loadIntoArray(): Promise<void> {
  const items: Disk[] = [];
  const seen = new Set<string>();
  for (let n = 0; n < PAGES; n++) {
    const page = await Promise.resolve(pages[n]);
    for (const d of page.items) {
      if (seen.has(d.diskId)) continue;
      seen.add(d.diskId);
      items.push(d);
    }
  }
  if (items.length !== DISKS) throw new Error(`loaded ${items.length} disks, expected ${DISKS}`);
  sink += items.length;
}

export const pagedListLoad: Measurement = {
  name: 'loading 100,000 disks through PagedList',
  budget: { ms: 2 * PAGES, ratio: 5 },
  setup() {
    const all = Array.from({ length: DISKS }, (_, i) => disk(i));
    pages = Array.from({ length: PAGES }, (_, n) => ({
      items: n === 0 ? all.slice(0, PAGE) : [all[n * PAGE - 1], ...all.slice(n * PAGE, (n + 1) * PAGE)],
      nextToken: n + 1 < PAGES ? String(n + 1) : undefined,
    }));
  },
  teardown() {
    pages = [];
    if (sink < 0) console.log(sink);
  },
  baseline: { name: 'a plain array and Set, the same 200 pages', run: loadIntoArray },
  subject: { name: `PagedList, ${PAGES} pages of ${PAGE} (2 ms a page)`, run: loadThroughPagedList },
};

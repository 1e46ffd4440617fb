// The root's disk rows at 100,000 disks (issue 12): each disk read once per filter, a new page
// reads only its own disks, clearing the filter reads nothing again, a big filter yields.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Disk } from '../../src/ecs/gateway';
import { DiskNode } from '../../src/view/nodes';
import type { RegionDisks } from '../../src/view/regionDisks';
import { ShownDisks } from '../../src/view/shownDisks';
import { parseFilter } from '../../src/view/diskFilter';

const disk = (n: number): Disk => ({
  diskId: `d-${n}`, diskName: `disk-${n}`, description: '', sizeGiB: 40, category: 'cloud_essd', status: 'In_use', type: 'data',
  zoneId: 'z', creationTime: '', tags: [], lockReasons: [],
});

function rows(sliceMs = 1_000) {
  const items: Disk[] = [];
  const region = { disks: { items } } as unknown as RegionDisks;
  const nodes = new Map<string, DiskNode>();
  const state = { filter: '', reads: 0, finished: 0 };
  const shown = new ShownDisks({
    diskNode: (r, d) => {
      state.reads++;
      let node = nodes.get(d.diskId);
      if (!node) nodes.set(d.diskId, (node = new DiskNode(r, d)));
      return node;
    },
    filterText: () => state.filter,
    filterTerms: () => parseFilter(state.filter),
    sliceMs,
    finished: () => state.finished++,
  });
  const load = (from: number, count: number) => {
    for (let n = from; n < from + count; n++) items.push(disk(n));
  };
  const ids = async () => (await shown.nodes(region)).map((n) => n.disk.diskId);
  return { shown, region, state, load, ids };
}

describe('the root\'s disk rows', () => {
  it('a new page reads only its disks; clearing a filter reads nothing again', async () => {
    const { state, load, ids } = rows();
    load(0, 3_000);
    assert.equal((await ids()).length, 3_000);
    assert.equal(state.reads, 3_000);
    load(3_000, 500);
    assert.equal((await ids()).length, 3_500);
    assert.equal(state.reads, 3_500, 'the earlier pages read again');
    state.filter = 'disk-12';
    assert.deepEqual(await ids(), ['d-12', 'd-120', 'd-121', 'd-122', 'd-123', 'd-124', 'd-125', 'd-126', 'd-127', 'd-128', 'd-129', ...Array.from({ length: 100 }, (_, i) => `d-${1200 + i}`)]);
    assert.equal(state.reads, 7_000);
    state.filter = '';
    assert.equal((await ids()).length, 3_500);
    assert.equal(state.reads, 7_000, 'clearing the filter read the disks again');
  });

  it('a reading that yields ends with every match and says it finished', async () => {
    const { shown, region, state, load, ids } = rows(0);
    load(0, 5_000);
    state.filter = 'disk-49';
    assert.equal(shown.status(region).done, false);
    assert.deepEqual(await ids(), ['d-49', ...Array.from({ length: 10 }, (_, i) => `d-${490 + i}`), ...Array.from({ length: 100 }, (_, i) => `d-${4900 + i}`)]);
    assert.equal(state.finished, 1);
  });
});

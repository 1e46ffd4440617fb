// PagedList at scale (issue 12): a page costs only its own items. The keys already seen are kept,
// not rebuilt from every loaded item per page, and the list is appended to, not copied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PagedList } from '../../src/view/pagedList';

interface Item {
  id: string;
}

/** `pages` pages of `size` items; each page repeats the last item of the page before (the list shifted). */
function shiftingPages(pages: number, size: number) {
  let keyCalls = 0;
  const keyOf = (item: Item) => {
    keyCalls++;
    return item.id;
  };
  const list = new PagedList<Item>(async (token) => {
    const n = token ? Number(token) : 0;
    const start = n * size;
    const items = Array.from({ length: size }, (_, i) => ({ id: `d-${start + i}` }));
    if (n > 0) items.unshift({ id: `d-${start - 1}` });
    return { items, nextToken: n + 1 < pages ? String(n + 1) : undefined };
  }, keyOf);
  return { list, keyCalls: () => keyCalls };
}

test('loading N pages looks at each item once: no per-page rebuild of the loaded keys', async () => {
  const pages = 40;
  const size = 100;
  const src = shiftingPages(pages, size);
  while (src.list.hasMore) await src.list.loadNext();
  assert.equal(src.list.items.length, pages * size, 'the repeated item of every page was dropped');
  const delivered = pages * size + (pages - 1);
  assert.ok(src.keyCalls() <= delivered, `${src.keyCalls()} key computations for ${delivered} delivered items`);
});

test('dedupe across pages keeps page order and the first copy; find() answers by key', async () => {
  const src = shiftingPages(3, 4);
  const first = await src.list.loadNext();
  const second = await src.list.loadNext();
  assert.deepEqual(first.map((i) => i.id), ['d-0', 'd-1', 'd-2', 'd-3']);
  assert.deepEqual(second.map((i) => i.id), ['d-4', 'd-5', 'd-6', 'd-7'], 'd-3 came again and was dropped');
  await src.list.loadNext();
  assert.deepEqual(src.list.items.map((i) => i.id), Array.from({ length: 12 }, (_, i) => `d-${i}`));
  assert.equal(src.list.find('d-3'), first[3]);
  assert.equal(src.list.find('d-99'), undefined);
});

test('a removed item is forgotten: it may come back on a later page; a reset forgets every key', async () => {
  const src = shiftingPages(2, 3);
  await src.list.loadNext();
  src.list.remove((i) => i.id === 'd-2');
  assert.equal(src.list.find('d-2'), undefined);
  const next = await src.list.loadNext();
  assert.deepEqual(next.map((i) => i.id), ['d-2', 'd-3', 'd-4', 'd-5']);
  src.list.reset();
  assert.equal(src.list.find('d-0'), undefined);
  assert.deepEqual((await src.list.loadNext()).map((i) => i.id), ['d-0', 'd-1', 'd-2']);
});

test('Load more while a page loads: one request, the page appended once', async () => {
  let calls = 0;
  let release!: () => void;
  const list = new PagedList<Item>((token) => {
    calls++;
    return new Promise((resolve) => {
      release = () => resolve({ items: [{ id: token ?? 'first' }], nextToken: token ? undefined : 'second' });
    });
  }, (i) => i.id);
  const a = list.loadNext();
  release();
  await a;
  const clicks = [list.loadNext(), list.loadNext(), list.loadNext()];
  release();
  await Promise.all(clicks);
  assert.equal(calls, 2);
  assert.deepEqual(list.items.map((i) => i.id), ['first', 'second']);
});

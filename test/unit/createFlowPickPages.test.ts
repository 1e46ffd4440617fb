// The disk picker's pages into one quick pick (issue 12): VS Code cannot append to a QuickPick, so
// every hand-over re-sends the whole list. The fake pick below counts what is handed over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GROWTH, PickPages, type ItemList } from '../../src/commands/createSnapshot/pickPages';

interface Item {
  id: number;
}

/** A QuickPick's items/activeItems, counting every item handed over (as the workbench receives them). */
class FakePick implements ItemList<Item> {
  handed = 0;
  assignments = 0;
  private list: readonly Item[] = [];
  activeItems: readonly Item[] = [];
  get items(): readonly Item[] {
    return this.list;
  }
  set items(items: readonly Item[]) {
    this.handed += items.length;
    this.assignments++;
    this.list = items;
    this.activeItems = items.slice(0, 1); // the workbench highlights the first row again
  }
}

function page(n: number, size: number): Item[] {
  return Array.from({ length: size }, (_, i) => ({ id: n * size + i }));
}

test('100,000 disks in pages of 500: at most 2x the list handed to the pick, every disk shown in the end', () => {
  const pick = new FakePick();
  const pages = new PickPages<Item>(pick);
  for (let n = 0; n < 200; n++) pages.add(page(n, 500));
  pages.flush(); // the source ended
  assert.equal(pick.items.length, 100_000);
  assert.deepEqual(pick.items.slice(0, 3).map((i) => i.id), [0, 1, 2], 'in page order');
  assert.equal(pages.handedOver, pick.handed);
  assert.ok(pick.handed <= 2 * 100_000, `${pick.handed} items handed over for 100,000`);
});

test('at any size the hand-overs stay within 1 + GROWTH/(GROWTH-1) times the list', () => {
  for (const total of [1, 499, 500, 501, 2000, 2001, 8001, 32_001, 60_000, 128_001]) {
    const pick = new FakePick();
    const pages = new PickPages<Item>(pick);
    for (let start = 0; start < total; start += 500) pages.add(page(0, Math.min(500, total - start)));
    pages.flush();
    assert.equal(pick.items.length, total);
    assert.ok(pick.handed <= total * (1 + GROWTH / (GROWTH - 1)), `${total}: ${pick.handed}`);
  }
});

test('the first page shows at once; later pages wait until the list grew GROWTH-fold or the user types', () => {
  const pick = new FakePick();
  const pages = new PickPages<Item>(pick);
  pages.add(page(0, 500));
  assert.equal(pick.items.length, 500, 'the first page is shown at once');
  pages.add(page(1, 500));
  assert.equal(pick.items.length, 500);
  assert.ok(pages.pending);
  pages.flush(); // typing: the search covers every loaded choice
  assert.equal(pick.items.length, 1000);
  assert.ok(!pages.pending);
  const before = pick.assignments;
  pages.flush();
  assert.equal(pick.assignments, before, 'nothing new: nothing handed over');
  for (let n = 2; n < 4; n++) pages.add(page(n, 500));
  assert.equal(pick.items.length, 1000);
  for (let n = 4; n < 8; n++) pages.add(page(n, 500));
  assert.equal(pick.items.length, 4000, 'handed over at GROWTH times what was shown');
});

test('the user\'s highlight stays where it was; the wanted choice is highlighted as soon as it arrives', () => {
  const pick = new FakePick();
  const pages = new PickPages<Item>(pick, (item) => item.id === 1700);
  pages.add(page(0, 500));
  pick.activeItems = [pick.items[42]]; // the user moved down
  for (let n = 1; n < 3; n++) pages.add(page(n, 500));
  assert.equal(pick.items.length, 500);
  pages.add(page(3, 500)); // carries id 1700
  assert.equal(pick.items.length, 2000, 'handed over at once: it carries the wanted choice');
  assert.deepEqual(pick.activeItems.map((i) => i.id), [1700]);
  pick.activeItems = [pick.items[7]];
  for (let n = 4; n < 16; n++) pages.add(page(n, 500));
  assert.equal(pick.items.length, 8000);
  assert.deepEqual(pick.activeItems.map((i) => i.id), [7], 'kept after the next hand-over');
});

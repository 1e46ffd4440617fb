// Issue 12: "Create Snapshot disk picker, 100,000 disks". What the picker hands to VS Code while
// 200 pages of 500 disk choices arrive. A QuickPick cannot append, so each hand-over re-sends
// the whole list; the fake pick here does per item what the extension host does with a new
// `items` list (an item handle and a transfer object with the texts). Baseline: the finished list
// handed over once. Budget: at most 2x the baseline (the "<= 2x the list"); the exact
// count of items handed over is printed after the row.
import type { Measurement } from './measurement';
import { GROWTH, PickPages, type ItemList } from '../src/commands/createSnapshot/pickPages';

const DISKS = 100_000;
const PAGE = 500;

interface Item {
  label: string;
  description: string;
  detail: string;
}

class WorkbenchPick implements ItemList<Item> {
  handed = 0;
  activeItems: readonly Item[] = [];
  private sent: unknown[] = [];
  private list: readonly Item[] = [];
  get items(): readonly Item[] {
    return this.list;
  }
  set items(items: readonly Item[]) {
    this.list = items.slice();
    this.sent = this.list.map((item, handle) => ({ handle, label: item.label, description: item.description, detail: item.detail }));
    this.handed += items.length;
  }
  get sentCount(): number {
    return this.sent.length;
  }
}

let pages: Item[][] = [];
let lastHanded = 0;

function handPages(): void {
  const pick = new WorkbenchPick();
  const picker = new PickPages<Item>(pick);
  for (const page of pages) picker.add(page);
  picker.flush(); // the source ended
  if (pick.sentCount !== DISKS) throw new Error(`the pick shows ${pick.sentCount} disks, expected ${DISKS}`);
  lastHanded = pick.handed;
}

function handOnce(): void {
  const pick = new WorkbenchPick();
  pick.items = pages.flat();
  if (pick.sentCount !== DISKS) throw new Error('lost disks');
}

export const diskPicker: Measurement = {
  name: 'Create Snapshot disk picker, 100,000 disks',
  budget: { ratio: 2 },
  setup() {
    pages = Array.from({ length: DISKS / PAGE }, (_, n) =>
      Array.from({ length: PAGE }, (_, i) => {
        const k = n * PAGE + i;
        return { label: `$(database) disk-${k}`, description: `d-bench${k} · 40 GiB · ESSD PL1 · In use`, detail: `on i-bench${k >> 2} /dev/xvdb` };
      }),
    );
  },
  teardown() {
    pages = [];
    console.log(`  disk picker: ${lastHanded.toLocaleString('en')} items handed to VS Code for ${DISKS.toLocaleString('en')} disks (${(lastHanded / DISKS).toFixed(2)}x the list, growth ${GROWTH}x; every page re-handed: ${(((DISKS / PAGE) * (DISKS / PAGE + 1) * PAGE) / 2).toLocaleString('en')})`);
  },
  baseline: { name: 'the 100,000 choices handed over once', run: handOnce },
  subject: { name: '200 pages of 500 handed over as they grow', run: handPages },
};

// The Disks view's title bar, read from the manifest: few enough inline buttons that the title
// "ECS Snapshots: Disks" fits a default-width side bar, and every other action in the `...` menu.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { menus: { 'view/title': MenuItem[] } };
};
const titleMenu = manifest.contributes.menus['view/title'];

/** The few `when` forms the title menu uses (`view == x`, `key`, `!key`, joined by &&); anything else fails the test. */
function holds(when: string | undefined, context: Record<string, string | boolean>): boolean {
  if (!when) return true;
  return when.split('&&').every((raw) => {
    const term = raw.trim();
    const equals = /^([\w.]+)\s*==\s*([\w.]+)$/.exec(term);
    if (equals) return context[equals[1]] === equals[2];
    const key = /^(!?)([\w.]+)$/.exec(term);
    if (key) return Boolean(context[key[2]]) !== (key[1] === '!');
    throw new Error(`unsupported when clause: ${term}`);
  });
}

const contexts = [false, true].map((filtered) => ({ view: 'ecsSnapshots.disks', 'ecsSnapshots.filtered': filtered }));
const shown = (context: Record<string, string | boolean>) => titleMenu.filter((item) => holds(item.when, context));
const isInline = (item: MenuItem) => (item.group ?? '').split('@')[0] === 'navigation';

test('at most 3 inline title buttons, filtered or not (with Collapse All and "..." the title still fits)', () => {
  for (const context of contexts) {
    const inline = shown(context).filter(isInline).map((i) => i.command);
    assert.ok(inline.length >= 1 && inline.length <= 3, `inline title buttons ${JSON.stringify(context)}: ${inline.join(', ')}`);
  }
});

test('the most used actions stay inline: Create Snapshot, Filter (or Clear Filter), Refresh', () => {
  const inline = (filtered: boolean) => shown({ view: 'ecsSnapshots.disks', 'ecsSnapshots.filtered': filtered }).filter(isInline).map((i) => i.command);
  assert.deepEqual(inline(false), ['ecsSnapshots.createSnapshot', 'ecsSnapshots.filterDisks', 'ecsSnapshots.refresh']);
  assert.deepEqual(inline(true), ['ecsSnapshots.createSnapshot', 'ecsSnapshots.clearFilter', 'ecsSnapshots.refresh']);
});

test('every other title action is in the "..." menu, in groups ordered as VS Code sorts them', () => {
  const overflow = shown(contexts[0]).filter((item) => !isInline(item));
  // VS Code sorts overflow groups by name, then by the number after "@".
  const order = (item: MenuItem) => {
    const [group, priority] = (item.group ?? '').split('@');
    return { group, priority: Number(priority ?? 0) };
  };
  const sorted = [...overflow].sort((a, b) => order(a).group.localeCompare(order(b).group) || order(a).priority - order(b).priority);
  assert.deepEqual(
    sorted.map((i) => i.command),
    [
      'ecsSnapshots.groupByInstance',
      'ecsSnapshots.selectRegion',
      'ecsSnapshots.selectProfile',
      'ecsSnapshots.setAccessKey',
      'ecsSnapshots.trySandbox',
      'ecsSnapshots.quickBackup',
      'ecsSnapshots.setQuickBackupDisk',
      'ecsSnapshots.showLog',
    ],
  );
  for (const item of overflow) assert.match(item.group ?? '', /^\d+_\w+@\d+$/, `${item.command} has no ordered group`);
});

// "Group by Instance" in the manifest: one of the two toggle commands shows at a time, in the
// view's "..." menu (the title keeps its 3 inline buttons) and in the palette, titles in 3 languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string; title: string }[]; menus: Record<string, MenuItem[]> };
};
const TOGGLES = ['ecsSnapshots.groupByInstance', 'ecsSnapshots.ungroupDisks'];

/** `view == x`, `key`, `!key` joined by && (the forms these entries use). */
function holds(when: string | undefined, context: Record<string, string | boolean>): boolean {
  return (when ?? '').split('&&').filter((t) => t.trim()).every((raw) => {
    const term = raw.trim();
    const equals = /^([\w.]+)\s*==\s*([\w.]+)$/.exec(term);
    if (equals) return context[equals[1]] === equals[2];
    const key = /^(!?)([\w.]+)$/.exec(term);
    assert.ok(key, `unsupported when clause: ${term}`);
    return Boolean(context[key[2]]) !== (key[1] === '!');
  });
}

test('exactly one toggle shows in the "..." menu and in the palette, whichever way the view is grouped', () => {
  for (const [grouped, expected] of [[false, 'ecsSnapshots.groupByInstance'], [true, 'ecsSnapshots.ungroupDisks']] as const) {
    const context = { view: 'ecsSnapshots.disks', 'ecsSnapshots.groupedByInstance': grouped };
    const title = manifest.contributes.menus['view/title'].filter((i) => TOGGLES.includes(i.command) && holds(i.when, context));
    assert.deepEqual(title.map((i) => i.command), [expected]);
    assert.ok(!title[0].group?.startsWith('navigation'), 'not inline: the title bar keeps Create Snapshot, Filter, Refresh');
    const palette = manifest.contributes.menus.commandPalette.filter((i) => TOGGLES.includes(i.command) && holds(i.when, context));
    assert.deepEqual(palette.map((i) => i.command), [expected]);
  }
});

test('both toggles have a title in English, Simplified and Traditional Chinese', () => {
  const nls = ['package.nls.json', 'package.nls.zh-cn.json', 'package.nls.zh-tw.json'].map(
    (f) => JSON.parse(readFileSync(join(root, f), 'utf8')) as Record<string, string>,
  );
  for (const id of TOGGLES) {
    const title = manifest.contributes.commands.find((c) => c.command === id)?.title;
    const key = /^%(.+)%$/.exec(title ?? '')?.[1];
    assert.ok(key, `${id} has a localised title`);
    for (const bundle of nls) assert.ok(bundle[key]?.trim(), `${key} in every language`);
    assert.notEqual(nls[1][key], nls[0][key]);
    assert.notEqual(nls[2][key], nls[0][key]);
  }
});

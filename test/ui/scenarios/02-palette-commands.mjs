// A person types "ECS Snapshots" in the command palette and sees the extension's commands, titled
// as package.nls.json says, and none of the ones the manifest hides from the palette.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../scripts/vscode/paths.mjs';
import { expect } from '../workbench.mjs';

export const title = 'The command palette lists the ECS Snapshots commands by their titles';

function paletteTitles() {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const nls = JSON.parse(readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
  const text = (value) => (value.startsWith('%') ? nls[value.slice(1, -1)] : value);
  const hidden = new Set(manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false' || m.when.startsWith('ecsSnapshots.')).map((m) => m.command));
  const category = text(manifest.contributes.commands[0].category);
  return {
    category,
    shown: manifest.contributes.commands.filter((c) => !hidden.has(c.command)).map((c) => `${category}: ${text(c.title)}`),
    hiddenTitles: manifest.contributes.commands.filter((c) => hidden.has(c.command)).map((c) => `${category}: ${text(c.title)}`),
  };
}

export default async function (workbench) {
  const { category, shown, hiddenTitles } = paletteTitles();
  await workbench.open();
  await workbench.openPalette();
  await workbench.typeIntoQuickInput(`>${category}:`);
  // The palette draws only the rows that fit: what is below them is looked up by its own title.
  const first = await workbench.waitUntil(
    () => workbench.quickInputLabels(),
    (seen) => seen.length >= Math.min(shown.length, 10) && seen.every((t) => t.startsWith(`${category}:`)),
    `the palette does not list the ${category} commands`,
  );
  await workbench.screenshot('command-palette');
  const labels = new Set(first);
  for (const title of shown.filter((t) => !labels.has(t))) {
    await workbench.typeIntoQuickInput(`>${title}`);
    const found = await workbench.waitUntil(() => workbench.quickInputLabels(), (seen) => seen.includes(title), `the palette does not list "${title}"`);
    found.forEach((t) => labels.add(t));
  }
  for (const title of hiddenTitles) {
    // A hidden command must not show up even when its exact title is typed.
    await workbench.typeIntoQuickInput(`>${title}`);
    await workbench.page.waitForTimeout(300);
    const rows = await workbench.quickInputRows().locator('.label-name').allInnerTexts();
    rows.forEach((t) => labels.add(t));
  }
  const leaked = hiddenTitles.filter((t) => labels.has(t));
  expect(leaked.length === 0, `commands meant to be hidden from the palette are listed: ${leaked.join(', ')}`);
  await workbench.pressEscape();
}

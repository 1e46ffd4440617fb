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
  const labels = await workbench.waitUntil(
    () => workbench.quickInputLabels(),
    (seen) => shown.every((t) => seen.includes(t)),
    `the palette does not list every ${category} command`,
  );
  await workbench.screenshot('command-palette');
  const leaked = hiddenTitles.filter((t) => labels.includes(t));
  expect(leaked.length === 0, `commands meant to be hidden from the palette are listed: ${leaked.join(', ')}`);
  await workbench.pressEscape();
}

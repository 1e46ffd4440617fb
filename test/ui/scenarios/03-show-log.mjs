// A person runs "ECS Snapshots: Show Log" from the palette and the extension's log opens in the
// Output panel.
import { expect } from '../workbench.mjs';

export const title = 'Running "Show Log" from the palette opens the ECS Snapshots output';

export default async function (workbench) {
  await workbench.open();
  await workbench.runCommand('ECS Snapshots: Show Log');
  const panel = workbench.page.locator('.part.panel');
  await panel.waitFor({ timeout: 20_000 });
  // The Output view names the shown channel in its drop-down.
  const channel = await workbench.waitUntil(
    () => panel.locator('select.monaco-select-box, .monaco-select-box').first().evaluate((el) => (el instanceof HTMLSelectElement ? el.selectedOptions[0]?.text : el.textContent) ?? '').catch(() => ''),
    (text) => /ECS Snapshots/.test(text),
    'the Output panel does not show the ECS Snapshots channel',
  );
  expect(/ECS Snapshots/.test(channel), 'wrong output channel');
  await workbench.screenshot('show-log');
}

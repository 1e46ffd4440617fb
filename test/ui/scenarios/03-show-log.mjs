// A person opens the Disks view, then runs "ECS Snapshots: Show Log" from the command palette:
// the extension's log opens in the Output panel and tells what it did.
export const title = 'Running "Show Log" from the command palette opens the ECS Snapshots output';

export default async function (workbench) {
  await workbench.open();
  await workbench.openView('ECS Snapshots');
  await workbench.page.locator('.sidebar .monaco-list-row').first().waitFor({ timeout: 20_000 });
  await workbench.runCommand('ECS Snapshots: Show Log');
  const panel = workbench.page.locator('.part.panel');
  await panel.waitFor({ timeout: 20_000 });
  // The Output view names the channel it shows in its drop-down.
  await workbench.waitUntil(
    () => panel.locator('select').first().evaluate((select) => select.selectedOptions[0]?.text ?? '').catch(() => ''),
    (channel) => channel === 'ECS Snapshots',
    'the Output panel does not show the ECS Snapshots channel',
  );
  const log = panel.locator('.view-lines');
  await workbench.waitUntil(() => log.innerText().catch(() => ''), (text) => text.trim().length > 0, 'the ECS Snapshots log is empty');
  await workbench.screenshot('show-log');
}

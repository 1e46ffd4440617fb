// A person runs "ECS Snapshots: Show Log" from the command palette and the extension's log opens
// in the Output panel.
export const title = 'Running "Show Log" from the command palette opens the ECS Snapshots output';

export default async function (workbench) {
  await workbench.open();
  await workbench.runCommand('ECS Snapshots: Show Log');
  const panel = workbench.page.locator('.part.panel');
  await panel.waitFor({ timeout: 20_000 });
  // The Output view names the channel it shows in its drop-down.
  await workbench.waitUntil(
    () => panel.locator('select').first().evaluate((select) => select.selectedOptions[0]?.text ?? '').catch(() => ''),
    (channel) => channel === 'ECS Snapshots',
    'the Output panel does not show the ECS Snapshots channel',
  );
  await workbench.screenshot('show-log');
}

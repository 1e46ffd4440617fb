// A new user without an Alibaba Cloud account clicks "Try the Sandbox" in the welcome view: the
// extension starts its own emulator (no endpoint, no keys configured) and every disk is there.
import { readFileSync } from 'node:fs';
import { expect } from '../workbench.mjs';

export const title = 'Nothing configured -> "Try the Sandbox" -> the built-in emulator\'s disks';

/** Nothing at all: no credential source, no endpoint. */
export const settings = () => ({});

export default async function (workbench) {
  const { sandbox, userSettingsFile } = workbench.context;
  await workbench.open();
  await workbench.openView('ECS Snapshots');

  const welcome = workbench.page.locator('.sidebar .welcome-view-content').first();
  await welcome.waitFor({ timeout: 45_000 });
  await welcome.getByText('Try the Sandbox').click();

  const rows = await workbench.waitUntil(
    () => workbench.treeRows(),
    (seen) => seen.some((r) => r.startsWith('web-01-data')),
    'the built-in sandbox\'s disks do not appear',
    45_000,
  );
  const sideBar = await workbench.page.locator('.sidebar').innerText();
  expect(sideBar.includes('cn-hangzhou · sandbox'), `the view does not say it shows the sandbox: ${sideBar.slice(0, 200)}`);
  expect(rows.length >= 10, `only ${rows.length} disks are listed`);
  // The runner's own sandbox was not used: the extension started one inside the extension host.
  expect(sandbox.stats.total === 0, `the scenario's sandbox received ${sandbox.stats.total} requests`);
  expect(/"ecsSnapshots\.credentialSource":\s*"sandbox"/.test(readFileSync(userSettingsFile, 'utf8')), 'the choice was not saved in settings');
  await workbench.screenshot('try-sandbox');
}

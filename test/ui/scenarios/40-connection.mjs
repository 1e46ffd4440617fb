// A new user with nothing configured: the welcome view offers the ways in; they enter an AccessKey
// in the real input boxes (the secret in a password box), see their disks, and the secret is
// nowhere in settings.json. A wrong secret then shows the rejection in the tree, not an empty view.
import { readFileSync } from 'node:fs';
import { expect } from '../workbench.mjs';

export const title = 'Nothing configured -> welcome view -> Set AccessKey -> disks; the secret stays out of settings';

/** Only the endpoint: no credential source chosen yet (and no aliyun CLI config on this machine). */
export const settings = (sandbox) => ({ 'ecsSnapshots.endpoint': sandbox.endpoint, 'ecsSnapshots.region': 'cn-hangzhou' });

async function enterAccessKey(workbench, accessKeyId, secret) {
  const input = workbench.quickInput();
  await workbench.waitUntil(
    () => workbench.page.locator('.quick-input-widget').innerText().catch(() => ''),
    (text) => text.includes('Set AccessKey (1/2)'),
    'the AccessKey ID box does not open',
  );
  await workbench.typeIntoQuickInput(accessKeyId);
  await input.press('Enter');
  await workbench.waitUntil(
    () => workbench.page.locator('.quick-input-widget').innerText().catch(() => ''),
    (text) => text.includes('Set AccessKey (2/2)'),
    'the AccessKey secret box does not open',
  );
  expect((await input.getAttribute('type')) === 'password', 'the secret box is not a password box');
  await workbench.typeIntoQuickInput(secret);
  await input.press('Enter');
  await workbench.quickInput().waitFor({ state: 'hidden', timeout: 20_000 });
}

export default async function (workbench) {
  const { sandbox, userSettingsFile } = workbench.context;
  await workbench.open();
  await workbench.openView('ECS Snapshots');

  // The welcome view explains and offers the three ways in.
  const welcome = workbench.page.locator('.sidebar .welcome-view-content').first();
  await welcome.waitFor({ timeout: 45_000 });
  const welcomeText = await welcome.innerText();
  for (const button of ['Use an aliyun CLI Profile', 'Enter an AccessKey', 'Try the Sandbox']) {
    expect(welcomeText.includes(button), `the welcome view does not offer "${button}": ${welcomeText}`);
  }
  await workbench.screenshot('connection-welcome');

  // Enter the sandbox's key pair through the welcome button, as a person would.
  await welcome.getByText('Enter an AccessKey').click();
  await enterAccessKey(workbench, sandbox.accessKeyId, sandbox.accessKeySecret);
  await workbench.waitUntil(
    () => workbench.treeRows(),
    (rows) => rows.some((r) => r.startsWith('web-01-data')),
    'the disks do not appear after the AccessKey was entered',
    45_000,
  );
  const sideBar = await workbench.page.locator('.sidebar').innerText();
  expect(/AccessKey LTAI…0001/.test(sideBar), `the view does not say it uses the AccessKey: ${sideBar.slice(0, 300)}`);
  await workbench.screenshot('connection-accesskey');

  const settingsText = readFileSync(userSettingsFile, 'utf8');
  expect(/"ecsSnapshots\.credentialSource":\s*"accessKey"/.test(settingsText), `settings.json does not select the AccessKey: ${settingsText}`);
  expect(!settingsText.includes(sandbox.accessKeySecret), 'the AccessKey secret was written to settings.json');

  // A wrong secret: ECS rejects the signature and the tree says so (error row), nothing is loaded.
  const wrongSecret = 'WrongSecret-0123456789abcdef';
  await workbench.startCommand('ECS Snapshots: Set AccessKey...');
  await enterAccessKey(workbench, sandbox.accessKeyId, wrongSecret);
  const rows = await workbench.waitUntil(
    () => workbench.treeRows(),
    (seen) => seen.some((r) => r.includes('SignatureDoesNotMatch')),
    'a wrong secret does not show the signature error in the tree',
    45_000,
  );
  expect(!rows.some((r) => r.startsWith('web-01-data')), 'disks are still listed with a rejected secret');
  expect(rows.some((r) => r.includes('Enter an AccessKey...')), `the tree offers no way out of rejected credentials: ${rows.join(' | ')}`);
  expect(!rows.join('\n').includes(wrongSecret), 'the secret is shown in the tree');
  await workbench.screenshot('connection-rejected');
}

// A new user with nothing configured: the welcome view offers the ways in; they enter an AccessKey
// in the real input boxes (the secret in a password box), see their disks, and the secret is
// nowhere in settings.json. A wrong secret then shows the whole rejection and the ways out, at the
// default side-bar width, with the view title uncut.
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

  // A wrong secret: ECS rejects the signature. At the default side-bar width the view says so in
  // full (the message line wraps; a row would be cut) and offers Retry, the ways out and the log.
  const wrongSecret = 'WrongSecret-0123456789abcdef';
  await workbench.startCommand('ECS Snapshots: Set AccessKey...');
  await enterAccessKey(workbench, sandbox.accessKeyId, wrongSecret);
  const message = workbench.page.locator('.sidebar .message').filter({ hasText: 'SignatureDoesNotMatch' }).first();
  await message.waitFor({ timeout: 45_000 });
  const messageText = (await message.innerText()).replace(/\s+/g, ' ');
  expect(
    /The AccessKey secret does not match the AccessKey ID\. .+\(SignatureDoesNotMatch, request ID [\w-]+\)/.test(messageText),
    `the view does not show the whole rejection: ${messageText}`,
  );
  const rows = await workbench.waitUntil(
    () => workbench.treeRows(),
    (seen) => ['Retry', 'Enter an AccessKey...', 'Choose Another Profile...', 'Show Log'].every((label) => seen.includes(label)),
    'the tree does not offer Retry, the ways out and Show Log under rejected credentials',
  );
  expect(!rows.some((r) => r.startsWith('web-01-data')), 'disks are still listed with a rejected secret');
  expect(!(rows.join('\n') + messageText).includes(wrongSecret), 'the secret is shown in the view');
  const sideBarWidth = (await workbench.page.locator('.sidebar').boundingBox())?.width ?? 0;
  expect(sideBarWidth < 400, `the side bar is not at its default width (${sideBarWidth} px)`);
  const shown = await cutTexts(workbench, '.sidebar .message, .sidebar .monaco-list-row .monaco-icon-label-container');
  expect(shown.measured >= 5, `measured ${shown.measured} boxes, expected the message and 4 rows`);
  expect(shown.cut.length === 0, `cut at ${sideBarWidth} px: ${shown.cut.join(' | ')}`);
  await workbench.page.locator('.sidebar .monaco-list-row').first().hover(); // title actions show on hover
  const title = await cutTexts(workbench, '.sidebar .composite.title .title-label, .sidebar .composite.title .title-label h2');
  expect(title.measured === 2, `measured ${title.measured} title boxes, expected 2`);
  expect(title.cut.length === 0, `the view title is cut at ${sideBarWidth} px: ${title.cut.join(' | ')}`);
  await workbench.screenshot('connection-rejected');

  // Show Log opens the log with the full request line.
  await workbench.page.locator('.sidebar .monaco-list-row').filter({ hasText: 'Show Log' }).first().click();
  await workbench.waitUntil(
    () => workbench.page.locator('.part.panel').innerText().catch(() => ''),
    (text) => text.includes('SignatureDoesNotMatch'),
    'Show Log does not open the log with the rejection',
  );
}

/** How many visible boxes were measured, and the texts of those that do not fit (an ellipsis or a clipped line). */
function cutTexts(workbench, selector) {
  return workbench.page.locator(selector).evaluateAll((elements) => {
    const visible = elements.filter((e) => e.clientWidth > 0);
    return { measured: visible.length, cut: visible.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => (e.textContent ?? '').trim()) };
  });
}

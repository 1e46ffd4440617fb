// The same workbench with VS Code's display language set to Traditional Chinese (zh-tw): the
// Disks view and a disk's tooltip (its creation date in zh-TW's own shape), the create flow's
// validation message, the status-bar tracker after a Quick Backup, and the notification of a
// creation ECS refuses all speak Traditional Chinese. Expected texts come from the zh-tw bundle,
// looked up by their English key, so the scenario checks the translation actually shown.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../scripts/vscode/paths.mjs';
import { addSmallDisk } from '../smallDisk.mjs';
import { expect } from '../workbench.mjs';

export const title = 'In zh-tw: the Disks view, a validation message, the tracker and a refusal read in Traditional Chinese';
export const locale = 'zh-tw';

const bundle = JSON.parse(readFileSync(path.join(repoRoot, 'l10n', `bundle.l10n.${locale}.json`), 'utf8'));
const manifest = JSON.parse(readFileSync(path.join(repoRoot, `package.nls.${locale}.json`), 'utf8'));
/** The zh-tw text of an English runtime string; fails when the bundle lacks it. */
function zh(english) {
  const text = bundle[english];
  expect(typeof text === 'string' && text !== english, `the zh-tw bundle has no translation of "${english}"`);
  return text;
}
/** A translated template with its {n} placeholders matching anything. */
const templatePattern = (english) => new RegExp(zh(english).split(/\{\d+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+'));

const TIMEOUT = 30_000;
const SMALL_DISK = 'zh-small-data';
/** Simulated seconds per real second: the 5 GiB snapshot (25 simulated seconds) takes about 5 s. */
const TIME_SCALE = 5;

const flat = (text) => text.replace(/\s+/g, ' ').trim();
const rowWith = (workbench, text) => workbench.page.locator('.sidebar .monaco-list-row').filter({ hasText: text }).first();
const trackerItem = (workbench) => workbench.page.locator('.statusbar-item[id$="ecsSnapshots.tracker"]').first();
const itemText = (workbench) => trackerItem(workbench).innerText({ timeout: 1_000 }).then(flat).catch(() => '');
const stepTitle = (workbench) => workbench.page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
async function validationMessage(workbench) {
  if (!(await workbench.page.locator('.quick-input-widget .monaco-inputbox.error').count())) return '';
  return workbench.page.locator('.quick-input-widget .quick-input-message').innerText().then((t) => t.trim()).catch(() => '');
}

/** Drags the side bar's edge so the screenshots show whole rows (Chinese descriptions are wide). */
async function widenSideBar(workbench) {
  const box = await workbench.page.locator('.sidebar').first().boundingBox();
  if (!box) return;
  const { mouse } = workbench.page;
  await mouse.move(box.x + box.width + 1, box.y + 300);
  await mouse.down();
  await mouse.move(box.x + 560, box.y + 300, { steps: 8 });
  await mouse.up();
}

async function quickBackupFromRow(workbench, diskName) {
  const row = rowWith(workbench, diskName);
  await row.waitFor({ timeout: TIMEOUT });
  await row.hover();
  await row.locator(`a.action-label[aria-label^="${manifest['command.quickBackup']}"]`).first().click();
}

export default async function (workbench) {
  const { sandbox } = workbench.context;
  addSmallDisk(sandbox, SMALL_DISK, 'Small disk for the zh-tw scenario');
  const scale = sandbox.world.timeScale;
  sandbox.world.timeScale = TIME_SCALE;
  try {
    await scenario(workbench);
  } finally {
    sandbox.world.timeScale = scale;
  }
}

async function scenario(workbench) {
  const container = manifest['viewContainer.title'];
  await workbench.open(container);
  // (open waited for the activity bar entry's zh-tw title, so the extension runs in zh-tw.)

  // 1. The Disks view: container and view titles, and each disk's status in Traditional Chinese.
  await workbench.openView(container);
  // A single view: VS Code titles the side bar "ECS 快照: 雲端硬碟".
  await workbench.waitUntil(() => workbench.sideBarTitle(), (t) => t === `${container}: ${manifest['view.disks']}`, 'the side bar title is not in zh-tw');
  await widenSideBar(workbench);
  const rows = await workbench.waitUntil(() => workbench.treeRows(), (r) => r.some((t) => t.startsWith(SMALL_DISK)), `the Disks view does not list ${SMALL_DISK}`, 45_000);
  expect(rows.some((r) => r.includes(` · ${zh('In use')}`)) && rows.some((r) => r.includes(` · ${zh('Available')}`)), `disk statuses are not in zh-tw: ${rows.join(' | ')}`);
  // Its tooltip: field names in zh-tw and the creation date as zh-TW writes it (e.g. 2026年11月26日 下午3:05).
  await rowWith(workbench, SMALL_DISK).hover();
  const hover = workbench.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: zh('Created') }).first();
  await hover.waitFor({ timeout: TIMEOUT });
  const hoverText = flat(await hover.innerText());
  expect(/\d{4}年\d{1,2}月\d{1,2}日 \S*\d{1,2}:\d{2}/.test(hoverText), `the tooltip's date is not in zh-TW's shape: ${hoverText}`);
  console.log(`    tooltip: ${hoverText.slice(0, 160)}`);
  await workbench.screenshot('zh-tw-disks');
  await workbench.page.mouse.move(700, 300);

  // 2. The create flow: an invalid name is refused with the zh-tw validation message.
  await workbench.openPalette();
  const createTitle = manifest['command.createSnapshot'];
  await workbench.typeIntoQuickInput(`>${container}: ${createTitle}`);
  await workbench.quickInputRows().filter({ hasText: createTitle }).first().click();
  await workbench.waitUntil(() => stepTitle(workbench), (t) => t.includes('1/6'), 'the create flow does not open');
  await workbench.typeIntoQuickInput(SMALL_DISK);
  await workbench.waitUntil(() => workbench.quickInputRows().allInnerTexts(), (r) => r.length > 0 && r[0].includes(SMALL_DISK), `no row ${SMALL_DISK}`);
  await workbench.page.keyboard.press('Enter');
  await workbench.waitUntil(() => stepTitle(workbench), (t) => t.includes('2/6'), 'the flow does not reach the name');
  await workbench.typeIntoQuickInput('2024 release');
  const refused = await workbench.waitUntil(() => validationMessage(workbench), (m) => templatePattern('must start with a letter ({0} is not a letter)').test(m), 'no zh-tw validation message for "2024 release"', 5_000);
  console.log(`    validation: "${refused}"`);
  await workbench.screenshot('zh-tw-create-validation');
  await workbench.pressEscape();
  await workbench.quickInput().waitFor({ state: 'hidden', timeout: TIMEOUT });

  // 3. Quick Backup of the small disk: the status bar follows it to "snapshot ready", in zh-tw.
  await quickBackupFromRow(workbench, SMALL_DISK);
  await workbench.waitUntil(() => itemText(workbench), (t) => t.startsWith(`${SMALL_DISK} `) && /\d+%/.test(t), `the status bar does not show ${SMALL_DISK} progress`, TIMEOUT);
  const ready = zh('$(check) Snapshot ready').replace('$(check) ', '');
  await workbench.waitUntil(() => itemText(workbench), (t) => t.includes(ready), `the status bar never says "${ready}"`, 60_000);
  await workbench.page.waitForTimeout(1_000); // the "ready" toast slides in: let it settle for the screenshot
  await workbench.screenshot('zh-tw-tracker-ready');
  // VS Code's own command titles stay English (the stub pack translates none of them).
  await workbench.runCommand('Notifications: Clear All Notifications');

  // 4. A creation ECS refuses (the disk was never attached): the notification speaks zh-tw.
  await quickBackupFromRow(workbench, 'scratch-new');
  const cause = zh('This disk has never been attached to an instance, so its content has not changed since it was created.');
  const told = await workbench.waitUntil(() => workbench.notificationTexts(), (texts) => texts.some((t) => t.includes(cause)), 'no zh-tw notification of the refusal', TIMEOUT);
  const notice = told.find((t) => t.includes(cause));
  expect(templatePattern('Could not create a snapshot of {0}: {1}').test(notice), `the notification does not start in zh-tw: ${notice}`);
  console.log(`    notification: ${flat(notice).slice(0, 160)}`);
  await workbench.page.waitForTimeout(1_000); // toasts slide in: let it settle for the screenshot
  await workbench.screenshot('zh-tw-refused');
}

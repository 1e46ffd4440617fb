// A person switches the Disks view to Singapore and to "Group by Instance", backs up the whole
// server app-sg-01 from its row (all three disks ticked, the proposed name, a description, no tags),
// watches the tracker in the status bar until the group is ready, writes to the disks afterwards,
// then rolls the instance back from the group's row under it: reads the options and the modal
// (every disk, what is lost), types the instance's name, and the rollback runs (stop once, reset
// each disk, start once) until every disk holds its content from the group's instant again.
import { expect } from '../workbench.mjs';

export const title = 'Back up a whole instance as one snapshot group, watch the tracker, roll the instance back';

const TIMEOUT = 30_000;
const INSTANCE = 'app-sg-01';
const REGION = 'ap-southeast-1';
/** Simulated seconds per real second: the 40/100/50 GiB members take about 12 real seconds. */
const TIME_SCALE = 10;

const rowWith = (workbench, text) => workbench.page.locator('.sidebar .monaco-list-row').filter({ hasText: text }).first();
const trackerItem = (workbench) => workbench.page.locator('.statusbar-item[id$="ecsSnapshots.tracker"]').first();
const itemText = (workbench) => trackerItem(workbench).innerText({ timeout: 1_000 }).then((t) => t.replace(/\s+/g, ' ').trim()).catch(() => '');
const message = (workbench) => workbench.page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => '');

export default async function (workbench) {
  const { sandbox } = workbench.context;
  expect(sandbox, 'this scenario needs the in-process sandbox');
  const scale = sandbox.world.timeScale;
  sandbox.world.timeScale = TIME_SCALE;
  try {
    await scenario(workbench, sandbox);
  } finally {
    sandbox.world.timeScale = scale;
  }
}

/** Picks an item of the view's "..." menu, as a person would. */
async function viewMenu(workbench, label) {
  await workbench.page.locator('.sidebar .monaco-list-row').first().hover();
  const more = workbench.page.locator('.sidebar .composite.title a.action-label[aria-label*="More Actions"]').first();
  await more.waitFor({ timeout: TIMEOUT });
  await more.click();
  const item = workbench.page.locator('.monaco-menu .action-item').filter({ hasText: label }).first();
  await item.waitFor({ timeout: TIMEOUT });
  await item.click();
}

/** Drags the side bar's edge so descriptions fit (and the screenshots read well). */
async function widenSideBar(workbench, width = 640) {
  const box = await workbench.page.locator('.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await workbench.page.mouse.move(box.x + box.width + 1, y);
  await workbench.page.mouse.down();
  await workbench.page.mouse.move(box.x + width, y, { steps: 8 });
  await workbench.page.mouse.up();
}

async function scenario(workbench, sandbox) {
  await workbench.open();
  await workbench.openView('ECS Snapshots');
  await workbench.page.locator('.sidebar .monaco-list-row').first().waitFor({ timeout: 45_000 });

  // 1. Singapore, grouped by instance.
  await viewMenu(workbench, 'Select Region...');
  await workbench.quickInputRows().filter({ hasText: REGION }).first().waitFor({ timeout: TIMEOUT });
  await workbench.typeIntoQuickInput(REGION);
  await workbench.waitUntil(() => workbench.quickInputRows().allInnerTexts(), (rows) => rows.length === 1 && rows[0].includes(REGION), `the region picker does not narrow down to ${REGION}`);
  await workbench.page.keyboard.press('Enter');
  await viewMenu(workbench, 'Group by Instance');
  const instanceRow = rowWith(workbench, INSTANCE);
  await instanceRow.waitFor({ timeout: 45_000 });

  const world = sandbox.world;
  const instance = [...world.instances.values()].find((i) => i.instanceName === INSTANCE);
  expect(instance, `no ${INSTANCE} in the sandbox`);
  const disks = [...world.disks.values()].filter((d) => d.instanceId === instance.instanceId);
  expect(disks.length === 3, `${INSTANCE} should have 3 disks, has ${disks.length}`);
  for (const d of disks) sandbox.writeDisk(d.diskId, `before: ${d.diskName}`);

  // 2. Back Up Instance... from the row's context menu.
  await widenSideBar(workbench);
  await instanceRow.click({ button: 'right' });
  const backUp = workbench.page.locator('.monaco-menu .action-item:visible').filter({ hasText: 'Back Up Instance...' }).first();
  await backUp.waitFor({ timeout: TIMEOUT });
  // A menu ignores a click that comes right as it opens (it takes it for the right-click's release).
  await workbench.page.waitForTimeout(400);
  await backUp.click();
  await workbench.waitUntil(() => workbench.quickInputRows().allInnerTexts(), (rows) => rows.length === 3, 'the disk pick does not list the 3 disks', TIMEOUT);
  const ticked = await workbench.page.locator('.quick-input-widget .quick-input-list .monaco-list-row[aria-checked="true"]').count();
  expect(ticked === 3, `all three disks should be ticked, ${ticked} are`);
  await workbench.screenshot('instance-backup-disks');
  await workbench.page.keyboard.press('Enter');
  // The proposed name, e.g. app-sg-01-20261202-1430: Enter keeps it.
  await workbench.waitUntil(() => message(workbench), (m) => m.includes('Group name'), 'the name box does not open', TIMEOUT);
  const proposed = await workbench.quickInput().inputValue();
  expect(/^app-sg-01-\d{8}-\d{4}$/.test(proposed), `unexpected proposed name ${proposed}`);
  await workbench.typeIntoQuickInput('1-not-a-name');
  await workbench.waitUntil(() => workbench.page.locator('.quick-input-widget .monaco-inputbox.error').count(), (n) => n > 0, 'an invalid name is not refused while typing', 5_000);
  await workbench.typeIntoQuickInput(proposed);
  await workbench.waitUntil(() => workbench.page.locator('.quick-input-widget .monaco-inputbox.error').count(), (n) => n === 0, 'the proposed name is refused', 5_000);
  await workbench.page.keyboard.press('Enter');
  await workbench.waitUntil(() => message(workbench), (m) => m.includes('Description of the group'), 'the description box does not open', TIMEOUT);
  await workbench.typeIntoQuickInput('before the upgrade');
  await workbench.page.keyboard.press('Enter');
  await workbench.waitUntil(() => workbench.quickInputRows().allInnerTexts(), (rows) => rows.some((r) => r.includes('Done')), 'the tags step does not open', TIMEOUT);
  await workbench.typeIntoQuickInput('Done');
  await workbench.page.keyboard.press('Enter');
  const summary = await workbench.waitUntil(
    async () => (await workbench.quickInputRows().allInnerTexts()).join(' | ').replace(/\s+/g, ' '),
    (t) => t.includes('Create snapshot group'),
    'the summary does not open',
    TIMEOUT,
  );
  expect(summary.includes('kept until deleted (a snapshot group has no retention period)'), `the summary does not say groups have no retention: ${summary}`);
  await workbench.screenshot('instance-backup-confirm');
  await workbench.page.keyboard.press('Enter');

  // 3. The tracker: "app-sg-01 · 3 disks · NN%" until ready.
  const seen = [];
  const group = await workbench.waitUntil(
    async () => {
      const text = await itemText(workbench);
      if (text && seen.at(-1) !== text) seen.push(text);
      if (/3 disks · \d+%/.test(text) && !seen.includes('shot')) {
        seen.push('shot');
        await workbench.screenshot('instance-backup-tracker');
      }
      return [...world.snapshotGroups.values()].find((g) => g.name === proposed);
    },
    (g) => g !== undefined,
    'the group was never created',
    60_000,
  );
  // Written after the group's instant: the rollback must lose it.
  for (const d of disks) sandbox.writeDisk(d.diskId, `after: ${d.diskName}`);
  await workbench.waitUntil(async () => (await workbench.statusBarTexts()).join(' | '), (t) => /app-sg-01 backed up|3 disks · ready/.test(t), 'the status bar never says the group is ready', 90_000);
  console.log(`    status bar: ${seen.filter((s) => s !== 'shot').join(' → ')}`);

  // 4. The group under the instance, after its disks; expanded to its member snapshots.
  await instanceRow.click();
  const groupRow = rowWith(workbench, proposed);
  await groupRow.waitFor({ timeout: TIMEOUT });
  await groupRow.click();
  await workbench.waitUntil(() => workbench.treeRows(), (rows) => rows.filter((r) => r.includes('system disk') || r.includes('data disk')).length >= 3, 'the group does not show its 3 member snapshots', TIMEOUT);
  await workbench.screenshot('instance-tree-group');

  // 5. Roll Back Instance... from the group's row.
  // A context menu can lose its click when the tree re-renders the row under it (the tracker and the
  // group's refresh both do): as a person would, open the menu again when nothing happened.
  const optionsText = async () => (await workbench.quickInputRows().allInnerTexts().catch(() => [])).join(' | ').replace(/\s+/g, ' ');
  let options = '';
  for (let attempt = 1; attempt <= 3 && !options.includes('Safety group first'); attempt++) {
    await groupRow.click({ button: 'right' });
    // The menu on screen (an earlier row's menu may linger hidden in the page).
    const menuItem = workbench.page.locator('.monaco-menu .action-item:visible').filter({ hasText: 'Roll Back Instance...' }).first();
    await menuItem.waitFor({ timeout: TIMEOUT });
    await workbench.page.waitForTimeout(400);
    await menuItem.click();
    options = await workbench
      .waitUntil(optionsText, (t) => t.includes('Safety group first'), 'the rollback options do not open', attempt < 3 ? 10_000 : TIMEOUT)
      .catch((error) => {
        if (attempt === 3) throw error;
        console.log(`    Roll Back Instance...: no options after the menu click on attempt ${attempt}; trying again`);
        return '';
      });
    if (!options) await workbench.pressEscape();
  }
  expect(options.includes(`Stop ${INSTANCE} once, roll back 3 disks, start it again`), `unexpected options: ${options}`);
  await workbench.screenshot('instance-rollback-options');
  await workbench.page.keyboard.press('Enter');
  const dialog = workbench.page.locator('.monaco-dialog-box').first();
  await dialog.waitFor({ timeout: TIMEOUT });
  const told = (await dialog.innerText()).replace(/\s+/g, ' ');
  for (const part of [`Roll back instance "${INSTANCE}" to the snapshot group "${proposed}"?`, ...disks.map((d) => d.diskId), 'This cannot be undone', 'A safety group']) {
    expect(told.includes(part), `the confirmation does not say "${part}": ${told}`);
  }
  await workbench.screenshot('instance-rollback-confirm');
  await dialog.locator('.monaco-button', { hasText: 'Roll Back...' }).first().click();
  await workbench.waitUntil(() => message(workbench), (m) => m.includes(`Type the instance's name "${INSTANCE}"`) || m.includes(`Type ${INSTANCE} exactly`), 'the typed confirmation does not open', TIMEOUT);
  await workbench.typeIntoQuickInput('app-sg');
  await workbench.waitUntil(() => workbench.page.locator('.quick-input-widget .monaco-inputbox.error').count(), (n) => n > 0, 'a wrong name is not refused', 5_000);
  await workbench.typeIntoQuickInput(INSTANCE);
  await workbench.waitUntil(() => workbench.page.locator('.quick-input-widget .monaco-inputbox.error').count(), (n) => n === 0, 'the right name is refused', 5_000);
  await workbench.screenshot('instance-rollback-typed');
  const before = { stop: sandbox.stats.byAction.StopInstance ?? 0, start: sandbox.stats.byAction.StartInstance ?? 0, reset: sandbox.stats.byAction.ResetDisk ?? 0 };
  await workbench.page.keyboard.press('Enter');

  // 6. Every disk holds its content from the group's instant again; the instance runs again.
  const phases = [];
  await workbench.waitUntil(
    async () => {
      const text = await itemText(workbench);
      if (text && phases.at(-1) !== text) phases.push(text);
      return disks.every((d) => sandbox.readDisk(d.diskId).marker === `before: ${d.diskName}`) && (sandbox.stats.byAction.StartInstance ?? 0) > before.start;
    },
    (done) => done,
    'the disks never came back to the group',
    120_000,
  );
  await workbench.waitUntil(() => itemText(workbench), (t) => t !== '' && !/\d+%|sync~spin|resetting|stopping|starting/.test(t), 'the status bar does not settle', 60_000).catch(() => undefined);
  await workbench.screenshot('instance-rollback-result');
  console.log(`    status bar: ${phases.join(' → ')}`);
  expect((sandbox.stats.byAction.StopInstance ?? 0) - before.stop === 1, 'not exactly one StopInstance');
  expect((sandbox.stats.byAction.StartInstance ?? 0) - before.start === 1, 'not exactly one StartInstance');
  expect((sandbox.stats.byAction.ResetDisk ?? 0) - before.reset === 3, 'not exactly three ResetDisk');
}

// A person takes a Quick Backup of a disk from the Disks view, writes to the disk afterwards, then
// rolls the disk back to that backup from the status bar tracker's list ("Roll back to this backup";
// the snapshot's context menu offers the same): reads the options (the
// safety snapshot is on), reads the modal (disk, snapshot, what is lost), types the disk's name to
// confirm, and the rollback runs in the status bar until the disk holds the backup's content again.
// Screenshots of the options, the modal, the typed confirmation and the result.
import { addSmallDisk } from '../smallDisk.mjs';
import { expect } from '../workbench.mjs';

export const title = 'Roll back: Quick Backup, then roll back to it from the tracker list with the typed confirmation';

const TIMEOUT = 30_000;
const DISK = 'rollback-data';
/** Simulated seconds per real second: the 5 GiB snapshots take a few real seconds. */
const TIME_SCALE = 10;

const rowWith = (workbench, text) => workbench.page.locator('.sidebar .monaco-list-row').filter({ hasText: text }).first();
const stepTitle = (workbench) => workbench.page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
const trackerItem = (workbench) => workbench.page.locator('.statusbar-item[id$="ecsSnapshots.tracker"]').first();
const itemText = (workbench) => trackerItem(workbench).innerText({ timeout: 1_000 }).then((t) => t.replace(/\s+/g, ' ').trim()).catch(() => '');

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

async function scenario(workbench, sandbox) {
  const disk = addSmallDisk(sandbox, DISK, 'Small disk for the Roll Back scenario');
  sandbox.writeDisk(disk.diskId, 'A: before the change');

  await workbench.open();
  await workbench.openView('ECS Snapshots');

  // 1. Quick Backup from the disk's row (inline history icon); wait until ECS says it is ready.
  const row = rowWith(workbench, DISK);
  await row.waitFor({ timeout: 45_000 });
  await row.hover();
  await row.locator('a.action-label[aria-label^="Quick Backup"]').first().click();
  const backup = await workbench.waitUntil(
    async () => sandbox.world.snapshotsOf(disk.diskId).find((s) => s.progress.status === 'accomplished'),
    (s) => s !== undefined,
    'the Quick Backup never finished',
    60_000,
  );
  expect(backup.tags.some((t) => t.key === 'ecs-snapshots:quick-backup'), 'the backup is not tagged as a quick backup');

  // The status bar says so too (a rollback is refused while the extension still sees a snapshot of
  // the disk being created, and the tracker polls on its own pace).
  await workbench.waitUntil(
    async () => (await workbench.statusBarTexts()).join(' | '),
    (texts) => texts.includes('Snapshot ready'),
    'the status bar never says the backup is ready',
    60_000,
  );

  // 2. The risky change: written after the backup, so the rollback must lose it.
  sandbox.writeDisk(disk.diskId, 'B: the change that went wrong');

  // 3. The backup's context menu in the Disks view offers the way back...
  await workbench.page.locator('.sidebar a.action-label[aria-label^="Refresh"]').first().click().catch(() => undefined);
  await rowWith(workbench, DISK).click();
  const snapshotRow = rowWith(workbench, backup.snapshotName);
  await workbench.waitUntil(() => workbench.treeRows(), (rows) => rows.some((r) => r.startsWith(backup.snapshotName) && /Ready/.test(r)), 'the backup is not listed as ready under its disk', TIMEOUT);
  await snapshotRow.click({ button: 'right' });
  const menuItem = workbench.page.locator('.monaco-menu .action-item').filter({ hasText: 'Roll Back Disk to This Snapshot...' }).first();
  await menuItem.waitFor({ timeout: TIMEOUT });
  await workbench.pressEscape();
  // ...and so does the tracker's list: click the status bar item, then the backup's "Roll back to this backup".
  await trackerItem(workbench).click();
  const listRow = workbench.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: DISK }).first();
  await listRow.waitFor({ timeout: TIMEOUT });
  await listRow.hover();
  await listRow.locator('a.action-label[aria-label="Roll back to this backup"]').first().click();

  // 4. The options: an unattached disk rolls back directly; the safety snapshot is on.
  await workbench.waitUntil(() => stepTitle(workbench), (t) => t.includes(`Roll Back ${DISK} to ${backup.snapshotName}`), 'the options do not open', TIMEOUT);
  const options = (await workbench.quickInputRows().allInnerTexts()).join(' | ').replace(/\s+/g, ' ');
  expect(/Safety snapshot first/.test(options) && /on: "before-rollback-\d{8}-\d{4}"/.test(options), `the safety snapshot is not on: ${options}`);
  await workbench.screenshot('rollback-options');
  await workbench.typeIntoQuickInput('Roll back');
  await workbench.waitUntil(() => workbench.quickInputRows().allInnerTexts(), (rows) => rows.length > 0 && rows[0].includes('Roll back'), 'no "Roll back" row on top');
  await workbench.page.keyboard.press('Enter');

  // 5. The modal names disk and snapshot and says what is lost.
  const dialog = workbench.page.locator('.monaco-dialog-box').first();
  await dialog.waitFor({ timeout: TIMEOUT });
  const told = (await dialog.innerText()).replace(/\s+/g, ' ');
  for (const part of [`Roll back disk "${DISK}" to snapshot "${backup.snapshotName}"?`, backup.snapshotId, 'Instance: none, the disk is not attached.', 'Everything written to this disk after', 'is lost']) {
    expect(told.includes(part), `the confirmation does not say "${part}": ${told}`);
  }
  await workbench.screenshot('rollback-confirm');
  await dialog.locator('.monaco-button', { hasText: 'Roll Back...' }).first().click();

  // 6. Typing the disk's name; a wrong name is refused while typing.
  await workbench.waitUntil(() => workbench.page.locator('.quick-input-widget .quick-input-message').innerText().catch(() => ''), (m) => m.includes(`Type the disk's name "${DISK}"`) || m.includes(`Type ${DISK} exactly`), 'the typed confirmation does not open', TIMEOUT);
  await workbench.typeIntoQuickInput('rollback');
  await workbench.waitUntil(() => workbench.page.locator('.quick-input-widget .monaco-inputbox.error').count(), (n) => n > 0, 'a wrong name is not refused', 5_000);
  await workbench.typeIntoQuickInput(DISK);
  await workbench.waitUntil(() => workbench.page.locator('.quick-input-widget .monaco-inputbox.error').count(), (n) => n === 0, 'the right name is refused', 5_000);
  await workbench.screenshot('rollback-typed');
  const resetsBefore = sandbox.stats.byAction.ResetDisk ?? 0;
  await workbench.page.keyboard.press('Enter');

  // 7. The rollback runs (safety snapshot, reset) in the status bar, and the disk holds the backup's content again.
  const seen = [];
  const shot = new Set();
  await workbench.waitUntil(
    async () => {
      const text = await itemText(workbench);
      if (text && seen.at(-1) !== text) seen.push(text);
      for (const { phase, name } of [{ phase: /safety snapshot/, name: 'rollback-phase-safety' }, { phase: /rolling back/, name: 'rollback-phase-reset' }]) {
        if (phase.test(text) && !shot.has(name)) {
          shot.add(name);
          await workbench.screenshot(name);
        }
      }
      return sandbox.readDisk(disk.diskId).marker;
    },
    (marker) => marker === 'A: before the change',
    'the disk never came back to the backup',
    90_000,
  );
  await workbench.waitUntil(() => itemText(workbench), (t) => t !== '' && !/\d+%|sync~spin/.test(t), 'the status bar does not settle', 60_000).catch(() => undefined);
  await workbench.screenshot('rollback-result');
  console.log(`    status bar: ${seen.join(' → ')}`);
  expect((sandbox.stats.byAction.ResetDisk ?? 0) - resetsBefore === 1, 'not exactly one ResetDisk');
  const safety = sandbox.world.snapshotsOf(disk.diskId).find((s) => s.tags.some((t) => t.key === 'ecs-snapshots:before-rollback'));
  expect(safety, 'no safety snapshot was taken');
  expect(sandbox.snapshotContent(safety.snapshotId).marker === 'B: the change that went wrong', 'the safety snapshot does not hold the state before the rollback');
}

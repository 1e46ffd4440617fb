// A person runs "Create Snapshot..." from the command palette and types into the real input
// boxes: picks a disk by typing part of its name, types an invalid name and reads the validation
// message, fixes it, adds two tags, confirms, and follows the snapshot in the status bar until it
// is ready. Screenshots of the validation message and of the tracker.
import { addSmallDisk } from '../smallDisk.mjs';
import { expect } from '../workbench.mjs';

export const title = 'Create Snapshot: validation while typing, two tags, confirm, progress until ready';

const TIMEOUT = 30_000;
const DISK = 'staging-data';

const trackerItem = (workbench) => workbench.page.locator('.statusbar-item[id$="ecsSnapshots.tracker"]').first();
const itemText = (workbench) => trackerItem(workbench).innerText().then((t) => t.replace(/\s+/g, ' ').trim()).catch(() => '');
/** The validation message under the input box ('' while the text is valid: the box then shows its prompt). */
async function validationMessage(workbench) {
  const invalid = await workbench.page.locator('.quick-input-widget .monaco-inputbox.error').count();
  if (!invalid) return '';
  return workbench.page.locator('.quick-input-widget .quick-input-message').innerText().then((t) => t.trim()).catch(() => '');
}
const inputValue = (workbench) => workbench.quickInput().inputValue();
const stepTitle = (workbench) => workbench.page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');

/** Waits for the quick input to show the given step ("2/6") so typing goes into the right box. */
async function atStep(workbench, step) {
  await workbench.waitUntil(() => stepTitle(workbench), (t) => t.includes(step), `the flow does not reach step ${step}`);
}

async function typeAndEnter(workbench, text) {
  await workbench.typeIntoQuickInput(text);
  await workbench.waitUntil(() => validationMessage(workbench), (m) => m === '', `"${text}" is refused`, 5_000);
  await workbench.page.keyboard.press('Enter');
}

/** Narrows a pick to the row with `label` and accepts it. */
async function choose(workbench, label) {
  await workbench.typeIntoQuickInput(label);
  await workbench.waitUntil(
    () => workbench.quickInputRows().allInnerTexts(),
    (rows) => rows.length > 0 && rows[0].includes(label),
    `no row "${label}" on top`,
  );
  await workbench.page.keyboard.press('Enter');
}

export default async function (workbench) {
  const { sandbox } = workbench.context;
  expect(sandbox, 'this scenario needs the in-process sandbox');
  const disk = addSmallDisk(sandbox, DISK, 'Small disk for the Create Snapshot scenario');
  const createsBefore = sandbox.stats.byAction.CreateSnapshot ?? 0;

  await workbench.open();
  await workbench.openView('ECS Snapshots');
  // From the palette (workbench.runCommand waits for the palette to close; this command opens the next box at once).
  await workbench.openPalette();
  await workbench.typeIntoQuickInput('>ECS Snapshots: Create Snapshot...');
  await workbench.quickInputRows().filter({ hasText: 'Create Snapshot...' }).first().click();

  // 1/6: the region's disks; typing narrows them down.
  await atStep(workbench, '1/6');
  await choose(workbench, DISK);

  // 2/6: the proposed name, then an invalid one: the message appears as it is typed.
  await atStep(workbench, '2/6');
  const proposed = await inputValue(workbench);
  expect(new RegExp(`^${DISK}-\\d{8}-\\d{4}$`).test(proposed), `unexpected proposed name "${proposed}"`);
  await workbench.typeIntoQuickInput('2024 release');
  const refused = await workbench.waitUntil(() => validationMessage(workbench), (m) => /must start with a letter/.test(m), 'no validation message for "2024 release"', 5_000);
  await workbench.screenshot('create-validation');
  console.log(`    validation: "${refused}"`);
  await workbench.page.keyboard.press('Enter'); // refused: the box stays
  await atStep(workbench, '2/6');
  await typeAndEnter(workbench, 'release-2024');

  // 3/6 description, 4/6 retention days.
  await atStep(workbench, '3/6');
  await typeAndEnter(workbench, 'Before the 2024 release');
  await atStep(workbench, '4/6');
  await typeAndEnter(workbench, '7');

  // 5/6 tags: two added one at a time, listed as they come.
  await atStep(workbench, '5/6');
  for (const tag of ['env=staging', 'owner=alice']) {
    await choose(workbench, 'Add tag...');
    await atStep(workbench, '5/6');
    await typeAndEnter(workbench, tag);
    await workbench.waitUntil(() => workbench.quickInputRows().allInnerTexts(), (rows) => rows.some((r) => r.includes(tag)), `${tag} is not listed`);
  }
  await workbench.screenshot('create-tags');
  await choose(workbench, 'Done');

  // 6/6 summary, confirm.
  await atStep(workbench, '6/6');
  const summary = (await workbench.quickInputRows().allInnerTexts()).join(' | ').replace(/\s+/g, ' ');
  expect(summary.includes('release-2024') && summary.includes('env=staging, owner=alice') && summary.includes('kept 7 days'), `the summary is incomplete: ${summary}`);
  await workbench.screenshot('create-confirm');
  await choose(workbench, 'Create snapshot');

  // The status bar follows it until it is ready.
  const progress = await workbench.waitUntil(() => itemText(workbench), (t) => t.includes(`${DISK} `) && /\d+%/.test(t), `the status bar does not show ${DISK} progress`, TIMEOUT);
  await workbench.screenshot('create-tracker-progress');
  const seen = [progress];
  await workbench.waitUntil(
    async () => {
      const text = await itemText(workbench);
      if (seen.at(-1) !== text) seen.push(text);
      return text;
    },
    (t) => /snapshots? ready/i.test(t),
    'the status bar never says the snapshot is ready',
    60_000,
  );
  await workbench.screenshot('create-tracker-ready');
  console.log(`    status bar: ${seen.join(' → ')}`);

  const made = sandbox.world.snapshotsOf(disk.diskId);
  expect(made.length === 1, `expected one snapshot of ${DISK}, found ${made.length}`);
  const [snapshot] = made;
  expect(snapshot.snapshotName === 'release-2024' && snapshot.retentionDays === 7, `unexpected snapshot ${snapshot.snapshotName} / ${snapshot.retentionDays}`);
  expect(JSON.stringify(snapshot.tags) === JSON.stringify([{ key: 'env', value: 'staging' }, { key: 'owner', value: 'alice' }]), `unexpected tags ${JSON.stringify(snapshot.tags)}`);
  expect((sandbox.stats.byAction.CreateSnapshot ?? 0) - createsBefore === 1, 'more than one CreateSnapshot request');
}

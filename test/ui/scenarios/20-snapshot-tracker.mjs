// A person starts a Quick Backup from the Disks view and follows it in the status bar: the item
// spins with the disk's name and percent, its tooltip lists the snapshot; a second backup that ECS
// refuses (the disk's snapshot quota is full) turns the item red until the person opens the list.
// The window then reloads: tracking resumes, and the finished snapshot is announced with
// "Reveal in Tree", which selects the disk.
import { expect } from '../workbench.mjs';

export const title = 'The status-bar tracker shows progress, its tooltip, a refused creation, and resumes after a reload';

/** Simulated seconds per real second while this scenario runs: the 30 GiB snapshot takes ~25 s. */
const TIME_SCALE = 2;

const TIMEOUT = 30_000;

const rowWith = (workbench, text) => workbench.page.locator('.sidebar .monaco-list-row').filter({ hasText: text }).first();

/** The tracker's status-bar item (id "<extension>.ecsSnapshots.tracker"), whatever it shows. */
const trackerItem = (workbench) => workbench.page.locator('.statusbar-item[id$="ecsSnapshots.tracker"]').first();

async function quickBackupFromRow(workbench, diskName) {
  const row = rowWith(workbench, diskName);
  await row.waitFor({ timeout: TIMEOUT });
  await row.hover();
  await row.locator('a.action-label[aria-label^="Quick Backup"]').first().click();
}

/** The item's visible text ('' while it is hidden or gone); never waits for it to appear. */
async function itemText(workbench) {
  const item = trackerItem(workbench);
  if ((await item.count()) === 0 || !(await item.isVisible())) return '';
  return (await item.innerText({ timeout: 1_000 }).catch(() => '')).replace(/\s+/g, ' ').trim();
}

export default async function (workbench) {
  const { sandbox } = workbench.context;
  const scale = sandbox.world.timeScale;
  sandbox.world.timeScale = TIME_SCALE; // before any snapshot of this scenario starts; restored below
  try {
    await scenario(workbench, sandbox);
  } finally {
    sandbox.world.timeScale = scale;
  }
}

async function scenario(workbench, sandbox) {
  await workbench.open();
  await workbench.openView('ECS Snapshots');
  await workbench.waitUntil(() => workbench.treeRows(), (rows) => rows.some((r) => r.startsWith('12data-disk')), 'the Disks view does not list 12data-disk', 45_000);
  const requestsBefore = sandbox.stats.byAction.DescribeSnapshots ?? 0;

  // 1. Quick Backup of a 30 GiB detached disk: ~50 s of progress in the sandbox.
  await quickBackupFromRow(workbench, '12data-disk');
  const progress = await workbench.waitUntil(() => itemText(workbench), (t) => /^12data-disk \d+%$/.test(t), 'the status bar does not show "12data-disk N%"', TIMEOUT);
  const spinning = await trackerItem(workbench).locator('.codicon-sync.codicon-modifier-spin, .codicon-sync~spin, .codicon-modifier-spin').count();
  expect(spinning > 0, 'the tracker item has no spinning icon');
  await workbench.waitUntil(() => itemText(workbench), (t) => /^12data-disk [1-9]\d?%$/.test(t), 'the percentage does not advance', TIMEOUT);
  await workbench.screenshot('tracker-progress');
  console.log(`    item: "${progress}" → "${await itemText(workbench)}"`);

  // 2. Its tooltip: disk, snapshot ID, percent, remaining and elapsed time.
  // The disk row's own tooltip (resolved on hover, so it may show up late) must not be taken for it.
  await workbench.page.mouse.move(0, 0);
  await trackerItem(workbench).hover();
  const hover = workbench.page.locator('.workbench-hover, .monaco-hover').filter({ hasText: '12data-disk' }).filter({ hasText: /Elapsed/ }).first();
  await hover.waitFor({ timeout: TIMEOUT });
  const hoverText = (await hover.innerText()).replace(/\s+/g, ' ');
  for (const part of ['Creating', 'Disk', 'Snapshot', 'Progress', 'Remaining', 'Elapsed']) {
    expect(hoverText.includes(part), `the tooltip lacks "${part}": ${hoverText}`);
  }
  expect(/\bs-[a-z0-9]+/.test(hoverText), `the tooltip shows no snapshot ID: ${hoverText}`);
  await workbench.screenshot('tracker-tooltip');
  await workbench.page.mouse.move(600, 300);

  // 3. A refused creation: logs-ssd already keeps 256 snapshots, so ECS says no.
  await quickBackupFromRow(workbench, 'logs-ssd');
  const withError = await workbench.waitUntil(() => itemText(workbench), (t) => /^12data-disk \d+% · 1$/.test(t), 'the item does not add the refused backup as an error', TIMEOUT);
  const errorClass = await trackerItem(workbench).getAttribute('class');
  const background = await trackerItem(workbench).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(/error-kind/.test(errorClass ?? '') || !/rgba\(0, 0, 0, 0\)|transparent/.test(background), `the item is not in error colours (class "${errorClass}", background ${background})`);
  await workbench.screenshot('tracker-error');
  console.log(`    item after the refusal: "${withError}" (background ${background})`);

  // 4. Clicking the item opens the list, by section; having looked, the error colours go.
  await trackerItem(workbench).click();
  const labels = await workbench.waitUntil(
    () => workbench.quickInputRows().allInnerTexts(),
    (rows) => rows.some((r) => r.includes('12data-disk')) && rows.some((r) => r.includes('logs-ssd')),
    'the list does not show both tracked operations',
    TIMEOUT,
  );
  const flat = labels.map((r) => r.replace(/\s+/g, ' ')).join(' | ');
  expect(/Creating/.test(flat) && /Failed/.test(flat), `the list has no Creating / Failed sections: ${flat}`);
  expect(/QuotaExceed|256|quota/i.test(flat), `the refused entry does not say why: ${flat}`);
  await workbench.screenshot('tracker-list');
  await workbench.pressEscape();
  await workbench.waitUntil(() => itemText(workbench), (t) => /^12data-disk \d+%$/.test(t), 'the error mark stays after the list was seen', TIMEOUT);


  // 5. Reload the window: tracking resumes from workspace state, and the snapshot completes.
  await workbench.page.reload();
  await workbench.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const resumed = await workbench.waitUntil(
    () => itemText(workbench),
    (t) => /^12data-disk \d+%$/.test(t) || /^Snapshot ready$/.test(t),
    'after the reload the item does not come back for 12data-disk',
    45_000,
  );
  console.log(`    after reload: "${resumed}"`);
  await workbench.waitUntil(() => itemText(workbench), (t) => t === 'Snapshot ready', 'the item never says "Snapshot ready"', 45_000);
  const toast = workbench.page.locator('.notification-toast').filter({ hasText: /Snapshot s-\S+ of disk 12data-disk is ready/ }).first();
  const reveal = toast.locator('.monaco-button, a.monaco-button').filter({ hasText: 'Reveal in Tree' }).first();
  await reveal.waitFor({ timeout: TIMEOUT });
  await workbench.page.waitForTimeout(500); // let the toast finish sliding in
  await workbench.screenshot('tracker-ready');

  // 6. "Reveal in Tree" selects the disk in the Disks view.
  await reveal.click();
  await workbench.waitUntil(
    () => workbench.page.locator('.sidebar .monaco-list-row.selected, .sidebar .monaco-list-row[aria-selected="true"]').allInnerTexts(),
    (rows) => rows.some((r) => r.startsWith('12data-disk')),
    '"Reveal in Tree" does not select 12data-disk',
    TIMEOUT,
  );
  await workbench.waitUntil(() => itemText(workbench), (t) => t === '', 'the success state does not go away', TIMEOUT);

  // One timer, one request per tick: a single tracked snapshot cost few DescribeSnapshots in all.
  const sent = sandbox.stats.byAction.DescribeSnapshots - requestsBefore;
  console.log(`    DescribeSnapshots during the scenario (tree included): ${sent}`);
}

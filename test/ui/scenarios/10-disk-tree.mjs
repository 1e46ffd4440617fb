// A person opens the Disks view on the sandbox, expands a disk to see its snapshots, then switches
// region from the view's '...' menu and sees that region's disks. Screenshots at each step.
import { expect } from '../workbench.mjs';

export const title = 'The Disks view lists the sandbox disks and snapshots and follows a region switch';

const rowWith = (workbench, text) => workbench.page.locator('.sidebar .monaco-list-row').filter({ hasText: text }).first();

async function switchRegion(workbench, regionId, screenshot) {
  // From the view's "..." menu (only the most used actions are inline), as a person would.
  await workbench.page.locator('.sidebar .monaco-list-row').first().hover();
  const more = workbench.page.locator('.sidebar .composite.title a.action-label[aria-label*="More Actions"]').first();
  await more.waitFor({ timeout: 20_000 });
  await more.click();
  const item = workbench.page.locator('.monaco-menu .action-item').filter({ hasText: 'Select Region...' }).first();
  await item.waitFor({ timeout: 20_000 });
  if (screenshot) await workbench.screenshot(screenshot);
  await item.click();
  await workbench.quickInput().waitFor({ timeout: 20_000 });
  await workbench.quickInputRows().filter({ hasText: regionId }).first().waitFor({ timeout: 20_000 });
  await workbench.typeIntoQuickInput(regionId);
  await workbench.waitUntil(
    () => workbench.quickInputRows().allInnerTexts(),
    (rows) => rows.length === 1 && rows[0].includes(regionId),
    `the region picker does not narrow down to ${regionId}`,
  );
  await workbench.page.keyboard.press('Enter');
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

export default async function (workbench) {
  await workbench.open();
  await workbench.openView('ECS Snapshots');
  await widenSideBar(workbench);

  // The home region's disks, with their description line (size · category · status · instance).
  const rows = await workbench.waitUntil(
    () => workbench.treeRows(),
    (seen) => seen.some((r) => r.startsWith('web-01-data')),
    'the Disks view does not list the sandbox disk web-01-data',
    45_000,
  );
  const webData = rows.find((r) => r.startsWith('web-01-data'));
  expect(/200 GiB · ESSD PL1 · In use · i-/.test(webData), `unexpected description of web-01-data: ${webData}`);
  expect(rows.some((r) => r.startsWith('legacy-app-system') && r.includes('instance security lock')), 'the security-locked disk does not say why it is blocked');
  await workbench.screenshot('disk-tree-disks');

  // The tooltip of a blocked disk says why no snapshot can be made.
  await rowWith(workbench, 'legacy-app-system').hover();
  const hover = workbench.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'locked for security' }).first();
  await hover.waitFor({ timeout: 20_000 });
  await workbench.screenshot('disk-tree-tooltip');
  await workbench.page.mouse.move(900, 600);

  // Expand a disk: its snapshots, newest first.
  await rowWith(workbench, 'web-01-data').click();
  const expanded = await workbench.waitUntil(
    () => workbench.treeRows(),
    (seen) => seen.some((r) => r.startsWith('web-data-pre-migration')) && seen.some((r) => r.startsWith('auto_20261120_1')),
    'expanding web-01-data does not show its snapshots',
  );
  const newer = expanded.findIndex((r) => r.startsWith('web-data-pre-migration'));
  const older = expanded.findIndex((r) => r.startsWith('auto_20261120_1'));
  expect(newer < older, 'snapshots are not newest first');
  expect(/Ready · instant access/.test(expanded[newer]), `unexpected snapshot description: ${expanded[newer]}`);
  await workbench.screenshot('disk-tree-snapshots');

  // Filter from the title bar: only matching disks stay, the view says what is filtered.
  await workbench.page.locator('.sidebar a.action-label[aria-label^="Filter Disks"]').first().click();
  await workbench.typeIntoQuickInput('env=prod');
  await workbench.page.keyboard.press('Enter');
  const filtered = await workbench.waitUntil(
    () => workbench.treeRows(),
    (seen) => !seen.some((r) => r.startsWith('web-01-system')) && seen.some((r) => r.startsWith('web-01-data')),
    'filtering by env=prod does not narrow the disks',
  );
  expect(filtered.filter((r) => / GiB · /.test(r)).length === 2, `env=prod should leave 2 disks: ${JSON.stringify(filtered)}`);
  const message = workbench.page.locator('.sidebar .message').filter({ hasText: 'env=prod' }).first();
  await message.waitFor({ timeout: 20_000 });
  await workbench.screenshot('disk-tree-filtered');
  await workbench.page.locator('.sidebar a.action-label[aria-label^="Clear Disk Filter"]').first().click();
  await workbench.waitUntil(
    () => workbench.treeRows(),
    (seen) => seen.some((r) => r.startsWith('web-01-system')),
    'clearing the filter does not bring all disks back',
  );

  // Switch region through the title bar: the tree reloads from the new region.
  await switchRegion(workbench, 'cn-shanghai', 'disk-tree-more-actions');
  const shanghai = await workbench.waitUntil(
    () => workbench.treeRows(),
    (seen) => seen.some((r) => r.startsWith('api-sh-01-system')) && !seen.some((r) => r.startsWith('web-01-data')),
    'after switching to cn-shanghai the view does not show that region\'s disks',
  );
  expect(shanghai.some((r) => r.startsWith('api-sh-01-data')), 'api-sh-01-data is missing');
  const description = await workbench.page.locator('.sidebar .title-description, .sidebar .pane-header .description').allInnerTexts();
  expect(description.some((d) => d.includes('cn-shanghai')), `the view description does not name the region: ${JSON.stringify(description)}`);
  await workbench.screenshot('disk-tree-region-switched');

  // Leave the workbench as found for the scenarios that follow.
  await switchRegion(workbench, 'cn-hangzhou');
  await workbench.waitUntil(
    () => workbench.treeRows(),
    (seen) => seen.some((r) => r.startsWith('web-01-data')),
    'switching back to cn-hangzhou does not show its disks again',
  );
}

// A person opens the Disks view on the sandbox, expands a disk to see its snapshots, then switches
// region with the title-bar action and sees that region's disks. Screenshots at each step.
import { expect } from '../workbench.mjs';

export const title = 'The Disks view lists the sandbox disks and snapshots and follows a region switch';

const rowWith = (workbench, text) => workbench.page.locator('.sidebar .monaco-list-row').filter({ hasText: text }).first();

async function switchRegion(workbench, regionId) {
  // The view's title-bar action (globe icon), as a person would click it.
  await workbench.page.locator('.sidebar .monaco-list-row').first().hover();
  const action = workbench.page.locator('.sidebar a.action-label[aria-label^="Select Region"]').first();
  await action.waitFor({ timeout: 20_000 });
  await action.click();
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

export default async function (workbench) {
  await workbench.open();
  await workbench.openView('ECS Snapshots');

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

  // Switch region through the title bar: the tree reloads from the new region.
  await switchRegion(workbench, 'cn-shanghai');
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

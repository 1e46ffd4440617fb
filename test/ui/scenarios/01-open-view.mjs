// A person clicks "ECS Snapshots" in the activity bar and sees the Disks view.
import { expect } from '../workbench.mjs';

export const title = 'Clicking ECS Snapshots in the activity bar opens the Disks view';

export default async function (workbench) {
  await workbench.open();
  await workbench.openView('ECS Snapshots');
  const sideBar = await workbench.sideBarTitle();
  expect(/Disks/.test(sideBar), `the side bar shows "${sideBar}", not the Disks view`);
  await workbench.page.locator('.sidebar .monaco-list-row').first().waitFor({ timeout: 20_000 });
}

// A person clicks "ECS Snapshots" in the activity bar and sees the Disks view.
import { expect } from '../workbench.mjs';

export const title = 'Opening ECS Snapshots from the activity bar shows the Disks view';

export default async function (workbench) {
  await workbench.open();
  await workbench.openView('ECS Snapshots');
  const disks = workbench.viewHeader('Disks');
  await disks.waitFor({ timeout: 20_000 });
  expect((await disks.getAttribute('aria-expanded')) === 'true', 'the Disks view is collapsed');
  await workbench.screenshot('disks-view');
}

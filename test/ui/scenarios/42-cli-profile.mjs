// A developer who already uses the aliyun CLI installs the extension and sets nothing but the
// endpoint: the CLI's current profile is used at once, no "Connect" welcome in between.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../../scripts/vscode/paths.mjs';
import { expect } from '../workbench.mjs';

export const title = 'An existing aliyun CLI config, nothing chosen -> the CLI\'s current profile lists the disks';

/** Only the endpoint (the sandbox stands in for Alibaba Cloud); no credential source, no region. */
export const settings = (sandbox) => ({ 'ecsSnapshots.endpoint': sandbox.endpoint });

/** ~/.aliyun/config.json as `aliyun configure` writes it, its current profile holding the sandbox's keys. */
export function home(dir, sandbox) {
  const config = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'aliyun-cli-config.json'), 'utf8')
    .replace('ACCESS_KEY_ID', sandbox.accessKeyId)
    .replace('ACCESS_KEY_SECRET', sandbox.accessKeySecret);
  mkdirSync(path.join(dir, '.aliyun'), { recursive: true });
  writeFileSync(path.join(dir, '.aliyun', 'config.json'), config);
}

export default async function (workbench) {
  const { sandbox, userSettingsFile } = workbench.context;
  await workbench.open();
  await workbench.openView('ECS Snapshots');

  // The profile "dev" is the CLI's current one and names region cn-shanghai.
  const expected = sandbox.world.disksIn('cn-shanghai').map((d) => d.diskName).filter(Boolean);
  const rows = await workbench.waitUntil(
    () => workbench.treeRows(),
    (seen) => expected.some((name) => seen.some((r) => r.startsWith(name))),
    'the CLI profile\'s disks do not appear',
    45_000,
  );
  const sideBar = await workbench.page.locator('.sidebar').innerText();
  expect(sideBar.includes('cn-shanghai · profile dev'), `the view does not say it uses the CLI profile: ${sideBar.slice(0, 300)}`);
  expect(!sideBar.includes('Try the Sandbox'), 'the "Connect" welcome is shown although a CLI profile exists');
  expect(rows.length > 0, 'no disks');
  expect((sandbox.stats.byAction.DescribeDisks ?? 0) > 0, 'the sandbox received no DescribeDisks');
  expect(!readFileSync(userSettingsFile, 'utf8').includes('credentialSource'), 'a credential source was written although none was chosen');
  await workbench.screenshot('cli-profile-default');
}

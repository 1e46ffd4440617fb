// A person's workspace has a tasks.json whose `deploy` task depends on an `ecs-snapshot` task. They
// run `deploy` from the palette (Tasks: Run Task, typed); the terminal shows the backup's steps
// (disk, request, snapshot id, progress, ready) and the deploy's output only once the snapshot is
// usable.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sandboxSettings } from '../../../scripts/vscode/codeServer.mjs';
import { addSmallDisk } from '../smallDisk.mjs';
import { expect } from '../workbench.mjs';

export const title = 'Tasks: `deploy` runs only after its ecs-snapshot dependency made a backup, all in the terminal';

const DISK = 'deploy-data';
const TIMEOUT = 60_000;
/** What only the deploy's output contains (its command line reads `printf 'DEPLOY %s\n' started`). */
const DEPLOYED = 'DEPLOY started';

const TASKS = {
  version: '2.0.0',
  tasks: [
    { label: 'backup before deploy', type: 'ecs-snapshot', disk: DISK, name: 'pre-deploy-{date}', retentionDays: 7, wait: 'ready' },
    { label: 'deploy', type: 'shell', command: "printf 'DEPLOY %s\\n' started", dependsOn: ['backup before deploy'], problemMatcher: [] },
  ],
};

/** The scenario's HOME sits next to the workspace VS Code opens: put the tasks.json there. */
export function home(homeDir, sandbox) {
  addSmallDisk(sandbox, DISK, 'Data of the app this workspace deploys');
  const vscodeDir = path.join(path.dirname(homeDir), 'workspace', '.vscode');
  mkdirSync(vscodeDir, { recursive: true });
  writeFileSync(path.join(vscodeDir, 'tasks.json'), `${JSON.stringify(TASKS, null, 2)}\n`);
}

/** The DOM renderer puts the terminal's text in the page, where the scenario can read it. */
export function settings(sandbox) {
  return {
    ...sandboxSettings(sandbox.endpoint),
    'terminal.integrated.gpuAcceleration': 'off',
    // The built-in task detectors (npm, TypeScript, gulp, grunt, jake) scan the workspace before Run
    // Task can list anything; this workspace has none of their files, and the scenario is about ours.
    'task.autoDetect': 'off',
    'npm.autoDetect': 'off',
    'typescript.tsc.autoDetect': 'off',
  };
}

/** Every terminal's visible text (the backup and the deploy may each have their own). */
async function terminalText(workbench) {
  const rows = await workbench.page.locator('.terminal-wrapper .xterm-rows').allInnerTexts().catch(() => []);
  return rows.join('\n').replace(/\u00a0/g, ' ');
}

export default async function (workbench) {
  const { sandbox } = workbench.context;
  const scale = sandbox.world.timeScale;
  sandbox.world.timeScale = 4; // the 5 GiB snapshot is usable within seconds; restored below
  try {
    await scenario(workbench, sandbox);
  } finally {
    sandbox.world.timeScale = scale;
  }
}

async function scenario(workbench, sandbox) {
  await workbench.open();
  const disk = [...sandbox.world.disks.values()].find((d) => d.diskName === DISK);
  expect(disk, `the sandbox has no disk ${DISK}`);

  // Tasks: Run Task, then type "deploy" and pick it, as a person would.
  // VS Code replaces the palette with the task picker once every task provider has answered; text
  // typed before that can land in the palette that is going away, so a person would simply try again.
  const row = workbench.quickInputRows().filter({ has: workbench.page.locator('.label-name', { hasText: /^deploy$/ }) }).first();
  // Run Task waits for every extension that may provide tasks: start once the workbench has activated them.
  await workbench.waitUntil(
    () => workbench.statusBarTexts(),
    (texts) => !texts.some((t) => /Activating Extensions/i.test(t)),
    'extensions are still activating',
    90_000,
  );
  for (let attempt = 1; ; attempt++) {
    await workbench.startCommand('Tasks: Run Task');
    // The task picker (not the palette still closing): it comes once every task provider answered.
    const taskPicker = workbench.page.locator('.quick-input-widget input[placeholder*="task" i]').first();
    const picker = await taskPicker.waitFor({ timeout: 40_000 }).then(
      () => true,
      () => false,
    );
    let shown = false;
    if (picker) {
      await workbench.page.waitForTimeout(500);
      await workbench.typeIntoQuickInput('deploy');
      shown = await row.waitFor({ timeout: 20_000 }).then(
        () => true,
        () => false,
      );
    } else {
      console.log(`    Run Task: no task picker after 40 s on attempt ${attempt}: ${JSON.stringify(await workbench.statusBarTexts())}`);
    }
    if (shown) break;
    expect(attempt < 3, 'Tasks: Run Task never offered the deploy task');
    // Seen in this harness: the first Run Task of a fresh window sometimes never shows its picker,
    // while a second one shows it at once (not diagnosed; see the closing note of issue 15).
    console.log(`    Run Task: no "deploy" row on attempt ${attempt}; trying again`);
    await workbench.pressEscape();
  }
  await row.click();

  // While the backup runs, the deploy has not started; it starts once the snapshot is usable.
  const snapshotId = await workbench.waitUntil(
    () => sandbox.world.snapshotsOf(disk.diskId)[0]?.snapshotId,
    (id) => Boolean(id),
    'the backup task sent no CreateSnapshot',
    TIMEOUT,
  );
  let sawWaiting = false;
  // The panel shows the last rows only: every line seen while polling counts.
  const seenLines = new Set();
  const text = await workbench.waitUntil(
    async () => {
      const seen = await terminalText(workbench);
      seen.split('\n').forEach((line) => seenLines.add(line.trim()));
      const usable = sandbox.world.snapshotsOf(disk.diskId)[0]?.available === true;
      if (seen.includes(DEPLOYED)) expect(usable, `the deploy ran before snapshot ${snapshotId} was usable:\n${seen}`);
      else if (seen.includes(snapshotId)) sawWaiting = true;
      return seen;
    },
    (seen) => seen.includes(DEPLOYED),
    'the deploy output never appeared',
    TIMEOUT,
  );
  await workbench.screenshot('tasks-deploy-after-backup');
  expect(sawWaiting, 'the terminal never showed the backup waiting before the deploy ran');
  for (const step of [`Backing up disk ${DISK}`, snapshotId, 'is ready']) {
    expect([...seenLines].some((line) => line.includes(step)), `the terminal never showed "${step}":\n${[...seenLines].join('\n')}`);
  }
  expect(sandbox.stats.byAction.CreateSnapshot === 1, `CreateSnapshot sent ${sandbox.stats.byAction.CreateSnapshot} times`);
  console.log(`    ${snapshotId}; terminal:\n      ${text.split('\n').filter((l) => l.trim()).join('\n      ')}`);
}

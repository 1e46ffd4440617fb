// Tasks of type `ecs-snapshot` in the real workbench, through the installed extension connected to a
// sandbox: the exit code dependsOn / preLaunchTask read, the catalog's message in the terminal, a
// chain that stops at a failed backup, and a terminated wait that leaves the snapshot tracked.
// The suite runs in a fresh folder of its own (.vscode-test.mjs): VS Code resolves tasks.json
// entries of a contributed type only in a folder, never in an empty window.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { describeEcsProblem } from '../../src/snapshot/catalog';
import { activated } from './helpers';
import { addDisk, waitFor } from './trackerHelpers';

const TYPE = 'ecs-snapshot';
const global = vscode.ConfigurationTarget.Global;

async function configure(sandbox: Sandbox | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('ecsSnapshots');
  await config.update('credentialSource', sandbox ? 'sandbox' : undefined, global);
  await config.update('endpoint', sandbox?.endpoint, global);
  await config.update('region', sandbox ? 'cn-hangzhou' : undefined, global);
  await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', sandbox ? false : undefined, global);
}

/** Replaces the folder's .vscode/tasks.json (written through the configuration, as the Tasks commands do). */
async function workspaceTasks(tasks: Record<string, unknown>[] | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('tasks');
  await config.update('version', tasks ? '2.0.0' : undefined, vscode.ConfigurationTarget.Workspace);
  await config.update('tasks', tasks, vscode.ConfigurationTarget.Workspace);
}

async function task(label: string): Promise<vscode.Task> {
  const all = await vscode.tasks.fetchTasks();
  const found = all.find((t) => t.name === label);
  assert.ok(found, `no task ${label} among ${all.map((t) => `${t.name} (${t.definition.type}, ${t.source})`).join(', ')}; typed: ${(await vscode.tasks.fetchTasks({ type: TYPE })).map((t) => t.name).join(', ')}`);
  return found;
}

/** What the task events said, per task name. */
class TaskEvents implements vscode.Disposable {
  readonly started: string[] = [];
  readonly exitCodes = new Map<string, number | undefined>();
  private readonly subscriptions = [
    vscode.tasks.onDidStartTask((e) => this.started.push(e.execution.task.name)),
    vscode.tasks.onDidEndTaskProcess((e) => this.exitCodes.set(e.execution.task.name, e.exitCode)),
  ];
  async exitCode(name: string, timeoutMs = 60_000): Promise<number | undefined> {
    await waitFor(`${name} to end`, () => this.exitCodes.has(name), timeoutMs);
    return this.exitCodes.get(name);
  }
  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/** The active terminal's text, as a person would select and copy it. */
async function terminalText(): Promise<string> {
  await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
  await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
  await vscode.commands.executeCommand('workbench.action.terminal.clearSelection');
  return vscode.env.clipboard.readText();
}

/** Closes the terminals of earlier tasks, so the next task's terminal is the only one (and active). */
async function closeTerminals(): Promise<void> {
  const closing = vscode.window.terminals.map((terminal) => new Promise<void>((resolve) => {
    const listener = vscode.window.onDidCloseTerminal((closed) => {
      if (closed === terminal) {
        listener.dispose();
        resolve();
      }
    });
    terminal.dispose();
  }));
  await Promise.all(closing);
}

suite('Tasks (ecs-snapshot)', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let events: TaskEvents;

  suiteSetup(async () => {
    assert.ok(vscode.workspace.workspaceFolders?.length, 'the tasks suite needs a folder (see .vscode-test.mjs)');
    // Ten simulated seconds per second: a 5 GiB disk's snapshot (25 s) is ready in a few seconds.
    sandbox = await startSandbox({ seed: 15, timeScale: 10 });
    await configure(sandbox);
    await activated();
  });
  suiteTeardown(async () => {
    await workspaceTasks(undefined);
    await configure(undefined);
    await sandbox?.close();
  });
  setup(async () => {
    events = new TaskEvents();
    await closeTerminals();
    sandbox.stats.reset();
  });
  teardown(() => events.dispose());

  test('wait: ready ends with exit code 0 once the snapshot is usable, after one CreateSnapshot', async () => {
    const disk = addDisk(sandbox, 'task-ready-data', 5);
    await workspaceTasks([{ label: 'backup-ready', type: TYPE, disk: 'task-ready-data', name: 'task-ready', wait: 'ready', retentionDays: 3, tags: { via: 'task' } }]);
    await vscode.tasks.executeTask(await task('backup-ready'));
    assert.equal(await events.exitCode('backup-ready'), 0);
    const [snapshot, ...others] = sandbox.world.snapshotsOf(disk.diskId);
    assert.equal(others.length, 0);
    assert.equal(snapshot.snapshotName, 'task-ready');
    assert.equal(snapshot.available, true, 'the task ended before the snapshot was usable');
    assert.equal(sandbox.stats.byAction.CreateSnapshot, 1);
    const text = await terminalText();
    assert.match(text, /Backing up disk task-ready-data/);
    assert.ok(text.includes(snapshot.snapshotId), `the terminal does not name ${snapshot.snapshotId}:\n${text}`);
  });

  test('a disk ECS refuses (its snapshot quota is full) ends non-zero with the catalog\'s message in the terminal', async () => {
    await workspaceTasks([{ label: 'backup-quota', type: TYPE, disk: 'logs-ssd', wait: 'ready' }]);
    await vscode.tasks.executeTask(await task('backup-quota'));
    const code = await events.exitCode('backup-quota');
    assert.ok(code !== undefined && code !== 0, `exit code ${code}`);
    const expected = describeEcsProblem({ code: 'QuotaExceed.Snapshot', message: '' }).title;
    const text = await terminalText();
    assert.ok(text.includes(expected), `the terminal does not say "${expected}":\n${text}`);
  });

  test('a dependsOn chain stops at the failed backup; after a backup that happened it goes on', async () => {
    addDisk(sandbox, 'task-chain-data', 5);
    await workspaceTasks([
      { label: 'backup-logs', type: TYPE, disk: 'logs-ssd' },
      { label: 'deploy-after-refused', type: 'shell', command: 'echo deploying', dependsOn: ['backup-logs'], problemMatcher: [] },
      { label: 'backup-chain', type: TYPE, disk: 'task-chain-data' },
      { label: 'deploy-after-backup', type: 'shell', command: 'echo deploying', dependsOn: ['backup-chain'], problemMatcher: [] },
    ]);
    await vscode.tasks.executeTask(await task('deploy-after-refused'));
    assert.notEqual(await events.exitCode('backup-logs'), 0);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.ok(!events.started.includes('deploy-after-refused'), `deploy ran after a failed backup: ${events.started.join(', ')}`);

    await vscode.tasks.executeTask(await task('deploy-after-backup'));
    assert.equal(await events.exitCode('backup-chain'), 0);
    assert.equal(await events.exitCode('deploy-after-backup'), 0);
    assert.deepEqual(events.started.filter((name) => name.endsWith('-chain') || name === 'deploy-after-backup'), ['backup-chain', 'deploy-after-backup']);
  });

  test('terminating the task while it waits ends it non-zero and leaves the snapshot tracked: no second request of the disk', async () => {
    // 2,000 GiB: about 200 s at this time scale, so the task is still waiting when it is terminated.
    const disk = addDisk(sandbox, 'task-cancel-data', 2000);
    await workspaceTasks([
      { label: 'backup-cancel', type: TYPE, disk: 'task-cancel-data', wait: 'ready' },
      { label: 'backup-again', type: TYPE, disk: 'task-cancel-data' },
    ]);
    const execution = await vscode.tasks.executeTask(await task('backup-cancel'));
    await waitFor('the snapshot to be created', () => sandbox.world.snapshotsOf(disk.diskId).length === 1);
    const snapshotId = sandbox.world.snapshotsOf(disk.diskId)[0].snapshotId;
    // Terminated once the terminal shows the snapshot id, i.e. while the task waits for it to be ready.
    const deadline = Date.now() + 30_000;
    while (!(await terminalText()).includes(snapshotId)) {
      assert.ok(Date.now() < deadline, 'the terminal never named the snapshot');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    execution.terminate();
    const code = await events.exitCode('backup-cancel');
    assert.notEqual(code, 0);
    assert.equal(sandbox.world.snapshotsOf(disk.diskId)[0].progress.status, 'progressing');

    // The tracker still follows the snapshot: a second backup of the disk is refused before sending.
    await closeTerminals();
    const created = sandbox.stats.byAction.CreateSnapshot;
    await vscode.tasks.executeTask(await task('backup-again'));
    assert.notEqual(await events.exitCode('backup-again'), 0);
    assert.equal(sandbox.stats.byAction.CreateSnapshot, created, 'a second CreateSnapshot was sent');
    assert.equal(sandbox.world.snapshotsOf(disk.diskId).length, 1);
  });
});

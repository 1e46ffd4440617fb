// Commands with arguments and the extension API in the real workbench, through the installed
// extension connected to a sandbox: exactly one CreateSnapshot per call and its id returned,
// invalid arguments refused with the rule's message before anything is sent, and wait 'ready'
// resolving only once the sandbox reports the snapshot usable.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EcsSnapshotsApi } from '../../src/automation/backupApi';
import { fieldMessage } from '../../src/commands/createSnapshot/steps/inputSteps';
import { QUICK_BACKUP_TAG } from '../../src/commands/quickBackupIntent';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import type { EcsGateway } from '../../src/ecs/gateway';
import { checkDescription, checkSnapshotName } from '../../src/snapshot/rules';
import { harness, sandboxGateway } from './createSnapshotHelpers';
import { activated, getExtension } from './helpers';
import { addDisk } from './trackerHelpers';

const global = vscode.ConfigurationTarget.Global;

async function configure(sandbox: Sandbox | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('ecsSnapshots');
  await config.update('credentialSource', sandbox ? 'sandbox' : undefined, global);
  await config.update('endpoint', sandbox?.endpoint, global);
  await config.update('region', sandbox ? 'cn-hangzhou' : undefined, global);
  await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', sandbox ? false : undefined, global);
}

suite('Automation (commands with arguments, extension API)', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let api: EcsSnapshotsApi;

  suiteSetup(async () => {
    // Ten simulated seconds per second: a 5 GiB disk's snapshot is usable within seconds.
    sandbox = await startSandbox({ seed: 15, timeScale: 10 });
    await configure(sandbox);
    await activated();
    api = getExtension().exports as EcsSnapshotsApi;
  });
  suiteTeardown(async () => {
    await configure(undefined);
    await sandbox?.close();
  });
  setup(() => sandbox.stats.reset());

  test('Create Snapshot with arguments and skipPrompts: one CreateSnapshot, the new id returned, no prompt', async () => {
    const disk = addDisk(sandbox, 'cmd-args-data', 5);
    const id = await vscode.commands.executeCommand<string | undefined>('ecsSnapshots.createSnapshot', {
      disk: 'cmd-args-data',
      name: 'cmd-args',
      retentionDays: 2,
      tags: { via: 'command' },
      skipPrompts: true,
    });
    assert.equal(typeof id, 'string');
    const snapshots = sandbox.world.snapshotsOf(disk.diskId);
    assert.deepEqual(snapshots.map((s) => s.snapshotId), [id]);
    assert.equal(snapshots[0].snapshotName, 'cmd-args');
    assert.equal(snapshots[0].retentionDays, 2);
    assert.deepEqual(snapshots[0].tags, [{ key: 'via', value: 'command' }]);
    assert.equal(sandbox.stats.byAction.CreateSnapshot, 1);
  });

  test('Quick Backup with a disk argument: one CreateSnapshot with the Quick Backup tag, the new id returned', async () => {
    const disk = addDisk(sandbox, 'cmd-quick-data', 5);
    const id = await vscode.commands.executeCommand<string | undefined>('ecsSnapshots.quickBackup', { disk: disk.diskId, retentionDays: 1 });
    assert.equal(typeof id, 'string');
    const snapshots = sandbox.world.snapshotsOf(disk.diskId);
    assert.deepEqual(snapshots.map((s) => s.snapshotId), [id]);
    assert.ok(snapshots[0].tags.some((t) => t.key === QUICK_BACKUP_TAG.key), JSON.stringify(snapshots[0].tags));
    assert.equal(snapshots[0].retentionDays, 1);
    assert.equal(sandbox.stats.byAction.CreateSnapshot, 1);
  });

  test('invalid arguments are refused with the rule\'s message and nothing is sent', async () => {
    const disk = addDisk(sandbox, 'cmd-invalid-data', 5);
    for (const command of ['ecsSnapshots.createSnapshot', 'ecsSnapshots.quickBackup']) {
      const id = await vscode.commands.executeCommand(command, { disk: disk.diskId, name: 'auto-x', skipPrompts: true });
      assert.equal(id, undefined, command);
      assert.equal(await vscode.commands.executeCommand(command, { disk: disk.diskId, retention: 3, skipPrompts: true }), undefined, command);
    }
    const result = await api.backup({ disk: disk.diskId, name: 'auto-x' });
    assert.deepEqual(result, { ok: false, kind: 'invalidArguments', message: fieldMessage('Name', checkSnapshotName('auto-x')) });
    assert.equal(sandbox.stats.total, 0, `requests: ${JSON.stringify(sandbox.stats.byAction)}`);
    assert.equal(sandbox.world.snapshotsOf(disk.diskId).length, 0);
  });

  test('the extension API: version 1, a backup waited for until usable, listed by trackedOperations', async () => {
    assert.equal(api.apiVersion, 1);
    const disk = addDisk(sandbox, 'api-ready-data', 5);
    const result = await api.backup({ disk: 'api-ready-data', name: 'api-ready' }, { wait: 'ready' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.reached, 'ready');
    const [snapshot, ...others] = sandbox.world.snapshotsOf(disk.diskId);
    assert.equal(others.length, 0);
    assert.equal(snapshot.snapshotId, result.snapshotId);
    assert.equal(snapshot.available, true, 'the wait ended before the snapshot was usable');
    assert.equal(sandbox.stats.byAction.CreateSnapshot, 1);
    const tracked = (await api.trackedOperations()).find((op) => op.snapshotId === result.snapshotId);
    assert.equal(tracked?.usable, true);
    assert.equal(tracked?.diskId, disk.diskId);
  });

  test('waitUntilReady resolves after a created snapshot becomes usable', async () => {
    const disk = addDisk(sandbox, 'api-wait-data', 5);
    const created = await api.backup({ disk: disk.diskId });
    assert.ok(created.ok && created.reached === 'created', JSON.stringify(created));
    const ready = await api.waitUntilReady(created.regionId, created.snapshotId);
    assert.ok(ready.ok && ready.reached === 'ready', JSON.stringify(ready));
    assert.equal(sandbox.world.snapshotsOf(disk.diskId)[0].available, true);
    assert.equal(sandbox.stats.byAction.CreateSnapshot, 1);
  });

  test('a disk name that matches no disk is refused and nothing is created', async () => {
    const result = await api.backup({ disk: 'no-such-disk-anywhere' });
    assert.equal(!result.ok && result.kind, 'diskNotFound');
    assert.equal(sandbox.stats.byAction.CreateSnapshot ?? 0, 0);
  });
});

suite('Automation: Create Snapshot with arguments, guided', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let gateway: EcsGateway;
  let log: vscode.LogOutputChannel;
  const disposables: vscode.Disposable[] = [];

  suiteSetup(async () => {
    sandbox = await startSandbox({ seed: 8 });
    gateway = sandboxGateway(sandbox);
    log = vscode.window.createOutputChannel('ECS Snapshots (automation suite)', { log: true });
    disposables.push(log);
  });
  suiteTeardown(async () => {
    disposables.forEach((d) => d.dispose());
    await sandbox?.close();
  });

  test('without skipPrompts the flow starts at the name, prefilled with the arguments; confirming sends them', async () => {
    const h = harness(gateway, log, {}, disposables);
    const disk = addDisk(sandbox, 'guided-args-data', 5);
    const prompter = h.script([
      (seen) => (assert.equal(seen.kind === 'input' && seen.request.value, 'guided-args'), 'guided-args'),
      (seen) => (assert.equal(seen.kind === 'input' && seen.request.value, 'before the upgrade'), 'before the upgrade'),
      (seen) => (assert.equal(seen.kind === 'input' && seen.request.value, '4'), '4'),
      { pick: 'Done' },
      { pick: 'Create snapshot' },
    ]);
    const result = await h.commands.createSnapshot({ disk: 'guided-args-data', name: 'guided-args', description: 'before the upgrade', retentionDays: 4, tags: ['team=web'] });
    assert.equal(result?.kind, 'created');
    assert.match(prompter.trail()[0], /^input \d\/\d guided-args$/, 'the disk step is left out');
    const [record, ...others] = sandbox.world.snapshotsOf(disk.diskId);
    assert.equal(others.length, 0);
    assert.deepEqual([record.snapshotName, record.description, record.retentionDays, record.tags], ['guided-args', 'before the upgrade', 4, [{ key: 'team', value: 'web' }]]);
  });

  test('invalid arguments: a warning with the rule\'s message, no prompt, nothing sent', async () => {
    const h = harness(gateway, log, {}, disposables);
    const prompter = h.script([]);
    const before = sandbox.stats.total;
    assert.equal(await h.commands.createSnapshot({ disk: 'guided-args-data', description: 'x' }), undefined);
    assert.deepEqual(h.notifier.warnings, [fieldMessage('Description', checkDescription('x'))]);
    assert.equal(prompter.trail().length, 0);
    assert.equal(sandbox.stats.total, before);
  });
});

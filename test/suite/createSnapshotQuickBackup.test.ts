// Quick Backup and Set Quick Backup Disk in the real extension host against the sandbox: asked
// once then zero prompts, names from the template and the workspace's Git branch (VS Code's own
// Git extension on a temporary repository), retention and marker tag, and what stops it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { gitInfoFromVscode } from '../../src/commands/gitInfo';
import { QUICK_BACKUP_TAG } from '../../src/commands/quickBackupIntent';
import { checkRegionId } from '../../src/ecs/endpoint';
import type { EcsGateway } from '../../src/ecs/gateway';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { checkSnapshotName } from '../../src/snapshot/rules';
import { CANCEL } from '../../src/commands/createSnapshot/prompter';
import { diskNamed, harness, sandboxGateway } from './createSnapshotHelpers';
import { addDisk, sleep, waitFor } from './trackerHelpers';

const config = () => vscode.workspace.getConfiguration('ecsSnapshots');

suite('Quick Backup on the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let gateway: EcsGateway;
  let log: vscode.LogOutputChannel;
  const disposables: vscode.Disposable[] = [];

  suiteSetup(async () => {
    sandbox = await startSandbox({ seed: 9, disks: 0 });
    gateway = sandboxGateway(sandbox);
    log = vscode.window.createOutputChannel('ECS Snapshots (quick backup suite)', { log: true });
    disposables.push(log);
    await config().update('tracker.notifyOnCompletion', false, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    disposables.forEach((d) => d.dispose());
    for (const key of ['tracker.notifyOnCompletion', 'quickBackup.nameTemplate', 'quickBackup.retentionDays']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await sandbox?.close();
  });

  teardown(async () => {
    await config().update('quickBackup.nameTemplate', undefined, vscode.ConfigurationTarget.Global);
    await config().update('quickBackup.retentionDays', undefined, vscode.ConfigurationTarget.Global);
  });

  const createRequests = () => sandbox.stats.byAction.CreateSnapshot ?? 0;

  test('the first Quick Backup asks for the disk once; the next ones ask nothing', async () => {
    const disk = addDisk(sandbox, 'qb-first', 20);
    addDisk(sandbox, 'qb-other', 20);
    const h = harness(gateway, log, {}, disposables);
    const first = h.script([{ pick: 'qb-first' }]);
    const result = await h.commands.quickBackup();
    assert.equal(result.kind, 'created');
    assert.equal(first.seen.length, 1, 'one question: which disk');
    assert.match((first.seen[0].kind === 'pick' && first.seen[0].request.placeholder) || '', /remembered for this workspace/);

    const snapshotId = result.kind === 'created' ? result.snapshotId : '';
    const record = sandbox.world.snapshots.get(snapshotId);
    assert.ok(record);
    assert.equal(record.sourceDiskId, disk.diskId);
    assert.equal(record.snapshotName, 'pre-change-20261127-1430');
    assert.equal(record.retentionDays, 7);
    assert.deepEqual(record.tags, [QUICK_BACKUP_TAG]);
    assert.equal(record.description, 'Quick Backup from VS Code');
    assert.equal(h.tracker.operations()[0].snapshotId, snapshotId, 'on the tracker at once');
    assert.equal(h.tracker.operations()[0].intent.origin, 'quickBackup');
    assert.equal(h.tracker.status.visible, true);
    assert.deepEqual(h.tree.refreshed, [`cn-hangzhou/${disk.diskId}`], 'and in the tree under its disk');
    assert.match(h.announced[0], /Quick Backup of qb-first started: pre-change-20261127-1430/);

    // Wait until the first snapshot is done (ECS allows one at a time per disk), then again: no question.
    sandbox.world.snapshots.get(snapshotId)!.startedAt -= 3_600_000;
    await waitFor('the tracker to see it ready', () => !h.tracker.isCreating({ regionId: 'cn-hangzhou', diskId: disk.diskId }), 30_000);
    const second = h.script([]);
    const before = createRequests();
    const again = await h.commands.quickBackup();
    assert.equal(again.kind, 'created', JSON.stringify(again));
    assert.equal(second.seen.length, 0, 'zero prompts');
    assert.equal(createRequests() - before, 1);
    assert.equal(sandbox.world.snapshotsOf(disk.diskId).length, 2);
    // Same minute, same template: the disk already has that name, so the new one is numbered.
    const againId = again.kind === 'created' ? again.snapshotId : '';
    assert.equal(sandbox.world.snapshots.get(againId)?.snapshotName, 'pre-change-20261127-1430-2');
  });

  test('Set Quick Backup Disk changes the disk (from a node, or picked); a node\'s Quick Backup backs up that node', async () => {
    const a = addDisk(sandbox, 'qb-a', 20);
    const b = addDisk(sandbox, 'qb-b', 20);
    const c = addDisk(sandbox, 'qb-c', 20);
    const h = harness(gateway, log, {}, disposables);
    h.script([{ pick: 'qb-a' }]);
    assert.equal((await h.commands.setQuickBackupDisk())?.diskId, a.diskId);
    assert.match(h.notifier.infos.at(-1) ?? '', /Quick Backup will snapshot qb-a/);
    assert.equal((await h.commands.setQuickBackupDisk({ disk: await diskNamed(gateway, 'qb-b') }))?.diskId, b.diskId);
    h.script([]);
    assert.equal((await h.commands.quickBackup()).kind, 'created');
    assert.equal(sandbox.world.snapshotsOf(b.diskId).length, 1, 'the new Quick Backup disk');
    assert.equal((await h.commands.quickBackup({ disk: await diskNamed(gateway, 'qb-c') })).kind, 'created');
    assert.equal(sandbox.world.snapshotsOf(c.diskId).length, 1, 'the node\'s disk');
    assert.equal(sandbox.world.snapshotsOf(a.diskId).length, 0);
  });

  test('pressing Quick Backup twice quickly creates one snapshot', async () => {
    const disk = addDisk(sandbox, 'qb-twice', 20);
    const h = harness(gateway, log, {}, disposables);
    await h.commands.setQuickBackupDisk({ disk: await diskNamed(gateway, 'qb-twice') });
    sandbox.setFaults({ latencyMs: 300 });
    try {
      const before = createRequests();
      const results = await Promise.all([h.commands.quickBackup(), h.commands.quickBackup()]);
      assert.deepEqual(results.map((r) => r.kind).sort(), ['created', 'inFlight']);
      assert.equal(createRequests() - before, 1);
      assert.equal(sandbox.world.snapshotsOf(disk.diskId).length, 1);
    } finally {
      sandbox.clearFaults();
    }
  });

  test('name template and retention come from the settings; the name is always valid', async () => {
    const disk = addDisk(sandbox, 'qb settings/disk', 20);
    const h = harness(gateway, log, { gitInfo: async () => ({ branch: 'fix/URGENT thing', commit: '0123456789abcdef0123456789abcdef01234567' }) }, disposables);
    await config().update('quickBackup.nameTemplate', '{disk}@{branch}-{commit}-{time}', vscode.ConfigurationTarget.Global);
    await config().update('quickBackup.retentionDays', null, vscode.ConfigurationTarget.Global);
    const result = await h.commands.quickBackup({ disk: await diskNamed(gateway, 'qb settings/disk') });
    assert.equal(result.kind, 'created');
    const [record] = sandbox.world.snapshotsOf(disk.diskId);
    assert.equal(record.snapshotName, 'qb-settings-disk-fix-URGENT-thing-0123456-1430');
    assert.equal(checkSnapshotName(record.snapshotName), undefined);
    assert.equal(record.retentionDays, undefined, 'null: kept until deleted');
    assert.equal(record.description, 'Quick Backup from VS Code (branch fix/URGENT thing, commit 0123456)');
  });

  test('what stops a Quick Backup is told, and nothing is sent', async () => {
    const h = harness(gateway, log, {}, disposables);
    const before = createRequests();

    await config().update('quickBackup.retentionDays', 0, vscode.ConfigurationTarget.Global);
    addDisk(sandbox, 'qb-stop', 20);
    const bad = await h.commands.quickBackup({ disk: await diskNamed(gateway, 'qb-stop') });
    assert.equal(bad.kind, 'notSent');
    assert.match(h.notifier.warnings.at(-1) ?? '', /ecsSnapshots\.quickBackup\.retentionDays' must be from 1 to 65536 days \(now 0\)/);
    await config().update('quickBackup.retentionDays', undefined, vscode.ConfigurationTarget.Global);

    // The remembered disk was released meanwhile.
    await h.state.update('ecsSnapshots.quickBackupDisk', { regionId: 'cn-hangzhou', diskId: 'd-bp1released000000001', diskName: 'qb-gone', sourceKey: 'sandbox:create-suite' });
    const missing = await h.commands.quickBackup();
    assert.equal(missing.kind, 'notSent');
    assert.match(h.notifier.warnings.at(-1) ?? '', /qb-gone .* no longer exists in cn-hangzhou/);

    // Not connected at all.
    h.connections.connected = false;
    h.script([CANCEL]);
    const offline = await h.commands.createSnapshot();
    assert.equal(offline, undefined);
    assert.match(h.notifier.warnings.at(-1) ?? '', /Connect to Alibaba Cloud first/);
    assert.equal(createRequests(), before);
  });

  test('a connection that cannot be made (a malformed region setting) is told, and the commands end quietly', async () => {
    const h = harness(gateway, log, {}, disposables);
    const before = createRequests();
    // What ConnectionManager.current() does with ecsSnapshots.region = "cn hangzhou": the gateway refuses it.
    h.connections.current = async () => {
      checkRegionId('cn hangzhou');
      return undefined;
    };
    h.script([CANCEL]);
    const created = await h.commands.createSnapshot();
    assert.equal(created, undefined);
    assert.match(h.notifier.warnings.at(-1) ?? '', /'cn hangzhou' is not a region ID/);
    await h.state.update('ecsSnapshots.quickBackupDisk', undefined);
    const quick = await h.commands.quickBackup();
    assert.notEqual(quick.kind, 'created');
    assert.match(h.notifier.warnings.at(-1) ?? '', /'cn hangzhou' is not a region ID/);
    assert.equal(await h.commands.setQuickBackupDisk(), undefined);
    assert.equal(createRequests(), before);
  });

  test('in a Git repository, VS Code\'s Git extension gives the branch and commit for the name', async () => {
    const extension = vscode.extensions.getExtension<{ getAPI(v: 1): { openRepository(uri: vscode.Uri): Promise<unknown> } }>('vscode.git');
    assert.ok(extension, 'the built-in Git extension is present in this VS Code');
    const api = (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
    const dir = mkdtempSync(join(tmpdir(), 'ecs-quick-backup-'));
    disposables.push({ dispose: () => rmSync(dir, { recursive: true, force: true }) });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=Test', ...args], { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'feature/login-page');
    writeFileSync(join(dir, 'app.txt'), 'hello\n');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    const commit = git('rev-parse', 'HEAD');
    await api.openRepository(vscode.Uri.file(dir));
    await vscode.window.showTextDocument(vscode.Uri.file(join(dir, 'app.txt')));
    // Git reads the new repository's HEAD in the background.
    let info = await gitInfoFromVscode();
    for (const deadline = Date.now() + 20_000; info.branch !== 'feature/login-page' && Date.now() < deadline; ) {
      await sleep(100);
      info = await gitInfoFromVscode();
    }
    assert.equal(info.branch, 'feature/login-page');
    assert.equal(info.commit, commit);

    const disk = addDisk(sandbox, 'qb-git', 20);
    await config().update('quickBackup.nameTemplate', 'pre-change-{branch}-{commit}-{date}', vscode.ConfigurationTarget.Global);
    const h = harness(gateway, log, { gitInfo: gitInfoFromVscode }, disposables);
    const result = await h.commands.quickBackup({ disk: await diskNamed(gateway, 'qb-git') });
    assert.equal(result.kind, 'created');
    const [record] = sandbox.world.snapshotsOf(disk.diskId);
    assert.equal(record.snapshotName, `pre-change-feature-login-page-${commit.slice(0, 7)}-20261127`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

// The Roll Back commands in the extension host against the sandbox (real SDK over HTTP): what the
// user is told, every local refusal sending no write request, Escape at each step sending nothing,
// the typed confirmation, and the RollbackRequest handed over for unattached, stopped and running
// disks. The tracker is a recorder here: running the rollback is the tracker's job (issue 11).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CANCEL } from '../../src/commands/createSnapshot/prompter';
import type { PickRequest, Prompter } from '../../src/commands/createSnapshot/prompter';
import { RollbackCommands } from '../../src/commands/rollback/rollbackCommands';
import type { RollbackTracker } from '../../src/commands/rollback/rollbackFlow';
import type { EcsGateway } from '../../src/ecs/gateway';
import { BEFORE_ROLLBACK_TAG } from '../../src/rollback/rollbackApi';
import type { RollbackRequest } from '../../src/rollback/rollbackApi';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import type { ScriptStep } from '../support/scriptedPrompter';
import { RecordingNotifier } from '../support/snapshotFakes';
import { diskNamed, sandboxGateway, SandboxConnections, SOURCE_KEY } from './createSnapshotHelpers';

const WRITES = ['CreateSnapshot', 'DeleteSnapshot', 'ResetDisk', 'StopInstance', 'StopInstances', 'StartInstance', 'StartInstances'];

class RecordingTracker implements RollbackTracker {
  readonly started: RollbackRequest[] = [];
  rollingBack = new Set<string>();
  creating = new Set<string>();
  startRollback(request: RollbackRequest): void {
    this.started.push(request);
  }
  isRollingBack(disk: { diskId: string }): boolean {
    return this.rollingBack.has(disk.diskId);
  }
  isCreating(disk: { diskId: string }): boolean {
    return this.creating.has(disk.diskId);
  }
}

interface Run {
  commands: RollbackCommands;
  prompter: ScriptedPrompter;
  tracker: RecordingTracker;
  notifier: RecordingNotifier;
  modals: { message: string; detail: string }[];
}

suite('Roll Back commands on the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let gateway: EcsGateway;
  let now = Date.now();
  const log = { info: () => undefined, warn: () => undefined };

  suiteSetup(async () => {
    // The world's clock is ours: a snapshot made here is finished by moving it on.
    now = Date.now();
    sandbox = await startSandbox({ seed: 21, clock: () => now });
    gateway = sandboxGateway(sandbox);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('ecsSnapshots.rollback').update('safetySnapshot', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
  });

  const writes = () => WRITES.reduce((sum, action) => sum + (sandbox.stats.byAction[action] ?? 0), 0);

  function make(script: ScriptStep[], confirm = true): Run {
    const prompter = new ScriptedPrompter(script);
    const tracker = new RecordingTracker();
    const notifier = new RecordingNotifier();
    const modals: Run['modals'] = [];
    let id = 0;
    const asking: Prompter = { input: (r) => prompter.input(r), pick: <T>(r: PickRequest<T>) => prompter.pick(r) };
    const commands = new RollbackCommands(
      { connections: new SandboxConnections(gateway), tracker, log },
      {
        prompter: asking,
        notifier,
        confirm: async (message, detail) => {
          modals.push({ message, detail });
          return confirm;
        },
        now: () => new Date(2026, 10, 27, 14, 30),
        newId: () => `id-${++id}`,
      },
    );
    return { commands, prompter, tracker, notifier, modals };
  }

  /** A finished Quick Backup of the disk, made through ECS like the Quick Backup command makes it. */
  async function quickBackupOf(diskName: string): Promise<string> {
    const disk = await diskNamed(gateway, diskName);
    const snapshotId = await gateway.createSnapshot({
      regionId: 'cn-hangzhou',
      diskId: disk.diskId,
      clientToken: `qb-${diskName}-${now}`,
      snapshotName: 'pre-change-20261127-1400',
      tags: [{ key: 'ecs-snapshots:quick-backup', value: 'true' }],
    });
    now += 3 * 3600_000;
    return snapshotId;
  }

  /** A snapshot of the disk still being created (the world's clock stays where it is). */
  async function progressingSnapshotOf(diskName: string): Promise<string> {
    const disk = await diskNamed(gateway, diskName);
    return gateway.createSnapshot({ regionId: 'cn-hangzhou', diskId: disk.diskId, clientToken: `p-${diskName}-${now}`, snapshotName: 'in-progress' });
  }

  test('unattached disk, from the tracker\'s backup: told disk, snapshot, no instance, what is lost; hands over a direct rollback with a safety snapshot', async () => {
    const snapshotId = await quickBackupOf('backup-archive');
    const disk = await diskNamed(gateway, 'backup-archive');
    const run = make([{ pick: 'Roll back' }, 'backup-archive']);
    const before = writes();
    const result = await run.commands.rollbackToSnapshot({ regionId: 'cn-hangzhou', diskId: disk.diskId, snapshotId });
    assert.equal(result.kind, 'started', JSON.stringify(result));
    assert.equal(run.modals[0].message, 'Roll back disk "backup-archive" to snapshot "pre-change-20261127-1400"?');
    const detail = run.modals[0].detail;
    assert.match(detail, new RegExp(`Disk: backup-archive \\(${disk.diskId}\\), data disk, \\d+ GiB\\.`));
    // The time reads in the display language (English here): e.g. "Dec 2, 2026, 3:52 AM".
    assert.match(detail, new RegExp(`Snapshot: pre-change-20261127-1400 \\(${snapshotId}\\), taken [A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d\\d\\s?[AP]M\\.`));
    assert.match(detail, /Instance: none, the disk is not attached\./);
    assert.match(detail, /Everything written to this disk after .* is lost/);
    assert.match(detail, /A safety snapshot "before-rollback-20261127-1430" of the disk as it is now is taken first \(kept 7 days\)/);
    const request = run.tracker.started[0];
    assert.equal(result.kind === 'started' && result.operationId, request.operationId);
    assert.deepEqual(
      { ...request, snapshotTime: undefined, requestedAt: undefined },
      {
        operationId: 'id-1',
        regionId: 'cn-hangzhou',
        sourceKey: SOURCE_KEY,
        diskId: disk.diskId,
        diskName: 'backup-archive',
        diskType: 'data',
        snapshotId,
        snapshotName: 'pre-change-20261127-1400',
        snapshotTime: undefined,
        instance: { kind: 'none' },
        safetySnapshot: {
          name: 'before-rollback-20261127-1430',
          description: `State of the disk before it was rolled back to ${snapshotId}`,
          retentionDays: 7,
          tags: [{ ...BEFORE_ROLLBACK_TAG }],
          clientToken: 'id-2',
        },
        requestedAt: undefined,
      },
    );
    assert.equal(writes() - before, 0, 'the command sends no write request');
  });

  test('a Stopped instance\'s system disk: says the OS settings go back; roll back then start, as chosen', async () => {
    await quickBackupOf('db-01-system');
    const disk = await diskNamed(gateway, 'db-01-system');
    const instance = sandbox.world.instances.get(disk.instanceId!)!;
    instance.status = 'Stopped';
    try {
      const run = make([{ pick: 'pre-change-20261127-1400' }, { pick: 'then start the instance' }, 'db-01-system']);
      const before = writes();
      const result = await run.commands.rollbackDisk({ disk, region: { regionId: 'cn-hangzhou' } });
      assert.equal(result.kind, 'started', JSON.stringify(result));
      assert.match(run.modals[0].detail, new RegExp(`Instance: db-01 \\(${disk.instanceId}\\), Stopped\\.`));
      assert.match(run.modals[0].detail, /This is a system disk: the operating system and its settings .* go back to .* too/);
      assert.deepEqual(run.tracker.started[0].instance, { kind: 'stopped', instanceId: disk.instanceId, instanceName: 'db-01', start: true });
      assert.equal(run.tracker.started[0].diskType, 'system');
      assert.equal(writes() - before, 0);
    } finally {
      instance.status = 'Running';
    }
  });

  test('a Running instance, from the palette: the stop is announced (unreachable meanwhile); keep it stopped when asked; safety snapshot off', async () => {
    const disk = await diskNamed(gateway, 'web-01-data');
    const run = make([{ pick: 'web-01-data' }, (seen) => {
      // Newest first, every choice of this disk's own snapshots.
      assert.equal(seen.kind, 'pick');
      return { pick: seen.kind === 'pick' ? seen.choices[0].label.replace(/^\$\([a-z-]+\) /, '') : '' };
    }, { pick: 'Safety snapshot first' }, { pick: 'keep it stopped' }, 'web-01-data']);
    const before = writes();
    const result = await run.commands.rollbackDisk();
    assert.equal(result.kind, 'started', JSON.stringify(result));
    const options = run.prompter.seen[2];
    assert.ok(options.kind === 'pick' && options.choices.some((c) => /unreachable/.test(c.detail ?? '')), 'the stop is said to make the instance unreachable');
    assert.match(run.modals[0].detail, /cannot be reached until it runs again/);
    assert.match(run.modals[0].detail, /No safety snapshot/);
    const request = run.tracker.started[0];
    assert.deepEqual(request.instance, { kind: 'running', instanceId: disk.instanceId, instanceName: 'web-01', keepStopped: true });
    assert.equal(request.safetySnapshot, undefined);
    const newest = [...sandbox.world.snapshotsOf(disk.diskId)].sort((a, b) => b.startedAt - a.startedAt)[0];
    assert.equal(request.snapshotId, newest.snapshotId);
    assert.equal(writes() - before, 0);
  });

  test('the setting turns the safety snapshot off by default; the toggle still offers it', async () => {
    await vscode.workspace.getConfiguration('ecsSnapshots.rollback').update('safetySnapshot', false, vscode.ConfigurationTarget.Global);
    try {
      const disk = await diskNamed(gateway, 'web-01-data');
      const snapshot = sandbox.world.snapshotsOf(disk.diskId).find((s) => s.progress.status === 'accomplished')!;
      const run = make([{ pick: 'start it again' }, 'web-01-data']);
      await run.commands.rollbackToSnapshot({ regionId: 'cn-hangzhou', diskId: disk.diskId, snapshotId: snapshot.snapshotId });
      const options = run.prompter.seen[0];
      assert.ok(options.kind === 'pick' && options.choices.some((c) => c.label === '$(circle-large-outline) Safety snapshot first'));
      assert.equal(run.tracker.started[0].safetySnapshot, undefined);
      assert.deepEqual(run.tracker.started[0].instance, { kind: 'running', instanceId: disk.instanceId, instanceName: 'web-01', keepStopped: false });
    } finally {
      await vscode.workspace.getConfiguration('ecsSnapshots.rollback').update('safetySnapshot', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('every refusal is told with its reason and sends no write request (nor asks anything)', async () => {
    const web = await diskNamed(gateway, 'web-01-data');
    const webSnapshot = sandbox.world.snapshotsOf(web.diskId).find((s) => s.progress.status === 'accomplished')!;
    const other = await diskNamed(gateway, 'web-01-system');
    const otherSnapshot = sandbox.world.snapshotsOf(other.diskId)[0];
    await progressingSnapshotOf('12data-disk');
    const cases: { name: string; disk: string; snapshot?: 'own' | 'other'; rollingBack?: boolean; creating?: boolean; reason: RegExp }[] = [
      { name: 'security lock', disk: 'legacy-app-system', reason: /locked for security reasons/ },
      { name: 'arrears lock', disk: 'billing-lapsed', reason: /overdue payment/ },
      { name: 'disk in a transitional state', disk: 'attaching-data', reason: /Attaching.*In use or Available/ },
      { name: 'a snapshot of the disk still being created (seen in its list)', disk: '12data-disk', reason: /still being created/ },
      { name: 'a snapshot of the disk being created (tracker)', disk: 'web-01-data', snapshot: 'own', creating: true, reason: /still being created/ },
      { name: 'a rollback of the disk already running', disk: 'web-01-data', snapshot: 'own', rollingBack: true, reason: /already running/ },
      { name: 'a snapshot of another disk', disk: 'web-01-data', snapshot: 'other', reason: /another disk/ },
    ];
    for (const c of cases) {
      const disk = await diskNamed(gateway, c.disk);
      const run = make([]);
      if (c.rollingBack) run.tracker.rollingBack.add(disk.diskId);
      if (c.creating) run.tracker.creating.add(disk.diskId);
      const before = writes();
      const snapshotId = c.snapshot === 'own' ? webSnapshot.snapshotId : c.snapshot === 'other' ? otherSnapshot.snapshotId : undefined;
      const result = await (snapshotId
        ? run.commands.rollbackToSnapshot({ regionId: 'cn-hangzhou', diskId: disk.diskId, snapshotId })
        : run.commands.rollbackDisk({ disk, region: { regionId: 'cn-hangzhou' } })
      ).catch((error: Error) => {
        throw new Error(`${c.name}: ${error.message}`);
      });
      assert.equal(result.kind, 'refused', `${c.name}: ${JSON.stringify(result)}`);
      assert.match(run.notifier.warnings.join('\n'), c.reason, c.name);
      assert.equal(run.prompter.seen.length, 0, `${c.name}: nothing asked`);
      assert.equal(run.tracker.started.length, 0, c.name);
      assert.equal(writes() - before, 0, `${c.name}: no write request`);
    }
  });

  test('rolling back to a snapshot still being created, or while the instance moves between states, is refused', async () => {
    const disk = await diskNamed(gateway, 'prepaid-expired');
    const progressing = await progressingSnapshotOf('prepaid-expired');
    const run = make([]);
    const before = writes();
    const result = await run.commands.rollbackToSnapshot({ regionId: 'cn-hangzhou', diskId: disk.diskId, snapshotId: progressing });
    assert.equal(result.kind, 'refused');
    assert.match(run.notifier.warnings[0], /still being created/);
    assert.equal(writes() - before, 0, 'no write request');

    const web = await diskNamed(gateway, 'web-01-data');
    const instance = sandbox.world.instances.get(web.instanceId!)!;
    instance.status = 'Stopping';
    try {
      const stopping = make([]);
      const before = writes();
      const refused = await stopping.commands.rollbackDisk({ disk: web, region: { regionId: 'cn-hangzhou' } });
      assert.equal(refused.kind, 'refused');
      assert.match(stopping.notifier.warnings[0], /is Stopping\.\.\.; try again once it is Running or Stopped/);
      assert.equal(writes() - before, 0);
    } finally {
      instance.status = 'Running';
    }
  });

  test('Escape at each step, or the modal dismissed, sends nothing and hands nothing over', async () => {
    const scripts: ScriptStep[][] = [
      [CANCEL],
      [{ pick: 'web-01-data' }, CANCEL],
      [{ pick: 'web-01-data' }, { pick: 'pre-migration' }, CANCEL],
      [{ pick: 'web-01-data' }, { pick: 'pre-migration' }, { pick: 'start it again' }, CANCEL],
    ];
    for (const script of scripts) {
      const run = make(script);
      const before = writes();
      assert.deepEqual(await run.commands.rollbackDisk(), { kind: 'cancelled' });
      assert.equal(run.prompter.remaining, 0);
      assert.equal(run.tracker.started.length, 0);
      assert.equal(writes() - before, 0);
    }
    const declined = make([{ pick: 'web-01-data' }, { pick: 'pre-migration' }, { pick: 'start it again' }], false);
    assert.deepEqual(await declined.commands.rollbackDisk(), { kind: 'cancelled' });
    assert.equal(declined.modals.length, 1);
    assert.equal(declined.tracker.started.length, 0);
  });

  test('the typed confirmation must match the disk\'s name exactly (its ID when unnamed)', async () => {
    const run = make([{ pick: 'web-01-data' }, { pick: 'pre-migration' }, { pick: 'start it again' }, 'web-01', 'WEB-01-DATA', ' web-01-data', CANCEL]);
    assert.deepEqual(await run.commands.rollbackDisk(), { kind: 'cancelled' });
    assert.deepEqual(run.prompter.refused.map((r) => r.value), ['web-01', 'WEB-01-DATA', ' web-01-data']);
    assert.match(run.prompter.refused[0].message, /Type web-01-data exactly to confirm/);

    const unnamed = (await gateway.listDisks({ regionId: 'cn-hangzhou' })).items.find((d) => d.diskName === '')!;
    await quickBackupOf('');
    const byId = make([{ pick: 'pre-change' }, { pick: 'start it again' }, unnamed.diskId]);
    const result = await byId.commands.rollbackDisk({ disk: unnamed, region: { regionId: 'cn-hangzhou' } });
    assert.equal(result.kind, 'started', JSON.stringify(result));
    const input = byId.prompter.seen[2];
    assert.ok(input.kind === 'input' && input.request.prompt.includes(`Type the disk's ID "${unnamed.diskId}"`));
  });
});

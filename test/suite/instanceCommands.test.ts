// The server-level commands in the extension host against the sandbox in ap-southeast-1 (real SDK
// over HTTP, the real status-bar tracker): Back Up Instance... of app-sg-01 takes ONE group whose
// three members hold the disks as they were at its instant; legacy-sg-02's non-ESSD disk is offered
// alone and gets its own snapshot; Roll Back Instance... brings every disk's marker back and stops /
// starts the instance exactly once (counted at the sandbox); an invalid name is refused as typed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Connection, ConnectionState, Connections } from '../../src/connection/connection';
import type { Disk, EcsGateway, Instance } from '../../src/ecs/gateway';
import { InstanceCommands } from '../../src/groups/commands/instanceCommands';
import { SnapshotCommands } from '../../src/commands/snapshotCommands';
import { createEcsGateway } from '../../src/ecs/createEcsGateway';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { SnapshotTracker } from '../../src/tracker/snapshotTracker';
import { CANCEL, ScriptedGroupPrompter, type TickAnswer } from '../support/scriptedGroupPrompter';
import type { ScriptStep } from '../support/scriptedPrompter';
import { RecordingNotifier } from '../support/snapshotFakes';
import { RecordingTree } from './createSnapshotHelpers';
import { MemoryMemento, ScaledClock, waitFor } from './trackerHelpers';
import { connectionTo, makeTree } from './treeHelpers';
import type { InstanceNode } from '../../src/view/instanceNodes';
import type { SnapshotGroupNode } from '../../src/view/groupNodes';

const REGION = 'ap-southeast-1';
const SOURCE_KEY = 'sandbox:instance-suite';
const TIME_SCALE = 20;
const silentLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, trace: () => undefined };

class SingaporeConnections implements Connections {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  constructor(private readonly gateway: EcsGateway) {}
  async current(): Promise<Connection> {
    return this.connection(REGION);
  }
  async forRegion(regionId: string, sourceKey?: string): Promise<Connection | undefined> {
    return sourceKey === undefined || sourceKey === SOURCE_KEY ? this.connection(regionId) : undefined;
  }
  reportState(_state: ConnectionState): void {}
  private connection(regionId: string): Connection {
    return { gateway: this.gateway, regionId, sourceKey: SOURCE_KEY, label: `${regionId} · sandbox` };
  }
}

suite('Instance commands on the sandbox (Back Up Instance, Roll Back Instance)', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let gateway: EcsGateway;
  let tracker: SnapshotTracker;
  let snapshots: SnapshotCommands;
  const notifier = new RecordingNotifier();
  let id = 0;

  suiteSetup(async () => {
    sandbox = await startSandbox({ timeScale: TIME_SCALE, seed: 16 });
    // A gateway for Singapore, as the extension makes one per region: StopInstance, StartInstance and
    // ResetDisk act in the region of the endpoint (Trap 6).
    gateway = createEcsGateway({
      credentials: { type: 'accessKey', accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret },
      regionId: REGION,
      endpoint: sandbox.endpoint,
      retry: { maxAttempts: 1 },
    });
    await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', false, vscode.ConfigurationTarget.Global);
    const connections = new SingaporeConnections(gateway);
    tracker = new SnapshotTracker({ connections, memento: new MemoryMemento(), log: silentLog, revealDisk: async () => undefined, clock: new ScaledClock(TIME_SCALE), redrawClock: new ScaledClock(TIME_SCALE) });
    snapshots = new SnapshotCommands({ connections, tracker, tree: new RecordingTree(), log: silentLog as unknown as vscode.LogOutputChannel }, new MemoryMemento(), { notifier, gitInfo: async () => ({}) });
  });

  suiteTeardown(async () => {
    tracker?.dispose();
    await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
  });

  function commands(script: ScriptStep[], ticks: TickAnswer[] = [], state = new MemoryMemento()) {
    const prompter = new ScriptedGroupPrompter(script, ticks);
    const modals: { message: string; detail: string }[] = [];
    const instanceCommands = new InstanceCommands(
      {
        connections: new SingaporeConnections(gateway),
        groups: () => tracker,
        isCreating: (disk) => tracker.isCreating(disk),
        isRollingBackDisk: (disk) => tracker.isRollingBack(disk),
        backups: snapshots.backups,
        state,
        log: silentLog,
      },
      {
        prompter,
        notifier,
        confirm: async (message, detail) => {
          modals.push({ message, detail });
          return true;
        },
        now: () => new Date(2026, 11, 2, 14, 30),
        newId: () => `instance-suite-${Date.now()}-${++id}`,
        announce: () => undefined,
      },
    );
    return { instanceCommands, prompter, modals };
  }

  async function instanceNamed(name: string): Promise<{ instance: Instance; disks: Disk[] }> {
    const instance = (await gateway.listInstances({ regionId: REGION })).items.find((i) => i.instanceName === name);
    assert.ok(instance, `no instance ${name}`);
    const disks = (await gateway.listDisks({ regionId: REGION, instanceId: instance.instanceId })).items;
    return { instance, disks };
  }

  const arg = (instance: Instance) => ({ regionId: REGION, instanceId: instance.instanceId });
  const writes = () => Object.fromEntries(Object.entries(sandbox.stats.byAction).filter(([a]) => !a.startsWith('Describe')));

  let appGroupId = '';

  test('app-sg-01: its three disks in ONE group; every member holds the disk as it was at the group\'s instant', async () => {
    const { instance, disks } = await instanceNamed('app-sg-01');
    assert.equal(disks.length, 3);
    for (const d of disks) sandbox.writeDisk(d.diskId, `before-${d.diskName}`);
    sandbox.stats.reset();
    // Enter on the proposed name (the box's value as shown).
    const keep: ScriptStep = (seen) => (seen.kind === 'input' ? seen.request.value : CANCEL);
    const { instanceCommands, prompter } = commands([keep, 'before the upgrade', { pick: 'Done' }, { pick: 'Create snapshot group' }], ['asShown']);
    const result = await instanceCommands.backUpInstance(arg(instance));
    assert.equal(result.kind, 'started', JSON.stringify(result));
    assert.equal(prompter.manySeen[0].tickedAtOpen.length, 3, 'all three disks ticked');
    const operationId = result.kind === 'started' ? result.request!.operationId : '';
    const state = () => tracker.groupBackupOperations().find((s) => s.request.operationId === operationId);
    await waitFor('the group id', () => state()?.groupId !== undefined, 60_000);
    // Written after the group's instant: no member may hold it.
    for (const d of disks) sandbox.writeDisk(d.diskId, `after-${d.diskName}`);
    await waitFor('the group ready', () => state()?.phase === 'ready', 120_000);
    const done = state()!;
    console.log(`[instance suite] group backup of app-sg-01: ${JSON.stringify(writes())}, ${JSON.stringify(sandbox.stats.byAction)}`);
    assert.equal(sandbox.stats.byAction.CreateSnapshotGroup, 1);
    assert.equal(sandbox.stats.byAction.CreateSnapshot ?? 0, 0);
    const group = (await gateway.describeSnapshotGroups({ regionId: REGION, groupIds: [done.groupId!] })).items[0];
    assert.equal(group.members.length, 3);
    assert.deepEqual(new Set(group.members.map((m) => m.sourceDiskId)), new Set(disks.map((d) => d.diskId)));
    assert.equal(group.name, 'app-sg-01-20261202-1430');
    for (const m of group.members) {
      const disk = disks.find((d) => d.diskId === m.sourceDiskId)!;
      assert.equal(sandbox.snapshotContent(m.snapshotId).marker, `before-${disk.diskName}`);
    }
    appGroupId = group.snapshotGroupId;
  });

  test('the tree by instance: after app-sg-01\'s disks, its groups (one DescribeSnapshotGroups on expand), each expandable to its members', async () => {
    assert.ok(appGroupId, 'the first test made the group');
    const { provider } = makeTree(connectionTo(gateway, REGION));
    provider.setGroupedByInstance(true);
    const root = await provider.getChildren();
    const app = root.find((n): n is InstanceNode => n.kind === 'instance' && n.instance.instanceName === 'app-sg-01')!;
    sandbox.stats.reset();
    const rows = await provider.getChildren(app);
    assert.equal(sandbox.stats.byAction.DescribeSnapshotGroups, 1, JSON.stringify(sandbox.stats.byAction));
    assert.deepEqual(rows.map((r) => r.kind), ['disk', 'disk', 'disk', 'snapshotGroup']);
    const groupRow = rows[3] as SnapshotGroupNode;
    assert.equal(groupRow.group.snapshotGroupId, appGroupId);
    assert.equal(provider.getParent(groupRow), app);
    const item = provider.getTreeItem(groupRow);
    assert.equal(item.contextValue, 'snapshotGroup');
    assert.equal(item.label, 'app-sg-01-20261202-1430');
    assert.match(String(item.description), /^(Ready|Creating \d+%( · usable)?) · 3 disks · /);
    const members = await provider.getChildren(groupRow);
    assert.deepEqual(members.map((m) => provider.getTreeItem(m).label), ['app-sg-01-system', 'app-sg-01-data', 'app-sg-01-logs']);
    assert.match(String(provider.getTreeItem(members[0]).description), /^system disk · (Ready|Creating \d+%)/);
    assert.equal(sandbox.stats.byAction.DescribeSnapshotGroups, 1, 'expanding a group costs nothing');
    provider.dispose();
  });

  test('legacy-sg-02: the cloud_efficiency disk is offered alone and gets its own snapshot; the system disk joins the group', async () => {
    const { instance, disks } = await instanceNamed('legacy-sg-02');
    const efficiency = disks.find((d) => d.category === 'cloud_efficiency')!;
    const system = disks.find((d) => d.type === 'system')!;
    sandbox.stats.reset();
    const { instanceCommands, prompter } = commands(['', '', { pick: 'Done' }, { pick: 'Create snapshot group' }], [{ add: [efficiency.diskName] }]);
    const result = await instanceCommands.backUpInstance(arg(instance));
    assert.equal(result.kind, 'started', JSON.stringify(result));
    const offered = prompter.manySeen[0].choices.find((c) => c.label.includes(efficiency.diskName))!;
    assert.match(offered.detail ?? '', /Cannot join the group: its category \(cloud_efficiency\) is not in the ESSD family/);
    assert.match(prompter.manySeen[0].request.placeholder, /Cannot join: legacy-sg-02-data/);
    if (result.kind !== 'started') return;
    assert.deepEqual(result.request!.disks.map((d) => d.diskId), [system.diskId]);
    assert.equal(result.alone.length, 1);
    const alone = result.alone[0].outcome;
    assert.ok(alone.ok, JSON.stringify(alone));
    const snapshot = (await gateway.describeSnapshots(REGION, [alone.snapshotId]))[0];
    assert.equal(snapshot.sourceDiskId, efficiency.diskId);
    const state = () => tracker.groupBackupOperations().find((s) => s.request.operationId === result.request!.operationId);
    await waitFor('the group ready', () => state()?.phase === 'ready', 120_000);
    console.log(`[instance suite] legacy-sg-02: ${JSON.stringify(writes())}`);
    assert.equal(sandbox.stats.byAction.CreateSnapshotGroup, 1);
    assert.equal(sandbox.stats.byAction.CreateSnapshot, 1);
  });

  test('Quick Backup of an instance: Set Quick Backup Instance..., then Quick Backup takes one group with the template and the Quick Backup tag, no questions', async () => {
    const { instance } = await instanceNamed('legacy-sg-02');
    const workspace = new MemoryMemento();
    const { instanceCommands } = commands([], [], workspace);
    const quick = new SnapshotCommands({ connections: new SingaporeConnections(gateway), tracker, tree: new RecordingTree(), log: silentLog as unknown as vscode.LogOutputChannel }, workspace, {
      notifier,
      gitInfo: async () => ({}),
      now: () => new Date(2026, 11, 2, 14, 30),
      announce: () => undefined,
    });
    quick.instanceQuickBackup = instanceCommands;
    await instanceCommands.setQuickBackupInstance({ region: { regionId: REGION }, instance });
    sandbox.stats.reset();
    const result = await quick.quickBackup();
    assert.equal(result.kind, 'groupStarted', JSON.stringify(result));
    const operationId = result.kind === 'groupStarted' ? result.operationId : '';
    const state = () => tracker.groupBackupOperations().find((s) => s.request.operationId === operationId);
    await waitFor('the group id', () => state()?.groupId !== undefined, 60_000);
    const group = (await gateway.describeSnapshotGroups({ regionId: REGION, groupIds: [state()!.groupId!] })).items[0];
    assert.equal(group.name, 'pre-change-20261202-1430');
    assert.ok(group.tags.some((t) => t.key === 'ecs-snapshots:quick-backup' && t.value === 'true'), JSON.stringify(group.tags));
    assert.equal(group.members.length, 1, 'the non-ESSD disk is left out');
    assert.equal(sandbox.stats.byAction.CreateSnapshotGroup, 1);
    assert.equal(sandbox.stats.byAction.CreateSnapshot ?? 0, 0);
    await waitFor('the group ready', () => state()?.phase === 'ready', 120_000);
  });

  test('an invalid group name is refused as typed and nothing is sent on Escape', async () => {
    const { instance } = await instanceNamed('app-sg-01');
    sandbox.stats.reset();
    const { instanceCommands, prompter } = commands(['1-bad-name', 'http://x', CANCEL], ['asShown']);
    const result = await instanceCommands.backUpInstance(arg(instance));
    assert.equal(result.kind, 'cancelled');
    assert.deepEqual(prompter.refused.map((r) => r.value), ['1-bad-name', 'http://x']);
    assert.match(prompter.refused[0].message, /^Name: /);
    assert.deepEqual(writes(), {});
  });

  test('Roll Back Instance from the group: every disk\'s marker comes back, the instance is stopped and started exactly once', async () => {
    assert.ok(appGroupId, 'the first test made the group');
    const { instance, disks } = await instanceNamed('app-sg-01');
    assert.equal(instance.status, 'Running');
    for (const d of disks) sandbox.writeDisk(d.diskId, `later-${d.diskName}`);
    sandbox.stats.reset();
    const { instanceCommands, prompter, modals } = commands([{ pick: 'Safety group first' }, { pick: 'Stop app-sg-01 once' }, 'app-sg', 'app-sg-01']);
    const result = await instanceCommands.rollbackInstance({ regionId: REGION, instanceId: instance.instanceId, groupId: appGroupId });
    assert.equal(result.kind, 'started', JSON.stringify(result));
    assert.equal(prompter.refused[0].value, 'app-sg', 'a wrong instance name is refused');
    assert.equal(modals.length, 1);
    for (const d of disks) assert.ok(modals[0].detail.includes(d.diskId), `the confirmation lists ${d.diskId}`);
    assert.match(modals[0].detail, /This cannot be undone/);
    if (result.kind !== 'started') return;
    const state = () => tracker.instanceRollbackOperations().find((s) => s.request.operationId === result.operationId);
    await waitFor('the rollback to end', () => state()?.phase === 'done' || state()?.phase === 'failed', 150_000);
    assert.equal(state()!.phase, 'done', `${JSON.stringify(state()!.failure)} ${JSON.stringify(sandbox.stats.byAction)}`);
    console.log(`[instance suite] rollback of app-sg-01: ${JSON.stringify(writes())}`);
    for (const d of disks) assert.equal(sandbox.readDisk(d.diskId).marker, `before-${d.diskName}`, d.diskName);
    assert.equal(sandbox.stats.byAction.StopInstance, 1);
    assert.equal(sandbox.stats.byAction.StartInstance, 1);
    assert.equal(sandbox.stats.byAction.ResetDisk, 3);
    assert.equal(sandbox.stats.byAction.CreateSnapshotGroup ?? 0, 0, 'the safety group was turned off');
  });
});

// The tracker's server-level operations in the real extension host, against the sandbox through
// the real gateway (SDK over HTTP), driven through GroupTrackerApi as the commands do: a group
// backup of the Singapore instance whose disks all qualify, its rollback (markers checked at the
// sandbox, stop/start counted there), and a window reload in the middle of each.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Connection, Connections } from '../../src/connection/connection';
import { createEcsGateway } from '../../src/ecs/createEcsGateway';
import type { EcsGateway } from '../../src/ecs/gateway';
import type { GroupBackupRequest, InstanceRollbackRequest } from '../../src/groups/groupApi';
import { startSandbox, type DiskRecord, type InstanceRecord, type Sandbox } from '../../src/sandbox';
import { SnapshotTracker } from '../../src/tracker/snapshotTracker';
import { MemoryMemento, ScaledClock, SOURCE_KEY, waitFor } from './trackerHelpers';

/** Simulated seconds per real second, in the sandbox and in the tracker's clock alike. */
const TIME_SCALE = 20;
const SG = 'ap-southeast-1';
const silentLog = { debug: () => undefined, info: () => undefined, warn: () => undefined };

suite('Group operations against the sandbox', function () {
  this.timeout(180_000);
  let sandbox: Sandbox;
  let gateway: EcsGateway;
  let instance: InstanceRecord;
  let disks: DiskRecord[];
  const trackers: SnapshotTracker[] = [];
  let n = 0;

  suiteSetup(async () => {
    sandbox = await startSandbox({ timeScale: TIME_SCALE, seed: 16 });
    // Stop/Start/ResetDisk act in the endpoint's region: a gateway of Singapore's own.
    gateway = createEcsGateway({
      credentials: { type: 'accessKey', accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret },
      regionId: SG,
      endpoint: sandbox.endpoint,
      retry: { maxAttempts: 1 },
    });
    const found = [...sandbox.world.instances.values()].find((i) => i.instanceName === 'app-sg-01');
    assert.ok(found, 'the default world has app-sg-01 in Singapore');
    instance = found;
    disks = [...sandbox.world.disks.values()].filter((d) => d.instanceId === instance.instanceId).sort((a, b) => (a.type === 'system' ? -1 : b.type === 'system' ? 1 : 0));
    assert.equal(disks.length, 3);
    await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', false, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    trackers.forEach((t) => t.dispose());
    await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
  });

  const connections: Pick<Connections, 'forRegion'> = {
    forRegion: async (regionId: string, sourceKey?: string): Promise<Connection | undefined> =>
      regionId === SG && (sourceKey === undefined || sourceKey === SOURCE_KEY) ? { gateway, regionId, sourceKey: SOURCE_KEY, label: `${regionId} · sandbox` } : undefined,
  };

  function newTracker(memento = new MemoryMemento()): SnapshotTracker {
    const tracker = new SnapshotTracker({
      connections,
      memento,
      log: silentLog,
      revealDisk: async () => undefined,
      clock: new ScaledClock(TIME_SCALE),
      redrawClock: new ScaledClock(TIME_SCALE),
    });
    trackers.push(tracker);
    return tracker;
  }

  function backupRequest(): GroupBackupRequest {
    const id = `gb-suite-${Date.now()}-${++n}`;
    return {
      operationId: id,
      regionId: SG,
      sourceKey: SOURCE_KEY,
      instanceId: instance.instanceId,
      instanceName: instance.instanceName,
      disks: disks.map((d) => ({ diskId: d.diskId, diskName: d.diskName, diskType: d.type })),
      allDisks: true,
      name: `suite-group-${n}`,
      tags: [{ key: 'suite', value: 'groups' }],
      clientToken: `token-${id}`,
      origin: 'backUpInstance',
      requestedAt: Date.now(),
    };
  }

  async function status(): Promise<string | undefined> {
    return (await gateway.describeInstanceStatus(SG, [instance.instanceId]))[0]?.status;
  }

  const mark = (prefix: string) => disks.forEach((d) => sandbox.writeDisk(d.diskId, `${prefix}-${d.diskName}`));
  const markersAre = (prefix: string) => disks.every((d) => sandbox.readDisk(d.diskId).marker === `${prefix}-${d.diskName}`);

  /** A group backup through the tracker, to ready; returns the group id and its members. */
  async function backUp(tracker: SnapshotTracker, request = backupRequest()) {
    tracker.startGroupBackup(request);
    assert.equal(tracker.isBackingUpInstance({ regionId: SG, instanceId: instance.instanceId }), true);
    await waitFor('the group backup to be ready', () => tracker.groupBackupOperations().find((s) => s.request.operationId === request.operationId)?.phase !== 'requesting' && !tracker.isBackingUpInstance({ regionId: SG, instanceId: instance.instanceId }), 120_000);
    const state = tracker.groupBackupOperations().find((s) => s.request.operationId === request.operationId);
    assert.ok(state);
    assert.equal(state.phase, 'ready', JSON.stringify(state.error));
    return state;
  }

  function rollbackRequest(group: { groupId: string; members: { diskId: string; snapshotId: string }[] }, running: boolean): InstanceRollbackRequest {
    const id = `ir-suite-${Date.now()}-${++n}`;
    return {
      operationId: id,
      regionId: SG,
      sourceKey: SOURCE_KEY,
      instanceId: instance.instanceId,
      instanceName: instance.instanceName,
      groupId: group.groupId,
      groupName: group.groupId,
      groupTime: new Date().toISOString(),
      members: group.members.map((m) => {
        const disk = disks.find((d) => d.diskId === m.diskId) as DiskRecord;
        return { diskId: m.diskId, diskName: disk.diskName, diskType: disk.type, snapshotId: m.snapshotId };
      }),
      wasRunning: running,
      startAfter: running,
      safetyGroup: { name: `before-rollback-${n}`, tags: [{ key: 'ecs-snapshots:before-rollback', value: 'true' }], clientToken: `safety-${id}` },
      requestedAt: Date.now(),
    };
  }

  async function restorePoint(prefix: string) {
    mark(prefix);
    const state = await backUp(newTracker());
    return { groupId: state.groupId as string, members: state.members.map((m) => ({ diskId: m.diskId, snapshotId: m.snapshotId })) };
  }

  test('a group backup of app-sg-01 reaches ready; every member shares the group and holds the instant of the group', async () => {
    mark('before');
    sandbox.stats.reset();
    const tracker = newTracker();
    const texts: string[] = [];
    const sub = tracker.onDidChange(() => {
      if (texts.at(-1) !== tracker.status.text) texts.push(tracker.status.text);
    });
    const state = await backUp(tracker);
    sub.dispose();
    mark('after');
    const counts = sandbox.stats.byAction;
    console.log(`[groups suite] group backup: ${JSON.stringify(counts)}; status: ${texts.join(' | ')}`);
    assert.equal(counts.CreateSnapshotGroup, 1);
    const [group] = (await gateway.describeSnapshotGroups({ regionId: SG, groupIds: [state.groupId as string] })).items;
    assert.ok(group);
    assert.deepEqual(group.members.map((m) => m.sourceDiskId).sort(), disks.map((d) => d.diskId).sort());
    assert.deepEqual(state.members.map((m) => m.snapshotId).sort(), group.members.map((m) => m.snapshotId).sort());
    for (const member of group.members) {
      const disk = disks.find((d) => d.diskId === member.sourceDiskId) as DiskRecord;
      assert.equal(sandbox.snapshotContent(member.snapshotId).marker, `before-${disk.diskName}`);
    }
    assert.ok(texts.some((t) => /app-sg-01 · 3 disks · \d+%/.test(t)), texts.join(' | '));
    assert.ok((counts.DescribeSnapshotGroups ?? 0) >= 1);
  });

  test('rolling app-sg-01 back to a group restores every disk, after a safety group; stopped and started exactly once', async () => {
    const point = await restorePoint('A');
    mark('B');
    const running = (await status()) === 'Running';
    assert.equal(running, true, 'app-sg-01 runs');
    sandbox.stats.reset();
    const tracker = newTracker();
    const request = rollbackRequest(point, true);
    const texts: string[] = [];
    const sub = tracker.onDidChange(() => {
      if (texts.at(-1) !== tracker.status.text) texts.push(tracker.status.text);
    });
    tracker.startInstanceRollback(request);
    assert.equal(tracker.isRollingBackInstance({ regionId: SG, instanceId: instance.instanceId }), true);
    await waitFor('the rollback to end', () => !tracker.isRollingBackInstance({ regionId: SG, instanceId: instance.instanceId }), 150_000);
    sub.dispose();
    const state = tracker.instanceRollbackOperations()[0];
    const counts = sandbox.stats.byAction;
    console.log(`[groups suite] instance rollback: ${JSON.stringify(counts)}; status: ${texts.join(' | ')}`);
    assert.equal(state.phase, 'done', JSON.stringify(state.failure));
    assert.ok(markersAre('A'), disks.map((d) => sandbox.readDisk(d.diskId).marker).join(', '));
    assert.equal(counts.StopInstance, 1);
    assert.equal(counts.StartInstance, 1);
    assert.equal(counts.CreateSnapshotGroup, 1);
    assert.equal(counts.ResetDisk, 3);
    assert.equal(await status(), 'Running');
    const [safety] = (await gateway.describeSnapshotGroups({ regionId: SG, groupIds: [state.safetyGroupId as string] })).items;
    assert.ok(safety);
    for (const member of safety.members) {
      const disk = disks.find((d) => d.diskId === member.sourceDiskId) as DiskRecord;
      assert.equal(sandbox.snapshotContent(member.snapshotId).marker, `B-${disk.diskName}`);
    }
    assert.ok(texts.some((t) => t.includes('stopping instance')), texts.join(' | '));
    assert.ok(texts.some((t) => /resetting \d\/3/.test(t)), texts.join(' | '));
  });

  test('a window reload mid-rollback: the new tracker over the same Memento resumes; still one stop and one start', async () => {
    const point = await restorePoint('C');
    mark('D');
    const memento = new MemoryMemento();
    const first = newTracker(memento);
    sandbox.stats.reset();
    const request = rollbackRequest(point, true);
    first.startInstanceRollback(request);
    await waitFor('the safety group phase', () => first.instanceRollbackOperations()[0]?.phase === 'safetyGroup', 60_000);
    first.dispose();
    const second = newTracker(memento);
    assert.equal(second.isRollingBackInstance({ regionId: SG, instanceId: instance.instanceId }), true);
    await waitFor('the resumed rollback to end', () => !second.isRollingBackInstance({ regionId: SG, instanceId: instance.instanceId }), 150_000);
    const state = second.instanceRollbackOperations()[0];
    const counts = sandbox.stats.byAction;
    console.log(`[groups suite] reload in safetyGroup: ${JSON.stringify(counts)}`);
    assert.equal(state.phase, 'done', JSON.stringify(state.failure));
    assert.equal(counts.StopInstance, 1);
    assert.equal(counts.StartInstance, 1);
    // The phase is saved before its request, so the first window may close before or after sending
    // CreateSnapshotGroup: one or two sends, on the same ClientToken, and never a second group.
    assert.ok(counts.CreateSnapshotGroup >= 1 && counts.CreateSnapshotGroup <= 2, `CreateSnapshotGroup sent ${counts.CreateSnapshotGroup} times`);
    assert.equal([...sandbox.world.snapshotGroups.values()].filter((g) => g.name === request.safetyGroup?.name).length, 1);
    assert.ok(markersAre('C'));
  });

  test('a window reload mid-backup: the new tracker follows the same group to ready, no second CreateSnapshotGroup', async () => {
    const memento = new MemoryMemento();
    const first = newTracker(memento);
    sandbox.stats.reset();
    const request = backupRequest();
    first.startGroupBackup(request);
    await waitFor('the group to be known', () => first.groupBackupOperations()[0]?.phase === 'creating', 60_000);
    first.dispose();
    const second = newTracker(memento);
    assert.equal(second.isBackingUpInstance({ regionId: SG, instanceId: instance.instanceId }), true);
    await waitFor('the resumed backup to end', () => !second.isBackingUpInstance({ regionId: SG, instanceId: instance.instanceId }), 120_000);
    const state = second.groupBackupOperations()[0];
    console.log(`[groups suite] reload mid-backup: ${JSON.stringify(sandbox.stats.byAction)}`);
    assert.equal(state.phase, 'ready', JSON.stringify(state.error));
    assert.equal(sandbox.stats.byAction.CreateSnapshotGroup, 1);
  });
});

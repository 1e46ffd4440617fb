// Rollbacks run by the status-bar tracker in the real extension host, against the sandbox through
// the real gateway (SDK over HTTP): the data that comes back is checked with the sandbox's disk
// content (markers), and the requests per action are counted at the sandbox.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EcsGateway } from '../../src/ecs/gateway';
import { BEFORE_ROLLBACK_TAG, type InstanceHandling, type RollbackRequest } from '../../src/rollback/rollbackApi';
import { startSandbox, type DiskRecord, type Sandbox } from '../../src/sandbox';
import { SnapshotTracker } from '../../src/tracker/snapshotTracker';
import { addDisk, MemoryMemento, sandboxConnections, sandboxGateway, ScaledClock, SOURCE_KEY, waitFor } from './trackerHelpers';

/** Simulated seconds per real second, in the sandbox and in the tracker's clock alike. */
const TIME_SCALE = 20;
const silentLog = { debug: () => undefined, info: () => undefined, warn: () => undefined };
const WRITES = ['StopInstance', 'StartInstance', 'ResetDisk', 'CreateSnapshot'];

suite('Rollback against the sandbox', function () {
  this.timeout(120_000);
  let sandbox: Sandbox;
  let gateway: EcsGateway;
  const trackers: SnapshotTracker[] = [];
  let n = 0;

  suiteSetup(async () => {
    sandbox = await startSandbox({ timeScale: TIME_SCALE, seed: 12 });
    gateway = sandboxGateway(sandbox);
    await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', false, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    trackers.forEach((t) => t.dispose());
    await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
  });

  function newTracker(memento = new MemoryMemento()): SnapshotTracker {
    const tracker = new SnapshotTracker({
      connections: sandboxConnections(gateway),
      memento,
      log: silentLog,
      revealDisk: async () => undefined,
      clock: new ScaledClock(TIME_SCALE),
      redrawClock: new ScaledClock(TIME_SCALE),
    });
    trackers.push(tracker);
    return tracker;
  }

  /** A snapshot of the disk as it is now, waited for until accomplished. */
  async function snapshotNow(disk: DiskRecord): Promise<string> {
    const snapshotId = await gateway.createSnapshot({ regionId: sandbox.regionId, diskId: disk.diskId, clientToken: `rb-suite-${Date.now()}-${++n}`, snapshotName: `marker-${n}` });
    let status = '';
    for (let i = 0; i < 600 && status !== 'accomplished'; i++) {
      status = (await gateway.describeSnapshots(sandbox.regionId, [snapshotId]))[0]?.status ?? '';
      if (status !== 'accomplished') await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(status, 'accomplished');
    return snapshotId;
  }

  function request(disk: DiskRecord, snapshotId: string, instance: InstanceHandling, safety: boolean): RollbackRequest {
    const id = `rb-${Date.now()}-${++n}`;
    return {
      operationId: id,
      regionId: sandbox.regionId,
      sourceKey: SOURCE_KEY,
      diskId: disk.diskId,
      diskName: disk.diskName || disk.diskId,
      diskType: disk.type,
      snapshotId,
      snapshotName: snapshotId,
      snapshotTime: new Date().toISOString(),
      instance,
      ...(safety ? { safetySnapshot: { name: `before-rollback-${n}`, retentionDays: 7, tags: [{ ...BEFORE_ROLLBACK_TAG }], clientToken: `safety-${id}` } } : {}),
      requestedAt: Date.now(),
    };
  }

  async function rollBack(tracker: SnapshotTracker, req: RollbackRequest) {
    sandbox.stats.reset();
    const texts: string[] = [];
    const sub = tracker.onDidChange(() => {
      if (texts.at(-1) !== tracker.status.text) texts.push(tracker.status.text);
    });
    tracker.startRollback(req);
    assert.equal(tracker.isRollingBack({ regionId: req.regionId, diskId: req.diskId }), true);
    await waitFor('the rollback to end', () => !tracker.isRollingBack({ regionId: req.regionId, diskId: req.diskId }), 100_000);
    sub.dispose();
    const state = tracker.rollbackOperations().find((s) => s.request.operationId === req.operationId);
    assert.ok(state);
    const counts = Object.fromEntries(Object.entries(sandbox.stats.byAction).filter(([a]) => WRITES.includes(a) || a.startsWith('Describe')));
    return { state, counts, texts };
  }

  test('marker A, snapshot, marker B, roll back with safety snapshot: the disk holds A, the safety snapshot B; rolling back to it brings B back', async () => {
    const disk = addDisk(sandbox, 'rollback-suite-data', 20);
    sandbox.writeDisk(disk.diskId, 'A');
    const snapshotA = await snapshotNow(disk);
    sandbox.writeDisk(disk.diskId, 'B');
    const tracker = newTracker();

    const first = await rollBack(tracker, request(disk, snapshotA, { kind: 'none' }, true));
    console.log(`[rollback suite] unattached, safety snapshot: ${JSON.stringify(first.counts)}; status: ${first.texts.join(' | ')}`);
    assert.equal(first.state.phase, 'done', JSON.stringify(first.state.failure));
    assert.equal(sandbox.readDisk(disk.diskId).marker, 'A');
    assert.ok(first.state.safetySnapshotId);
    assert.equal(sandbox.snapshotContent(first.state.safetySnapshotId).marker, 'B');
    assert.equal(first.counts.ResetDisk, 1);
    assert.equal(first.counts.CreateSnapshot, 1);
    assert.ok(first.texts.some((t) => /safety snapshot \d+%/.test(t)), first.texts.join(' | '));
    assert.ok(first.texts.some((t) => t.includes('rolling back')), first.texts.join(' | '));

    const back = await rollBack(tracker, request(disk, first.state.safetySnapshotId, { kind: 'none' }, false));
    console.log(`[rollback suite] unattached, no safety snapshot: ${JSON.stringify(back.counts)}`);
    assert.equal(back.state.phase, 'done');
    assert.equal(sandbox.readDisk(disk.diskId).marker, 'B');
    assert.equal(back.counts.ResetDisk, 1);
    assert.equal(back.counts.CreateSnapshot ?? 0, 0);
  });

  test('a disk of a Running instance: stopped and started exactly once, the data rolled back', async () => {
    const instance = [...sandbox.world.instances.values()].find((i) => i.instanceName === 'db-01');
    assert.ok(instance);
    const disk = [...sandbox.world.disks.values()].find((d) => d.instanceId === instance.instanceId && d.type === 'data' && d.sizeGiB === 40);
    assert.ok(disk);
    sandbox.writeDisk(disk.diskId, 'A');
    const snapshotA = await snapshotNow(disk);
    sandbox.writeDisk(disk.diskId, 'B');
    const tracker = newTracker();
    const handling: InstanceHandling = { kind: 'running', instanceId: instance.instanceId, instanceName: instance.instanceName, keepStopped: false };
    const { state, counts, texts } = await rollBack(tracker, request(disk, snapshotA, handling, true));
    console.log(`[rollback suite] running instance, stop + start, safety snapshot: ${JSON.stringify(counts)}; status: ${texts.join(' | ')}`);
    assert.equal(state.phase, 'done', JSON.stringify(state.failure));
    assert.equal(counts.StopInstance, 1);
    assert.equal(counts.StartInstance, 1);
    assert.equal(sandbox.readDisk(disk.diskId).marker, 'A');
    assert.equal(sandbox.snapshotContent(state.safetySnapshotId ?? '').marker, 'B');
    const [status] = await gateway.describeInstanceStatus(sandbox.regionId, [instance.instanceId]);
    assert.equal(status?.status, 'Running');
    assert.ok(texts.some((t) => t.includes('stopping instance')) && texts.some((t) => t.includes('starting instance')), texts.join(' | '));
  });

  test('a window reload in the middle: the new tracker resumes from the saved phase, still one stop and one start', async () => {
    const instance = [...sandbox.world.instances.values()].find((i) => i.instanceName === 'db-01');
    const disk = [...sandbox.world.disks.values()].find((d) => d.instanceId === instance?.instanceId && d.type === 'data' && d.sizeGiB === 40);
    assert.ok(instance && disk);
    sandbox.writeDisk(disk.diskId, 'C');
    const snapshotC = await snapshotNow(disk);
    sandbox.writeDisk(disk.diskId, 'D');
    const memento = new MemoryMemento();
    const first = newTracker(memento);
    sandbox.stats.reset();
    const req = request(disk, snapshotC, { kind: 'running', instanceId: instance.instanceId, instanceName: instance.instanceName, keepStopped: false }, true);
    first.startRollback(req);
    await waitFor('the safety snapshot phase', () => first.rollbackOperations()[0]?.phase === 'safetySnapshot', 30_000);
    first.dispose();
    const second = newTracker(memento);
    assert.equal(second.isRollingBack({ regionId: req.regionId, diskId: req.diskId }), true);
    await waitFor('the resumed rollback to end', () => !second.isRollingBack({ regionId: req.regionId, diskId: req.diskId }), 100_000);
    const state = second.rollbackOperations()[0];
    const counts = sandbox.stats.byAction;
    console.log(`[rollback suite] reload in safetySnapshot: ${JSON.stringify(counts)}`);
    assert.equal(state.phase, 'done', JSON.stringify(state.failure));
    assert.equal(counts.StopInstance, 1);
    assert.equal(counts.StartInstance, 1);
    assert.equal(sandbox.readDisk(disk.diskId).marker, 'C');
  });

  test('at 30% injected faults every rollback ends in a definite, reported state, and one that is done restored the data', async function () {
    this.timeout(400_000);
    const instance = [...sandbox.world.instances.values()].find((i) => i.instanceName === 'db-01');
    const attached = [...sandbox.world.disks.values()].find((d) => d.instanceId === instance?.instanceId && d.type === 'data' && d.sizeGiB === 40);
    assert.ok(instance && attached);
    const outcomes: string[] = [];
    for (let run = 0; run < 4; run++) {
      const running = run % 2 === 1;
      const disk: DiskRecord = running ? attached : addDisk(sandbox, `rollback-faults-${run}`, 20);
      sandbox.clearFaults();
      if (running) {
        // A failed run may leave it stopped (and said so): bring it back, without faults.
        const status = async (): Promise<string | undefined> => (await gateway.describeInstanceStatus(sandbox.regionId, [instance.instanceId]))[0]?.status;
        for (let i = 0; i < 600 && (await status()) !== 'Running'; i++) {
          if ((await status()) === 'Stopped') await gateway.startInstance(sandbox.regionId, instance.instanceId).catch(() => undefined);
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(await status(), 'Running', 'db-01 does not run again');
      }
      sandbox.writeDisk(disk.diskId, `A${run}`);
      const snapshot = await snapshotNow(disk);
      sandbox.writeDisk(disk.diskId, `B${run}`);
      // About 30% of requests meet a fault: throttling, 5xx, HTML 502, dropped connections, answers lost after the action ran.
      sandbox.setFaults({ throttleRate: 0.1, errorRate: 0.05, htmlErrorRate: 0.05, dropRate: 0.05, lostAnswerRate: 0.05 });
      const handling: InstanceHandling = running
        ? { kind: 'running', instanceId: instance.instanceId, instanceName: instance.instanceName, keepStopped: false }
        : { kind: 'none' };
      const req = request(disk, snapshot, handling, true);
      const { state, counts } = await rollBack(newTracker(), req);
      sandbox.clearFaults();
      outcomes.push(`${running ? 'running' : 'unattached'}: ${state.phase}${state.failure ? ` (${state.failure.phase}, ${state.failure.error.code}, disk ${state.failure.disk})` : ''} ${JSON.stringify(counts)}`);
      assert.ok(state.phase === 'done' || state.phase === 'failed', `not definite: ${state.phase}`);
      const safetySnapshots = sandbox.world.snapshotsOf(disk.diskId).filter((x) => x.snapshotName === req.safetySnapshot?.name);
      assert.ok(safetySnapshots.length <= 1, `${safetySnapshots.length} safety snapshots for one rollback`);
      if (state.phase === 'done') {
        assert.equal(sandbox.readDisk(disk.diskId).marker, `A${run}`, 'done, but the data did not come back');
        assert.equal(safetySnapshots.length, 1);
        assert.equal(sandbox.snapshotContent(safetySnapshots[0].snapshotId).marker, `B${run}`);
        if (running) assert.equal((await gateway.describeInstanceStatus(sandbox.regionId, [instance.instanceId]))[0]?.status, 'Running');
      } else {
        const failure = state.failure;
        assert.ok(failure, 'failed without saying how');
        assert.ok(failure.actions.length > 0 || failure.disk !== undefined, 'a failure offers a way on');
        if (failure.disk === 'untouched') assert.equal(sandbox.readDisk(disk.diskId).marker, `B${run}`, 'said untouched, but the disk changed');
        if (failure.disk === 'rolledBack') assert.equal(sandbox.readDisk(disk.diskId).marker, `A${run}`, 'said rolled back, but it is not');
      }
    }
    console.log(`[rollback suite] 30% faults:\n  ${outcomes.join('\n  ')}`);
  });
});

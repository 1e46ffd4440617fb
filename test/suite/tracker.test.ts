// The status-bar tracker in the real extension host, polling the sandbox through the real gateway
// (SDK over HTTP): progress forms, request counts, failures, backoff, reload.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { isEcsError, type EcsError } from '../../src/ecs/errors';
import type { EcsGateway } from '../../src/ecs/gateway';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { SnapshotTracker } from '../../src/tracker/snapshotTracker';
import type { DiskRef } from '../../src/tracker/trackerApi';
import {
  addDisk,
  intentFor,
  MemoryMemento,
  sandboxConnections,
  sandboxGateway,
  ScaledClock,
  sleep,
  waitFor,
} from './trackerHelpers';

/** Simulated seconds per real second, in the sandbox and in the tracker's clock alike. */
const TIME_SCALE = 20;

const silentLog = { debug: () => undefined, info: () => undefined, warn: () => undefined };

suite('Snapshot tracker against the sandbox', function () {
  this.timeout(90_000);
  let sandbox: Sandbox;
  let gateway: EcsGateway;
  const trackers: SnapshotTracker[] = [];

  suiteSetup(async () => {
    sandbox = await startSandbox({ timeScale: TIME_SCALE, seed: 11, disks: 0 });
    gateway = sandboxGateway(sandbox);
    await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', false, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    trackers.forEach((t) => t.dispose());
    await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
  });

  teardown(() => {
    sandbox.world.failRate = 0;
    sandbox.clearFaults();
  });

  function newTracker(memento = new MemoryMemento(), clock = new ScaledClock(TIME_SCALE)): SnapshotTracker {
    const tracker = new SnapshotTracker({
      connections: sandboxConnections(gateway),
      memento,
      log: silentLog,
      revealDisk: async () => undefined,
      clock,
      // The estimate's redraw timer runs on its own clock: `clock` counts poll ticks only.
      redrawClock: new ScaledClock(TIME_SCALE),
    });
    trackers.push(tracker);
    return tracker;
  }

  /** Requests per tick, measured at the sandbox: its DescribeSnapshots count at each timer firing. */
  function countPerTick(clock: ScaledClock): () => number[] {
    const marks: number[] = [];
    const count = () => sandbox.stats.byAction.DescribeSnapshots ?? 0;
    clock.onFire = () => marks.push(count());
    return () => [...marks.slice(1), count()].map((n, i) => n - marks[i]);
  }

  test('five concurrent snapshots: the item goes from "5 snapshots" to one disk to ready, one request per tick', async () => {
    const clock = new ScaledClock(TIME_SCALE);
    const tracker = newTracker(new MemoryMemento(), clock);
    const perTick = countPerTick(clock);
    const texts: string[] = [];
    tracker.onDidChange(() => {
      const { text, visible } = tracker.status;
      const shown = visible ? text : '(hidden)';
      if (texts.at(-1) !== shown) texts.push(shown);
    });
    const diskEvents: DiskRef[] = [];
    tracker.onDidChangeDisk((d) => diskEvents.push(d));

    const disks = [20, 30, 40, 50, 60].map((size, i) => addDisk(sandbox, `web-data-${i + 1}`, size));
    const created = await Promise.all(
      disks.map(async (disk) => {
        const intent = intentFor(sandbox, disk);
        return [intent, await gateway.createSnapshot(intent.request)] as const;
      }),
    );
    for (const [intent, snapshotId] of created) tracker.track(intent, snapshotId);
    assert.equal(tracker.isCreating({ regionId: sandbox.regionId, diskId: disks[0].diskId }), true);

    await waitFor('all five snapshots ready', () => tracker.operations().every((op) => op.state === 'ready'));
    const ticks = perTick();
    assert.ok(ticks.length >= 3, `ticks: ${ticks.length}`);
    assert.deepEqual(new Set(ticks), new Set([1]), `DescribeSnapshots per tick: ${ticks.join(',')}`);
    console.log(`tracker: K=5 -> ${ticks[0]} DescribeSnapshots per tick (${ticks.length} ticks, sandbox count)`);

    // From the moment all five are tracked, the count only goes down: 5, 4, 3, 2, then one disk by name.
    const progress = texts.filter((t) => t.startsWith('$(sync~spin)'));
    // "~" marks an estimate between polls (corrected by the next one).
    const all = progress.findIndex((t) => /^\$\(sync~spin\) 5 snapshots · ~?\d+%$/.test(t));
    assert.ok(all >= 0, texts.join(' | '));
    const counts = progress.slice(all).map((t) => {
      const several = /^\$\(sync~spin\) (\d) snapshots · ~?\d+%$/.exec(t);
      if (several) return Number(several[1]);
      assert.match(t, /^\$\(sync~spin\) web-data-\d ~?\d+%$/);
      return 1;
    });
    assert.deepEqual([...new Set(counts)], [5, 4, 3, 2, 1], texts.join(' | '));
    assert.ok(progress.some((t) => /^\$\(sync~spin\) web-data-5 ~?\d+%$/.test(t)), texts.join(' | '));
    const fiveAt = progress.filter((t) => t.includes('5 snapshots') && !t.includes('~')).map((t) => Number(/(\d+)%$/.exec(t)?.[1]));
    assert.deepEqual(fiveAt, [...fiveAt].sort((a, b) => a - b), 'overall progress read from ECS never goes back');
    assert.match(texts.at(-1) ?? '', /^\$\(check\) (Snapshot|\d snapshots) ready$/, texts.join(' | '));
    assert.equal(tracker.status.tone, 'success');
    console.log(`tracker: item texts ${texts.join(' → ')}`);

    for (const disk of disks) {
      assert.ok(diskEvents.filter((d) => d.diskId === disk.diskId).length >= 2, `start and end fired for ${disk.diskName}`);
    }
    assert.equal(tracker.pollStats.polling, false, 'no timer once nothing is creating');
    const sent = sandbox.stats.byAction.DescribeSnapshots;
    await sleep(5_500);
    assert.equal(sandbox.stats.byAction.DescribeSnapshots, sent, 'zero requests while nothing is tracked');
    assert.equal(tracker.status.visible, false, 'the success state goes away');
    console.log('tracker: K=0 (all done) -> 0 DescribeSnapshots in 5.5 s');
  });

  test('250 snapshots: ceil(250/100) = 3 DescribeSnapshots per tick', async () => {
    const clock = new ScaledClock(TIME_SCALE);
    const tracker = newTracker(new MemoryMemento(), clock);
    const perTick = countPerTick(clock);
    // Big disks: they stay in progress for the whole measurement.
    const disks = Array.from({ length: 250 }, (_, i) => addDisk(sandbox, `bulk-${i + 1}`, 2000));
    const created: [ReturnType<typeof intentFor>, string][] = [];
    for (const disk of disks) {
      const intent = intentFor(sandbox, disk);
      created.push([intent, await gateway.createSnapshot(intent.request)]);
    }
    // All at once, so every tick measured sees the full 250.
    for (const [intent, snapshotId] of created) tracker.track(intent, snapshotId);
    await waitFor('four ticks', () => clock.firings >= 4);
    tracker.dispose();
    await sleep(200);
    const ticks = perTick().slice(0, 3);
    assert.deepEqual(ticks, [3, 3, 3]);
    // Every one of them was answered (RemainTime comes only from DescribeSnapshots).
    assert.ok(tracker.operations().every((op) => op.state === 'creating' && op.remainTime !== undefined));
    console.log(`tracker: K=250 -> ${ticks[0]} DescribeSnapshots per tick (sandbox count)`);
  });

  test('a snapshot that fails midway turns the item red until the list is opened; retry creates a new one', async () => {
    const tracker = newTracker();
    const disk = addDisk(sandbox, 'db-data', 40);
    sandbox.world.failRate = 1;
    const intent = intentFor(sandbox, disk);
    const snapshotId = await gateway.createSnapshot(intent.request);
    sandbox.world.failRate = 0;
    tracker.track(intent, snapshotId);
    await waitFor('the failure', () => tracker.operations()[0]?.state === 'failed');
    assert.equal(tracker.status.text, '$(error) db-data: snapshot failed');
    assert.equal(tracker.status.tone, 'error');
    assert.match(tracker.status.tooltip, /ECS reports the snapshot as failed/);
    await sleep(300);
    assert.equal(tracker.status.tone, 'error', 'stays until the user looks');

    const picker = tracker.showPicker();
    assert.deepEqual(
      picker.items.map((i) => i.label),
      ['Failed', '$(error) db-data'],
    );
    assert.equal(tracker.status.visible, false, 'seen: the item leaves its error state');
    picker.hide();

    await tracker.run('retry', tracker.operations()[0]);
    const [retried] = tracker.operations();
    assert.notEqual(retried.intent.request.clientToken, intent.request.clientToken, 'a new intent, a new token');
    assert.notEqual(retried.snapshotId, snapshotId);
    await waitFor('the retried snapshot ready', () => tracker.operations()[0]?.state === 'ready');
  });

  test('a creation ECS refused shows the error; retry with the SAME token succeeds later', async () => {
    const tracker = newTracker();
    const disk = addDisk(sandbox, 'busy-disk', 20);
    const first = intentFor(sandbox, disk);
    const firstId = await gateway.createSnapshot(first.request);
    const second = intentFor(sandbox, disk);
    let refusal: EcsError | undefined;
    try {
      await gateway.createSnapshot(second.request);
    } catch (e) {
      if (isEcsError(e)) refusal = e;
    }
    assert.ok(refusal, 'the sandbox refuses a second snapshot while one is being created');
    tracker.reportCreateFailure(second, refusal);
    assert.equal(tracker.status.text, '$(error) busy-disk: snapshot not created');
    assert.equal(tracker.status.tone, 'error');
    assert.ok(tracker.status.tooltip.includes(refusal.code), tracker.status.tooltip);
    console.log(`tracker: refused creation shows ${refusal.code} (RequestId ${refusal.requestId ?? '-'})`);

    tracker.track(first, firstId);
    await waitFor('the first snapshot ready', () => tracker.operations().some((op) => op.snapshotId === firstId && op.state === 'ready'));
    const key = second.request.clientToken;
    await tracker.run('retry', tracker.operations().find((op) => op.intent.request.clientToken === key)!);
    const retried = tracker.operations().find((op) => op.intent.request.clientToken === key);
    assert.equal(retried?.state, 'creating', 'same token, now accepted');
    await waitFor('the retried snapshot ready', () => retried?.state === 'ready');
  });

  test('throttling: the tracker backs off instead of hammering, then recovers', async () => {
    const clock = new ScaledClock(TIME_SCALE);
    const tracker = newTracker(new MemoryMemento(), clock);
    const disk = addDisk(sandbox, 'throttled-disk', 200);
    const intent = intentFor(sandbox, disk);
    tracker.track(intent, await gateway.createSnapshot(intent.request));
    sandbox.setFaults({ throttleRate: 1, retryAfterSeconds: 0 });
    const before = sandbox.stats.byAction.DescribeSnapshots ?? 0;
    const start = clock.now();
    await waitFor('120 simulated seconds', () => clock.now() - start >= 120_000);
    const attempts = (sandbox.stats.byAction.DescribeSnapshots ?? 0) - before;
    // Without backoff, a 2 s pace would send 60 requests in 120 s; 2+4+8+16+32+60 allows 6.
    assert.ok(attempts >= 3 && attempts <= 6, `${attempts} requests in 120 simulated seconds`);
    assert.equal(tracker.operations()[0].pollError?.code, 'Throttling');
    assert.equal(tracker.status.tone, 'normal', 'throttling is not the user’s problem: no red');
    assert.match(tracker.status.tooltip, /Progress could not be read/);
    console.log(`tracker: throttled for 120 simulated s -> ${attempts} DescribeSnapshots (backoff 4, 8, 16, 32, 60 s)`);
    sandbox.clearFaults();
    await waitFor('recovery', () => tracker.operations()[0].state === 'ready', 60_000);
  });

  test('a snapshot deleted elsewhere is reported as no longer existing and no longer polled', async () => {
    const tracker = newTracker();
    const disk = addDisk(sandbox, 'vanishing', 500);
    const intent = intentFor(sandbox, disk);
    const snapshotId = await gateway.createSnapshot(intent.request);
    tracker.track(intent, snapshotId);
    await waitFor('the first answer', () => tracker.operations()[0].progress > 0);
    sandbox.world.deleteSnapshot(snapshotId);
    await waitFor('gone', () => tracker.operations()[0].state === 'gone');
    assert.equal(tracker.status.text, '$(warning) vanishing: snapshot no longer exists');
    assert.equal(tracker.status.tone, 'warning');
    assert.equal(tracker.pollStats.polling, false);
  });

  test('"Show Snapshot Progress" is registered by the extension and opens the list', async () => {
    await vscode.commands.executeCommand('ecsSnapshots.showTracked');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('a reload (new tracker over the same Memento) resumes tracking', async () => {
    const memento = new MemoryMemento();
    const first = newTracker(memento);
    const disks = [60, 80, 100].map((size, i) => addDisk(sandbox, `reload-${i + 1}`, size));
    const ids: string[] = [];
    for (const disk of disks) {
      const intent = intentFor(sandbox, disk);
      ids.push(await gateway.createSnapshot(intent.request));
      first.track(intent, ids.at(-1)!);
    }
    await waitFor('first progress', () => first.operations().every((op) => op.progress > 0));
    first.dispose();
    const afterDispose = sandbox.stats.byAction.DescribeSnapshots;
    await sleep(500);
    assert.equal(sandbox.stats.byAction.DescribeSnapshots, afterDispose, 'the old window polls no more');

    const second = newTracker(memento);
    assert.deepEqual(second.operations().map((op) => op.snapshotId).sort(), [...ids].sort());
    assert.ok(second.isCreating({ regionId: sandbox.regionId, diskId: disks[2].diskId }));
    assert.match(second.status.text, /^\$\(sync~spin\) 3 snapshots · ~?\d+%$/);
    await waitFor('resumed snapshots ready', () => second.operations().every((op) => op.state === 'ready'));
  });
});

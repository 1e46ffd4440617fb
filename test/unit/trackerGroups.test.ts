// The tracker's server-level operations: what following G group backups costs per tick (at most
// ceil(G/100) DescribeSnapshotGroups, never a request per group or member), persistence next to
// the other operations (activation sees it), and what the status bar says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { hasTrackedWork } from '../../src/activation/trackedWork';
import { GROUP_PERSISTENCE_KEY, GROUP_POLL } from '../../src/tracker/groupOperations';
import { describeStatus } from '../../src/tracker/statusView';
import { backupRequest, DISKS, FakeClock, FakeGroupCloud, OpsHarness, rollbackRequest } from './groupFakes';

const REGION = 'ap-southeast-1';

/** Starts `g` group backups that stay progressing for a long while, and waits until all are followed. */
async function following(g: number, foreign = 0) {
  const clock = new FakeClock();
  const cloud = new FakeGroupCloud(clock);
  cloud.snapshotMs = 60 * 60_000;
  cloud.availableAfterMs = 30 * 60_000;
  cloud.addForeignProgressing(foreign);
  const h = new OpsHarness(clock, cloud);
  for (let i = 0; i < g; i++) h.ops.startBackup(backupRequest({ instanceName: `web-${i}` }));
  await h.until(() => h.ops.backupOperations().every((s) => s.phase === 'creating'), 60_000, 100);
  assert.equal(cloud.counts.CreateSnapshotGroup, g);
  return { clock, cloud, h };
}

/** Runs `n` poll intervals; returns the requests of every tick that ran (GroupOperations.poll, counted at the cloud). */
async function ticks(h: OpsHarness, n: number): Promise<{ groups: number; members: number }[]> {
  const seen: { groups: number; members: number }[] = [];
  const poll = h.ops.poll.bind(h.ops);
  h.ops.poll = async () => {
    const before = { groups: h.cloud.counts.DescribeSnapshotGroups, members: h.cloud.counts.DescribeSnapshots };
    await poll();
    seen.push({ groups: h.cloud.counts.DescribeSnapshotGroups - before.groups, members: h.cloud.counts.DescribeSnapshots - before.members });
  };
  await h.clock.advance(n * GROUP_POLL.everyMs);
  h.ops.poll = poll;
  return seen;
}

describe('tracker: the cost of following group backups', () => {
  for (const [g, limit] of [
    [1, 1],
    [10, 1],
    [11, 1],
    [100, 1],
    [250, 3],
  ] as const) {
    it(`${g} group backups: at most ${limit} DescribeSnapshotGroups a tick while they progress, no member reads`, async () => {
      const { h } = await following(g);
      const seen = await ticks(h, 6);
      assert.equal(seen.length, 6, 'one tick per interval');
      console.log(`[group tick cost] G=${g}: ${seen.map((t) => `${t.groups}+${t.members}`).join(', ')} (DescribeSnapshotGroups+DescribeSnapshots per tick)`);
      assert.ok(seen.every((t) => t.groups <= limit && t.groups >= 1), JSON.stringify(seen));
      assert.ok(seen.every((t) => t.members === 0));
      assert.deepEqual(h.ops.lastTickRequests, seen.at(-1));
      h.ops.dispose();
    });
  }

  it('250 group backups to the end: every tick within ceil(G/100) groups + ceil(members/100) member batches; all ready, each once', async () => {
    const { cloud, h } = await following(250);
    // Usable only when accomplished: the groups leave the `progressing` listing unseen as ready,
    // so their members are read in batches of 100.
    cloud.snapshotMs = 90_000;
    cloud.availableAfterMs = 90_000;
    const seen: { groups: number; members: number }[] = [];
    for (let i = 0; i < 200 && h.ops.backupOperations().some((s) => s.phase === 'creating'); i++) seen.push(...(await ticks(h, 1)));
    console.log(`[group tick cost] G=250 to the end, ${seen.length} ticks: max ${Math.max(...seen.map((t) => t.groups))} DescribeSnapshotGroups, max ${Math.max(...seen.map((t) => t.members))} DescribeSnapshots a tick`);
    assert.ok(h.ops.backupOperations().every((s) => s.phase === 'ready'));
    assert.ok(seen.every((t) => t.groups <= 3), JSON.stringify(seen));
    assert.ok(seen.every((t) => t.members <= Math.ceil((250 * 3) / 100)), JSON.stringify(seen));
    assert.ok(seen.some((t) => t.members > 0), 'the member batches were used');
    assert.equal(cloud.counts.CreateSnapshotGroup, 250);
  });

  it('a busy region (500 other progressing groups): still at most ceil(G/100) a tick, and every one of ours gets read', async () => {
    const { cloud, h } = await following(20, 500);
    cloud.snapshotMs = 60_000;
    cloud.availableAfterMs = 30_000;
    const seen: { groups: number; members: number }[] = [];
    for (let i = 0; i < 100 && h.ops.backupOperations().some((s) => s.phase === 'creating'); i++) seen.push(...(await ticks(h, 1)));
    console.log(`[group tick cost] G=20 among 500 others: ${seen.length} ticks, max ${Math.max(...seen.map((t) => t.groups))} a tick`);
    assert.ok(h.ops.backupOperations().every((s) => s.phase === 'ready'), h.ops.backupOperations().map((s) => s.phase).join(','));
    assert.ok(seen.every((t) => t.groups <= 1), JSON.stringify(seen));
  });

  it('no group being created: no timer, no request', async () => {
    const clock = new FakeClock();
    const cloud = new FakeGroupCloud(clock);
    const h = new OpsHarness(clock, cloud);
    assert.equal(h.ops.backupOperations().length, 0);
    await clock.advance(60_000);
    assert.equal(cloud.counts.DescribeSnapshotGroups, 0);
    assert.equal(clock.pendingTimers, 0);
  });
});

describe('tracker: group operations persisted and shown', () => {
  it('both kinds saved in one Memento key next to the others; a new window resumes them; activation sees the work', async () => {
    const clock = new FakeClock();
    const cloud = new FakeGroupCloud(clock);
    cloud.availableAfterMs = 60_000;
    const h = new OpsHarness(clock, cloud);
    h.ops.startBackup(backupRequest());
    h.ops.startRollback(rollbackRequest(cloud.makeGroupNow('restore-point')));
    await clock.advance(1_000);
    const saved = h.store.load() as { backups: unknown[]; rollbacks: unknown[] };
    assert.equal(saved.backups.length, 1);
    assert.equal(saved.rollbacks.length, 1);
    const memento = { keys: () => [GROUP_PERSISTENCE_KEY], get: () => h.store.load() } as unknown as vscode.Memento;
    assert.equal(hasTrackedWork(memento), true);
    assert.equal(hasTrackedWork({ keys: () => [GROUP_PERSISTENCE_KEY], get: () => ({ version: 1, backups: [], rollbacks: [] }) } as unknown as vscode.Memento), false);

    const resumed = h.reload();
    assert.equal(resumed.isBackingUp({ regionId: REGION, instanceId: 'i-1' }), true);
    assert.equal(resumed.isRollingBack({ regionId: REGION, instanceId: 'i-1' }), true);
    assert.equal(resumed.isRollingBack({ regionId: 'cn-hangzhou', instanceId: 'i-1' }), false);
    await h.until(() => resumed.backupOperations()[0].phase === 'ready' && resumed.rollbackOperations()[0].phase === 'done', 30 * 60_000);
    assert.equal(cloud.effects.stop, 1);
    assert.equal(cloud.effects.start, 1);
  });

  it('the status bar: "web-01 · 3 disks · 57%" while the group is created, "web-01 backed up" when ready', async () => {
    const clock = new FakeClock();
    const cloud = new FakeGroupCloud(clock);
    cloud.availableAfterMs = 40_000;
    cloud.snapshotMs = 60_000;
    const h = new OpsHarness(clock, cloud);
    h.ops.startBackup(backupRequest());
    const texts = new Set<string>();
    const view = () => describeStatus([], clock.now(), 0, [], { backups: h.ops.backupOperations(), rollbacks: h.ops.rollbackOperations() });
    await h.until(() => {
      texts.add(view().text);
      return h.ops.backupOperations()[0].phase === 'ready';
    });
    console.log(`[group status texts] ${[...texts].join(' | ')}`);
    assert.ok([...texts].some((t) => /^\$\(sync~spin\) web-01 · 3 disks · [1-9]\d?%$/.test(t)), [...texts].join(' | '));
    assert.equal(view().text, '$(check) web-01 backed up');
    assert.equal(view().tone, 'success');
    assert.match(view().tooltip, /Group backups/);
    await clock.advance(10_000);
    assert.equal(view().visible, false);
  });

  it('the status bar follows an instance rollback: stopping, safety group NN%, resetting 1/3 2/3 3/3, starting, rolled back', async () => {
    const clock = new FakeClock();
    const cloud = new FakeGroupCloud(clock);
    const h = new OpsHarness(clock, cloud);
    h.ops.startRollback(rollbackRequest(cloud.makeGroupNow('restore-point')));
    const texts: string[] = [];
    const view = () => describeStatus([], clock.now(), 0, [], { backups: [], rollbacks: h.ops.rollbackOperations() });
    await h.until(() => {
      if (texts.at(-1) !== view().text) texts.push(view().text);
      return h.ops.rollbackOperations()[0].phase === 'done';
    }, 30 * 60_000, 100);
    console.log(`[instance rollback status texts] ${texts.join(' | ')}`);
    assert.ok(texts.includes('$(history) web-01 · stopping instance'));
    assert.ok(texts.some((t) => /^\$\(history\) web-01 · safety group \d+%$/.test(t)));
    assert.ok(texts.includes('$(history) web-01 · resetting 1/3'));
    assert.ok(texts.includes('$(history) web-01 · starting instance'));
    assert.equal(view().text, '$(check) web-01 rolled back');
  });

  it('a failed rollback: error tone, every disk and the instance in the tooltip, until the list is opened', async () => {
    const clock = new FakeClock();
    const cloud = new FakeGroupCloud(clock);
    const h = new OpsHarness(clock, cloud);
    cloud.refuseReset = { diskId: DISKS[2].diskId, code: 'OperationDenied' };
    h.ops.startRollback(rollbackRequest(cloud.makeGroupNow('restore-point'), { safetyGroup: undefined }));
    await h.until(() => h.ops.rollbackOperations()[0].phase === 'failed');
    const view = () => describeStatus([], clock.now(), 0, [], { backups: [], rollbacks: h.ops.rollbackOperations() });
    assert.equal(view().text, '$(error) web-01: rollback failed');
    assert.equal(view().tone, 'error');
    const tooltip = view().tooltip;
    assert.match(tooltip, /web-01-system, web-01-data/);
    assert.match(tooltip, /Not changed: web-01-logs/);
    assert.match(tooltip, /OperationDenied/);
    assert.match(tooltip, /Stopped/);
    assert.equal(h.ops.acknowledgeAll(), true);
    assert.equal(view().visible, false);
  });
});

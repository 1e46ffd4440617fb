// The Roll Back flow in plain Node: scripted answers, a fake gateway that only reads, and a fake
// tracker that records the RollbackRequest handed over (issue 11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Instance, Snapshot, SnapshotsOfDiskQuery } from '../../src/ecs/gateway';
import type { RollbackRequest } from '../../src/rollback/rollbackApi';
import { BEFORE_ROLLBACK_TAG } from '../../src/rollback/rollbackApi';
import { runRollbackFlow } from '../../src/commands/rollback/rollbackFlow';
import type { RollbackFlowPorts, RollbackStart } from '../../src/commands/rollback/rollbackFlow';
import { diskChoice } from '../../src/commands/createSnapshot/diskChoices';
import { ScriptedPrompter, CANCEL, BACK } from '../support/scriptedPrompter';
import type { ScriptStep } from '../support/scriptedPrompter';
import { disk, FakeGateway } from '../support/snapshotFakes';

function snapshot(over: Partial<Snapshot>): Snapshot {
  return { snapshotId: 's-x', snapshotName: 'x', description: '', status: 'accomplished', progress: 100, sourceDiskId: 'd-bp1aaaaaaaaaaaaaaaa1', creationTime: '2026-11-20T10:00:00Z', tags: [], ...over };
}

const OLD = snapshot({ snapshotId: 's-old', snapshotName: 'weekly', creationTime: '2026-11-01T10:00:00Z' });
const QUICK = snapshot({ snapshotId: 's-quick', snapshotName: 'pre-change-20261126-0900', creationTime: '2026-11-26T09:00:00Z', tags: [{ key: 'ecs-snapshots:quick-backup', value: 'true' }] });
const SAFETY = snapshot({ snapshotId: 's-safe', snapshotName: 'before-rollback-20261120-0800', creationTime: '2026-11-20T08:00:00Z', tags: [{ ...BEFORE_ROLLBACK_TAG }] });
const FAILED = snapshot({ snapshotId: 's-failed', snapshotName: 'broken', status: 'failed', progress: 30, creationTime: '2026-11-25T09:00:00Z' });

class ReadingGateway extends FakeGateway {
  snapshots: Snapshot[] = [OLD, QUICK, SAFETY, FAILED];
  readonly reads: string[] = [];
  override async listSnapshotsOfDisk(query: SnapshotsOfDiskQuery) {
    this.reads.push('DescribeSnapshots');
    return { items: this.snapshots.filter((s) => s.sourceDiskId === query.diskId) };
  }
  override async describeSnapshots(_regionId: string, ids: string[]) {
    return this.snapshots.filter((s) => ids.includes(s.snapshotId));
  }
}

class RecordingTracker {
  readonly started: RollbackRequest[] = [];
  rollingBack = false;
  creating = false;
  startRollback(request: RollbackRequest): void {
    this.started.push(request);
  }
  isRollingBack(): boolean {
    return this.rollingBack;
  }
  isCreating(): boolean {
    return this.creating;
  }
}

interface Run {
  gateway: ReadingGateway;
  tracker: RecordingTracker;
  prompter: ScriptedPrompter;
  modals: { message: string; detail: string }[];
}

function setup(script: ScriptStep[], opts: { instances?: Instance[]; confirm?: boolean; safety?: boolean; diskType?: string } = {}): Run & { ports: RollbackFlowPorts } {
  const d = disk({ type: opts.diskType ?? 'data' });
  const gateway = new ReadingGateway([d, disk({ diskId: 'd-bp1other', diskName: 'archive', instanceId: undefined, status: 'Available' })], opts.instances);
  const tracker = new RecordingTracker();
  const prompter = new ScriptedPrompter(script);
  const modals: Run['modals'] = [];
  let id = 0;
  const ports: RollbackFlowPorts = {
    prompter,
    confirm: async (message, detail) => {
      modals.push({ message, detail });
      return opts.confirm ?? true;
    },
    gateway,
    regionId: 'cn-hangzhou',
    sourceKey: 'sandbox:test',
    tracker,
    diskChoices: async function* () {
      yield gateway.disks.map((x) => diskChoice({ disk: x, instanceLocks: [] }, false));
    },
    settings: { safetySnapshot: opts.safety ?? true, safetySnapshotRetentionDays: 7 },
    now: () => new Date(2026, 10, 27, 14, 30),
    newId: () => `id-${++id}`,
  };
  return { gateway, tracker, prompter, modals, ports };
}

const ON_DISK: RollbackStart = { diskId: 'd-bp1aaaaaaaaaaaaaaaa1' };

test('from the palette, a Running instance: disk, snapshot (newest first, marked, failed ones blocked), stop-roll-start, modal, typed name: the request handed over', async () => {
  const run = setup([{ pick: 'web-data' }, { pick: 'broken' }, { pick: 'pre-change-20261126' }, { pick: 'start it again' }, 'web', 'web-data']);
  const result = await runRollbackFlow(run.ports);
  assert.equal(result.kind, 'started');
  const snapshotPick = run.prompter.seen[1];
  assert.equal(snapshotPick.kind, 'pick');
  const labels = snapshotPick.kind === 'pick' ? snapshotPick.choices.map((c) => c.label) : [];
  assert.deepEqual(labels, ['$(history) pre-change-20261126-0900', '$(circle-slash) broken', '$(shield) before-rollback-20261120-0800', '$(device-camera) weekly']);
  assert.match(String(snapshotPick.kind === 'pick' && snapshotPick.choices[0].description), /quick backup/);
  assert.match(String(snapshotPick.kind === 'pick' && snapshotPick.choices[2].description), /safety snapshot before a rollback/);
  assert.deepEqual(run.prompter.blocked, ['This snapshot failed; it holds no data to roll back to.']);
  assert.deepEqual(run.prompter.refused.map((r) => r.value), ['web'], 'a wrong name is refused');
  assert.deepEqual(run.prompter.trail(), ['pick 1/4', 'pick 2/4', 'pick 3/4', 'input 4/4 ']);
  assert.equal(run.modals.length, 1);
  assert.equal(run.modals[0].message, 'Roll back disk "web-data" to snapshot "pre-change-20261126-0900"?');
  assert.match(run.modals[0].detail, /Instance: web-01 \(i-bp1web\), Running\./);
  assert.match(run.modals[0].detail, /Everything written to this disk after .* is lost/);
  assert.match(run.modals[0].detail, /unreachable|cannot be reached/);
  assert.doesNotMatch(run.modals[0].detail, /system disk/);
  assert.deepEqual(run.tracker.started, [
    {
      operationId: 'id-1',
      regionId: 'cn-hangzhou',
      sourceKey: 'sandbox:test',
      diskId: 'd-bp1aaaaaaaaaaaaaaaa1',
      diskName: 'web-data',
      diskType: 'data',
      snapshotId: 's-quick',
      snapshotName: 'pre-change-20261126-0900',
      snapshotTime: '2026-11-26T09:00:00Z',
      instance: { kind: 'running', instanceId: 'i-bp1web', instanceName: 'web-01', keepStopped: false },
      safetySnapshot: {
        name: 'before-rollback-20261127-1430',
        description: 'State of the disk before it was rolled back to s-quick',
        retentionDays: 7,
        tags: [{ ...BEFORE_ROLLBACK_TAG }],
        clientToken: 'id-2',
      },
      requestedAt: new Date(2026, 10, 27, 14, 30).getTime(),
    },
  ]);
  assert.equal(run.gateway.created.length + run.gateway.restoreCalls.length, 0, 'the command itself writes nothing');
});

test('given disk and snapshot, unattached: the safety toggle turns it off; no instance handling', async () => {
  const run = setup([{ pick: 'Safety snapshot first' }, { pick: 'Roll back' }, 'web-data'], { instances: [] });
  run.gateway.disks[0] = { ...run.gateway.disks[0], instanceId: undefined, status: 'Available' };
  const result = await runRollbackFlow(run.ports, { ...ON_DISK, snapshotId: 's-old' });
  assert.equal(result.kind, 'started');
  const request = run.tracker.started[0];
  assert.deepEqual(request.instance, { kind: 'none' });
  assert.equal(request.safetySnapshot, undefined);
  assert.match(run.modals[0].detail, /Instance: none, the disk is not attached\./);
  assert.match(run.modals[0].detail, /No safety snapshot/);
  assert.deepEqual(run.prompter.trail(), ['pick 1/2', 'pick 1/2', 'input 2/2 ']);
});

test('the safety setting off starts the toggle off; picking it turns it on', async () => {
  const run = setup([{ pick: 'Safety snapshot first' }, { pick: 'keep it stopped' }, 'web-data'], { safety: false });
  await runRollbackFlow(run.ports, { ...ON_DISK, snapshotId: 's-old' });
  const [first, second] = run.prompter.seen;
  assert.ok(first.kind === 'pick' && first.choices.some((c) => c.label.startsWith('$(circle-large-outline)')));
  assert.ok(second.kind === 'pick' && second.choices.some((c) => c.label.startsWith('$(pass-filled)')));
  assert.equal(run.tracker.started[0].safetySnapshot?.name, 'before-rollback-20261127-1430');
  assert.deepEqual(run.tracker.started[0].instance, { kind: 'running', instanceId: 'i-bp1web', instanceName: 'web-01', keepStopped: true });
});

test('a Stopped instance: roll back, then start it if asked', async () => {
  const run = setup([{ pick: 'then start the instance' }, 'web-data'], { instances: [{ instanceId: 'i-bp1web', instanceName: 'web-01', status: 'Stopped', lockReasons: [] }] });
  await runRollbackFlow(run.ports, { ...ON_DISK, snapshotId: 's-old' });
  assert.deepEqual(run.tracker.started[0].instance, { kind: 'stopped', instanceId: 'i-bp1web', instanceName: 'web-01', start: true });
  assert.match(run.modals[0].detail, /Instance: web-01 \(i-bp1web\), Stopped\./);
});

test('a system disk says the OS settings go back too', async () => {
  const run = setup([{ pick: 'start it again' }, 'web-data'], { diskType: 'system' });
  await runRollbackFlow(run.ports, { ...ON_DISK, snapshotId: 's-old' });
  assert.match(run.modals[0].detail, /system disk: the operating system and its settings .* go back to/);
});

test('the safety snapshot gets a name of its own on the disk', async () => {
  const run = setup([{ pick: 'start it again' }, 'web-data']);
  run.gateway.snapshots.push(snapshot({ snapshotId: 's-same', snapshotName: 'before-rollback-20261127-1430' }));
  await runRollbackFlow(run.ports, { ...ON_DISK, snapshotId: 's-old' });
  assert.equal(run.tracker.started[0].safetySnapshot?.name, 'before-rollback-20261127-1430-2');
});

test('Escape at every step, or the modal dismissed, hands nothing over', async () => {
  const scripts: ScriptStep[][] = [[CANCEL], [{ pick: 'web-data' }, CANCEL], [{ pick: 'web-data' }, { pick: 'weekly' }, CANCEL], [{ pick: 'web-data' }, { pick: 'weekly' }, { pick: 'start it again' }, CANCEL]];
  for (const script of scripts) {
    const run = setup(script);
    assert.deepEqual(await runRollbackFlow(run.ports), { kind: 'cancelled' });
    assert.equal(run.tracker.started.length, 0);
    assert.equal(run.prompter.remaining, 0);
  }
  const declined = setup([{ pick: 'start it again' }], { confirm: false });
  assert.deepEqual(await runRollbackFlow(declined.ports, { ...ON_DISK, snapshotId: 's-old' }), { kind: 'cancelled' });
  assert.equal(declined.tracker.started.length, 0);
});

test('Back from the typed name returns to the options and keeps the safety choice', async () => {
  const run = setup([{ pick: 'Safety snapshot first' }, { pick: 'start it again' }, BACK, { pick: 'keep it stopped' }, 'web-data']);
  await runRollbackFlow(run.ports, { ...ON_DISK, snapshotId: 's-old' });
  assert.equal(run.modals.length, 2);
  assert.equal(run.tracker.started[0].safetySnapshot, undefined);
  assert.equal(run.tracker.started[0].instance.kind === 'running' && run.tracker.started[0].instance.keepStopped, true);
});

test('refusals come before any question about the rollback, with the reason', async () => {
  const rolling = setup([]);
  rolling.tracker.rollingBack = true;
  assert.equal((await runRollbackFlow(rolling.ports, { ...ON_DISK, snapshotId: 's-old' })).kind, 'refused');
  assert.equal(rolling.prompter.seen.length, 0);

  const creating = setup([{ pick: 'web-data' }]);
  creating.gateway.snapshots.push(snapshot({ snapshotId: 's-new', status: 'progressing', progress: 10, creationTime: '2026-11-27T13:00:00Z' }));
  const result = await runRollbackFlow(creating.ports);
  assert.deepEqual(result, { kind: 'refused', reason: 'A snapshot of this disk is still being created; ECS rolls the disk back only once it is finished.' });
  assert.equal(creating.prompter.seen.length, 1, 'only the disk was asked');

  const other = setup([]);
  other.gateway.snapshots.push(snapshot({ snapshotId: 's-of-other', sourceDiskId: 'd-bp1other' }));
  const otherResult = await runRollbackFlow(other.ports, { ...ON_DISK, snapshotId: 's-of-other' });
  assert.equal(otherResult.kind, 'refused');
  assert.match(otherResult.kind === 'refused' ? otherResult.reason : '', /another disk \(d-bp1other\)/);

  const locked = setup([], { instances: [{ instanceId: 'i-bp1web', instanceName: 'web-01', status: 'Running', lockReasons: ['financial'] }] });
  const lockedResult = await runRollbackFlow(locked.ports, { ...ON_DISK, snapshotId: 's-old' });
  assert.match(lockedResult.kind === 'refused' ? lockedResult.reason : '', /overdue payment/);
});

test('a rollback started by someone else while the user typed is refused at the hand-over', async () => {
  const run = setup([{ pick: 'start it again' }, () => {
    run.tracker.rollingBack = true;
    return 'web-data';
  }]);
  const result = await runRollbackFlow(run.ports, { ...ON_DISK, snapshotId: 's-old' });
  assert.equal(result.kind, 'refused');
  assert.equal(run.tracker.started.length, 0);
});

test('a disk or snapshot that no longer exists, and a disk without snapshots: nothing sent, told why', async () => {
  const gone = setup([]);
  assert.deepEqual(await runRollbackFlow(gone.ports, { diskId: 'd-gone', snapshotId: 's-old' }), { kind: 'notSent', reason: 'Disk d-gone no longer exists in cn-hangzhou.' });
  const noSnapshot = setup([]);
  assert.deepEqual(await runRollbackFlow(noSnapshot.ports, { ...ON_DISK, snapshotId: 's-gone' }), { kind: 'notSent', reason: 'Snapshot s-gone no longer exists in cn-hangzhou.' });
  const empty = setup([{ pick: 'archive' }]);
  assert.equal((await runRollbackFlow(empty.ports)).kind, 'notSent');
});

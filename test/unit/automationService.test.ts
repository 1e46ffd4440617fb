// The backup service behind commands with arguments, tasks, agent tools and the extension API:
// one CreateSnapshot per backup through the create flow's guards and ClientToken, the real tracker
// core (fake clock) followed for wait 'ready', and every failure an ok:false answer, never a popup.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBackupService } from '../../src/automation/backupService';
import type { BackupServiceDeps } from '../../src/automation/backupService';
import type { BackupTracker } from '../../src/automation/backupTracker';
import { InFlightRequests } from '../../src/commands/createSnapshot/inFlight';
import { fieldMessage } from '../../src/commands/createSnapshot/steps/inputSteps';
import { QUICK_BACKUP_TAG } from '../../src/commands/quickBackupIntent';
import type { Connection } from '../../src/connection/connection';
import type { Page, Snapshot, SnapshotsOfDiskQuery } from '../../src/ecs/gateway';
import { describeEcsProblem, formatForUser } from '../../src/snapshot/catalog';
import { checkSnapshotName } from '../../src/snapshot/rules';
import { TrackerCore } from '../../src/tracker/trackerCore';
import { apiError, disk, FakeGateway } from '../support/snapshotFakes';
import { FakeClock, MemoryStore, settle } from './trackerFakes';

/** The disk gateway of the create-flow tests, with snapshots that DescribeSnapshots reports. */
class SnapshotGateway extends FakeGateway {
  readonly snapshots = new Map<string, Snapshot>();
  readonly describeCalls: string[][] = [];
  override async createSnapshot(request: Parameters<FakeGateway['createSnapshot']>[0]): Promise<string> {
    const id = await super.createSnapshot(request);
    this.snapshots.set(id, {
      snapshotId: id,
      snapshotName: request.snapshotName ?? '',
      description: '',
      status: 'progressing',
      progress: 0,
      sourceDiskId: request.diskId,
      creationTime: '2026-11-27T08:00:00Z',
      tags: request.tags ?? [],
    });
    return id;
  }
  override async describeSnapshots(_regionId: string, ids: string[]): Promise<Snapshot[]> {
    this.describeCalls.push(ids);
    return ids.flatMap((id) => (this.snapshots.has(id) ? [{ ...this.snapshots.get(id)! }] : []));
  }
  override async listSnapshotsOfDisk(query: SnapshotsOfDiskQuery): Promise<Page<Snapshot>> {
    return { items: [...this.snapshots.values()].filter((s) => s.sourceDiskId === query.diskId) };
  }
  set(id: string, fields: Partial<Snapshot>): void {
    this.snapshots.set(id, { ...this.snapshots.get(id)!, ...fields });
  }
}

const WEB = disk();
const DB = disk({ diskId: 'd-bp1dbdbdbdbdbdbdbdb2', diskName: 'db-data', instanceId: undefined, status: 'Available' });
const TWIN = disk({ diskId: 'd-bp1twintwintwintwi3', diskName: 'web-data', instanceId: undefined, status: 'Available' });

function setup(options: { disks?: ReturnType<typeof disk>[]; connected?: boolean; settings?: Partial<ReturnType<BackupServiceDeps['settings']>> } = {}) {
  const gateway = new SnapshotGateway(options.disks ?? [WEB, DB]);
  const clock = new FakeClock();
  const listeners = new Set<() => void>();
  const core = new TrackerCore({
    clock,
    store: new MemoryStore(),
    resolveGateway: async () => gateway,
    newClientToken: () => 'retry-token',
    onEvent: (event) => event.kind === 'changed' && listeners.forEach((l) => l()),
  });
  const tracker: BackupTracker = {
    begin: (i) => core.begin(i),
    track: (i, id) => core.track(i, id),
    reportCreateFailure: (i, e) => core.reportCreateFailure(i, e),
    isCreating: (d) => core.isCreating(d),
    operations: () => core.operations(),
    onDidChange: (listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
  };
  const logged: string[] = [];
  const connection: Connection = { gateway, regionId: 'cn-hangzhou', sourceKey: 'sandbox', label: 'cn-hangzhou · sandbox' };
  let tokens = 0;
  const inFlight = new InFlightRequests();
  const service = createBackupService({
    connections: {
      current: async () => (options.connected === false ? undefined : connection),
      forRegion: async (regionId) => (options.connected === false || regionId !== 'cn-shanghai' ? undefined : { ...connection, regionId }),
    },
    tracker,
    inFlight,
    log: { info: (m) => logged.push(`info ${m}`), warn: (m) => logged.push(`warn ${m}`), error: (m) => logged.push(`error ${m}`) },
    settings: () => ({ defaultRetentionDays: null, defaultTags: {}, quickBackupNameTemplate: 'pre-change-{branch}-{date}', quickBackupRetentionDays: 7, ...options.settings }),
    gitInfo: async () => ({ branch: 'main', commit: '1a2b3c4d' }),
    now: () => new Date(2026, 10, 27, 14, 30),
    newClientToken: () => `token-${++tokens}`,
    untrackedPollMs: 5,
  });
  return { gateway, clock, core, service, logged, inFlight };
}

describe('backup service: one snapshot, through the create flow parts', () => {
  it('backs up a disk given by id: one CreateSnapshot, one ClientToken, tracked', async () => {
    const h = setup();
    const result = await h.service.backup({ disk: WEB.diskId, name: 'before-migration', retentionDays: 3, tags: { env: 'prod' } }, { origin: 'api' });
    assert.deepEqual(result, { ok: true, snapshotId: 's-bp1fake0001', snapshotName: 'before-migration', diskId: WEB.diskId, diskName: 'web-data', regionId: 'cn-hangzhou', reached: 'created' });
    assert.equal(h.gateway.created.length, 1);
    assert.deepEqual(h.gateway.created[0], { regionId: 'cn-hangzhou', diskId: WEB.diskId, clientToken: 'token-1', snapshotName: 'before-migration', description: undefined, retentionDays: 3, tags: [{ key: 'env', value: 'prod' }] });
    assert.deepEqual(h.core.operations().map((op) => [op.snapshotId, op.state, op.intent.request.clientToken]), [['s-bp1fake0001', 'creating', 'token-1']]);
  });

  it('finds a disk by its exact name, and expands placeholders in the name', async () => {
    const h = setup();
    const result = await h.service.backup({ disk: 'db-data', name: '{disk}-{branch}-{date}' }, { origin: 'task' });
    assert.equal(result.ok, true);
    assert.equal(h.gateway.created[0].diskId, DB.diskId);
    assert.equal(h.gateway.created[0].snapshotName, 'db-data-main-20261127');
  });

  it('refuses a name that matches no disk, or several, and sends nothing', async () => {
    const h = setup({ disks: [WEB, DB, TWIN] });
    const none = await h.service.backup({ disk: 'nope' }, { origin: 'agent' });
    assert.equal(none.ok, false);
    assert.equal(!none.ok && none.kind, 'diskNotFound');
    const two = await h.service.backup({ disk: 'web-data' }, { origin: 'agent' });
    assert.equal(!two.ok && two.kind, 'diskAmbiguous');
    assert.match(!two.ok ? two.message : '', new RegExp(`${WEB.diskId}.*${TWIN.diskId}`));
    assert.equal(h.gateway.created.length, 0);
  });

  it('refuses invalid arguments with the rule message before any request', async () => {
    const h = setup();
    const result = await h.service.backup({ disk: WEB.diskId, name: 'x' }, { origin: 'command' });
    assert.deepEqual(result, { ok: false, kind: 'invalidArguments', message: fieldMessage('Name', checkSnapshotName('x')) });
    const missing = await h.service.backup({}, { origin: 'command' });
    assert.equal(!missing.ok && missing.kind, 'invalidArguments');
    assert.equal(h.gateway.listDisksCalls.length, 0);
    assert.equal(h.gateway.created.length, 0);
    assert.ok(h.logged.some((l) => l.startsWith('warn Backup (command) not taken: invalidArguments')), 'a refusal is logged');
  });

  it('says how to connect when there is no connection, or the region cannot be reached', async () => {
    const off = await setup({ connected: false }).service.backup({ disk: WEB.diskId }, { origin: 'api' });
    assert.equal(!off.ok && off.kind, 'notConnected');
    const elsewhere = await setup().service.backup({ disk: WEB.diskId, region: 'eu-central-1' }, { origin: 'api' });
    assert.equal(!elsewhere.ok && elsewhere.kind, 'notConnected');
    assert.match(!elsewhere.ok ? elsewhere.message : '', /eu-central-1/);
  });

  it('a double request sends one CreateSnapshot; the second is refused as blocked', async () => {
    const h = setup();
    let open!: () => void;
    h.gateway.gate = new Promise((resolve) => (open = resolve));
    const first = h.service.backup({ disk: WEB.diskId }, { origin: 'task' });
    await settle();
    const second = await h.service.backup({ disk: WEB.diskId }, { origin: 'agent' });
    open();
    assert.equal((await first).ok, true);
    assert.equal(!second.ok && second.kind, 'blocked');
    assert.equal(h.gateway.created.length, 1);
  });

  it('a disk already being snapshotted is blocked locally (the guard of the create flow)', async () => {
    const h = setup();
    await h.service.backup({ disk: WEB.diskId }, { origin: 'task' });
    const again = await h.service.backup({ disk: WEB.diskId }, { origin: 'task' });
    assert.equal(!again.ok && again.kind, 'blocked');
    assert.equal(h.gateway.created.length, 1);
  });

  it("ECS's refusal comes back with the catalog's sentence and code, no notification", async () => {
    const h = setup();
    const error = apiError('QuotaExceed.Snapshot', 'The snapshot quota is exceeded.');
    h.gateway.answers = [error];
    const result = await h.service.backup({ disk: WEB.diskId }, { origin: 'task' });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.kind, 'refused');
    assert.equal(!result.ok && result.code, 'QuotaExceed.Snapshot');
    assert.ok(!result.ok && result.message.includes(formatForUser(describeEcsProblem(error))), !result.ok ? result.message : '');
  });

  it('quick: the Quick Backup template, tag and retention, numbered when the name is taken', async () => {
    const h = setup();
    const first = await h.service.backup({ disk: DB.diskId }, { origin: 'task', quick: true });
    assert.equal(first.ok, true);
    h.gateway.set('s-bp1fake0001', { status: 'accomplished', progress: 100 });
    await h.clock.advance(60_000);
    const second = await h.service.backup({ disk: DB.diskId, tags: [{ key: 'team', value: 'web' }] }, { origin: 'task', quick: true });
    assert.equal(second.ok, true);
    assert.deepEqual(h.gateway.created.map((r) => [r.snapshotName, r.retentionDays]), [['pre-change-main-20261127', 7], ['pre-change-main-20261127-2', 7]]);
    assert.deepEqual(h.gateway.created[1].tags, [{ ...QUICK_BACKUP_TAG }, { key: 'team', value: 'web' }]);
  });
});

describe('backup service: waiting', () => {
  it("wait 'ready' follows the tracker until the snapshot is accomplished", async () => {
    const h = setup();
    const steps: string[] = [];
    let settled = false;
    const pending = h.service.backup({ disk: WEB.diskId }, { origin: 'task', wait: 'ready', onStep: (l) => steps.push(l) }).finally(() => (settled = true));
    await settle();
    h.gateway.set('s-bp1fake0001', { progress: 40 });
    await h.clock.advance(10_000);
    assert.equal(settled, false, 'still progressing');
    h.gateway.set('s-bp1fake0001', { status: 'accomplished', progress: 100 });
    await h.clock.advance(120_000);
    const result = await pending;
    assert.equal(result.ok && result.reached, 'ready');
    assert.ok(steps.some((s) => s.includes('40%')), steps.join('\n'));
    const describes = h.gateway.describeCalls.length;
    assert.ok(describes >= 1, 'the tracker polled');
  });

  it("wait 'ready' ends when instant access is available, before accomplished", async () => {
    const h = setup();
    const pending = h.service.backup({ disk: WEB.diskId }, { origin: 'task', wait: 'ready' });
    await settle();
    h.gateway.set('s-bp1fake0001', { progress: 10, available: true });
    await h.clock.advance(10_000);
    const result = await pending;
    assert.equal(result.ok && result.reached, 'ready');
    assert.equal(h.core.operations()[0].state, 'creating');
    assert.equal(h.core.operations()[0].available, true);
  });

  it('cancelling ends the wait only: the snapshot stays tracked', async () => {
    const h = setup();
    const listeners: (() => void)[] = [];
    const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => (listeners.push(l), { dispose: () => undefined }) };
    const pending = h.service.backup({ disk: WEB.diskId }, { origin: 'task', wait: 'ready', cancellation: token });
    await settle();
    token.isCancellationRequested = true;
    listeners.forEach((l) => l());
    const result = await pending;
    assert.equal(!result.ok && result.kind, 'cancelled');
    assert.equal(!result.ok && result.snapshotId, 's-bp1fake0001');
    assert.deepEqual(h.core.operations().map((op) => [op.snapshotId, op.state]), [['s-bp1fake0001', 'creating']]);
  });

  it('a failed snapshot ends the wait with ok:false', async () => {
    const h = setup();
    const pending = h.service.backup({ disk: WEB.diskId }, { origin: 'task', wait: 'ready' });
    await settle();
    h.gateway.set('s-bp1fake0001', { status: 'failed' });
    await h.clock.advance(10_000);
    const result = await pending;
    assert.equal(!result.ok && result.kind, 'refused');
    assert.equal(!result.ok && result.snapshotId, 's-bp1fake0001');
  });

  it('waitUntilReady on a snapshot the tracker does not follow asks DescribeSnapshots until usable', async () => {
    const h = setup();
    h.gateway.snapshots.set('s-elsewhere', { snapshotId: 's-elsewhere', snapshotName: 'x1', description: '', status: 'progressing', progress: 5, sourceDiskId: DB.diskId, creationTime: '', tags: [] });
    const pending = h.service.waitUntilReady('cn-hangzhou', 's-elsewhere');
    await new Promise((resolve) => setTimeout(resolve, 20));
    h.gateway.set('s-elsewhere', { status: 'accomplished', progress: 100 });
    const result = await pending;
    assert.equal(result.ok && result.diskId, DB.diskId);
    assert.equal(h.gateway.created.length, 0);
  });

  it('status asks DescribeSnapshots only', async () => {
    const h = setup();
    h.gateway.snapshots.set('s-1', { snapshotId: 's-1', snapshotName: 'n1', description: '', status: 'progressing', progress: 30, available: true, sourceDiskId: WEB.diskId, creationTime: 't', tags: [] });
    assert.deepEqual(await h.service.status('s-1'), { snapshotId: 's-1', regionId: 'cn-hangzhou', status: 'progressing', progress: 30, usable: true, snapshotName: 'n1', diskId: WEB.diskId, createdAt: 't', retentionDays: undefined });
    assert.equal((await h.service.status('s-none')).status, 'notFound');
    assert.equal(h.gateway.listDisksCalls.length + h.gateway.created.length, 0);
  });
});

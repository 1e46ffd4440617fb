// Roll Back Instance... as a pure flow (issue 16): every precondition judged before anything is
// sent (locks, a snapshot in progress, members not usable yet, disks released, the instance's
// state, the tracker busy), one confirmation listing every member disk and what is lost, the
// safety group and start-after toggles, the typed instance name, and one InstanceRollbackRequest.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Disk, EcsGateway, Instance, Snapshot, SnapshotGroup } from '../../src/ecs/gateway';
import type { InstanceRollbackRequest } from '../../src/groups/groupApi';
import { instanceOfGroup, instanceRollbackRefusal, memberPlans, rollbackDetail, type RollbackFacts, type TrackerView } from '../../src/groups/commands/instanceRollbackPlan';
import { runRollBackInstanceFlow, type RollBackInstancePorts } from '../../src/groups/commands/rollBackInstanceFlow';
import { BEFORE_ROLLBACK_TAG } from '../../src/rollback/rollbackApi';
import { disk } from '../support/snapshotFakes';
import { CANCEL, ScriptedGroupPrompter } from '../support/scriptedGroupPrompter';
import type { ScriptStep } from '../support/scriptedPrompter';

const web: Instance = { instanceId: 'i-web', instanceName: 'web-01', status: 'Running', lockReasons: [] };
const system = disk({ diskId: 'd-sys', diskName: 'web-01-system', type: 'system', instanceId: 'i-web' });
const data = disk({ diskId: 'd-data', diskName: 'web-01-data', instanceId: 'i-web', sizeGiB: 100 });
const member = (diskId: string, snapshotId: string, type = 'data', fields: Partial<SnapshotGroup['members'][0]> = {}) => ({
  snapshotId,
  sourceDiskId: diskId,
  sourceDiskType: type,
  progress: 100,
  available: true,
  tags: [{ key: 'acs:ecs:createFrom', value: 'i-web' }],
  ...fields,
});
const group: SnapshotGroup = {
  snapshotGroupId: 'ssg-1',
  name: 'web-01-20261202-1430',
  description: '',
  status: 'accomplished',
  creationTime: '2026-12-02T06:30:00Z',
  instanceId: 'i-web',
  tags: [],
  members: [member('d-data', 's-data'), member('d-sys', 's-sys', 'system')],
};
const idle: TrackerView = { isRollingBackInstance: () => false, isBackingUpInstance: () => false, isRollingBackDisk: () => false, isCreating: () => false };

function facts(overrides: Partial<RollbackFacts> = {}, disks: Disk[] = [system, data]): RollbackFacts {
  return { group, instance: web, disks: new Map(disks.map((d) => [d.diskId, d])), snapshotsOf: new Map(), ...overrides };
}

describe('Roll Back Instance: preconditions', () => {
  it('none when the instance runs and every member is usable', () => {
    assert.equal(instanceRollbackRefusal(facts(), idle), undefined);
  });

  it('each obstacle is said before anything is sent', () => {
    const cases: [string, RollbackFacts, TrackerView, RegExp][] = [
      ['security lock', facts({ instance: { ...web, lockReasons: ['security'] } }), idle, /locked for security reasons/],
      ['arrears', facts({ instance: { ...web, lockReasons: ['financial'] } }), idle, /overdue payment/],
      ['stopping', facts({ instance: { ...web, status: 'Stopping' } }), idle, /is Stopping\.\.\.; try again once it is Running or Stopped/],
      ['instance gone', facts({ instance: undefined }), idle, /did not find the instance/],
      ['group failed', facts({ group: { ...group, status: 'failed' } }), idle, /failed; it holds nothing/],
      ['disk released', facts({}, [system]), idle, /Disk d-data of the group is no longer attached to web-01/],
      ['member not usable yet', facts({ group: { ...group, status: 'progressing', members: [member('d-sys', 's-sys', 'system', { progress: 40, available: false })] } }), idle, /still being created \(40%\) and cannot be used yet/],
      ['other snapshot in progress', facts({ snapshotsOf: new Map([['d-data', [{ snapshotId: 's-other', status: 'progressing', available: false } as Snapshot]]]) }), idle, /A snapshot of disk web-01-data is still being created/],
      ['tracked creation', facts(), { ...idle, isCreating: (id) => id === 'd-sys' }, /A snapshot of disk web-01-system is still being created/],
      ['rollback running', facts(), { ...idle, isRollingBackInstance: () => true }, /A rollback of web-01 is already running/],
      ['group backup running', facts(), { ...idle, isBackingUpInstance: () => true }, /group backup of web-01 is still being created/],
      ['disk locked', facts({}, [system, { ...data, lockReasons: ['security'] }]), idle, /Disk web-01-data is locked for security reasons/],
    ];
    for (const [name, f, tracker, expected] of cases) assert.match(instanceRollbackRefusal(f, tracker) ?? '(none)', expected, name);
  });

  it('a usable member of a progressing group is no obstacle (instant access)', () => {
    const progressing = { ...group, status: 'progressing', members: group.members.map((m) => ({ ...m, progress: 30, available: true })) };
    const own = new Map([['d-data', [{ snapshotId: 's-data', status: 'progressing', available: true } as Snapshot]]]);
    assert.equal(instanceRollbackRefusal(facts({ group: progressing, snapshotsOf: own }), idle), undefined);
  });

  it('the instance comes from the members\' createFrom tag when the group has none (Trap 12)', () => {
    assert.equal(instanceOfGroup({ ...group, instanceId: undefined }), 'i-web');
    const mixed = { ...group, instanceId: undefined, members: [member('d-1', 's-1'), { ...member('d-2', 's-2'), tags: [{ key: 'acs:ecs:createFrom', value: 'i-other' }] }] };
    assert.equal(instanceOfGroup(mixed), undefined);
  });
});

describe('Roll Back Instance: the confirmation', () => {
  it('lists every disk (system first) with its snapshot, what is lost, OS settings, partitions, stop once, the safety group, start once', () => {
    const f = facts();
    const members = memberPlans(f);
    assert.deepEqual(members.map((m) => [m.diskId, m.snapshotId, m.diskType]), [['d-sys', 's-sys', 'system'], ['d-data', 's-data', 'data']]);
    const detail = rollbackDetail(f, members, { safety: { name: 'before-rollback-20261202-1430' }, startAfter: true });
    assert.match(detail, /Instance: web-01 \(i-web\), Running\./);
    assert.match(detail, /Disks rolled back \(2\):\n {2}• web-01-system \(d-sys\), system disk, 40 GiB, to s-sys\n {2}• web-01-data \(d-data\), data disk, 100 GiB, to s-data/);
    assert.match(detail, /This cannot be undone: everything written to these disks after .* is lost/);
    assert.match(detail, /operating system and its settings/);
    assert.match(detail, /partitions and file systems return to the old layout/);
    assert.match(detail, /web-01 is stopped once first/);
    assert.match(detail, /A safety group "before-rollback-20261202-1430" of these disks as they are now is taken first \(kept until deleted/);
    assert.match(detail, /Then the instance is started once\./);
    const bare = rollbackDetail(facts({ instance: { ...web, status: 'Stopped' } }), members, { startAfter: false });
    assert.doesNotMatch(bare, /stopped once first/);
    assert.match(bare, /No safety group: the disks as they are now cannot be brought back\./);
    assert.match(bare, /The instance stays stopped afterwards\./);
  });
});

class ReadOnlyGateway {
  readonly calls: string[] = [];
  constructor(
    private readonly g: SnapshotGroup,
    private readonly instance: Instance,
    private readonly disks: Disk[],
  ) {}
  async describeSnapshotGroups() {
    this.calls.push('DescribeSnapshotGroups');
    return { items: [this.g] };
  }
  async describeInstances() {
    this.calls.push('DescribeInstances');
    return [this.instance];
  }
  async listDisks() {
    this.calls.push('DescribeDisks');
    return { items: this.disks };
  }
  async listSnapshotsOfDisk() {
    this.calls.push('DescribeSnapshots');
    return { items: [] };
  }
}

async function rollback(script: ScriptStep[], options: { instance?: Instance; confirm?: boolean; safetyDefault?: boolean } = {}) {
  const prompter = new ScriptedGroupPrompter(script);
  const gateway = new ReadOnlyGateway(group, options.instance ?? web, [system, data]);
  const started: InstanceRollbackRequest[] = [];
  const modals: { message: string; detail: string }[] = [];
  let id = 0;
  const ports: RollBackInstancePorts = {
    prompter,
    confirm: async (message, detail) => {
      modals.push({ message, detail });
      return options.confirm ?? true;
    },
    gateway: gateway as unknown as EcsGateway,
    regionId: 'cn-hangzhou',
    sourceKey: 'sandbox',
    groups: { startInstanceRollback: (r) => started.push(r), isRollingBackInstance: () => false, isBackingUpInstance: () => false },
    isRollingBackDisk: () => false,
    isCreating: () => false,
    safetyDefault: options.safetyDefault ?? true,
    now: () => new Date(2026, 11, 2, 15, 0),
    newId: () => `id-${++id}`,
  };
  const result = await runRollBackInstanceFlow(ports, { groupId: 'ssg-1' });
  return { result, started, modals, prompter, gateway };
}

describe('Roll Back Instance: the flow', () => {
  it('from a group node: options, one modal, the instance name typed (a wrong one refused), one request; reads only', async () => {
    const r = await rollback([{ pick: 'Stop web-01 once' }, 'web-1', 'web-01']);
    assert.equal(r.result.kind, 'started');
    assert.equal(r.modals.length, 1);
    assert.equal(r.modals[0].message, 'Roll back instance "web-01" to the snapshot group "web-01-20261202-1430"?');
    assert.equal(r.prompter.refused[0].value, 'web-1');
    assert.match(r.prompter.refused[0].message, /Type web-01 exactly to confirm/);
    assert.deepEqual(r.started.length, 1);
    const request = r.started[0];
    assert.deepEqual(
      { ...request, requestedAt: 0 },
      {
        operationId: 'id-1',
        regionId: 'cn-hangzhou',
        sourceKey: 'sandbox',
        instanceId: 'i-web',
        instanceName: 'web-01',
        groupId: 'ssg-1',
        groupName: 'web-01-20261202-1430',
        groupTime: '2026-12-02T06:30:00Z',
        members: [
          { diskId: 'd-sys', diskName: 'web-01-system', diskType: 'system', snapshotId: 's-sys' },
          { diskId: 'd-data', diskName: 'web-01-data', diskType: 'data', snapshotId: 's-data' },
        ],
        wasRunning: true,
        startAfter: true,
        safetyGroup: { name: 'before-rollback-20261202-1500', description: 'State of web-01 before it was rolled back to ssg-1', tags: [{ ...BEFORE_ROLLBACK_TAG }], clientToken: 'id-2' },
        requestedAt: 0,
      },
    );
    assert.deepEqual(new Set(r.gateway.calls), new Set(['DescribeSnapshotGroups', 'DescribeInstances', 'DescribeDisks', 'DescribeSnapshots']));
  });

  it('toggles: safety group off, keep stopped; a stopped instance starts only when asked', async () => {
    const r = await rollback([{ pick: 'Safety group first' }, { pick: 'Start the instance afterwards' }, { pick: 'keep it stopped' }, 'web-01']);
    assert.equal(r.started[0].safetyGroup, undefined);
    assert.equal(r.started[0].startAfter, false);
    const stopped = await rollback([{ pick: 'Roll back 2 disks, keep web-01 stopped' }, 'web-01'], { instance: { ...web, status: 'Stopped' } });
    assert.deepEqual([stopped.started[0].wasRunning, stopped.started[0].startAfter], [false, false]);
  });

  it('Escape at the options, the modal dismissed or Escape at the typed name: nothing handed over', async () => {
    assert.equal((await rollback([CANCEL])).started.length, 0);
    const dismissed = await rollback([{ pick: 'Stop web-01 once' }], { confirm: false });
    assert.deepEqual([dismissed.result.kind, dismissed.started.length], ['cancelled', 0]);
    const typed = await rollback([{ pick: 'Stop web-01 once' }, CANCEL]);
    assert.deepEqual([typed.result.kind, typed.started.length], ['cancelled', 0]);
  });

  it('a refused precondition stops before the options', async () => {
    const r = await rollback([], { instance: { ...web, lockReasons: ['security'] } });
    assert.equal(r.result.kind, 'refused');
    assert.equal(r.prompter.seen.length, 0);
  });
});

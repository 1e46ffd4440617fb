// Snapshot-consistent groups through the gateway and the real SDK against the emulator over HTTP:
// the group of a qualifying instance, its members progressing to accomplished, ClientToken
// idempotency, a disk the plan leaves out being the one ECS refuses, the group rules agreeing with
// the server, rename, delete with per-member outcomes, paging. Prints the requests per action.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { createEcsGateway, type RequestRecord } from '../../src/ecs/createEcsGateway';
import type { Disk, EcsGateway } from '../../src/ecs/gateway';
import { describeEcsProblem } from '../../src/snapshot/catalog';
import { planGroup } from '../../src/snapshot/groupPlan';
import { checkGroupRequest } from '../../src/snapshot/groupRules';
import { rejection } from './gatewayAssertions';
import { SG } from './sandboxGroupsHelpers';
import { clockedSandbox, type ClockedSandbox } from './sandboxRestoreHelpers';

let ck: ClockedSandbox;
let gw: EcsGateway;
const requests: RequestRecord[] = [];

before(async () => {
  ck = await clockedSandbox();
  gw = createEcsGateway({
    credentials: { type: 'accessKey', accessKeyId: ck.sb.accessKeyId, accessKeySecret: ck.sb.accessKeySecret },
    regionId: ck.sb.regionId,
    endpoint: ck.sb.endpoint,
    sleep: async () => undefined,
    onRequest: (r) => requests.push(r),
  });
});
after(async () => {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[r.action] = (counts[r.action] ?? 0) + 1;
  console.log(`requests per action: ${JSON.stringify(counts)}`);
  await ck.close();
});

const count = (action: string) => requests.filter((r) => r.action === action).length;
const disksOf = async (instanceId: string): Promise<Disk[]> => (await gw.listDisks({ regionId: SG, instanceId })).items;
const groupById = async (id: string) => (await gw.describeSnapshotGroups({ regionId: SG, groupIds: [id] })).items[0];

describe('gateway x sandbox: snapshot groups', () => {
  it('backs up a whole qualifying instance: one group, every disk a member, progressing to accomplished', async () => {
    const app = ck.instance('app-sg-01');
    const disks = await disksOf(app.instanceId);
    const plan = planGroup(disks, {});
    assert.equal(plan.members.length, 3);
    assert.deepEqual(plan.excluded, []);

    const id = await gw.createSnapshotGroup({
      regionId: SG,
      instanceId: app.instanceId,
      name: 'auto-app-sg-01:pre',
      description: 'before the upgrade',
      tags: [{ key: 'ecs-snapshots:quick-backup', value: 'true' }],
      clientToken: 'sandbox-group-1',
    });
    assert.match(id, /^ssg-/);
    assert.equal(count('CreateSnapshotGroup'), 1);

    const group = await groupById(id);
    assert.equal(group.instanceId, app.instanceId);
    assert.equal(group.name, 'auto-app-sg-01:pre', 'a group name may start with "auto"');
    assert.deepEqual(group.tags, [{ key: 'ecs-snapshots:quick-backup', value: 'true' }], 'Key/Value tags mapped');
    assert.deepEqual(group.members.map((m) => m.sourceDiskId).sort(), disks.map((d) => d.diskId).sort());
    assert.equal(group.members.find((m) => m.sourceDiskType === 'system')?.sourceDiskId, disks.find((d) => d.type === 'system')?.diskId);
    for (const m of group.members) {
      assert.match(m.snapshotId, /^s-/);
      assert.ok(m.progress >= 0 && m.progress < 100, `progress ${m.progress}`);
      assert.deepEqual(m.tags.filter((t) => t.key === 'acs:ecs:createFrom'), [{ key: 'acs:ecs:createFrom', value: app.instanceId }]);
    }

    ck.advance(6 * 3600);
    const done = await groupById(id);
    assert.equal(done.status, 'accomplished');
    assert.ok(done.members.every((m) => m.progress === 100 && m.available), JSON.stringify(done.members));
    // The members are ordinary snapshots, one batch of DescribeSnapshots for all of them.
    const before = count('DescribeSnapshots');
    const snapshots = await gw.describeSnapshots(SG, done.members.map((m) => m.snapshotId));
    assert.equal(snapshots.length, 3);
    assert.equal(count('DescribeSnapshots') - before, 1);
  });

  it('the same ClientToken answers the same group; other parameters with it are refused', async () => {
    const app = ck.instance('app-sg-01');
    const request = { regionId: SG, instanceId: app.instanceId, name: 'retry-me', clientToken: 'sandbox-group-2' };
    const first = await gw.createSnapshotGroup(request);
    const again = await gw.createSnapshotGroup(request);
    assert.equal(again, first);
    const mismatch = await rejection(gw.createSnapshotGroup({ ...request, name: 'another-name' }));
    assert.equal(mismatch.code, 'IdempotentParameterMismatch');
    assert.equal(mismatch.action, 'CreateSnapshotGroup');
    ck.advance(6 * 3600);
  });

  it('the disk the plan leaves out is the one ECS refuses; without it the group is made', async () => {
    const legacy = ck.instance('legacy-sg-02');
    const disks = await disksOf(legacy.instanceId);
    const plan = planGroup(disks);
    assert.deepEqual(
      plan.excluded.map((e) => [e.disk.diskId, e.reason]),
      [[ck.disk('legacy-sg-02-data').diskId, 'category']],
    );

    const whole = await rejection(gw.createSnapshotGroup({ regionId: SG, instanceId: legacy.instanceId, clientToken: 'sandbox-group-3' }));
    assert.equal(whole.code, plan.excluded[0].code);
    assert.notEqual(whole.outcomeUnknown, true);
    const problem = describeEcsProblem(whole);
    assert.equal(problem.known, true);
    assert.match(problem.action, /[Ll]eave that disk out/);

    const id = await gw.createSnapshotGroup({
      regionId: SG,
      instanceId: legacy.instanceId,
      excludeDiskIds: plan.excluded.map((e) => e.disk.diskId),
      clientToken: 'sandbox-group-4',
    });
    assert.deepEqual((await groupById(id)).members.map((m) => m.sourceDiskId), plan.members.map((d) => d.diskId));
    ck.advance(6 * 3600);
  });

  it('what the group rules refuse, the server refuses with the same code; what they accept, it accepts', async () => {
    const app = ck.instance('app-sg-01');
    const cases = [
      { name: '1-starts-with-a-digit' },
      { name: 'http://web' },
      { description: 'x' },
      { tags: [{ key: 'origin', value: 'acs:ecs:createFrom' }] },
      { tags: [{ key: 'acs:mine', value: 'v' }] },
    ];
    for (const [i, fields] of cases.entries()) {
      const expected = checkGroupRequest(fields);
      assert.ok(expected, JSON.stringify(fields));
      const error = await rejection(gw.createSnapshotGroup({ regionId: SG, instanceId: app.instanceId, clientToken: `rules-${i}`, ...fields }));
      assert.equal(error.code, expected.code, JSON.stringify(fields));
    }
    const fine = { name: 'web:01.backup_x-y', description: 'ok', tags: [{ key: 'k', value: 'contains acs: later' }] };
    assert.equal(checkGroupRequest(fine), undefined);
    assert.match(await gw.createSnapshotGroup({ regionId: SG, instanceId: app.instanceId, clientToken: 'rules-ok', ...fine }), /^ssg-/);
    ck.advance(6 * 3600);
  });

  it('lists the groups of an instance a page at a time, renames one, deletes one member by member', async () => {
    const app = ck.instance('app-sg-01');
    const first = await gw.describeSnapshotGroups({ regionId: SG, instanceId: app.instanceId, maxResults: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.nextToken, 'more groups follow');
    const rest = await gw.describeSnapshotGroups({ regionId: SG, instanceId: app.instanceId, maxResults: 2, nextToken: first.nextToken });
    const all = [...first.items, ...rest.items];
    assert.ok(all.length >= 3);
    assert.equal(new Set(all.map((g) => g.snapshotGroupId)).size, all.length);

    const target = all[0];
    await gw.modifySnapshotGroup(SG, target.snapshotGroupId, { name: 'renamed:group', description: 'kept for the audit' });
    const renamed = await groupById(target.snapshotGroupId);
    assert.equal(renamed.name, 'renamed:group');
    assert.equal(renamed.description, 'kept for the audit');

    const outcomes = await gw.deleteSnapshotGroup(SG, target.snapshotGroupId);
    assert.deepEqual(outcomes.map((o) => o.snapshotId).sort(), target.members.map((m) => m.snapshotId).sort());
    assert.ok(outcomes.every((o) => o.deleted), JSON.stringify(outcomes));
    assert.equal((await gw.describeSnapshotGroups({ regionId: SG, groupIds: [target.snapshotGroupId] })).items.length, 0);
    assert.equal((await gw.describeSnapshots(SG, target.members.map((m) => m.snapshotId))).length, 0, 'its snapshots are gone too');

    const gone = await rejection(gw.modifySnapshotGroup(SG, target.snapshotGroupId, { name: 'again' }));
    assert.equal(gone.code, 'InvalidSnapshotGroup.NotFound');
    assert.equal(describeEcsProblem(gone).known, true);
  });
});

// Which disks of an instance can join one snapshot-consistent group, and why each other one cannot
// (restore spec, CreateSnapshotGroup preconditions, Trap 9). The count/size cap is the server's to
// enforce: above 16 disks or 32 TiB the plan warns, it never refuses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planGroup, type GroupCandidateDisk } from '../../src/snapshot/groupPlan';

function disk(diskId: string, fields: Partial<GroupCandidateDisk> = {}): GroupCandidateDisk {
  return { diskId, category: 'cloud_essd', zoneId: 'cn-hangzhou-i', sizeGiB: 40, status: 'In_use', type: 'data', ...fields };
}

const ids = (disks: { diskId: string }[]) => disks.map((d) => d.diskId);
const reasons = (plan: ReturnType<typeof planGroup>) => Object.fromEntries(plan.excluded.map((e) => [e.disk.diskId, e.reason]));

describe('group plan', () => {
  it('every ESSD-family disk of one zone joins, system disk first', () => {
    const plan = planGroup([
      disk('d-data1'),
      disk('d-sys', { type: 'system', category: 'cloud_auto' }),
      disk('d-entry', { category: 'cloud_essd_entry', status: 'Available' }),
    ]);
    assert.deepEqual(ids(plan.members), ['d-sys', 'd-data1', 'd-entry']);
    assert.deepEqual(plan.excluded, []);
    assert.deepEqual(plan.warnings, []);
    assert.equal(plan.zoneId, 'cn-hangzhou-i');
    assert.equal(plan.totalGiB, 120);
  });

  it('says why each other disk cannot join, with the code ECS would answer', () => {
    const plan = planGroup([
      disk('d-sys', { type: 'system' }),
      disk('d-old', { category: 'cloud_efficiency' }),
      disk('d-ssd', { category: 'cloud_ssd' }),
      disk('d-enc', { encrypted: true }),
      disk('d-shared', { multiAttach: true }),
      disk('d-new', { status: 'Available', neverAttached: true }),
      disk('d-busy', { creatingSnapshot: true }),
      disk('d-far', { zoneId: 'cn-hangzhou-j' }),
      disk('d-attaching', { status: 'Attaching' }),
      disk('d-locked', { lockReasons: ['security'] }),
      disk('d-overdue', { lockReasons: ['financial'] }),
    ]);
    assert.deepEqual(ids(plan.members), ['d-sys']);
    assert.deepEqual(reasons(plan), {
      'd-old': 'category',
      'd-ssd': 'category',
      'd-enc': 'encrypted',
      'd-shared': 'multiAttach',
      'd-new': 'neverAttached',
      'd-busy': 'snapshotInProgress',
      'd-far': 'zone',
      'd-attaching': 'status',
      'd-locked': 'locked',
      'd-overdue': 'arrears',
    });
    const codes = Object.fromEntries(plan.excluded.map((e) => [e.disk.diskId, e.code]));
    assert.equal(codes['d-old'], 'DiskCategory.OperationNotSupported');
    assert.equal(codes['d-shared'], 'InvalidOperation.MultiAttachDisk');
    assert.equal(codes['d-far'], 'InvalidDiskIds.NotInSameZone');
    assert.equal(codes['d-new'], 'IncorrectDiskStatus.NeverAttached');
    assert.equal(codes['d-busy'], 'IncorrectDiskStatus.CreatingSnapshot');
    for (const e of plan.excluded) assert.ok(e.message.length > 10 && !/\{\d\}/.test(e.message), e.message);
    assert.match(plan.excluded.find((e) => e.reason === 'zone')?.message ?? '', /cn-hangzhou-j.*cn-hangzhou-i/);
  });

  it('the zone is the instance\'s when given, else the system disk\'s, else the one most disks share', () => {
    const disks = [disk('d-a', { zoneId: 'z-1' }), disk('d-b', { zoneId: 'z-2' }), disk('d-c', { zoneId: 'z-2' })];
    assert.deepEqual(ids(planGroup(disks).members), ['d-b', 'd-c']);
    assert.deepEqual(ids(planGroup(disks, { zoneId: 'z-1' }).members), ['d-a']);
    assert.deepEqual(ids(planGroup([...disks, disk('d-sys', { type: 'system', zoneId: 'z-1' })]).members), ['d-sys', 'd-a']);
    // A disk that cannot join anyway does not decide the zone.
    assert.deepEqual(ids(planGroup([disk('d-x', { zoneId: 'z-1', category: 'cloud' }), disk('d-y', { zoneId: 'z-2' })]).members), ['d-y']);
  });

  it('a regional ESSD is not grouped with other disks: the system disk\'s kind wins, else the larger side', () => {
    const regional = (id: string, fields: Partial<GroupCandidateDisk> = {}) => disk(id, { category: 'cloud_regional_disk_auto', ...fields });
    const mixed = planGroup([disk('d-sys', { type: 'system' }), regional('d-r1'), regional('d-r2')]);
    assert.deepEqual(ids(mixed.members), ['d-sys']);
    assert.deepEqual(reasons(mixed), { 'd-r1': 'regionalMixed', 'd-r2': 'regionalMixed' });
    assert.equal(mixed.excluded[0].code, 'InvalidDisk.DiskCategoryInconsistent');
    assert.deepEqual(ids(planGroup([disk('d-1'), regional('d-r1'), regional('d-r2')]).members), ['d-r1', 'd-r2']);
    assert.deepEqual(ids(planGroup([regional('d-r1'), regional('d-r2')]).members), ['d-r1', 'd-r2']);
  });

  it('above 16 disks or 32 TiB it warns and still includes them: the region\'s limit is the server\'s to tell', () => {
    const many = planGroup(Array.from({ length: 17 }, (_, i) => disk(`d-${i}`)));
    assert.equal(many.members.length, 17);
    assert.deepEqual(many.excluded, []);
    assert.deepEqual(many.warnings.map((w) => w.kind), ['manyDisks']);
    assert.match(many.warnings[0].message, /17/);
    const big = planGroup([disk('d-1', { sizeGiB: 32_768 }), disk('d-2', { sizeGiB: 1 })]);
    assert.equal(big.members.length, 2);
    assert.deepEqual(big.warnings.map((w) => w.kind), ['largeCapacity']);
    assert.deepEqual(planGroup([disk('d-1', { sizeGiB: 32_768 })]).warnings, [], 'exactly 32 TiB is within');
    assert.deepEqual(planGroup(Array.from({ length: 16 }, (_, i) => disk(`d-${i}`))).warnings, []);
  });

  it('nothing that can join: no members, every disk explained', () => {
    const plan = planGroup([disk('d-1', { category: 'cloud' }), disk('d-2', { category: 'cloud_efficiency', type: 'system' })]);
    assert.deepEqual(plan.members, []);
    assert.equal(plan.excluded.length, 2);
    assert.equal(plan.zoneId, undefined);
    assert.deepEqual(planGroup([]).members, []);
  });
});

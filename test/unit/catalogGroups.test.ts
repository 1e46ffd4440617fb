// Every documented error of the snapshot-group actions (CreateSnapshotGroup, DescribeSnapshotGroups,
// DeleteSnapshotGroup, ModifySnapshotGroup) reads as advice for that action, never as the generic
// text, and speaks of the group where the meaning differs from CreateSnapshot's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEcsProblem, formatForUser } from '../../src/snapshot/catalog';

interface Row {
  action: string;
  httpStatus: number;
  code: string;
  when: string;
}

const GROUP_ACTIONS = ['CreateSnapshotGroup', 'DeleteSnapshotGroup', 'DescribeSnapshotGroups', 'ModifySnapshotGroup'];
const rows = (JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'restore-errors.json'), 'utf8')) as { rows: Row[] }).rows.filter((r) =>
  GROUP_ACTIONS.includes(r.action),
);

const generic = describeEcsProblem({ code: 'Some.UnknownCode', message: 'x' });
const genericTransient = describeEcsProblem({ code: 'Some.UnknownCode', message: 'x', httpStatus: 500 });
const families = ['InvalidParameter.Some', 'MissingSome', 'InternalErrorSome', 'InvalidSome.NotFound'].map((code) => describeEcsProblem({ code, message: 'x' }));
const asCreate = (code: string, httpStatus = 403) => describeEcsProblem({ code, message: 'x', httpStatus, action: 'CreateSnapshot' });
const problem = (action: string, code: string, httpStatus = 403, message = 'The server says something.') =>
  describeEcsProblem({ code, message, httpStatus, action, requestId: 'REQ-7' });

describe('error catalog: snapshot groups', () => {
  it('the fixture holds the four tables (67 rows)', () => {
    assert.equal(rows.length, 67);
    assert.deepEqual([...new Set(rows.map((r) => r.action))].sort(), GROUP_ACTIONS);
  });

  for (const row of rows) {
    it(`${row.action} ${row.httpStatus} ${row.code}`, () => {
      const p = problem(row.action, row.code, row.httpStatus);
      assert.equal(p.known, true, 'in the catalog');
      assert.equal(p.code, row.code);
      for (const fallback of [generic, genericTransient, ...families]) assert.notEqual(p.title, fallback.title, 'not a fallback title');
      assert.notEqual(p.action, generic.action);
      assert.notEqual(p.action, genericTransient.action);
      assert.ok(p.title.length > 10 && p.action.length > 10);
      assert.ok(!/%s/.test(p.title + p.action));
      // A group is made, listed, renamed or deleted: never "create the new snapshot" or "snapshotted".
      assert.ok(!/create the new snapshot|snapshotted|choose the disk again/i.test(p.title + p.action), `speaks of one snapshot: ${p.title} ${p.action}`);
      assert.match(p.docUrl ?? '', /^https:\/\//);
      const line = formatForUser(p);
      assert.ok(line.includes(row.code) && line.includes('REQ-7'), line);
    });
  }

  it('codes shared with CreateSnapshot speak of the group where the meaning differs', () => {
    for (const code of [
      'IncorrectInstanceStatus',
      'DiskCategory.OperationNotSupported',
      'InvalidSnapshotName.Malformed',
      'InvalidDescription.Malformed',
      'IdempotentParameterMismatch',
      'IncorrectDiskStatus.CreatingSnapshot',
      'InvalidDiskId.NotFound',
      'InternalError',
    ]) {
      const group = problem('CreateSnapshotGroup', code);
      const single = asCreate(code);
      assert.notEqual(`${group.title} ${group.action}`, `${single.title} ${single.action}`, code);
      assert.match(`${group.title} ${group.action}`, /group|instance/, code);
    }
    // A group name may start with "auto": the advice must not say otherwise.
    assert.doesNotMatch(problem('CreateSnapshotGroup', 'InvalidSnapshotName.Malformed').action, /auto/);
    assert.doesNotMatch(problem('ModifySnapshotGroup', 'InvalidParameter.Name').action, /auto/);
    // Groups have no retention: a refused one is ours to fix.
    assert.equal(problem('CreateSnapshotGroup', 'InvalidRetentionDays.Malformed').category, 'extension');
    assert.match(problem('CreateSnapshotGroup', 'InternalError', 500).action, /group/);
  });

  it('the limits of a group say what to do: fewer disks, another disk, exclude it', () => {
    assert.match(problem('CreateSnapshotGroup', 'NumberExceed.TooManyDisks').action, /fewer disks|two groups/i);
    assert.match(problem('CreateSnapshotGroup', 'CapacityExceed.TooManyDisks').action, /fewer disks|two groups/i);
    assert.match(problem('CreateSnapshotGroup', 'InvalidOperation.MultiAttachDisk').action, /[Ll]eave .* out|[Ee]xclude/);
    assert.match(problem('CreateSnapshotGroup', 'InvalidDiskIds.NotInSameZone').title, /zone/);
    assert.match(problem('CreateSnapshotGroup', 'InvalidDisk.DiskCategoryInconsistent').title, /regional/i);
    assert.match(problem('DeleteSnapshotGroup', 'SnapshotCreatedImage').action, /image/);
  });

  it('says when waiting and retrying helps', () => {
    for (const [action, code] of [
      ['CreateSnapshotGroup', 'IncorrectDiskStatus.CreatingSnapshot'],
      ['CreateSnapshotGroup', 'IdempotentProcessing'],
      ['CreateSnapshotGroup', 'IncorrectInstanceStatus'],
      ['CreateSnapshotGroup', 'QuotaExceed.ConcurrentSnapshotQuota'],
      ['CreateSnapshotGroup', 'IncorrectDiskStatus.TooManyCreatingSnapshots'],
    ]) {
      assert.equal(problem(action, code).retryable, true, `${action} ${code}`);
    }
    for (const [action, code] of [
      ['CreateSnapshotGroup', 'NumberExceed.TooManyDisks'],
      ['CreateSnapshotGroup', 'InvalidRegion.NotSupport'],
      ['CreateSnapshotGroup', 'InvalidOperation.MultiAttachDisk'],
      ['DeleteSnapshotGroup', 'SnapshotCreatedImage'],
      ['ModifySnapshotGroup', 'InvalidSnapshotGroup.NotFound'],
    ]) {
      assert.equal(problem(action, code).retryable, false, `${action} ${code}`);
    }
  });

  it('an action outside the groups keeps its own words', () => {
    assert.equal(problem('CreateSnapshot', 'IncorrectInstanceStatus').action, asCreate('IncorrectInstanceStatus').action);
  });
});

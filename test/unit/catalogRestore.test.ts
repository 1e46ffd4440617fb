// Every documented error of the rollback's actions (ResetDisk, Stop/StartInstance(s),
// DescribeInstanceStatus) reads as advice for that action, never as the generic text.
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

const ROLLBACK_ACTIONS = ['DescribeInstanceStatus', 'ResetDisk', 'StartInstance', 'StartInstances', 'StopInstance', 'StopInstances'];
// The fixture also holds the snapshot groups' tables: catalogGroups.test.ts reads those.
const table = {
  rows: (JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'restore-errors.json'), 'utf8')) as { rows: Row[] }).rows.filter((r) =>
    ROLLBACK_ACTIONS.includes(r.action),
  ),
};

const generic = describeEcsProblem({ code: 'Some.UnknownCode', message: 'x' });
const genericTransient = describeEcsProblem({ code: 'Some.UnknownCode', message: 'x', httpStatus: 500 });
// The family fallbacks: a code must have its own words, not "ECS did not accept a parameter".
const families = ['InvalidParameter.Some', 'MissingSome', 'InternalErrorSome'].map((code) => describeEcsProblem({ code, message: 'x' }));
// What the CreateSnapshot catalog says, to prove a per-action entry replaced it where the meaning differs.
const asCreate = (code: string, httpStatus = 403) => describeEcsProblem({ code, message: 'x', httpStatus, action: 'CreateSnapshot' });

const problem = (action: string, code: string, httpStatus = 403, message = 'The server says something.') =>
  describeEcsProblem({ code, message, httpStatus, action, requestId: 'REQ-9' });

describe('error catalog: rollback actions', () => {
  it('the fixture holds every table (116 rows over 6 actions)', () => {
    assert.equal(table.rows.length, 116);
    const actions = new Set(table.rows.map((r) => r.action));
    assert.deepEqual([...actions].sort(), ROLLBACK_ACTIONS);
  });

  for (const row of table.rows) {
    it(`${row.action} ${row.httpStatus} ${row.code}`, () => {
      const p = problem(row.action, row.code, row.httpStatus);
      assert.equal(p.known, true, 'in the catalog');
      assert.equal(p.code, row.code);
      for (const fallback of [generic, genericTransient, ...families]) {
        assert.notEqual(p.title, fallback.title, 'not a fallback title');
      }
      // A bug of ours may share "please report it" with the families; never the unknown-code advice.
      assert.notEqual(p.action, generic.action);
      assert.notEqual(p.action, genericTransient.action);
      assert.ok(p.title.length > 10 && p.action.length > 10);
      assert.ok(!/%s/.test(p.title + p.action));
      assert.ok(!/snapshotted|create the (new )?snapshot/i.test(p.title + p.action), `speaks of creating a snapshot: ${p.title} ${p.action}`);
      assert.match(p.docUrl ?? '', /^https:\/\//);
      const line = formatForUser(p);
      assert.ok(line.includes(row.code) && line.includes('REQ-9'), line);
    });
  }

  it('IncorrectInstanceStatus means something else per action', () => {
    const reset = problem('ResetDisk', 'IncorrectInstanceStatus');
    const start = problem('StartInstance', 'IncorrectInstanceStatus');
    const stop = problem('StopInstance', 'IncorrectInstanceStatus');
    assert.match(reset.action, /Stop the instance/);
    assert.match(reset.title, /not Stopped/);
    assert.match(start.title, /not Stopped/);
    assert.doesNotMatch(start.action, /Stop the instance/);
    assert.match(stop.title, /not Running/);
    assert.equal(new Set([reset.action, start.action, stop.action, asCreate('IncorrectInstanceStatus').action]).size, 4);
    assert.equal(problem('StartInstances', 'IncorrectInstanceStatus').title, start.title);
    assert.equal(problem('StopInstances', 'IncorrectInstanceStatus').title, stop.title);
  });

  it("ResetDisk's InternalError: a 400 changed nothing and may be retried; a 500 may have run", () => {
    const busy = problem('ResetDisk', 'InternalError', 400);
    const failed = problem('ResetDisk', 'InternalError', 500);
    assert.notEqual(busy.title, failed.title);
    assert.match(busy.title, /not available/);
    assert.match(busy.action, /nothing was changed/i);
    assert.equal(busy.retryable, true);
    assert.match(failed.action, /Check the disk/);
    assert.notEqual(failed.action, asCreate('InternalError', 500).action);
  });

  it('the codes shared with CreateSnapshot speak of the rollback where the meaning differs', () => {
    for (const code of ['IncorrectDiskStatus', 'DiskCategory.OperationNotSupported', 'InvalidInstanceId.NotFound', 'InvalidParameter.KMSKeyId.NotFound']) {
      assert.notEqual(problem('ResetDisk', code).action, asCreate(code).action, code);
    }
    assert.match(problem('ResetDisk', 'InvalidParameter.Mismatch').title, /not a snapshot of this disk|encrypt/);
    assert.match(problem('StartInstance', 'OperationDenied.NoStock').action, /KeepCharging|keep charging/i);
    assert.match(problem('ResetDisk', 'InvalidOperation.DiskResetInProgress').action, /Wait/);
  });

  it('the dry-run "success" codes are not called failures of the user', () => {
    for (const [action, code] of [['ResetDisk', 'DryRunOperation'], ['StopInstances', 'DRYRUN.SUCCESS']]) {
      const p = problem(action, code, 400);
      assert.match(p.title, /dry run/i);
      assert.equal(p.category, 'extension');
    }
  });

  it('says when waiting and retrying helps', () => {
    for (const [action, code] of [
      ['ResetDisk', 'InvalidOperation.DiskResetInProgress'],
      ['ResetDisk', 'IncorrectDiskStatus.HasUnfinishedSnapshot'],
      ['ResetDisk', 'InvalidSnapshotId.NotReady'],
      ['StartInstance', 'DiskError'],
      ['StartInstance', 'InstanceNotReady'],
      ['StopInstance', 'LimitedOperation.ServiceUnavailable'],
      ['StopInstances', 'InvalidOperation.Conflict'],
    ]) {
      assert.equal(problem(action, code).retryable, true, `${action} ${code}`);
    }
    for (const [action, code] of [
      ['ResetDisk', 'InvalidParameter.Mismatch'],
      ['ResetDisk', 'InvalidSnapshot.TooOld'],
      ['StopInstance', 'InvalidInstanceId.NotSupport'],
      ['StartInstance', 'InstanceExpired'],
    ]) {
      assert.equal(problem(action, code).retryable, false, `${action} ${code}`);
    }
  });

  it('an action outside the rollback keeps the CreateSnapshot words', () => {
    assert.equal(problem('CreateSnapshot', 'IncorrectInstanceStatus').action, asCreate('IncorrectInstanceStatus').action);
  });
});

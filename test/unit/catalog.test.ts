// Every documented CreateSnapshot error, and the request-level ones, reads as advice a user can act on.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEcsProblem, extractValues, formatForUser } from '../../src/snapshot/catalog';

interface Row {
  httpStatus: number;
  code: string;
  message: string;
}

const table = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'create-snapshot-errors.json'), 'utf8')) as { rows: Row[] };

// What an unknown code gets: the catalog's entries must all say something more specific.
const generic = describeEcsProblem({ code: 'Some.UnknownCode', message: 'x' });
const genericTransient = describeEcsProblem({ code: 'Some.UnknownCode', message: 'x', httpStatus: 500 });

describe('error catalog: CreateSnapshot table', () => {
  it('the fixture holds the whole table (49 rows, duplicate codes included)', () => {
    assert.equal(table.rows.length, 49);
    const codes = table.rows.map((r) => r.code);
    assert.equal(codes.filter((c) => c === 'InternalError').length, 2);
    assert.equal(codes.filter((c) => c === 'InvalidAccountStatus.NotEnoughBalance').length, 2);
  });

  for (const row of table.rows) {
    it(`${row.httpStatus} ${row.code}: "${row.message.slice(0, 40)}"`, () => {
      const p = describeEcsProblem({ ...row, requestId: 'REQ-1' });
      assert.equal(p.known, true, 'in the catalog');
      assert.equal(p.code, row.code);
      assert.notEqual(p.action, generic.action);
      assert.notEqual(p.action, genericTransient.action);
      assert.ok(p.title.length > 10 && p.action.length > 10);
      assert.ok(!p.title.includes('%s') && !p.action.includes('%s'), 'placeholders never reach the user');
      assert.match(p.docUrl ?? '', /^https:\/\//);
      assert.equal(p.requestId, 'REQ-1');
      const line = formatForUser(p);
      assert.ok(line.includes(row.code) && line.includes('REQ-1'), line);
    });
  }

  it('says when waiting and retrying helps', () => {
    const retry = (code: string) => describeEcsProblem({ code, message: '' }).retryable;
    for (const code of ['IncorrectDiskStatus.CreatingSnapshot', 'DISK_HAS_CREATING_SNAPSHOT', 'Throttling', 'InternalError', 'IdempotentProcessing', 'QuotaExceed.ConcurrentSnapshotQuota', 'IncorrectDiskStatus.Transferring']) {
      assert.equal(retry(code), true, code);
    }
    for (const code of ['InvalidSnapshotName.Malformed', 'QuotaExceed.Snapshot', 'InvalidDiskId.NotFound', 'DiskInArrears', 'InvalidAccountStatus.SnapshotServiceUnavailable', 'Forbidden.RAM', 'IncorrectDiskStatus.Invalid']) {
      assert.equal(retry(code), false, code);
    }
  });

  it('gives the specific remedy', () => {
    const action = (code: string, message = '') => describeEcsProblem({ code, message }).action;
    assert.match(action('IncorrectDiskStatus.CreatingSnapshot'), /Wait until it completes/);
    assert.match(action('IncorrectDiskStatus.Invalid'), /Restart the instance/);
    assert.match(action('InvalidAccountStatus.NotEnoughBalance'), /Top up/);
    assert.match(action('InvalidAccountStatus.SnapshotServiceUnavailable'), /Activate ECS snapshots/);
    assert.match(action('DiskCategory.OperationNotSupported'), /Choose another disk/);
    assert.match(action('QuotaExceed.Snapshot'), /Delete old snapshots/);
    assert.match(action('InvalidRetentionDays.Malformed'), /1 to 65536/);
  });

  it('tells the two NotEnoughBalance messages apart', () => {
    const [plain, postpaid] = table.rows.filter((r) => r.code === 'InvalidAccountStatus.NotEnoughBalance').map((r) => describeEcsProblem(r));
    assert.notEqual(plain.title, postpaid.title);
    assert.match(postpaid.title, /pay-as-you-go/);
  });

  it('fills in the %s values of QuotaExceed.ConcurrentSnapshotQuota', () => {
    const p = describeEcsProblem({
      code: 'QuotaExceed.ConcurrentSnapshotQuota',
      message:
        'The number of snapshots being created for the disk d-bp1abc has exceeded the concurrent quota (1). Please wait for the previous snapshots to complete before trying again.',
    });
    assert.equal(p.title, 'Too many snapshots of disk d-bp1abc are being created at once (at most 1).');
    const raw = describeEcsProblem({ code: 'QuotaExceed.ConcurrentSnapshotQuota', message: 'something else' });
    assert.equal(raw.title, 'Too many snapshots of this disk are being created at once.');
  });

  it('shows the server text of QuotaExceed.Tags, never a bare %s', () => {
    const p = describeEcsProblem({ code: 'QuotaExceed.Tags', message: 'The maximum number of tags is 20, you specified 23.' });
    assert.equal(p.detail, 'The maximum number of tags is 20, you specified 23.');
    assert.match(formatForUser(p), /more tags than allowed\. The maximum number of tags is 20, you specified 23\. Remove tags/);
    assert.equal(describeEcsProblem({ code: 'QuotaExceed.Tags', message: '%s' }).detail, undefined);
  });

  it('extractValues reads placeholders and refuses non-matching text', () => {
    assert.deepEqual(extractValues('disk %s quota (%s).', 'disk d-1 quota (3).'), ['d-1', '3']);
    assert.deepEqual(extractValues('disk %s quota (%s).', 'other'), []);
    assert.deepEqual(extractValues('a.b %s', 'axb 1'), [], 'template text is literal, not a regex');
  });
});

describe('error catalog: any ECS call', () => {
  it('knows the signature, credential and permission codes', () => {
    const codes = [
      'InvalidAccessKeyId.NotFound',
      'InvalidAccessKeyId.Inactive',
      'SignatureDoesNotMatch',
      'IncompleteSignature',
      'InvalidTimeStamp.Expired',
      'InvalidSecurityToken.Expired',
      'InvalidSecurityToken.Malformed',
      'Forbidden.RAM',
      'NoPermission',
      'MissingParameter',
      'MissingDiskId',
      'InvalidParameter',
      'InvalidParameter.UriTooLong',
      'InvalidAction.NotFound',
      'ServiceUnavailable',
      'Throttling.User',
      'Throttling.Api',
    ];
    for (const code of codes) {
      const p = describeEcsProblem({ code, message: 'm' });
      assert.equal(p.known, true, code);
      assert.notEqual(p.action, generic.action, code);
    }
    assert.equal(describeEcsProblem({ code: 'InvalidAccessKeyId.NotFound', message: '' }).category, 'credentials');
    assert.match(describeEcsProblem({ code: 'InvalidTimeStamp.Expired', message: '' }).action, /clock/);
  });

  it('names the RAM permission of the action that failed', () => {
    assert.match(describeEcsProblem({ code: 'Forbidden.RAM', message: '' }).action, /'ecs:CreateSnapshot'/);
    assert.match(describeEcsProblem({ code: 'Forbidden.RAM', message: '', action: 'DescribeDisks' }).action, /'ecs:DescribeDisks'/);
  });

  it('uses the server-suggested wait for throttling', () => {
    const p = describeEcsProblem({ code: 'Throttling.User', message: 'Request was denied due to user flow control.', retryAfterSeconds: 2.5 });
    assert.equal(p.retryable, true);
    assert.equal(p.action, 'Wait 3 seconds, then try again.');
  });

  it('says "1 second", not "1 seconds", for a wait of a second or less', () => {
    for (const retryAfterSeconds of [1, 0.08, 0.001]) {
      const p = describeEcsProblem({ code: 'Throttling', message: '', retryAfterSeconds });
      assert.equal(p.action, 'Wait 1 second, then try again.', `for ${retryAfterSeconds}`);
    }
    assert.equal(describeEcsProblem({ code: 'Throttling', message: '', retryAfterSeconds: 2 }).action, 'Wait 2 seconds, then try again.');
  });

  it('prefers the Recommend URL, but only a web link', () => {
    const recommend = 'https://api.aliyun.com/troubleshoot?q=Throttling&product=Ecs&requestId=R';
    assert.equal(describeEcsProblem({ code: 'Throttling', message: '', recommend }).docUrl, recommend);
    const p = describeEcsProblem({ code: 'Throttling', message: '', recommend: 'javascript:alert(1)', requestId: 'R 2' });
    assert.equal(p.docUrl, 'https://api.aliyun.com/troubleshoot?q=Throttling&product=Ecs&requestId=R%202');
    assert.match(describeEcsProblem({ code: 'InvalidSnapshotName.Malformed', message: '' }).docUrl ?? '', /createsnapshot/);
  });
});

describe('error catalog: unknown codes', () => {
  it('still shows the code, the server message and the request ID', () => {
    const p = describeEcsProblem({ code: 'Weird.NewCode', message: 'The moon is in the wrong phase.', requestId: 'RID-9', httpStatus: 403 });
    assert.equal(p.known, false);
    assert.equal(p.retryable, false);
    assert.equal(p.title, 'The moon is in the wrong phase.');
    assert.match(p.docUrl ?? '', /q=Weird\.NewCode/);
    const line = formatForUser(p);
    for (const part of ['Weird.NewCode', 'The moon is in the wrong phase.', 'RID-9']) assert.ok(line.includes(part), line);
  });

  it('treats unknown 5xx as worth a retry', () => {
    const p = describeEcsProblem({ code: 'Backend.Hiccup', message: '', httpStatus: 503 });
    assert.equal(p.retryable, true);
    assert.equal(p.title, 'ECS refused the request.');
  });

  it('explains failures that never reached ECS by their kind', () => {
    const net = describeEcsProblem({ code: 'ECONNREFUSED', message: 'Connection to 127.0.0.1 was refused.', kind: 'network' });
    assert.equal(net.title, 'Could not reach ECS.');
    assert.equal(net.detail, 'Connection to 127.0.0.1 was refused.');
    assert.equal(net.retryable, true);
    assert.equal(describeEcsProblem({ code: 'ReadTimeout', message: '', kind: 'timeout' }).retryable, true);
    assert.match(formatForUser({ code: 'ReadTimeout', message: 'ECS did not answer CreateSnapshot within 30 s.', kind: 'timeout' }), /requestTimeoutSeconds.*\(ReadTimeout\)/);
  });

  it('tells a gateway outage from an endpoint that is not ECS', () => {
    const outage = describeEcsProblem({ code: 'Http502', message: 'CreateSnapshot failed with HTTP 502 and a response that is not ECS JSON.', httpStatus: 502, kind: 'protocol' });
    assert.equal(outage.retryable, true);
    assert.equal(outage.category, 'transient');
    const notEcs = describeEcsProblem({ code: 'UnreadableResponse', message: 'not JSON', httpStatus: 200, kind: 'protocol' });
    assert.equal(notEcs.retryable, false);
    assert.match(notEcs.action, /ecsSnapshots\.endpoint/);
  });

  it('clips very long server messages', () => {
    const p = describeEcsProblem({ code: 'X', message: 'y'.repeat(5000) });
    assert.ok(Array.from(p.title).length <= 300);
  });
});

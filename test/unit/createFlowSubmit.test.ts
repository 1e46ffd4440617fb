// Sending one intent: guards before the request, one request per double click, the tracker and
// the tree told on success, and every CreateSnapshot error told as the catalog's sentence with
// the actions that fit (Retry reuses the intent and its ClientToken).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { submitIntent } from '../../src/commands/createSnapshot/submit';
import type { DiskFacts } from '../../src/commands/createSnapshot/submit';
import { EcsError } from '../../src/ecs/errors';
import { describeEcsProblem, formatForUser } from '../../src/snapshot/catalog';
import type { SnapshotIntent } from '../../src/tracker/trackerApi';
import { apiError, disk, fakePorts } from '../support/snapshotFakes';

const table = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'create-snapshot-errors.json'), 'utf8')) as {
  rows: { httpStatus: number; code: string; message: string }[];
};

function intent(token = 'tok-1', diskId = 'd-bp1aaaaaaaaaaaaaaaa1'): SnapshotIntent {
  return {
    request: { regionId: 'cn-hangzhou', diskId, clientToken: token, snapshotName: 'n-one' },
    diskName: 'web-data',
    sourceKey: 'sandbox',
    origin: 'create',
  };
}

const facts = (overrides = {}, more: Partial<DiskFacts> = {}): DiskFacts => ({ disk: disk(overrides), instanceLocks: [], seenCreating: false, ...more });

describe('submit: success', () => {
  it('sends once, tracks the accepted snapshot and refreshes only that disk', async () => {
    const ports = fakePorts();
    const outcome = await submitIntent(ports, intent(), facts());
    assert.deepEqual(outcome, { kind: 'created', snapshotId: 's-bp1fake0001' });
    assert.equal(ports.gateway.created.length, 1);
    assert.deepEqual(ports.tracker.tracked.map((t) => [t.snapshotId, t.intent.request.clientToken]), [['s-bp1fake0001', 'tok-1']]);
    assert.deepEqual(ports.refreshed, ['cn-hangzhou/d-bp1aaaaaaaaaaaaaaaa1']);
    assert.equal(ports.notifier.errors.length, 0);
  });

  it('the tracker hears of the intent before the request leaves (a reload mid-request loses nothing)', async () => {
    const ports = fakePorts();
    let release!: () => void;
    ports.gateway.gate = new Promise<void>((r) => (release = r));
    const pending = submitIntent(ports, intent('tok-9'), facts());
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(ports.tracker.begun.map((i) => i.request.clientToken), ['tok-9']);
    assert.equal(ports.tracker.tracked.length, 0);
    release();
    assert.equal((await pending).kind, 'created');
  });

  it('a double click sends one request; the second is told and ignored', async () => {
    const ports = fakePorts();
    let release!: () => void;
    ports.gateway.gate = new Promise<void>((r) => (release = r));
    const first = submitIntent(ports, intent('tok-1'), facts());
    const second = await submitIntent(ports, intent('tok-2'), facts());
    assert.deepEqual(second, { kind: 'inFlight' });
    assert.match(ports.notifier.infos[0], /already being requested/);
    release();
    assert.equal((await first).kind, 'created');
    assert.equal(ports.gateway.created.length, 1);
    // Once answered, the disk is free again.
    ports.gateway.gate = undefined;
    assert.equal((await submitIntent(ports, intent('tok-3'), facts())).kind, 'created');
  });

  it('other disks are not held up by one in flight', async () => {
    const ports = fakePorts();
    let release!: () => void;
    ports.gateway.gate = new Promise<void>((r) => (release = r));
    const first = submitIntent(ports, intent('tok-1'), facts());
    const other = submitIntent(ports, intent('tok-2', 'd-other'), facts({ diskId: 'd-other' }));
    release();
    assert.deepEqual([(await first).kind, (await other).kind], ['created', 'created']);
  });
});

describe('submit: guards before the request', () => {
  const cases: [string, DiskFacts, RegExp][] = [
    ['a disk that is attaching', facts({ status: 'Attaching' }), /In use or Available/],
    ['a disk locked for security', facts({ lockReasons: ['security'] }), /locked for security/],
    ['a disk of a security-locked instance', facts({}, { instanceLocks: ['security'] }), /locked for security/],
    ['a disk with a progressing snapshot in the tree', facts({}, { seenCreating: true }), /still being created/],
  ];
  for (const [what, f, reason] of cases) {
    it(`sends nothing for ${what} and says why`, async () => {
      const ports = fakePorts();
      const outcome = await submitIntent(ports, intent(), f);
      assert.equal(outcome.kind, 'blocked');
      assert.match(ports.notifier.warnings[0], reason);
      assert.equal(ports.gateway.created.length, 0);
    });
  }

  it('sends nothing while the tracker says a snapshot of the disk is being created', async () => {
    const ports = fakePorts();
    ports.tracker.creating.add('d-bp1aaaaaaaaaaaaaaaa1');
    assert.equal((await submitIntent(ports, intent(), facts())).kind, 'blocked');
    assert.equal(ports.gateway.created.length, 0);
  });
});

describe('submit: failures', () => {
  for (const row of table.rows) {
    it(`${row.code} reaches the user as the catalog's message`, async () => {
      const ports = fakePorts();
      const error = apiError(row.code, row.message, { httpStatus: row.httpStatus, recommend: 'https://api.aliyun.com/troubleshoot?q=' + row.code });
      ports.gateway.answers = [error];
      const outcome = await submitIntent(ports, intent(), facts());
      assert.equal(outcome.kind, 'failed');
      if (outcome.kind === 'failed') await outcome.followUp;
      const problem = describeEcsProblem(error);
      assert.equal(ports.notifier.errors.length, 1);
      const { message, actions } = ports.notifier.errors[0];
      assert.equal(message, `Could not create a snapshot of web-data: ${formatForUser(problem)}`);
      assert.ok(message.includes(problem.title));
      assert.ok(message.includes(row.code));
      assert.equal(actions.includes('Retry'), problem.retryable, `Retry offered iff retryable (${row.code})`);
      assert.ok(actions.includes('Show Log'));
      assert.ok(actions.includes('Open Documentation'));
      assert.ok(actions.includes('Copy Request ID'));
      assert.deepEqual(ports.tracker.failures.map((f) => f.error.code), [row.code]);
      assert.equal(ports.tracker.tracked.length, 0);
    });
  }

  it('Retry sends the same intent with the same ClientToken, and tracks the result', async () => {
    const ports = fakePorts();
    ports.gateway.answers = [apiError('InternalError', 'The request processing has failed due to some unknown error.', { httpStatus: 500 })];
    ports.notifier.clicks = ['Retry'];
    const outcome = await submitIntent(ports, intent('tok-same'), facts());
    assert.equal(outcome.kind, 'failed');
    const retried = outcome.kind === 'failed' ? await outcome.followUp : undefined;
    assert.deepEqual(retried, { kind: 'created', snapshotId: 's-bp1fake0001' });
    assert.deepEqual(ports.gateway.created.map((r) => r.clientToken), ['tok-same', 'tok-same']);
    assert.deepEqual(ports.gateway.created[0], ports.gateway.created[1]);
    assert.equal(ports.tracker.tracked[0].intent.request.clientToken, 'tok-same');
  });

  it('Show Log, Open Documentation and Copy Request ID do what they say', async () => {
    for (const [click, check] of [
      ['Show Log', (p: ReturnType<typeof fakePorts>) => assert.equal(p.logShown, 1)],
      ['Open Documentation', (p: ReturnType<typeof fakePorts>) => assert.deepEqual(p.opened, ['https://diagnose.example/recommend'])],
      ['Copy Request ID', (p: ReturnType<typeof fakePorts>) => assert.deepEqual(p.copied, ['REQ-42'])],
    ] as const) {
      const ports = fakePorts();
      ports.gateway.answers = [apiError('QuotaExceed.Snapshot', 'The snapshot quota exceeds.', { requestId: 'REQ-42', recommend: 'https://diagnose.example/recommend' })];
      ports.notifier.clicks = [click];
      const outcome = await submitIntent(ports, intent(), facts());
      if (outcome.kind === 'failed') await outcome.followUp;
      check(ports);
    }
  });

  it('a timeout offers Retry; no Copy Request ID without one; the log has the code', async () => {
    const ports = fakePorts();
    ports.gateway.answers = [new EcsError({ kind: 'timeout', code: 'ReadTimeout', message: 'ECS did not answer CreateSnapshot within 30 s.', retryable: true, action: 'CreateSnapshot' })];
    const outcome = await submitIntent(ports, intent(), facts());
    if (outcome.kind === 'failed') await outcome.followUp;
    const { actions, message } = ports.notifier.errors[0];
    assert.ok(actions.includes('Retry'));
    assert.ok(!actions.includes('Copy Request ID'));
    assert.match(message, /did not answer in time/);
    assert.ok(ports.logLines.some((l) => l.includes('ReadTimeout')));
  });

  it('a lost answer (read timeout, reset) does not claim "not created": the snapshot may exist, Retry is safe', async () => {
    for (const lost of [
      new EcsError({ kind: 'timeout', code: 'ReadTimeout', message: 'ECS did not answer CreateSnapshot within 30 s.', retryable: true, action: 'CreateSnapshot' }),
      new EcsError({ kind: 'network', code: 'ECONNRESET', message: 'Connection to the ECS endpoint was reset during CreateSnapshot.', retryable: true, action: 'CreateSnapshot' }),
    ]) {
      const ports = fakePorts();
      ports.gateway.answers = [lost];
      const outcome = await submitIntent(ports, intent(), facts());
      if (outcome.kind === 'failed') await outcome.followUp;
      const { message } = ports.notifier.errors[0];
      assert.doesNotMatch(message, /^Could not create/, message);
      assert.match(message, /may have been created/);
      assert.match(message, /same ClientToken/);
    }
    // A refusal ECS did send stays a plain "could not create".
    const ports = fakePorts();
    ports.gateway.answers = [new EcsError({ kind: 'timeout', code: 'ConnectTimeout', message: 'Could not connect to ECS within 5 s.', retryable: true, action: 'CreateSnapshot' })];
    const outcome = await submitIntent(ports, intent(), facts());
    if (outcome.kind === 'failed') await outcome.followUp;
    assert.match(ports.notifier.errors[0].message, /^Could not create/);
  });

  it('anything else thrown still reaches the user and the tracker as an EcsError', async () => {
    const ports = fakePorts();
    ports.gateway.answers = [new TypeError('boom')];
    const outcome = await submitIntent(ports, intent(), facts());
    assert.equal(outcome.kind, 'failed');
    assert.equal(ports.tracker.failures[0].error.code, 'UnexpectedError');
    assert.match(ports.notifier.errors[0].message, /Could not create a snapshot of web-data/);
  });
});

// A CreateSnapshot whose answer was lost on one attempt and refused on the last one: ECS may have
// created the snapshot on the first, so the user must not be told it was not created.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { submitIntent } from '../../src/commands/createSnapshot/submit';
import { createEcsGateway } from '../../src/ecs/createEcsGateway';
import { isOutcomeUnknown, toTrackedError } from '../../src/tracker/trackedOperation';
import { disk, fakePorts } from '../support/snapshotFakes';
import { ecsError, startScriptedServer, type ScriptedServer } from './gatewayScriptedServer';

let server: ScriptedServer;
before(async () => {
  server = await startScriptedServer();
});
after(() => server.close());

describe('CreateSnapshot: an earlier attempt lost its answer', () => {
  it('a later throttled or failing attempt still reports "may have been created", and the tracker keeps it as unknown', async () => {
    for (const last of [
      { status: 403, body: ecsError('Throttling', 'Request was denied due to user flow control.') },
      { status: 500, body: ecsError('InternalError', 'The request processing has failed due to some unknown error.') },
    ]) {
      const gateway = createEcsGateway({
        credentials: { type: 'accessKey', accessKeyId: 'LTAI5tLostAnswer0001', accessKeySecret: 'LostAnswerSecret-0123456789' },
        regionId: 'cn-hangzhou',
        endpoint: server.endpoint,
        readTimeoutMs: 300,
        retry: { maxAttempts: 2 },
        sleep: async () => undefined,
        random: () => 0,
      });
      // Attempt 1 reaches ECS (which may create the snapshot) but its answer comes too late.
      server.script({ delayMs: 1_200, body: { RequestId: 'late', SnapshotId: 's-made' } }, last);
      const base = fakePorts();
      const outcome = await submitIntent(
        { ...base, gateway },
        { request: { regionId: 'cn-hangzhou', diskId: 'd-1', clientToken: 'tok-lost' }, diskName: 'web-data', sourceKey: 'sandbox', origin: 'create' },
        { disk: disk(), instanceLocks: [], seenCreating: false },
      );
      assert.equal(outcome.kind, 'failed');
      if (outcome.kind === 'failed') await outcome.followUp;
      const message = base.notifier.errors[0]?.message ?? '';
      assert.match(message, /may have been created/, message);
      assert.ok(isOutcomeUnknown(toTrackedError(base.tracker.failures[0].error)), 'the tracker does not say "not created"');
    }
  });
});

describe('CreateSnapshot: an attempt answered with a 5xx or an HTML 502 may have run', () => {
  const internalError = { status: 500, body: ecsError('InternalError', 'The request processing has failed due to some unknown error.') };
  const cases: [string, object[], boolean][] = [
    ['500 after execution, then 500, 500, 500, 500', [internalError], true],
    ['HTML 502, then throttling', [{ status: 502, body: '<html>502 Bad Gateway</html>' }, { status: 403, body: ecsError('Throttling', 'Request was denied due to user flow control.') }], true],
    ['a clean 4xx refusal', [{ status: 400, body: ecsError('InvalidDiskId.NotFound', 'The specified disk does not exist.') }], false],
  ];
  for (const [name, answers, mayExist] of cases) {
    it(`${name}: the tracker says ${mayExist ? '"may exist"' : '"not created"'}`, async () => {
      const gateway = createEcsGateway({
        credentials: { type: 'accessKey', accessKeyId: 'LTAI5tLostAnswer0001', accessKeySecret: 'LostAnswerSecret-0123456789' },
        regionId: 'cn-hangzhou',
        endpoint: server.endpoint,
        sleep: async () => undefined,
        random: () => 0,
      });
      server.script(...answers);
      const base = fakePorts();
      const outcome = await submitIntent(
        { ...base, gateway },
        { request: { regionId: 'cn-hangzhou', diskId: 'd-1', clientToken: `tok-${name.length}` }, diskName: 'web-data', sourceKey: 'sandbox', origin: 'create' },
        { disk: disk(), instanceLocks: [], seenCreating: false },
      );
      assert.equal(outcome.kind, 'failed');
      if (outcome.kind === 'failed') await outcome.followUp;
      assert.equal(isOutcomeUnknown(toTrackedError(base.tracker.failures[0].error)), mayExist);
      const message = base.notifier.errors[0]?.message ?? '';
      if (mayExist) assert.match(message, /may have been created/, message);
      else assert.doesNotMatch(message, /may have been created/, message);
    });
  }
});

// Whether a failed CreateSnapshot may still have created the snapshot: anything but a definite
// refusal from ECS (its own error code on a 4xx) or a request that never left means "may exist".
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createEcsGateway, type EcsGatewayOptions } from '../../src/ecs/createEcsGateway';
import { rejection } from './gatewayAssertions';
import { ecsError, startScriptedServer, type ScriptedAnswer, type ScriptedServer } from './gatewayScriptedServer';

let server: ScriptedServer;
before(async () => {
  server = await startScriptedServer();
});
after(() => server.close());
beforeEach(() => {
  server.seen.length = 0;
});

function gateway(overrides: Partial<EcsGatewayOptions> = {}) {
  return createEcsGateway({
    credentials: { type: 'accessKey', accessKeyId: 'LTAI5tMayHaveRun0001', accessKeySecret: 'MayHaveRunSecret-0123456789' },
    regionId: 'cn-hangzhou',
    endpoint: server.endpoint,
    sleep: async () => undefined,
    random: () => 0,
    ...overrides,
  });
}

const create = { regionId: 'cn-hangzhou', diskId: 'd-bp1disk0001', clientToken: 'tok-may-have-run' };
const internalError: ScriptedAnswer = { status: 500, body: ecsError('InternalError', 'The request processing has failed due to some unknown error.') };
const unavailable: ScriptedAnswer = { status: 503, body: ecsError('ServiceUnavailable', 'The request has failed due to a temporary failure of the server.') };
const html502: ScriptedAnswer = { status: 502, body: '<html><body>502 Bad Gateway</body></html>' };
const throttled: ScriptedAnswer = { status: 403, body: ecsError('Throttling', 'Request was denied due to user flow control.') };

describe('CreateSnapshot: may the snapshot exist after the call failed?', () => {
  it('500 after execution, then 500 on every retry: may exist', async () => {
    server.script(internalError);
    const error = await rejection(gateway().createSnapshot(create));
    assert.equal(server.seen.length, 5, 'all attempts were made');
    assert.equal(error.code, 'InternalError');
    assert.equal(error.outcomeUnknown, true);
  });

  it('an HTML 502, then throttling until attempts run out: may exist', async () => {
    server.script(html502, throttled);
    const error = await rejection(gateway().createSnapshot(create));
    assert.equal(error.code, 'Throttling', 'the last answer is what is reported');
    assert.equal(error.outcomeUnknown, true);
  });

  it('a JSON 503 ServiceUnavailable on the first attempt, then a clean 4xx refusal: may exist', async () => {
    server.script(unavailable, { status: 400, body: ecsError('InvalidDiskId.NotFound', 'The specified disk does not exist.') });
    const error = await rejection(gateway().createSnapshot(create));
    assert.equal(error.outcomeUnknown, true);
  });

  it('an unreadable 200 answer (a protocol error): may exist', async () => {
    server.script({ status: 200, body: 'not json at all' });
    const error = await rejection(gateway({ retry: { maxAttempts: 1 } }).createSnapshot(create));
    assert.equal(error.kind, 'protocol');
    assert.equal(error.outcomeUnknown, true);
  });

  it('a success without a snapshot ID: may exist', async () => {
    server.script({ body: { RequestId: 'no-id' } });
    const error = await rejection(gateway().createSnapshot(create));
    assert.equal(error.code, 'MissingSnapshotId');
    assert.equal(error.outcomeUnknown, true);
  });

  it('a clean 4xx refusal from ECS: not created', async () => {
    server.script({ status: 403, body: ecsError('IncorrectDiskStatus', 'The current disk status does not support this operation.') });
    const error = await rejection(gateway().createSnapshot(create));
    assert.equal(server.seen.length, 1);
    assert.notEqual(error.outcomeUnknown, true);
  });

  it('throttling on every attempt: not created (a throttled request did not run)', async () => {
    server.script(throttled);
    const error = await rejection(gateway().createSnapshot(create));
    assert.equal(server.seen.length, 5);
    assert.equal(error.kind, 'throttling');
    assert.notEqual(error.outcomeUnknown, true);
  });

  it('a connection refused on every attempt: not created (nothing left)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await rejection(gateway({ endpoint: `127.0.0.1:${port}`, retry: { maxAttempts: 3 } }).createSnapshot(create));
    assert.equal(error.code, 'ECONNREFUSED');
    assert.notEqual(error.outcomeUnknown, true);
  });

  it('a read that fails with 500 changes nothing, so it carries no "may exist"', async () => {
    server.script(internalError);
    const error = await rejection(gateway({ retry: { maxAttempts: 2 } }).listDisks({ regionId: 'cn-hangzhou' }));
    assert.notEqual(error.outcomeUnknown, true);
  });
});

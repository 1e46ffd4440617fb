// x-acs-retry-after counts milliseconds (as the bundled SDK reads it); whatever it says, it may
// lengthen a wait but never end the retries, and the user is told a sensible wait.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createEcsGateway, type EcsGatewayOptions } from '../../src/ecs/createEcsGateway';
import { DEFAULT_RETRY_POLICY } from '../../src/ecs/retry';
import { describeEcsProblem } from '../../src/snapshot/catalog';
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
  const sleeps: number[] = [];
  let now = 1_000_000;
  const gw = createEcsGateway({
    credentials: { type: 'accessKey', accessKeyId: 'LTAI5tRetryAfter0001', accessKeySecret: 'RetryAfterSecret-0123456789' },
    regionId: 'cn-hangzhou',
    endpoint: server.endpoint,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    now: () => now,
    ...overrides,
  });
  return { gw, sleeps };
}

const throttled = (retryAfter: string): ScriptedAnswer => ({
  status: 400,
  body: ecsError('Throttling.User', 'Request was denied due to user flow control.'),
  headers: { 'x-acs-retry-after': retryAfter },
});
const disks: ScriptedAnswer = { body: { RequestId: 'ok', Disks: { Disk: [] } } };

describe('x-acs-retry-after', () => {
  it('80 is 80 ms: retried on the normal backoff, not given up after one attempt', async () => {
    const { gw, sleeps } = gateway();
    server.script(throttled('80'), disks);
    await gw.listDisks({ regionId: 'cn-hangzhou' });
    assert.equal(server.seen.length, 2);
    assert.deepEqual(sleeps, [250], 'the jittered backoff (0.5 x 500 ms) is longer than 80 ms');
  });

  it('80 on every attempt: all attempts are made, and the user is told to wait 1 second, not 80', async () => {
    const { gw } = gateway();
    server.script(throttled('80'));
    const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.equal(server.seen.length, DEFAULT_RETRY_POLICY.maxAttempts);
    assert.equal(error.retryAfterSeconds, 0.08);
    const action = describeEcsProblem(error).action;
    assert.equal(action, 'Wait 1 second, then try again.');
  });

  it('3000 waits 3 s before the retry', async () => {
    const { gw, sleeps } = gateway();
    server.script(throttled('3000'), disks);
    await gw.listDisks({ regionId: 'cn-hangzhou' });
    assert.deepEqual(sleeps, [3000]);
  });

  it('a huge value is clamped to 120 s, waits at most what the budget allows, and still retries', async () => {
    const { gw, sleeps } = gateway();
    server.script(throttled('99999999999'));
    const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.ok(server.seen.length >= 2, `retried: ${server.seen.length} attempts`);
    assert.ok(
      sleeps.reduce((a, b) => a + b, 0) <= DEFAULT_RETRY_POLICY.maxTotalMs,
      `waited ${sleeps.join('+')} ms, within the ${DEFAULT_RETRY_POLICY.maxTotalMs} ms budget`,
    );
    assert.equal(error.retryAfterSeconds, 120);
    assert.equal(describeEcsProblem(error).action, 'Wait 120 seconds, then try again.');
  });

  it('a wait longer than the remaining budget is shortened to it, and one more attempt is made', async () => {
    const { gw, sleeps } = gateway({ retry: { maxTotalMs: 20_000 } });
    server.script(throttled('90000'), disks);
    await gw.listDisks({ regionId: 'cn-hangzhou' });
    assert.equal(server.seen.length, 2);
    assert.deepEqual(sleeps, [20_000]);
  });

  for (const garbage of ['-5', '-99999999999', 'soon', '', '0', 'NaN', 'Infinity', '1e400', '12abc', 'Fri, 31 Dec 1999 23:59:59 GMT']) {
    it(`'${garbage}' is ignored: the normal backoff applies and no wait is told`, async () => {
      const { gw, sleeps } = gateway({ retry: { maxAttempts: 2 } });
      server.script(throttled(garbage));
      const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
      assert.equal(server.seen.length, 2);
      assert.deepEqual(sleeps, [250]);
      assert.equal(error.retryAfterSeconds, undefined);
      assert.equal(describeEcsProblem(error).action, 'Wait a few seconds, then try again.');
    });
  }
});

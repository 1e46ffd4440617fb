// The rollback's calls over real HTTP: what ResetDisk, StopInstance, StartInstance and
// DescribeInstanceStatus send, and that a write without ClientToken is never re-sent once an
// attempt may have run (the error then says outcomeUnknown), while a definite refusal is retried.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createEcsGateway, type EcsGatewayOptions } from '../../src/ecs/createEcsGateway';
import type { EcsGateway } from '../../src/ecs/gateway';
import { mayHaveRun } from '../../src/ecs/mayHaveRun';
import { rejection } from './gatewayAssertions';
import { ecsError, startScriptedServer, type ScriptedAnswer, type ScriptedServer } from './gatewayScriptedServer';

let server: ScriptedServer;
before(async () => {
  server = await startScriptedServer();
});
after(() => server.close());
beforeEach(() => {
  server.seen.length = 0;
  server.script({ body: { RequestId: 'req-ok' } });
});

function gateway(overrides: Partial<EcsGatewayOptions> = {}): EcsGateway {
  return createEcsGateway({
    credentials: { type: 'accessKey', accessKeyId: 'LTAI5tRestoreGw00001', accessKeySecret: 'RestoreGatewaySecret-0123456789' },
    regionId: 'cn-hangzhou',
    endpoint: server.endpoint,
    sleep: async () => undefined,
    random: () => 0,
    ...overrides,
  });
}

const ok: ScriptedAnswer = { body: { RequestId: 'req-ok' } };
const internal500: ScriptedAnswer = { status: 500, body: ecsError('InternalError', 'The request processing has failed due to some unknown error.') };
const unavailable503: ScriptedAnswer = { status: 503, body: ecsError('ServiceUnavailable', 'The request has failed due to a temporary failure of the server.') };
const html502: ScriptedAnswer = { status: 502, body: '<html><body>502 Bad Gateway</body></html>' };
const throttled: ScriptedAnswer = { status: 403, body: ecsError('Throttling.User', 'Request was denied due to user flow control.') };
const dropped: ScriptedAnswer = { drop: true };
const late: ScriptedAnswer = { delayMs: 1_500, body: { RequestId: 'too-late' } };

type Write = { name: string; action: string; run: (gw: EcsGateway) => Promise<void> };
const writes: Write[] = [
  { name: 'resetDisk', action: 'ResetDisk', run: (gw) => gw.resetDisk('cn-hangzhou', 'd-bp1reset0001', 's-bp1snap0001') },
  { name: 'stopInstance', action: 'StopInstance', run: (gw) => gw.stopInstance('cn-hangzhou', 'i-bp1inst0001') },
  { name: 'startInstance', action: 'StartInstance', run: (gw) => gw.startInstance('cn-hangzhou', 'i-bp1inst0001') },
];

/** The wire names of what was sent, without the signing/common ones. */
function sentParams(query: URLSearchParams): Record<string, string> {
  const common = new Set(['Action', 'Version', 'Format', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'AccessKeyId', 'Signature']);
  return Object.fromEntries([...query.entries()].filter(([k]) => !common.has(k)));
}

describe('rollback calls: what is sent', () => {
  it('ResetDisk sends DiskId and SnapshotId only: no RegionId, no DryRun', async () => {
    await gateway().resetDisk('cn-hangzhou', 'd-bp1reset0001', 's-bp1snap0001');
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0].action, 'ResetDisk');
    assert.deepEqual(sentParams(server.seen[0].query), { DiskId: 'd-bp1reset0001', SnapshotId: 's-bp1snap0001' });
  });

  it('StopInstance sends StoppedMode=KeepCharging: no ForceStop, no RegionId, no DryRun', async () => {
    await gateway().stopInstance('cn-hangzhou', 'i-bp1inst0001');
    assert.equal(server.seen[0].action, 'StopInstance');
    assert.deepEqual(sentParams(server.seen[0].query), { InstanceId: 'i-bp1inst0001', StoppedMode: 'KeepCharging' });
  });

  it('StartInstance sends InstanceId only: no InitLocalDisk, no RegionId, no DryRun', async () => {
    await gateway().startInstance('cn-hangzhou', 'i-bp1inst0001');
    assert.equal(server.seen[0].action, 'StartInstance');
    assert.deepEqual(sentParams(server.seen[0].query), { InstanceId: 'i-bp1inst0001' });
  });

  it('an empty id is refused before anything is sent', async () => {
    const gw = gateway();
    await rejection(gw.resetDisk('cn-hangzhou', '', 's-1'));
    await rejection(gw.resetDisk('cn-hangzhou', 'd-1', ''));
    await rejection(gw.stopInstance('cn-hangzhou', ''));
    await rejection(gw.startInstance('cn-hangzhou', ''));
    assert.equal(server.seen.length, 0);
  });

  it('through an endpoint override, a write for another region is refused before sending (the endpoint decides the region)', async () => {
    for (const call of [
      (gw: EcsGateway) => gw.resetDisk('cn-shanghai', 'd-1', 's-1'),
      (gw: EcsGateway) => gw.stopInstance('cn-shanghai', 'i-1'),
      (gw: EcsGateway) => gw.startInstance('cn-shanghai', 'i-1'),
    ]) {
      const error = await rejection(call(gateway()));
      assert.match(error.message, /cn-shanghai/);
      assert.match(error.message, /cn-hangzhou/);
      assert.notEqual(error.outcomeUnknown, true);
      // Nothing was sent, so a machine reading this error must not think the write may have run.
      assert.equal(mayHaveRun(error), false, error.message);
    }
    assert.equal(server.seen.length, 0);
  });
});

describe('rollback writes: never re-sent once an attempt may have run', () => {
  for (const write of writes) {
    for (const [label, answer, extra] of [
      ['a JSON 500', internal500, {}],
      ['a JSON 503', unavailable503, {}],
      ['an HTML 502', html502, {}],
      ['a dropped connection', dropped, {}],
      ['a read timeout', late, { readTimeoutMs: 300 }],
    ] as const) {
      it(`${write.name}: ${label} is sent once and ends outcomeUnknown`, async () => {
        server.script(answer, ok);
        const error = await rejection(write.run(gateway(extra)));
        assert.equal(server.seen.length, 1, `${write.action} sent ${server.seen.length} times`);
        assert.equal(server.seen[0].action, write.action);
        assert.equal(error.outcomeUnknown, true);
        assert.equal(error.action, write.action);
      });
    }

    it(`${write.name}: throttling is a definite refusal: re-sent, and the success is returned`, async () => {
      server.script(throttled, throttled, ok);
      await write.run(gateway());
      assert.equal(server.seen.length, 3);
    });

    it(`${write.name}: throttled, then a 500: two requests, then stop with outcomeUnknown`, async () => {
      server.script(throttled, internal500, ok);
      const error = await rejection(write.run(gateway()));
      assert.equal(server.seen.length, 2);
      assert.equal(error.outcomeUnknown, true);
      assert.equal(error.code, 'InternalError');
    });

    it(`${write.name}: throttled on every attempt: not outcomeUnknown (nothing ran)`, async () => {
      server.script(throttled);
      const error = await rejection(write.run(gateway({ retry: { maxAttempts: 3 } })));
      assert.equal(server.seen.length, 3);
      assert.notEqual(error.outcomeUnknown, true);
    });

    it(`${write.name}: a refusal with an ECS code (403) is not re-sent and not outcomeUnknown`, async () => {
      server.script({ status: 403, body: ecsError('IncorrectInstanceStatus', 'The current status of the resource does not support this operation.') });
      const error = await rejection(write.run(gateway()));
      assert.equal(server.seen.length, 1);
      assert.equal(error.code, 'IncorrectInstanceStatus');
      assert.notEqual(error.outcomeUnknown, true);
    });
  }

  it('a connection refused (the request never left) is re-sent and, if it never gets through, is not outcomeUnknown', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const attempts: number[] = [];
    const gw = gateway({ endpoint: `127.0.0.1:${port}`, retry: { maxAttempts: 3 }, onRequest: (r) => attempts.push(r.attempt) });
    const error = await rejection(gw.stopInstance('cn-hangzhou', 'i-1'));
    assert.equal(error.code, 'ECONNREFUSED');
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.notEqual(error.outcomeUnknown, true);
  });

  it('ResetDisk: 400 InternalError ("service not available now") is a refusal: re-sent, not outcomeUnknown', async () => {
    const busy: ScriptedAnswer = { status: 400, body: ecsError('InternalError', 'The request processing has failed due to service not available now.') };
    server.script(busy, ok);
    await gateway().resetDisk('cn-hangzhou', 'd-1', 's-1');
    assert.equal(server.seen.length, 2);
    server.seen.length = 0;
    server.script(busy);
    const error = await rejection(gateway({ retry: { maxAttempts: 2 } }).resetDisk('cn-hangzhou', 'd-1', 's-1'));
    assert.equal(server.seen.length, 2);
    assert.equal(error.code, 'InternalError');
    assert.notEqual(error.outcomeUnknown, true);
  });

  it('CreateSnapshot (with its ClientToken) still re-sends after a 500', async () => {
    server.script(internal500, { body: { RequestId: 'r', SnapshotId: 's-new' } });
    const id = await gateway().createSnapshot({ regionId: 'cn-hangzhou', diskId: 'd-1', clientToken: 'tok-1' });
    assert.equal(id, 's-new');
    assert.equal(server.seen.length, 2);
  });
});

describe('DescribeInstanceStatus', () => {
  const answer = (request: { query: URLSearchParams }): ScriptedAnswer => {
    const ids = [...request.query.entries()].filter(([k]) => /^InstanceId\.\d+$/.test(k)).map(([, v]) => v);
    return {
      body: {
        RequestId: 'req-status',
        TotalCount: ids.length,
        PageNumber: Number(request.query.get('PageNumber')),
        PageSize: Number(request.query.get('PageSize')),
        InstanceStatuses: { InstanceStatus: ids.map((id, i) => ({ InstanceId: id, Status: i % 2 ? 'Stopped' : 'Running' })) },
      },
    };
  };

  it('120 ids: 3 requests of at most 50 ids, PageSize 50, with RegionId', async () => {
    server.script(answer);
    const ids = Array.from({ length: 120 }, (_, i) => `i-bp1status${String(i).padStart(4, '0')}`);
    const statuses = await gateway().describeInstanceStatus('cn-hangzhou', ids);
    assert.equal(server.seen.length, 3);
    const counts = server.seen.map((r) => [...r.query.keys()].filter((k) => /^InstanceId\.\d+$/.test(k)).length);
    assert.deepEqual(counts, [50, 50, 20]);
    for (const r of server.seen) {
      assert.equal(r.action, 'DescribeInstanceStatus');
      assert.equal(r.query.get('RegionId'), 'cn-hangzhou');
      assert.equal(r.query.get('PageSize'), '50');
      assert.equal(r.query.get('PageNumber'), '1');
    }
    assert.deepEqual(statuses.map((s) => s.instanceId), ids);
    assert.deepEqual(statuses[0], { instanceId: ids[0], status: 'Running' });
    assert.equal(statuses[1].status, 'Stopped');
  });

  it('no ids: no request (an empty list would list every instance of the region)', async () => {
    assert.deepEqual(await gateway().describeInstanceStatus('cn-hangzhou', []), []);
    assert.equal(server.seen.length, 0);
  });

  it('repeated ids are asked once', async () => {
    server.script(answer);
    const statuses = await gateway().describeInstanceStatus('cn-hangzhou', ['i-1', 'i-1', 'i-2']);
    assert.equal(server.seen.length, 1);
    assert.deepEqual(statuses.map((s) => s.instanceId), ['i-1', 'i-2']);
  });

  it('a read is re-sent after a 500', async () => {
    server.script(internal500, answer);
    const statuses = await gateway().describeInstanceStatus('cn-hangzhou', ['i-1']);
    assert.equal(server.seen.length, 2);
    assert.equal(statuses.length, 1);
  });
});

describe('DescribeInstances: StoppedMode', () => {
  it('is mapped into Instance.stoppedMode', async () => {
    server.script({
      body: {
        RequestId: 'r',
        Instances: {
          Instance: [
            { InstanceId: 'i-1', InstanceName: 'a', Status: 'Stopped', StoppedMode: 'KeepCharging', OperationLocks: { LockReason: [] } },
            { InstanceId: 'i-2', InstanceName: 'b', Status: 'Running', OperationLocks: { LockReason: [] } },
          ],
        },
      },
    });
    const [a, b] = await gateway().describeInstances('cn-hangzhou', ['i-1', 'i-2']);
    assert.equal(a.stoppedMode, 'KeepCharging');
    assert.equal('stoppedMode' in b, false);
  });
});

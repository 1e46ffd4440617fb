// The gateway over the real SDK and real HTTP, against a scripted loopback server: what goes on
// the wire, how answers map, and how failures are retried and reported.
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createEcsGateway, type EcsGatewayOptions } from '../../src/ecs/createEcsGateway';
import { rejection } from './gatewayAssertions';
import { ecsError, startScriptedServer, type ScriptedServer } from './gatewayScriptedServer';

const ACCESS_KEY_ID = 'LTAI5tGatewayTest0001';
const SECRET = 'GatewayTestSecret-0123456789abcdef';
const STS_TOKEN = 'CAIS-gateway-test-sts-token-value-000111222';

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
  const lines: string[] = [];
  let now = 1_000_000;
  const gw = createEcsGateway({
    credentials: { type: 'accessKey', accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, securityToken: STS_TOKEN },
    regionId: 'cn-hangzhou',
    endpoint: server.endpoint,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    now: () => now,
    log: (level, message) => lines.push(`${level} ${message}`),
    ...overrides,
  });
  return { gw, sleeps, lines, advance: (ms: number) => (now += ms) };
}

function assertNoSecret(text: string) {
  assert.ok(!text.includes(SECRET), `secret leaked: ${text}`);
  assert.ok(!text.includes(STS_TOKEN), `STS token leaked: ${text}`);
  assert.ok(!/Signature=[0-9a-f]{16}/.test(text), `signature leaked: ${text}`);
}

const DISK = {
  DiskId: 'd-bp1disk0001',
  DiskName: 'web-data',
  Description: 'data disk',
  Size: 40,
  Category: 'cloud_essd',
  PerformanceLevel: 'PL1',
  Status: 'In_use',
  Type: 'data',
  InstanceId: 'i-bp1inst0001',
  Device: '/dev/xvdb',
  ZoneId: 'cn-hangzhou-h',
  Portable: true,
  Encrypted: false,
  CreationTime: '2026-01-02T03:04:05Z',
  Tags: { Tag: [{ TagKey: 'env', TagValue: 'prod' }] },
  OperationLocks: { OperationLock: [{ LockReason: 'financial' }] },
};

describe('requests on the wire', () => {
  it('lists disks with the largest page, NextToken, JSON DiskIds and filters, and maps them', async () => {
    const { gw } = gateway();
    server.script({ body: { RequestId: 'req-disks', NextToken: 'tok-2', Disks: { Disk: [DISK] } } });
    const page = await gw.listDisks({
      regionId: 'cn-hangzhou',
      nextToken: 'tok-1',
      diskIds: ['d-1', 'd-2'],
      status: 'In_use',
      instanceId: 'i-1',
    });
    const q = server.seen[0].query;
    assert.equal(server.seen[0].action, 'DescribeDisks');
    assert.equal(q.get('MaxResults'), '500');
    assert.equal(q.get('NextToken'), 'tok-1');
    assert.equal(q.get('DiskIds'), '["d-1","d-2"]');
    assert.equal(q.get('Status'), 'In_use');
    assert.equal(q.get('InstanceId'), 'i-1');
    assert.equal(q.get('RegionId'), 'cn-hangzhou');
    assert.equal(q.has('PageSize'), false);
    assert.equal(page.nextToken, 'tok-2');
    assert.deepEqual(page.items[0], {
      diskId: 'd-bp1disk0001',
      diskName: 'web-data',
      description: 'data disk',
      sizeGiB: 40,
      category: 'cloud_essd',
      performanceLevel: 'PL1',
      status: 'In_use',
      type: 'data',
      instanceId: 'i-bp1inst0001',
      device: '/dev/xvdb',
      zoneId: 'cn-hangzhou-h',
      portable: true,
      encrypted: false,
      creationTime: '2026-01-02T03:04:05Z',
      tags: [{ key: 'env', value: 'prod' }],
      lockReasons: ['financial'],
    });
  });

  it('refuses more than 100 disk IDs without sending anything', async () => {
    const { gw } = gateway();
    const ids = Array.from({ length: 101 }, (_, i) => `d-${i}`);
    const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou', diskIds: ids }));
    assert.equal(error.code, 'InvalidParameter');
    assert.equal(server.seen.length, 0);
  });

  it('creates a snapshot with the ClientToken and Tag.N, never the deprecated parameters', async () => {
    const { gw } = gateway();
    server.script({ body: { RequestId: 'req-create', SnapshotId: 's-bp1new' } });
    const id = await gw.createSnapshot({
      regionId: 'cn-hangzhou',
      diskId: 'd-bp1disk0001',
      clientToken: 'token-123',
      snapshotName: 'before-upgrade',
      description: 'pre change',
      retentionDays: 7,
      tags: [
        { key: 'team', value: 'web' },
        { key: 'empty', value: '' },
      ],
    });
    assert.equal(id, 's-bp1new');
    const q = server.seen[0].query;
    assert.equal(server.seen[0].action, 'CreateSnapshot');
    assert.equal(q.get('ClientToken'), 'token-123');
    assert.equal(q.get('DiskId'), 'd-bp1disk0001');
    assert.equal(q.get('SnapshotName'), 'before-upgrade');
    assert.equal(q.get('RetentionDays'), '7');
    assert.equal(q.get('Tag.1.Key'), 'team');
    assert.equal(q.get('Tag.1.Value'), 'web');
    assert.equal(q.get('Tag.2.Key'), 'empty');
    for (const deprecated of ['Category', 'InstantAccess', 'InstantAccessRetentionDays']) {
      assert.equal(q.has(deprecated), false, `${deprecated} must not be sent`);
    }
  });

  it('will not create a snapshot without a usable ClientToken', async () => {
    const { gw } = gateway();
    for (const clientToken of ['', 'x'.repeat(65), 'tokén']) {
      const error = await rejection(gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: 'd-1', clientToken }));
      assert.match(error.message, /ClientToken/);
    }
    assert.equal(server.seen.length, 0);
  });

  it('describes snapshots in batches of 100 and follows NextToken', async () => {
    const { gw } = gateway();
    const ids = Array.from({ length: 250 }, (_, i) => `s-${String(i).padStart(4, '0')}`);
    const snapshot = (id: string) => ({
      SnapshotId: id,
      SnapshotName: `n-${id}`,
      Status: 'progressing',
      Progress: '42%',
      RemainTime: 30,
      Available: false,
      SourceDiskId: 'd-1',
      SourceDiskSize: '40',
      RetentionDays: 7,
      CreationTime: '2026-01-01T00:00:00Z',
      Tags: { Tag: [{ TagKey: 'a', TagValue: 'b' }] },
    });
    let calls = 0;
    server.script((request) => {
      calls++;
      const batch = JSON.parse(request.query.get('SnapshotIds') ?? '[]') as string[];
      // The first batch comes back in two pages.
      if (calls === 1) return { body: { RequestId: 'r1', NextToken: 'more', Snapshots: { Snapshot: batch.slice(0, 60).map(snapshot) } } };
      if (calls === 2) return { body: { RequestId: 'r2', Snapshots: { Snapshot: batch.slice(60).map(snapshot) } } };
      return { body: { RequestId: `r${calls}`, Snapshots: { Snapshot: batch.map(snapshot) } } };
    });
    const found = await gw.describeSnapshots('cn-hangzhou', [...ids, ids[0]]);
    assert.equal(found.length, 250);
    const batches = server.seen.map((r) => JSON.parse(r.query.get('SnapshotIds') ?? '[]').length);
    assert.deepEqual(batches, [100, 100, 100, 50]);
    assert.equal(server.seen[1].query.get('NextToken'), 'more');
    assert.ok(server.seen.every((r) => r.query.get('MaxResults') === '100'));
    assert.equal(found[0].progress, 42);
    assert.equal(found[0].remainTime, 30);
    assert.equal(found[0].available, false);
    assert.equal(found[0].sourceDiskSizeGiB, 40);
    assert.deepEqual(found[0].tags, [{ key: 'a', value: 'b' }]);
  });

  it('lists the snapshots of a disk a page of 100 at a time, in the order ECS gives', async () => {
    const { gw } = gateway();
    server.script({
      body: {
        RequestId: 'r',
        NextToken: 'n2',
        Snapshots: {
          Snapshot: [
            { SnapshotId: 's-new', Status: 'accomplished', Progress: '100%', CreationTime: '2026-02-01T00:00:00Z' },
            { SnapshotId: 's-old', Status: 'accomplished', CreationTime: '2026-01-01T00:00:00Z' },
          ],
        },
      },
    });
    const page = await gw.listSnapshotsOfDisk({ regionId: 'cn-hangzhou', diskId: 'd-1', nextToken: 'n1' });
    const q = server.seen[0].query;
    assert.equal(q.get('DiskId'), 'd-1');
    assert.equal(q.get('MaxResults'), '100');
    assert.equal(q.get('NextToken'), 'n1');
    assert.deepEqual(page.items.map((s) => s.snapshotId), ['s-new', 's-old']);
    assert.equal(page.items[1].progress, 100);
    assert.equal(page.nextToken, 'n2');
  });

  it('describes instances in batches of 100 and reads their deeper lock list', async () => {
    const { gw } = gateway();
    server.script((request) => {
      const batch = JSON.parse(request.query.get('InstanceIds') ?? '[]') as string[];
      return {
        body: {
          RequestId: 'r',
          Instances: {
            Instance: batch.map((id) => ({
              InstanceId: id,
              InstanceName: `vm-${id}`,
              Status: 'Running',
              OperationLocks: { LockReason: [{ LockReason: 'security', LockMsg: 'locked' }] },
            })),
          },
        },
      };
    });
    const ids = Array.from({ length: 150 }, (_, i) => `i-${i}`);
    const found = await gw.describeInstances('cn-hangzhou', ids);
    assert.equal(found.length, 150);
    assert.deepEqual(server.seen.map((r) => JSON.parse(r.query.get('InstanceIds') ?? '[]').length), [100, 50]);
    assert.deepEqual(found[0], { instanceId: 'i-0', instanceName: 'vm-i-0', status: 'Running', lockReasons: ['security'] });
  });

  it('deletes a snapshot, passing Force', async () => {
    const { gw } = gateway();
    server.script({ body: { RequestId: 'r-del' } });
    await gw.deleteSnapshot('cn-hangzhou', 's-1', true);
    assert.equal(server.seen[0].action, 'DeleteSnapshot');
    assert.equal(server.seen[0].query.get('SnapshotId'), 's-1');
    assert.equal(server.seen[0].query.get('Force'), 'true');
  });

  it('lists regions with their endpoints, in the language asked for', async () => {
    const { gw } = gateway({ acceptLanguage: 'en-US' });
    server.script({
      body: {
        RequestId: 'r',
        Regions: { Region: [{ RegionId: 'cn-beijing', LocalName: '华北2（北京）', RegionEndpoint: 'ecs.cn-beijing.aliyuncs.com', Status: 'available' }] },
      },
    });
    assert.deepEqual(await gw.listRegions(), [
      { regionId: 'cn-beijing', localName: '华北2（北京）', endpoint: 'ecs.cn-beijing.aliyuncs.com', status: 'available' },
    ]);
    assert.equal(server.seen[0].query.get('AcceptLanguage'), 'en-US');
  });

  it('signs with ACS3 and sends the STS token, as the SDK does', async () => {
    const { gw } = gateway();
    server.script({ body: { RequestId: 'r', Regions: { Region: [] } } });
    await gw.listRegions();
    const headers = server.seen[0].headers;
    assert.match(String(headers.authorization), /^ACS3-HMAC-SHA256 Credential=LTAI5tGatewayTest0001,/);
    assert.equal(headers['x-acs-security-token'], STS_TOKEN);
  });
});

describe('retries', () => {
  it('retries 5xx with full-jitter exponential backoff, then succeeds', async () => {
    const { gw, sleeps } = gateway({ retry: { baseDelayMs: 400 } });
    server.script(
      { status: 503, body: ecsError('ServiceUnavailable', 'busy') },
      { status: 500, body: ecsError('InternalError', 'oops') },
      { body: { RequestId: 'ok', Disks: { Disk: [] } } },
    );
    const page = await gw.listDisks({ regionId: 'cn-hangzhou' });
    assert.deepEqual(page.items, []);
    assert.equal(server.seen.length, 3);
    // random() = 0.5: half of the ceilings 400 and 800.
    assert.deepEqual(sleeps, [200, 400]);
  });

  it('draws each wait uniformly below a doubling, capped ceiling', async () => {
    const draws = [0.999, 0.999, 0.999, 0.999];
    const { gw, sleeps } = gateway({ random: () => draws.shift() ?? 0, retry: { baseDelayMs: 1000, maxDelayMs: 3000, maxTotalMs: 600_000 } });
    server.script({ status: 500, body: ecsError('InternalError', 'down') });
    await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.deepEqual(sleeps, [999, 1998, 2997, 2997]);
  });

  it('honours x-acs-retry-after (milliseconds) on throttling', async () => {
    const { gw, sleeps } = gateway();
    server.script(
      { status: 400, body: ecsError('Throttling.User', 'Request was denied due to user flow control.'), headers: { 'x-acs-retry-after': '3000' } },
      { body: { RequestId: 'ok', Disks: { Disk: [] } } },
    );
    await gw.listDisks({ regionId: 'cn-hangzhou' });
    assert.equal(server.seen.length, 2);
    assert.deepEqual(sleeps, [3000]);
  });

  it('reports throttling with its retry-after once attempts run out', async () => {
    const { gw } = gateway({ retry: { maxAttempts: 2 } });
    server.script({ status: 403, body: ecsError('Throttling', 'slow down', 'req-thr'), headers: { 'x-acs-retry-after': '1000' } });
    const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.equal(error.kind, 'throttling');
    assert.equal(error.code, 'Throttling');
    assert.equal(error.httpStatus, 403);
    assert.equal(error.requestId, 'req-thr');
    assert.equal(error.retryAfterSeconds, 1);
    assert.equal(error.retryable, true);
    assert.equal(server.seen.length, 2);
  });

  it('stops after maxAttempts (default 5)', async () => {
    const { gw, sleeps, lines } = gateway();
    server.script({ status: 500, body: ecsError('InternalError', 'The request processing has failed due to some unknown error.') });
    const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.equal(server.seen.length, 5);
    assert.equal(sleeps.length, 4);
    assert.equal(error.code, 'InternalError');
    assert.equal(error.httpStatus, 500);
    assert.equal(lines.length, 5);
    assert.match(lines[0], /^warn DescribeDisks cn-hangzhou HTTP 500 InternalError \d+ ms \(attempt 1\/5\) RequestId=req-InternalError; retrying in \d+ ms$/);
    assert.match(lines[4], /^error .*\(attempt 5\/5\)/);
  });

  it('stops when the next wait would pass the total time budget', async () => {
    const { gw, sleeps } = gateway({ random: () => 0.99, retry: { baseDelayMs: 1000, maxTotalMs: 2500 } });
    server.script({ status: 502, body: ecsError('BadGateway', 'x') });
    await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    // Waits 990 then would wait 1980: 990 + 1980 > 2500.
    assert.deepEqual(sleeps, [990]);
    assert.equal(server.seen.length, 2);
  });

  it('counts time spent in requests against the budget', async () => {
    const harness = gateway({ retry: { maxTotalMs: 5000 } });
    server.script((request) => {
      if (request.action) harness.advance(4000); // every attempt "takes" 4 s
      return { status: 500, body: ecsError('InternalError', 'slow and failing') };
    });
    await rejection(harness.gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.equal(server.seen.length, 2);
  });

  it('never retries a client error', async () => {
    const { gw, sleeps } = gateway();
    server.script({ status: 404, body: ecsError('InvalidDiskId.NotFound', 'The specified disk does not exist.', 'req-404') });
    const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.equal(server.seen.length, 1);
    assert.deepEqual(sleeps, []);
    assert.equal(error.kind, 'api');
    assert.equal(error.retryable, false);
    assert.equal(error.httpStatus, 404);
    assert.equal(error.requestId, 'req-404');
    assert.equal(error.recommend, 'https://api.aliyun.com/troubleshoot?q=InvalidDiskId.NotFound&product=Ecs');
    assert.equal(error.message, 'The specified disk does not exist.');
    assert.equal(error.action, 'DescribeDisks');
  });

  it('retries CreateSnapshot with the same ClientToken, IdempotentProcessing included', async () => {
    const { gw } = gateway();
    server.script(
      { status: 503, body: ecsError('ServiceUnavailable', 'busy') },
      { status: 403, body: ecsError('IdempotentProcessing', 'The previous idempotent request(s) is still processing.') },
      { body: 'not json at all', status: 502 },
      { body: { RequestId: 'ok', SnapshotId: 's-once' } },
    );
    const id = await gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: 'd-1', clientToken: 'intent-42' });
    assert.equal(id, 's-once');
    assert.equal(server.seen.length, 4);
    assert.deepEqual(new Set(server.seen.map((r) => r.query.get('ClientToken'))), new Set(['intent-42']));
    // A fresh nonce per attempt: these are new requests, not replays.
    assert.equal(new Set(server.seen.map((r) => r.headers['x-acs-signature-nonce'])).size, 4);
  });

  it('treats a snapshot already gone on a retried delete as deleted', async () => {
    const { gw } = gateway();
    server.script(
      { status: 503, body: ecsError('ServiceUnavailable', 'busy') },
      { status: 404, body: ecsError('InvalidSnapshotId.NotFound', 'The specified snapshot is not found.') },
    );
    await gw.deleteSnapshot('cn-hangzhou', 's-1');
    assert.equal(server.seen.length, 2);
  });

  it('reports a missing snapshot on a first delete', async () => {
    const { gw } = gateway();
    server.script({ status: 404, body: ecsError('InvalidSnapshotId.NotFound', 'The specified snapshot is not found.') });
    const error = await rejection(gw.deleteSnapshot('cn-hangzhou', 's-1'));
    assert.equal(error.code, 'InvalidSnapshotId.NotFound');
  });
});

describe('failures below ECS', () => {
  it('keeps the status of a non-JSON 502 the SDK cannot parse', async () => {
    const { gw, lines } = gateway({ retry: { maxAttempts: 1 } });
    server.script({ status: 502, body: '<html><body>502 Bad Gateway</body></html>', headers: { 'x-acs-request-id': 'req-lb' } });
    const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.equal(error.kind, 'protocol');
    assert.equal(error.httpStatus, 502);
    assert.equal(error.code, 'Http502');
    assert.equal(error.requestId, 'req-lb');
    assert.equal(error.retryable, true);
    assert.match(lines[0], /HTTP 502 Http502/);
  });

  it('retries a non-JSON 502 and then succeeds', async () => {
    const { gw } = gateway();
    server.script({ status: 502, body: '<html>bad gateway</html>' }, { body: { RequestId: 'ok', Disks: { Disk: [DISK] } } });
    const page = await gw.listDisks({ regionId: 'cn-hangzhou' });
    assert.equal(page.items.length, 1);
    assert.equal(server.seen.length, 2);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { gw, sleeps } = gateway({ endpoint: `127.0.0.1:${port}`, retry: { maxAttempts: 3 } });
    const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.equal(error.kind, 'network');
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.retryable, true);
    assert.equal(sleeps.length, 2);
    assertNoSecret(error.message);
  });

  it('reports a slow answer as a read timeout, retryable', async () => {
    const { gw } = gateway({ readTimeoutMs: 300, retry: { maxAttempts: 1 } });
    server.script({ delayMs: 1500, body: { RequestId: 'late', Disks: { Disk: [] } } });
    const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.code, 'ReadTimeout');
    assert.equal(error.retryable, true);
    assert.match(error.message, /0\.3 s/);
  });

  it('waits for a slow answer up to the read timeout, not the (shorter) connect timeout', async () => {
    const { gw } = gateway({ connectTimeoutMs: 200, readTimeoutMs: 3000, retry: { maxAttempts: 1 } });
    server.script({ delayMs: 700, body: { RequestId: 'late-but-fine', Disks: { Disk: [DISK] } } });
    const page = await gw.listDisks({ regionId: 'cn-hangzhou' });
    assert.equal(page.items.length, 1);
  });
});

describe('secrets', () => {
  it('keeps the secret, the token and signatures out of errors and log lines', async () => {
    const { gw, lines } = gateway({ retry: { maxAttempts: 2 } });
    // A hostile or buggy server echoing what it was sent.
    server.script((request) => ({
      status: 400,
      body: ecsError(
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. secret=${SECRET} token=${STS_TOKEN} ${String(request.headers.authorization)}`,
      ),
    }));
    const error = await rejection(gw.listDisks({ regionId: 'cn-hangzhou' }));
    assert.equal(error.code, 'SignatureDoesNotMatch');
    assertNoSecret(error.message);
    assertNoSecret(JSON.stringify(error));
    assertNoSecret(String(error.stack));
    for (const line of lines) assertNoSecret(line);
    assert.match(error.message, /\*\*\*/);
  });
});

describe('options', () => {
  it('rejects a bad endpoint or region up front', () => {
    assert.throws(() => gateway({ endpoint: 'ftp://example.com' }), /ftp is not http or https/);
    assert.throws(() => gateway({ endpoint: 'http://example.com/path' }), /path or query/);
    assert.throws(() => gateway({ regionId: 'cn hangzhou' }), /not a region ID/);
  });

  it('reports each request to the counting hook', async () => {
    const records: string[] = [];
    const { gw } = gateway({ onRequest: (r) => records.push(`${r.action}#${r.attempt}:${r.httpStatus}:${r.requestId}`) });
    server.script({ status: 500, body: ecsError('InternalError', 'x', 'req-500') }, { body: { RequestId: 'req-ok', Disks: { Disk: [] } } });
    await gw.listDisks({ regionId: 'cn-hangzhou' });
    assert.deepEqual(records, ['DescribeDisks#1:500:req-500', 'DescribeDisks#2:200:req-ok']);
  });
});

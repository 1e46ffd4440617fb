// The gateway, the real SDK and the emulator together: signatures, every CreateSnapshot error
// the emulator models, idempotency, paging cost, progress, and retries under injected faults.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { createEcsGateway, type EcsGatewayOptions } from '../../src/ecs/createEcsGateway';
import type { ResolvedCredentials } from '../../src/ecs/credentials';
import { EcsError } from '../../src/ecs/errors';
import { rejection } from './gatewayAssertions';
import type { CreateSnapshotRequest } from '../../src/ecs/gateway';
import { startSandbox, type Sandbox } from '../../src/sandbox';

let sandbox: Sandbox;
let clock = Date.now();
before(async () => {
  // The world's clock is ours, so snapshot progress moves when the test says.
  sandbox = await startSandbox({ clock: () => clock });
});
after(() => sandbox.close());

function gateway(overrides: Partial<EcsGatewayOptions> = {}, credentials?: ResolvedCredentials) {
  const lines: string[] = [];
  const gw = createEcsGateway({
    credentials: credentials ?? { type: 'accessKey', accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret },
    regionId: sandbox.regionId,
    endpoint: sandbox.endpoint,
    sleep: async () => undefined,
    log: (level, message) => lines.push(`${level} ${message}`),
    ...overrides,
  });
  return { gw, lines };
}

function diskNamed(name: string, world = sandbox.world): string {
  const disk = [...world.disks.values()].find((d) => d.diskName === name);
  assert.ok(disk, `no disk named ${name}`);
  return disk.diskId;
}

let tokens = 0;
const token = () => `test-token-${process.pid}-${++tokens}`;

describe('signatures', () => {
  it('are accepted with the right secret', async () => {
    const { gw } = gateway();
    const regions = await gw.listRegions();
    assert.ok(regions.some((r) => r.regionId === 'cn-hangzhou'));
  });

  it('fail with SignatureDoesNotMatch for a wrong secret, which appears nowhere', async () => {
    const wrong = 'WrongSecretValue-000000000000000';
    const { gw, lines } = gateway({}, { type: 'accessKey', accessKeyId: sandbox.accessKeyId, accessKeySecret: wrong });
    const error = await rejection(gw.listDisks({ regionId: sandbox.regionId }));
    assert.equal(error.code, 'SignatureDoesNotMatch');
    assert.equal(error.httpStatus, 400);
    assert.equal(error.retryable, false);
    assert.ok(error.requestId);
    for (const text of [error.message, JSON.stringify(error), String(error.stack), ...lines]) {
      assert.ok(!text.includes(wrong), `secret leaked: ${text}`);
      assert.ok(!text.includes(sandbox.accessKeySecret), `real secret leaked: ${text}`);
    }
    assert.equal(lines.length, 1);
  });

  it('fail with InvalidAccessKeyId.NotFound for an unknown key', async () => {
    const { gw } = gateway({}, { type: 'accessKey', accessKeyId: 'LTAIunknown00000', accessKeySecret: 'whatever-secret' });
    const error = await rejection(gw.listDisks({ regionId: sandbox.regionId }));
    assert.equal(error.code, 'InvalidAccessKeyId.NotFound');
    assert.equal(error.httpStatus, 404);
  });
});

describe('STS credentials', () => {
  it('are signed and accepted with their token', async () => {
    const sts = { accessKeyId: 'STS.gatewayTest01', accessKeySecret: 'sts-secret-value-123456', securityToken: 'sts-token-abcdef-987654' };
    const own = await startSandbox({ credentials: [sts] });
    try {
      const { gw } = createGatewayFor(own, { type: 'accessKey', ...sts });
      assert.ok((await gw.listRegions()).length > 0);
      const { gw: noToken } = createGatewayFor(own, { type: 'accessKey', accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret });
      const error = await rejection(noToken.listRegions());
      assert.equal(error.code, 'InvalidSecurityToken.Malformed');
      assert.equal(error.retryable, false);
      assert.ok(!error.message.includes(sts.securityToken) && !error.message.includes(sts.accessKeySecret));
    } finally {
      await own.close();
    }
  });
});

function createGatewayFor(own: Sandbox, credentials: ResolvedCredentials) {
  return { gw: createEcsGateway({ credentials, regionId: own.regionId, endpoint: own.endpoint, sleep: async () => undefined }) };
}

describe('CreateSnapshot errors reach the caller whole', () => {
  const base = (): CreateSnapshotRequest => ({ regionId: sandbox.regionId, diskId: diskNamed('web-01-data'), clientToken: token() });
  const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));
  // Code and HTTP status as in the API reference's error table.
  const cases: Array<[string, number, () => CreateSnapshotRequest, (() => void)?]> = [
    ['InvalidSnapshotName.Malformed', 400, () => ({ ...base(), snapshotName: 'auto-nightly' })],
    ['InvalidDescription.Malformed', 404, () => ({ ...base(), description: 'http://example.com' })],
    ['InvalidRetentionDays.Malformed', 400, () => ({ ...base(), retentionDays: 0 })],
    ['InvalidTagKey.Malformed', 400, () => ({ ...base(), tags: [{ key: 'aliyun:x', value: 'v' }] })],
    ['InvalidTagValue.Malformed', 400, () => ({ ...base(), tags: [{ key: 'k', value: 'see https://x' }] })],
    ['Duplicate.TagKey', 400, () => ({ ...base(), tags: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] })],
    ['QuotaExceed.Tags', 403, () => ({ ...base(), tags: tags(21) })],
    ['InvalidDiskId.NotFound', 404, () => ({ ...base(), diskId: 'd-bp1doesnotexist' })],
    ['DiskCategory.OperationNotSupported', 400, () => ({ ...base(), diskId: diskNamed('ephemeral-cache') })],
    ['DiskInArrears', 403, () => ({ ...base(), diskId: diskNamed('billing-lapsed') })],
    ['InstanceLockedForSecurity', 403, () => ({ ...base(), diskId: diskNamed('legacy-app-system') })],
    ['IncorrectDiskStatus', 403, () => ({ ...base(), diskId: diskNamed('attaching-data') })],
    ['IncorrectDiskStatus.NeverAttached', 403, () => ({ ...base(), diskId: diskNamed('scratch-new') })],
    ['IncorrectDiskStatus.NeverUsed', 403, () => ({ ...base(), diskId: diskNamed('fresh-data') })],
    ['IncorrectDiskStatus.CreatingSnapshot', 403, () => ({ ...base(), diskId: diskNamed('数据库数据盘') })],
    ['QuotaExceed.Snapshot', 403, () => ({ ...base(), diskId: diskNamed('logs-ssd') })],
    ['InvalidAccountStatus.SnapshotServiceUnavailable', 403, base, () => (sandbox.world.account.snapshotServiceEnabled = false)],
    ['InvalidAccountStatus.NotEnoughBalance', 403, base, () => (sandbox.world.account.enoughBalance = false)],
  ];
  for (const [code, status, request, arrange] of cases) {
    it(`${code} (HTTP ${status})`, async () => {
      const { gw } = gateway();
      const before = sandbox.world.snapshots.size;
      arrange?.();
      try {
        sandbox.stats.reset();
        const error = await rejection(gw.createSnapshot(request()));
        assert.equal(error.code, code);
        assert.equal(error.httpStatus, status);
        assert.equal(error.kind, 'api');
        assert.equal(error.retryable, false);
        assert.equal(error.action, 'CreateSnapshot');
        assert.match(error.requestId ?? '', /\S/);
        assert.match(error.recommend ?? '', new RegExp(`q=${encodeURIComponent(code).replace(/\./g, '\\.')}`));
        assert.ok(error.message.length > 0);
        assert.equal(sandbox.stats.byAction.CreateSnapshot, 1, 'a client error is not retried');
        assert.equal(sandbox.world.snapshots.size, before);
      } finally {
        sandbox.world.account.snapshotServiceEnabled = true;
        sandbox.world.account.enoughBalance = true;
      }
    });
  }
});

describe('idempotency', () => {
  it('replays a ClientToken to the same snapshot and refuses it for different parameters', async () => {
    const { gw } = gateway();
    const request: CreateSnapshotRequest = {
      regionId: sandbox.regionId,
      diskId: diskNamed('backup-archive'),
      clientToken: token(),
      snapshotName: 'archive-before-cleanup',
      tags: [{ key: 'purpose', value: 'cleanup' }],
    };
    const before = sandbox.world.snapshots.size;
    const first = await gw.createSnapshot(request);
    const again = await gw.createSnapshot(request);
    assert.equal(again, first);
    assert.equal(sandbox.world.snapshots.size, before + 1);
    const error = await rejection(gw.createSnapshot({ ...request, snapshotName: 'another-name' }));
    assert.equal(error.code, 'IdempotentParameterMismatch');
    assert.equal(error.httpStatus, 403);
    assert.equal(error.retryable, false);
    assert.equal(sandbox.world.snapshots.size, before + 1);
  });
});

describe('progress', () => {
  it('a new snapshot goes from progressing to accomplished as the world clock runs', async () => {
    const { gw } = gateway();
    const diskId = diskNamed('12data-disk');
    const id = await gw.createSnapshot({ regionId: sandbox.regionId, diskId, clientToken: token(), snapshotName: 'progress-check' });
    const [fresh] = await gw.describeSnapshots(sandbox.regionId, [id]);
    assert.equal(fresh.status, 'progressing');
    assert.ok(fresh.progress < 100, `progress ${fresh.progress}`);
    assert.equal(fresh.sourceDiskId, diskId);
    clock += 10 * 60_000;
    const [mid] = await gw.describeSnapshots(sandbox.regionId, [id]);
    clock += 24 * 3_600_000;
    const [done] = await gw.describeSnapshots(sandbox.regionId, [id]);
    assert.ok(mid.progress >= fresh.progress);
    assert.equal(done.status, 'accomplished');
    assert.equal(done.progress, 100);
    const page = await gw.listSnapshotsOfDisk({ regionId: sandbox.regionId, diskId });
    assert.ok(page.items.some((s) => s.snapshotId === id));
  });
});

describe('at scale and under faults', () => {
  it('lists 1,234 disks in exactly 3 DescribeDisks requests', async () => {
    const big = await startSandbox({ disks: 1234 });
    try {
      const { gw } = createGatewayFor(big, { type: 'accessKey', accessKeyId: big.accessKeyId, accessKeySecret: big.accessKeySecret });
      big.stats.reset();
      const ids = new Set<string>();
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await gw.listDisks({ regionId: big.regionId, nextToken });
        page.items.forEach((d) => ids.add(d.diskId));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken);
      assert.equal(ids.size, 1234);
      assert.equal(pages, 3);
      assert.equal(big.stats.byAction.DescribeDisks, Math.ceil(1234 / 500));
      assert.equal(big.stats.total, 3);
    } finally {
      await big.close();
    }
  });

  it('creates exactly one snapshot per intent through 30% throttling and 5xx (plus drops and HTML 502s)', async (t) => {
    const faulty = await startSandbox({ disks: 60, seed: 7 });
    try {
      const { gw } = createGatewayFor(faulty, { type: 'accessKey', accessKeyId: faulty.accessKeyId, accessKeySecret: faulty.accessKeySecret });
      const gwPatient = createEcsGateway({
        credentials: { type: 'accessKey', accessKeyId: faulty.accessKeyId, accessKeySecret: faulty.accessKeySecret },
        regionId: faulty.regionId,
        endpoint: faulty.endpoint,
        sleep: async () => undefined,
        retry: { maxAttempts: 10 },
      });
      // Disks that can be snapshotted: generated, attached or once attached, in use.
      const { items } = await gw.listDisks({ regionId: faulty.regionId, status: 'In_use' });
      const targets = items.filter((d) => d.lockReasons.length === 0 && !/ephemeral/.test(d.category)).slice(20, 32);
      assert.ok(targets.length >= 10);
      const before = faulty.world.snapshots.size;
      faulty.setFaults({ throttleRate: 0.15, errorRate: 0.15, dropRate: 0.05, htmlErrorRate: 0.05, retryAfterSeconds: 1 });
      faulty.stats.reset();
      const created: string[] = [];
      const failures: string[] = [];
      for (const disk of targets) {
        const clientToken = token();
        try {
          created.push(await gwPatient.createSnapshot({ regionId: faulty.regionId, diskId: disk.diskId, clientToken, snapshotName: 'under-faults' }));
        } catch (error) {
          failures.push(`${disk.diskId}: ${(error as EcsError).code}`);
        }
      }
      faulty.clearFaults();
      assert.deepEqual(failures, []);
      assert.equal(new Set(created).size, targets.length);
      assert.equal(faulty.world.snapshots.size, before + targets.length);
      for (const disk of targets) {
        const mine = faulty.world.snapshotsOf(disk.diskId).filter((s) => s.snapshotName === 'under-faults');
        assert.equal(mine.length, 1, `disk ${disk.diskId} has ${mine.length} snapshots`);
      }
      t.diagnostic(`${targets.length} snapshots created with ${faulty.stats.byAction.CreateSnapshot} CreateSnapshot requests`);
      // The faults were really met: more requests than intents.
      assert.ok(faulty.stats.byAction.CreateSnapshot > targets.length, `only ${faulty.stats.byAction.CreateSnapshot} requests`);
    } finally {
      await faulty.close();
    }
  });
});

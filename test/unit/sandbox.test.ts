// The sandbox through the REAL SDK: reading the world, CreateSnapshot's every rule and
// precondition, idempotency, paging and snapshot progress.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as $Ecs from '@alicloud/ecs20140526';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { rejectsWith, sdkClient } from './sandboxHelpers';

const REGION = 'cn-hangzhou';

function diskId(sb: Sandbox, name: string): string {
  for (const d of sb.world.disks.values()) if (d.diskName === name) return d.diskId;
  throw new Error(`no disk named ${name}`);
}

const create = (fields: Partial<$Ecs.CreateSnapshotRequest>) => new $Ecs.CreateSnapshotRequest(fields);
const tags = (pairs: Array<[string, string | undefined]>) =>
  pairs.map(([key, value]) => new $Ecs.CreateSnapshotRequestTag({ key, value }));

describe('sandbox: the default world through the SDK', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  it('lists three regions, each served at the sandbox endpoint', async () => {
    const res = await sdkClient(sb).describeRegions(new $Ecs.DescribeRegionsRequest({}));
    const regions = res.body?.regions?.region ?? [];
    assert.deepEqual(regions.map((r) => r.regionId), ['cn-hangzhou', 'cn-shanghai', 'ap-southeast-1']);
    assert.equal(regions[0].localName, '华东1（杭州）');
    assert.ok(regions.every((r) => r.regionEndpoint === sb.endpoint && r.status === 'available'));
    assert.match(res.body?.requestId ?? '', /^[0-9A-F-]{36}$/);
  });

  it('describes the curated disks with ECS field shapes', async () => {
    const res = await sdkClient(sb).describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, maxResults: 100 }));
    const disks = res.body?.disks?.disk ?? [];
    assert.equal(disks.length, 15);
    assert.equal(res.body?.nextToken, '');
    const names = disks.map((d) => d.diskName);
    for (const n of ['数据库数据盘', '12data-disk', '', 'logs-ssd']) assert.ok(names.includes(n), n);
    const categories = new Set(disks.map((d) => d.category));
    for (const c of ['cloud_essd', 'cloud_efficiency', 'cloud_auto', 'cloud_ssd']) assert.ok(categories.has(c), c);
    const web = disks.find((d) => d.diskName === 'web-01-data');
    assert.equal(web?.performanceLevel, 'PL1');
    assert.equal(web?.status, 'In_use');
    assert.equal(web?.size, 200);
    assert.deepEqual(web?.tags?.tag?.map((t) => [t.tagKey, t.tagValue]), [['env', 'prod'], ['team', 'web']]);
    assert.equal(web?.attachments?.attachment?.[0]?.instanceId, web?.instanceId);
    const lapsed = disks.find((d) => d.diskName === 'billing-lapsed');
    assert.deepEqual(lapsed?.operationLocks?.operationLock?.map((l) => l.lockReason), ['financial']);
  });

  it('filters disks by status, category, instance and DiskIds', async () => {
    const client = sdkClient(sb);
    const available = await client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, status: 'Available', pageSize: 100 }));
    assert.ok((available.body?.disks?.disk ?? []).every((d) => d.status === 'Available'));
    assert.equal(available.body?.totalCount, 3); // backup-archive, 12data-disk, scratch-new
    const ids = [diskId(sb, 'logs-ssd'), diskId(sb, 'scratch-new')];
    const byIds = await client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, diskIds: JSON.stringify(ids) }));
    assert.deepEqual(byIds.body?.disks?.disk?.map((d) => d.diskId).sort(), [...ids].sort());
    const ssd = await client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, category: 'cloud_ssd' }));
    assert.deepEqual(ssd.body?.disks?.disk?.map((d) => d.diskName), ['数据库数据盘']);
  });

  it('shows the instance security lock one level deeper than disks do', async () => {
    const res = await sdkClient(sb).describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: REGION }));
    const legacy = res.body?.instances?.instance?.find((i) => i.instanceName === 'legacy-app');
    assert.equal(legacy?.operationLocks?.lockReason?.[0]?.lockReason, 'security');
    assert.ok(legacy?.operationLocks?.lockReason?.[0]?.lockMsg);
  });

  it('lists snapshots newest first with progress strings, and filters by type and status', async () => {
    const client = sdkClient(sb);
    const res = await client.describeSnapshots(
      new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, diskId: diskId(sb, 'web-01-data') }),
    );
    const snaps = res.body?.snapshots?.snapshot ?? [];
    assert.deepEqual(snaps.map((s) => s.snapshotName), ['web-data-pre-migration', 'auto_20261120_1']);
    assert.equal(snaps[0].status, 'accomplished');
    assert.equal(snaps[0].progress, '100%');
    assert.equal(snaps[0].available, true);
    assert.equal(snaps[0].sourceDiskSize, '200');
    const auto = await client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotType: 'auto' }));
    assert.ok((auto.body?.snapshots?.snapshot ?? []).every((s) => s.snapshotType === 'auto'));
    const running = await client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, status: 'progressing' }));
    const creating = running.body?.snapshots?.snapshot ?? [];
    assert.equal(creating.length, 1);
    assert.equal(creating[0].sourceDiskId, diskId(sb, '数据库数据盘'));
    assert.match(creating[0].progress ?? '', /^\d{1,2}%$/);
    assert.ok((creating[0].remainTime ?? 0) > 0);
    await rejectsWith(
      client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, status: 'done' })),
      'InvalidStatus.NotFound',
      404,
    );
  });

  it('requires RegionId and refuses unknown regions', async () => {
    await rejectsWith(sdkClient(sb).describeDisks(new $Ecs.DescribeDisksRequest({})), 'MissingRegionId', 400);
    await rejectsWith(
      sdkClient(sb).describeDisks(new $Ecs.DescribeDisksRequest({ regionId: 'mars-1' })),
      'InvalidRegionId.NotFound',
      404,
    );
  });
});

describe('sandbox: CreateSnapshot rules and preconditions', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());
  const ready = () => diskId(sb, 'backup-archive');

  const formatCases: Array<[string, Partial<$Ecs.CreateSnapshotRequest>, string, number]> = [
    ['no DiskId', {}, 'MissingDiskId', 400],
    ['one-character name', { snapshotName: 'a' }, 'InvalidSnapshotName.Malformed', 400],
    ['name starting with a digit', { snapshotName: '1abc' }, 'InvalidSnapshotName.Malformed', 400],
    ['name starting with auto', { snapshotName: 'autoBackup' }, 'InvalidSnapshotName.Malformed', 400],
    ['name that is a URL', { snapshotName: 'HTTPS://x' }, 'InvalidSnapshotName.Malformed', 400],
    ['name with a space', { snapshotName: 'ab c' }, 'InvalidSnapshotName.Malformed', 400],
    ['129-character name', { snapshotName: 'a'.repeat(129) }, 'InvalidSnapshotName.Malformed', 400],
    ['one-character description', { description: 'x' }, 'InvalidDescription.Malformed', 404],
    ['description that is a URL', { description: 'Http://example.com' }, 'InvalidDescription.Malformed', 404],
    ['257-character description', { description: 'd'.repeat(257) }, 'InvalidDescription.Malformed', 404],
    ['retention 0 days', { retentionDays: 0 }, 'InvalidRetentionDays.Malformed', 400],
    ['retention 65537 days', { retentionDays: 65537 }, 'InvalidRetentionDays.Malformed', 400],
    ['retention 1.5 days', { retentionDays: 1.5 }, 'InvalidRetentionDays.Malformed', 400],
    ['retention -1 days', { retentionDays: -1 }, 'InvalidRetentionDays.Malformed', 400],
    ['empty tag key', { tag: tags([['', 'v']]) }, 'InvalidTagKey.Malformed', 400],
    ['tag key starting with aliyun', { tag: tags([['aliyunX', 'v']]) }, 'InvalidTagKey.Malformed', 400],
    ['tag key starting with acs:', { tag: tags([['acs:x', 'v']]) }, 'InvalidTagKey.Malformed', 400],
    ['tag key containing a URL', { tag: tags([['see https://x', 'v']]) }, 'InvalidTagKey.Malformed', 400],
    ['129-character tag key', { tag: tags([['k'.repeat(129), 'v']]) }, 'InvalidTagKey.Malformed', 400],
    ['tag value containing a URL', { tag: tags([['k', 'go HTTP://x']]) }, 'InvalidTagValue.Malformed', 400],
    ['129-character tag value', { tag: tags([['k', 'v'.repeat(129)]]) }, 'InvalidTagValue.Malformed', 400],
    ['duplicate tag keys', { tag: tags([['k', '1'], ['k', '2']]) }, 'Duplicate.TagKey', 400],
    ['21 tags', { tag: tags(Array.from({ length: 21 }, (_, i): [string, string] => [`k${i}`, 'v'])) }, 'QuotaExceed.Tags', 403],
    ['non-ASCII ClientToken', { clientToken: 'tökén' }, 'InvalidParameter', 400],
    ['65-character ClientToken', { clientToken: 't'.repeat(65) }, 'InvalidParameter', 400],
  ];
  for (const [title, fields, code, status] of formatCases) {
    it(`refuses ${title} with ${code} (${status})`, async () => {
      const before = sb.world.manualSnapshotCount(ready());
      const withDisk = title === 'no DiskId' ? fields : { diskId: ready(), ...fields };
      await rejectsWith(sdkClient(sb).createSnapshot(create(withDisk)), code, status);
      assert.equal(sb.world.manualSnapshotCount(ready()), before, 'nothing created');
    });
  }

  it('fills QuotaExceed.Tags with the count specified', async () => {
    const err = await rejectsWith(
      sdkClient(sb).createSnapshot(create({ diskId: ready(), tag: tags(Array.from({ length: 21 }, (_, i): [string, string] => [`k${i}`, ''])) })),
      'QuotaExceed.Tags',
    );
    assert.equal(err.data?.Message, 'The maximum number of tags is 20, you specified 21.');
  });

  it('uses the seed table messages', async () => {
    const err = await rejectsWith(sdkClient(sb).createSnapshot(create({ diskId: ready(), snapshotName: 'x' })), 'InvalidSnapshotName.Malformed');
    assert.equal(err.data?.Message, 'The specified SnapshotName is wrongly formed.');
    const desc = await rejectsWith(sdkClient(sb).createSnapshot(create({ diskId: ready(), description: 'x' })), 'InvalidDescription.Malformed');
    assert.equal(desc.data?.Message, 'The specified description is wrongly formed.');
  });

  it('checks in the documented order', async () => {
    const client = sdkClient(sb);
    await rejectsWith(client.createSnapshot(create({ snapshotName: 'x', description: 'y' })), 'MissingDiskId');
    await rejectsWith(client.createSnapshot(create({ diskId: 'd-nope', snapshotName: 'x', description: 'y' })), 'InvalidSnapshotName.Malformed');
    await rejectsWith(client.createSnapshot(create({ diskId: 'd-nope', description: 'y', retentionDays: 0 })), 'InvalidDescription.Malformed');
    await rejectsWith(client.createSnapshot(create({ diskId: 'd-nope', retentionDays: 0, tag: tags([['', '']]) })), 'InvalidRetentionDays.Malformed');
    await rejectsWith(client.createSnapshot(create({ diskId: 'd-nope', tag: tags([['', '']]), clientToken: 'ü' })), 'InvalidTagKey.Malformed');
    await rejectsWith(client.createSnapshot(create({ diskId: 'd-nope', clientToken: 'ü' })), 'InvalidParameter');
    await rejectsWith(client.createSnapshot(create({ diskId: 'd-nope' })), 'InvalidDiskId.NotFound', 404);
  });

  it('accepts names and values at the edges of the rules', async () => {
    const client = sdkClient(sb);
    for (const name of ['Automation-1', '快照', 'Ab', `a${'b'.repeat(127)}`, 'é:_.-9']) {
      const id = diskId(sb, 'backup-archive');
      sb.world.snapshotsOf(id).forEach((s) => s.progress.status === 'progressing' && sb.world.deleteSnapshot(s.snapshotId));
      const res = await client.createSnapshot(
        create({ diskId: id, snapshotName: name, description: 'http:/ not a URL', retentionDays: 65536, tag: tags([['Env', undefined], ['Aliyun', 'x']]) }),
      );
      assert.match(res.body?.snapshotId ?? '', /^s-bp1[0-9a-z]{17}$/, name);
    }
  });

  const preconditions: Array<[string, string, string, number]> = [
    ['an unknown disk', 'd-bp1doesnotexist0000', 'InvalidDiskId.NotFound', 404],
    ['an ephemeral disk', 'ephemeral-cache', 'DiskCategory.OperationNotSupported', 400],
    ['a disk in arrears', 'billing-lapsed', 'DiskInArrears', 403],
    ['a disk on a security-locked instance', 'legacy-app-system', 'InstanceLockedForSecurity', 403],
    ['a disk that is attaching', 'attaching-data', 'IncorrectDiskStatus', 403],
    ['a portable disk never attached', 'scratch-new', 'IncorrectDiskStatus.NeverAttached', 403],
    ['a disk never used', 'fresh-data', 'IncorrectDiskStatus.NeverUsed', 403],
    ['a disk with a snapshot still being created', '数据库数据盘', 'IncorrectDiskStatus.CreatingSnapshot', 403],
    ['a disk keeping 256 manual snapshots', 'logs-ssd', 'QuotaExceed.Snapshot', 403],
  ];
  for (const [title, name, code, status] of preconditions) {
    it(`refuses ${title} with ${code}`, async () => {
      const id = name.startsWith('d-') ? name : diskId(sb, name);
      await rejectsWith(sdkClient(sb).createSnapshot(create({ diskId: id, snapshotName: 'ok-name' })), code, status);
    });
  }

  it('allows an expired subscription disk (per the seed)', async () => {
    const res = await sdkClient(sb).createSnapshot(create({ diskId: diskId(sb, 'prepaid-expired') }));
    assert.ok(res.body?.snapshotId);
  });

  it('refuses when the account cannot snapshot, then recovers', async () => {
    const id = diskId(sb, 'web-01-system');
    sb.world.account.snapshotServiceEnabled = false;
    await rejectsWith(sdkClient(sb).createSnapshot(create({ diskId: id })), 'InvalidAccountStatus.SnapshotServiceUnavailable', 403);
    sb.world.account.snapshotServiceEnabled = true;
    sb.world.account.enoughBalance = false;
    await rejectsWith(sdkClient(sb).createSnapshot(create({ diskId: id })), 'InvalidAccountStatus.NotEnoughBalance', 403);
    sb.world.account.enoughBalance = true;
    const res = await sdkClient(sb).createSnapshot(create({ diskId: id }));
    assert.ok(res.body?.snapshotId);
  });

  it('answers Throttling with a retry-after the SDK reads, and InternalError as 500', async () => {
    sb.setFaults({ throttleRate: 1, retryAfterSeconds: 7 });
    try {
      const err = await rejectsWith(sdkClient(sb).createSnapshot(create({ diskId: ready() })), 'Throttling', 403);
      assert.equal(err.name, 'ThrottlingError');
      assert.equal(err.retryAfter, 7000, 'x-acs-retry-after counts milliseconds');
      sb.setFaults({ throttleRate: 0, errorRate: 1 });
      const e500 = await rejectsWith(sdkClient(sb).createSnapshot(create({ diskId: ready() })), 'InternalError', 500);
      assert.equal(e500.name, 'ServerError');
    } finally {
      sb.clearFaults();
    }
  });

  it('lets only one of many simultaneous requests for a disk through', async () => {
    const id = diskId(sb, 'db-01-system');
    const before = sb.world.manualSnapshotCount(id);
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => sdkClient(sb).createSnapshot(create({ diskId: id }))),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter(
      (r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'IncorrectDiskStatus.CreatingSnapshot',
    );
    assert.equal(ok.length, 1);
    assert.equal(refused.length, 11);
    assert.equal(sb.world.manualSnapshotCount(id), before + 1);
  });
});

describe('sandbox: ClientToken idempotency', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  it('answers a replay with the same SnapshotId and creates nothing more', async () => {
    const id = diskId(sb, '12data-disk');
    const req = () => create({ diskId: id, snapshotName: 'nightly', retentionDays: 7, tag: tags([['a', 'b']]), clientToken: 'tok-1' });
    const first = await sdkClient(sb).createSnapshot(req());
    const count = sb.world.manualSnapshotCount(id);
    // The disk now has a snapshot in progress: a replay must still succeed (idempotency comes first).
    const again = await sdkClient(sb).createSnapshot(req());
    assert.equal(again.body?.snapshotId, first.body?.snapshotId);
    assert.equal(sb.world.manualSnapshotCount(id), count);
  });

  it('refuses the same token with different parameters', async () => {
    const id = diskId(sb, '12data-disk');
    await rejectsWith(
      sdkClient(sb).createSnapshot(create({ diskId: id, snapshotName: 'other', retentionDays: 7, tag: tags([['a', 'b']]), clientToken: 'tok-1' })),
      'IdempotentParameterMismatch',
      403,
    );
    await rejectsWith(
      sdkClient(sb).createSnapshot(create({ diskId: id, snapshotName: 'nightly', retentionDays: 7, clientToken: 'tok-1' })),
      'IdempotentParameterMismatch',
      403,
    );
  });

  it('scopes tokens per region', async () => {
    const hangzhou = await sdkClient(sb).createSnapshot(create({ diskId: diskId(sb, 'web-01-system'), clientToken: 'tok-r' }));
    const shanghai = await sdkClient(sb).createSnapshot(create({ diskId: diskId(sb, 'api-sh-01-data'), clientToken: 'tok-r' }));
    assert.ok(shanghai.body?.snapshotId?.startsWith('s-uf6'));
    assert.notEqual(shanghai.body?.snapshotId, hangzhou.body?.snapshotId);
    await rejectsWith(
      sdkClient(sb).createSnapshot(create({ diskId: diskId(sb, 'db-01-system'), clientToken: 'tok-r' })),
      'IdempotentParameterMismatch',
    );
  });

  it('does not remember tokens of refused requests', async () => {
    const id = diskId(sb, 'scratch-new');
    await rejectsWith(sdkClient(sb).createSnapshot(create({ diskId: id, clientToken: 'tok-2' })), 'IncorrectDiskStatus.NeverAttached');
    const res = await sdkClient(sb).createSnapshot(create({ diskId: diskId(sb, 'backup-archive'), clientToken: 'tok-2' }));
    assert.ok(res.body?.snapshotId);
  });
});

describe('sandbox: options and the world accessor', () => {
  it('adds disks at runtime that the SDK then lists and can snapshot', async () => {
    const sb = await startSandbox({ disks: 0 });
    try {
      const client = sdkClient(sb);
      const empty = await client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION }));
      assert.equal(empty.body?.totalCount, 0);
      const added = sb.addDisks(25);
      const listed = await client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, pageSize: 100 }));
      assert.equal(listed.body?.totalCount, 25);
      assert.deepEqual(listed.body?.disks?.disk?.map((d) => d.diskId), added.map((d) => d.diskId));
      await client.createSnapshot(create({ diskId: added[0].diskId }));
      assert.equal(sb.world.manualSnapshotCount(added[0].diskId), 1);
    } finally {
      await sb.close();
    }
  });

  it('refuses nonsensical options', async () => {
    await assert.rejects(startSandbox({ timeScale: 0 }), RangeError);
    await assert.rejects(startSandbox({ failRate: 2 }), RangeError);
    await assert.rejects(startSandbox({ disks: 100_001 }), RangeError);
  });
});

describe('sandbox: paging', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox({ disks: 1234, seed: 7 })));
  after(() => sb.close());

  it('pages 1,234 disks with MaxResults=500 in exactly 3 requests', async () => {
    sb.stats.reset();
    const client = sdkClient(sb);
    const seen = new Set<string>();
    let nextToken: string | undefined;
    do {
      const res = await client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, maxResults: 500, nextToken }));
      for (const d of res.body?.disks?.disk ?? []) seen.add(d.diskId ?? '');
      nextToken = res.body?.nextToken || undefined;
    } while (nextToken);
    assert.equal(seen.size, 1234);
    assert.equal(sb.stats.byAction.DescribeDisks, 3);
    assert.equal(sb.stats.total, 3);
  });

  it('pages by number too, up to 100 per page', async () => {
    const res = await sdkClient(sb).describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, pageNumber: 13, pageSize: 100 }));
    assert.equal(res.body?.disks?.disk?.length, 34);
    assert.equal(res.body?.totalCount, 1234);
    assert.equal(res.body?.pageNumber, 13);
    await rejectsWith(sdkClient(sb).describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, pageSize: 101 })), 'InvalidParameter', 400);
  });

  it('ignores PageNumber beside MaxResults; refuses out-of-range MaxResults and foreign tokens', async () => {
    const client = sdkClient(sb);
    const mixed = await client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, maxResults: 50, pageNumber: 2 }));
    assert.equal(mixed.body?.disks?.disk?.length, 50);
    assert.ok(mixed.body?.nextToken);
    await rejectsWith(client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, maxResults: 0 })), 'InvalidParameter');
    await rejectsWith(client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, maxResults: 501 })), 'InvalidParameter');
    await rejectsWith(client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, nextToken: 'garbage' })), 'InvalidParameter');
    const first = await client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, maxResults: 10 }));
    await rejectsWith(
      client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, status: 'Available', maxResults: 10, nextToken: first.body?.nextToken })),
      'InvalidParameter',
    );
  });

  it('refuses malformed or oversized DiskIds', async () => {
    const client = sdkClient(sb);
    await rejectsWith(client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, diskIds: '["d-1"' })), 'InvalidDiskIds.Malformed', 400);
    await rejectsWith(client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, diskIds: '{"a":1}' })), 'InvalidDiskIds.Malformed');
    const many = JSON.stringify(Array.from({ length: 101 }, (_, i) => `d-${i}`));
    await rejectsWith(client.describeDisks(new $Ecs.DescribeDisksRequest({ regionId: REGION, diskIds: many })), 'InvalidDiskIds.Malformed');
    await rejectsWith(client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: '[1,2]' })), 'InvalidSnapshotIds.Malformed');
  });

  it('pages 256 snapshots of one disk with MaxResults=100 in 3 requests', async () => {
    const id = diskId(sb, 'logs-ssd');
    sb.stats.reset();
    let count = 0;
    let nextToken: string | undefined;
    do {
      const res = await sdkClient(sb).describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, diskId: id, maxResults: 100, nextToken }));
      count += res.body?.snapshots?.snapshot?.length ?? 0;
      nextToken = res.body?.nextToken || undefined;
    } while (nextToken);
    assert.equal(count, 256);
    assert.equal(sb.stats.byAction.DescribeSnapshots, 3);
  });
});

describe('sandbox: snapshot progress over time', () => {
  it('progresses with a fake clock, then is accomplished and available', async () => {
    let now = Date.UTC(2026, 0, 1);
    const sb = await startSandbox({ clock: () => now, timeScale: 1 });
    try {
      const client = sdkClient(sb);
      const id = diskId(sb, 'web-01-system'); // 40 GiB: 20 s floor + 40 s
      const { body } = await client.createSnapshot(create({ diskId: id, snapshotName: 'progress-test' }));
      const look = async () =>
        (await client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: JSON.stringify([body?.snapshotId]) })))
          .body?.snapshots?.snapshot?.[0];
      let s = await look();
      assert.deepEqual([s?.status, s?.progress, s?.remainTime, s?.available], ['progressing', '0%', 60, false]);
      now += 30_000;
      s = await look();
      assert.deepEqual([s?.status, s?.progress, s?.remainTime], ['progressing', '50%', 30]);
      await rejectsWith(client.createSnapshot(create({ diskId: id })), 'IncorrectDiskStatus.CreatingSnapshot');
      now += 30_000;
      s = await look();
      assert.deepEqual([s?.status, s?.progress, s?.remainTime, s?.available], ['accomplished', '100%', 0, true]);
      assert.equal(s?.lastModifiedTime, '2026-01-01T00:01:00Z');
      const next = await client.createSnapshot(create({ diskId: id }));
      assert.ok(next.body?.snapshotId);
    } finally {
      await sb.close();
    }
  });

  it('finishes in real time under timeScale 60', async () => {
    const sb = await startSandbox({ timeScale: 60 });
    try {
      const client = sdkClient(sb);
      const { body } = await client.createSnapshot(create({ diskId: diskId(sb, 'web-01-system') }));
      await new Promise((r) => setTimeout(r, 1100)); // 60 simulated seconds
      const res = await client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: JSON.stringify([body?.snapshotId]) }));
      assert.equal(res.body?.snapshots?.snapshot?.[0]?.status, 'accomplished');
    } finally {
      await sb.close();
    }
  });

  it('fails a configured share of snapshots midway', async () => {
    let now = Date.UTC(2026, 0, 1);
    const sb = await startSandbox({ clock: () => now, failRate: 1 });
    try {
      const client = sdkClient(sb);
      const { body } = await client.createSnapshot(create({ diskId: diskId(sb, 'web-01-system') }));
      now += 3600_000;
      const res = await client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: JSON.stringify([body?.snapshotId]) }));
      const s = res.body?.snapshots?.snapshot?.[0];
      assert.equal(s?.status, 'failed');
      assert.notEqual(s?.progress, '100%');
      assert.equal(s?.available, false);
    } finally {
      await sb.close();
    }
  });

  it('releases a snapshot after its RetentionDays', async () => {
    let now = Date.UTC(2026, 0, 1);
    const sb = await startSandbox({ clock: () => now });
    try {
      const client = sdkClient(sb);
      const { body } = await client.createSnapshot(create({ diskId: diskId(sb, 'web-01-system'), retentionDays: 1 }));
      const find = async () =>
        (await client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest({ regionId: REGION, snapshotIds: JSON.stringify([body?.snapshotId]) })))
          .body?.snapshots?.snapshot?.length;
      now += 86_399_000;
      assert.equal(await find(), 1);
      now += 1000;
      assert.equal(await find(), 0);
    } finally {
      await sb.close();
    }
  });
});

describe('sandbox: DeleteSnapshot', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  it('deletes a snapshot, then reports it not found', async () => {
    const id = diskId(sb, 'web-01-system');
    const before = sb.world.manualSnapshotCount(id);
    const snapshotId = sb.world.snapshotsOf(id)[0].snapshotId;
    await sdkClient(sb).deleteSnapshot(new $Ecs.DeleteSnapshotRequest({ snapshotId }));
    assert.equal(sb.world.manualSnapshotCount(id), before - 1);
    await rejectsWith(sdkClient(sb).deleteSnapshot(new $Ecs.DeleteSnapshotRequest({ snapshotId })), 'InvalidSnapshotId.NotFound', 404);
    await rejectsWith(sdkClient(sb).deleteSnapshot(new $Ecs.DeleteSnapshotRequest({})), 'MissingSnapshotId', 400);
  });

  it('cancels a snapshot still being created, which frees the disk', async () => {
    const id = diskId(sb, '数据库数据盘');
    const creating = sb.world.snapshotsOf(id).find((s) => s.progress.status === 'progressing');
    assert.ok(creating);
    await sdkClient(sb).deleteSnapshot(new $Ecs.DeleteSnapshotRequest({ snapshotId: creating.snapshotId }));
    const res = await sdkClient(sb).createSnapshot(create({ diskId: id }));
    assert.ok(res.body?.snapshotId);
  });
});

// The whole API through each independent client style (issue 13, "Beyond the list"): signatures
// (right, wrong secret, unknown key, replayed nonce, stale time), every action's happy path, every
// CreateSnapshot error code, and paging both ways.

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { aliyunSdk, failsWith, openApi, popCore, type Body, type Call, type Keys } from './sandboxClients';

const HOME = 'cn-hangzhou';

interface Style {
  name: string;
  make: (keys: Keys) => Call;
  /** Sends the request with a chosen nonce and time, where the client lets a caller set them. */
  pinned?: (keys: Keys, nonce: string, time: string) => Call;
}

const STYLES: Style[] = [
  { name: 'pop-core GET', make: (k) => popCore(k, 'GET'), pinned: (k, n, t) => withParams(popCore(k, 'GET'), n, t) },
  { name: 'pop-core POST', make: (k) => popCore(k, 'POST'), pinned: (k, n, t) => withParams(popCore(k, 'POST'), n, t) },
  { name: 'aliyun-sdk', make: (k) => aliyunSdk(k) },
  { name: 'openapi-client v2', make: (k) => openApi(k, { signatureAlgorithm: 'v2', inBody: /^Tag\./ }), pinned: (k, n, t) => withParams(openApi(k, { signatureAlgorithm: 'v2' }), n, t) },
  {
    name: 'openapi-client ACS3-HMAC-SHA256',
    make: (k) => openApi(k, { inBody: /^(SnapshotName|Description)$/ }),
    pinned: (k, n, t) => openApi(k, { headers: { 'x-acs-signature-nonce': n, 'x-acs-date': t } }),
  },
  { name: 'openapi-client ACS3-HMAC-SM3', make: (k) => openApi(k, { signatureAlgorithm: 'ACS3-HMAC-SM3' }) },
];

/** RPC clients take Timestamp and SignatureNonce from the caller's parameters when given. */
function withParams(call: Call, nonce: string, time: string): Call {
  return (action, params) => call(action, { ...params, SignatureNonce: nonce, Timestamp: time });
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
type Rec = Record<string, unknown>;
const list = (body: Body, outer: string, inner: string) => (body[outer] as Record<string, Rec[]>)[inner];

for (const style of STYLES) {
  describe(`sandbox through ${style.name}`, () => {
    let sb: Sandbox;
    let call: Call;
    before(async () => {
      sb = await startSandbox({ disks: 30 });
      call = style.make(sb);
    });
    after(() => sb.close());
    const disk = (name: string) => sb.world.disksIn(HOME).find((d) => d.diskName === name)!.diskId;

    it('signatures: wrong secret, unknown key, replayed nonce, stale time', async () => {
      await failsWith(style.make({ ...sb, accessKeySecret: 'WrongSecret-0001' })('DescribeRegions', {}), 'SignatureDoesNotMatch');
      await failsWith(style.make({ ...sb, accessKeyId: 'LTAI5tNobodyKnowsMe' })('DescribeRegions', {}), 'InvalidAccessKeyId.NotFound');
      if (!style.pinned) return; // this client sets nonce and time itself
      const nonce = randomUUID();
      const now = isoSeconds(Date.now());
      assert.ok((await style.pinned(sb, nonce, now)('DescribeRegions', {})).Regions);
      await failsWith(style.pinned(sb, nonce, now)('DescribeRegions', {}), 'SignatureNonceUsed');
      await failsWith(style.pinned(sb, randomUUID(), isoSeconds(Date.now() - 20 * 60_000))('DescribeRegions', {}), 'InvalidTimeStamp.Expired');
    });

    it('every action: regions, disks, snapshots, instances and their status, create and delete', async () => {
      const regions = list(await call('DescribeRegions', {}), 'Regions', 'Region');
      assert.ok(regions.some((r) => r.RegionId === HOME));
      assert.equal(list(await call('DescribeDisks', { RegionId: HOME, DiskIds: JSON.stringify([disk('web-01-data')]) }), 'Disks', 'Disk')[0].DiskName, 'web-01-data');
      assert.ok(list(await call('DescribeSnapshots', { RegionId: HOME, DiskId: disk('web-01-data') }), 'Snapshots', 'Snapshot').length >= 2);
      const instances = list(await call('DescribeInstances', { RegionId: HOME }), 'Instances', 'Instance');
      assert.ok(instances.length >= 3);
      assert.ok(list(await call('DescribeInstanceStatus', { RegionId: HOME }), 'InstanceStatuses', 'InstanceStatus').length >= 3);
      const [fresh] = sb.addDisks(1);
      const created = await call('CreateSnapshot', { DiskId: fresh.diskId, SnapshotName: 'via-client', Description: 'made by a client', 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' });
      const id = created.SnapshotId as string;
      const seen = list(await call('DescribeSnapshots', { RegionId: HOME, SnapshotIds: JSON.stringify([id]) }), 'Snapshots', 'Snapshot');
      assert.equal(seen[0].SnapshotName, 'via-client');
      assert.equal(seen[0].Description, 'made by a client');
      await call('DeleteSnapshot', { SnapshotId: id, Force: 'true' });
      assert.equal(sb.world.snapshots.has(id), false);
    });

    it('every CreateSnapshot error code', async () => {
      const [healthy, other] = sb.addDisks(2).map((d) => d.diskId);
      const cases: Array<[string, Record<string, string>]> = [
        ['MissingDiskId', {}],
        ['InvalidSnapshotName.Malformed', { DiskId: healthy, SnapshotName: 'auto-1' }],
        ['InvalidDescription.Malformed', { DiskId: healthy, Description: 'http://example.com' }],
        ['InvalidRetentionDays.Malformed', { DiskId: healthy, RetentionDays: '0' }],
        ['QuotaExceed.Tags', { DiskId: healthy, 'Tag.21.Key': 'k' }],
        ['InvalidTagKey.Malformed', { DiskId: healthy, 'Tag.1.Key': 'acs:k' }],
        ['InvalidTagValue.Malformed', { DiskId: healthy, 'Tag.1.Key': 'k', 'Tag.1.Value': 'https://x' }],
        ['Duplicate.TagKey', { DiskId: healthy, 'Tag.1.Key': 'k', 'Tag.2.Key': 'k' }],
        ['InvalidParameter', { DiskId: healthy, ClientToken: 'x'.repeat(65) }],
        ['InvalidSnapshotCategory.Malformed', { DiskId: healthy, Category: 'Premium' }],
        ['InvalidDiskId.NotFound', { DiskId: 'd-nosuchdisk000000' }],
        ['InvalidResourceGroup.NotFound', { DiskId: healthy, ResourceGroupId: 'rg-nosuchgroup' }],
        ['DiskCategory.OperationNotSupported', { DiskId: disk('ephemeral-cache') }],
        ['DiskInArrears', { DiskId: disk('billing-lapsed') }],
        ['InstanceLockedForSecurity', { DiskId: disk('legacy-app-system') }],
        ['IncorrectDiskStatus', { DiskId: disk('attaching-data') }],
        ['IncorrectDiskStatus.NeverAttached', { DiskId: disk('scratch-new') }],
        ['IncorrectDiskStatus.NeverUsed', { DiskId: disk('fresh-data') }],
        ['IncorrectDiskStatus.CreatingSnapshot', { DiskId: disk('数据库数据盘') }],
        ['QuotaExceed.Snapshot', { DiskId: disk('logs-ssd') }],
      ];
      for (const [code, params] of cases) await failsWith(call('CreateSnapshot', params), code);
      sb.world.account.snapshotServiceEnabled = false;
      await failsWith(call('CreateSnapshot', { DiskId: healthy }), 'InvalidAccountStatus.SnapshotServiceUnavailable');
      sb.world.account.snapshotServiceEnabled = true;
      sb.world.account.enoughBalance = false;
      await failsWith(call('CreateSnapshot', { DiskId: healthy }), 'InvalidAccountStatus.NotEnoughBalance');
      sb.world.account.enoughBalance = true;
      const token = randomUUID();
      const first = await call('CreateSnapshot', { DiskId: other, ClientToken: token, SnapshotName: 'once' });
      assert.equal((await call('CreateSnapshot', { DiskId: other, ClientToken: token, SnapshotName: 'once' })).SnapshotId, first.SnapshotId);
      await failsWith(call('CreateSnapshot', { DiskId: other, ClientToken: token, SnapshotName: 'twice' }), 'IdempotentParameterMismatch');
    });

    it('paging both ways: PageNumber/PageSize and MaxResults/NextToken', async () => {
      const total = sb.world.disksIn(HOME).length;
      const byNumber: string[] = [];
      for (let page = 1; byNumber.length < total; page++) {
        const body = await call('DescribeDisks', { RegionId: HOME, PageNumber: String(page), PageSize: '7' });
        assert.equal(body.TotalCount, total);
        byNumber.push(...list(body, 'Disks', 'Disk').map((d) => d.DiskId as string));
      }
      const byToken: string[] = [];
      let next = '';
      do {
        const body = await call('DescribeDisks', { RegionId: HOME, MaxResults: '11', ...(next ? { NextToken: next } : {}) });
        byToken.push(...list(body, 'Disks', 'Disk').map((d) => d.DiskId as string));
        next = body.NextToken as string;
      } while (next);
      assert.equal(new Set(byNumber).size, total);
      assert.deepEqual(byToken, byNumber);
    });
  });
}

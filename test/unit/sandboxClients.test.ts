// The sandbox driven by independent Alibaba Cloud clients (issue 13): every official SDK style that
// real ECS accepts is accepted here, and answered like the cloud answers.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { aliyunSdk, failsWith, openApi, popCore, type Body, type Call } from './sandboxClients';

const HOME = 'cn-hangzhou';

describe('sandbox clients: RPC parameters in a POST form body (item 1)', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  const styles: Array<[string, () => Call]> = [
    ['pop-core POST', () => popCore(sb, 'POST')],
    ['aliyun-sdk', () => aliyunSdk(sb)],
    ['pop-core GET', () => popCore(sb, 'GET')],
  ];
  for (const [name, client] of styles) {
    it(`${name}: a correct request is served, a wrong secret refused`, async () => {
      const res = await client()('DescribeDisks', { RegionId: HOME, PageSize: '3' });
      assert.equal((res.Disks as { Disk: unknown[] }).Disk.length, 3);
      assert.equal(res.TotalCount, sb.world.disksIn(HOME).length);
      const wrong = name === 'aliyun-sdk' ? aliyunSdk({ ...sb, accessKeySecret: 'WrongSecret0001' }) : popCore({ ...sb, accessKeySecret: 'WrongSecret0001' }, name.endsWith('GET') ? 'GET' : 'POST');
      const f = await failsWith(wrong('DescribeRegions', {}), 'SignatureDoesNotMatch');
      assert.ok(!f.message.includes('WrongSecret0001') && !f.message.includes(sb.accessKeySecret));
    });
  }

  it('aliyun-sdk: CreateSnapshot with its parameters in the form body creates it', async () => {
    const disk = sb.world.disksIn(HOME).find((d) => d.diskName === 'web-01-data')!;
    const res = await aliyunSdk(sb)('CreateSnapshot', { DiskId: disk.diskId, SnapshotName: 'form-body', 'Tag.1.Key': 'via', 'Tag.1.Value': 'form' });
    const snap = sb.world.snapshots.get(res.SnapshotId as string);
    assert.equal(snap?.snapshotName, 'form-body');
    assert.deepEqual(snap?.tags, [{ key: 'via', value: 'form' }]);
  });
});

describe('sandbox clients: RPC signature over query and body together (item 2)', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  it('openapi-client v2 with part of the parameters in the query and part in the body', async () => {
    const call = openApi(sb, { signatureAlgorithm: 'v2', inBody: /^(PageSize|DiskName)$/ });
    const res: Body = await call('DescribeDisks', { RegionId: HOME, PageSize: '2', DiskName: 'web-01-data' });
    assert.equal(res.TotalCount, 1);
    await failsWith(openApi({ ...sb, accessKeySecret: 'nope-nope' }, { signatureAlgorithm: 'v2', inBody: /^PageSize$/ })('DescribeDisks', { RegionId: HOME, PageSize: '2' }), 'SignatureDoesNotMatch', 400);
  });

  it('a body parameter changed after signing is detected', async () => {
    // The same request, but the server sees another body: the RPC signature covers the body too.
    const { request } = await import('node:http');
    const { createHmac } = await import('node:crypto');
    const { encode3986 } = await import('./sandboxHelpers');
    const params: Record<string, string> = {
      AccessKeyId: sb.accessKeyId, Action: 'DescribeDisks', Format: 'JSON', RegionId: HOME, SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: `n-${Date.now()}`, SignatureVersion: '1.0', Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Version: '2014-05-26', DiskName: 'web-01-data',
    };
    const canonical = Object.keys(params).sort().map((k) => `${encode3986(k)}=${encode3986(params[k])}`).join('&');
    const signature = createHmac('sha1', `${sb.accessKeySecret}&`).update(`POST&%2F&${encode3986(canonical)}`).digest('base64');
    const form = (name: string) => Object.entries({ ...params, DiskName: name, Signature: signature }).map(([k, v]) => `${k}=${encode3986(v)}`).join('&');
    const send = (body: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const [host, port] = sb.endpoint.split(':');
        const req = request({ host, port: Number(port), method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const ok = await send(form('web-01-data'));
    assert.equal(ok.status, 200, ok.body);
    const tampered = await send(form('db-01-system').replace(/SignatureNonce=[^&]+/, 'SignatureNonce=n-other'));
    assert.equal(tampered.status, 400);
    assert.equal((JSON.parse(tampered.body) as Body).Code, 'SignatureDoesNotMatch');
  });
});

describe('sandbox clients: ACS3 signatures from openapi-client (item 3)', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  for (const signatureAlgorithm of ['ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3'] as const) {
    it(`${signatureAlgorithm}: query, form body and a wrong secret`, async () => {
      const res = await openApi(sb, { signatureAlgorithm })('DescribeDisks', { RegionId: HOME, DiskName: 'web-01-data' });
      assert.equal(res.TotalCount, 1);
      const inBody = await openApi(sb, { signatureAlgorithm, inBody: /^DiskName$/ })('DescribeDisks', { RegionId: HOME, DiskName: 'db-01-system' });
      assert.equal(inBody.TotalCount, 1);
      await failsWith(openApi({ ...sb, accessKeySecret: 'nope-nope' }, { signatureAlgorithm })('DescribeRegions', {}), 'SignatureDoesNotMatch', 400);
    });
  }
});

describe('sandbox clients: paging like the reference (items 4, 5)', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox({ disks: 40 })));
  after(() => sb.close());

  it('DescribeDisks takes MaxResults from 1 to 500 (item 4)', async () => {
    const call = popCore(sb, 'GET');
    for (const n of [1, 5, 9]) {
      const res = await call('DescribeDisks', { RegionId: HOME, MaxResults: String(n) });
      assert.equal((res.Disks as { Disk: unknown[] }).Disk.length, n);
      assert.ok(res.NextToken, 'more pages follow');
    }
    await failsWith(call('DescribeDisks', { RegionId: HOME, MaxResults: '0' }), 'InvalidParameter');
    await failsWith(call('DescribeDisks', { RegionId: HOME, MaxResults: '501' }), 'InvalidParameter');
  });

  it('with NextToken or MaxResults, PageNumber/PageSize have no effect (item 5)', async () => {
    const call = openApi(sb);
    const ids = async (res: Body) => (res.Disks as { Disk: Array<{ DiskId: string }> }).Disk.map((d) => d.DiskId);
    const first = await call('DescribeDisks', { RegionId: HOME, MaxResults: '7', PageNumber: '3', PageSize: '2' });
    assert.equal((await ids(first)).length, 7);
    const plain = await call('DescribeDisks', { RegionId: HOME, MaxResults: '7' });
    assert.deepEqual(await ids(first), await ids(plain));
    const second = await call('DescribeDisks', { RegionId: HOME, MaxResults: '7', NextToken: first.NextToken as string, PageSize: '50', PageNumber: '9' });
    const all = await call('DescribeDisks', { RegionId: HOME, MaxResults: '14' });
    assert.deepEqual([...(await ids(first)), ...(await ids(second))], await ids(all));
  });
});

describe('sandbox clients: tags in both spellings (item 6)', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());
  const diskNamed = (name: string) => sb.world.disksIn(HOME).find((d) => d.diskName === name)!;

  it('CreateSnapshot keeps tags given as the deprecated Tag.N.key / Tag.N.value', async () => {
    const call = popCore(sb, 'POST');
    const res = await call('CreateSnapshot', { DiskId: diskNamed('web-01-system').diskId, 'Tag.1.key': 'owner', 'Tag.1.value': 'ops', 'Tag.2.Key': 'env', 'Tag.2.Value': 'dev' });
    assert.deepEqual(sb.world.snapshots.get(res.SnapshotId as string)?.tags, [{ key: 'owner', value: 'ops' }, { key: 'env', value: 'dev' }]);
    await failsWith(call('CreateSnapshot', { DiskId: diskNamed('db-01-system').diskId, 'Tag.1.key': 'aliyun-reserved' }), 'InvalidTagKey.Malformed');
  });

  it('DescribeDisks and DescribeSnapshots filter by Tag.N.key / Tag.N.value', async () => {
    const call = aliyunSdk(sb);
    const disks = await call('DescribeDisks', { RegionId: HOME, 'Tag.1.key': 'team', 'Tag.1.value': 'web' });
    assert.deepEqual((disks.Disks as { Disk: Array<{ DiskName: string }> }).Disk.map((d) => d.DiskName), ['web-01-data']);
    const snaps = await call('DescribeSnapshots', { RegionId: HOME, 'Tag.1.key': 'owner', 'Tag.1.value': 'alice' });
    assert.deepEqual((snaps.Snapshots as { Snapshot: Array<{ SnapshotName: string }> }).Snapshot.map((s) => s.SnapshotName), ['before-detach']);
  });
});

describe('sandbox clients: CreateSnapshot refuses what ECS refuses (items 7, 8)', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());
  const disk = () => sb.world.disksIn(HOME).find((d) => d.diskName === 'backup-archive')!.diskId;

  it('an unknown Category is InvalidSnapshotCategory.Malformed (403); Standard and Flash are fine (item 7)', async () => {
    const call = openApi(sb);
    await failsWith(call('CreateSnapshot', { DiskId: disk(), Category: 'Premium' }), 'InvalidSnapshotCategory.Malformed', 403);
    const ok = await call('CreateSnapshot', { DiskId: disk(), Category: 'Standard' });
    assert.match(ok.SnapshotId as string, /^s-/);
    sb.world.deleteSnapshot(ok.SnapshotId as string);
    assert.match((await call('CreateSnapshot', { DiskId: disk(), Category: 'flash' })).SnapshotId as string, /^s-/);
  });

  it('an unknown ResourceGroupId is InvalidResourceGroup.NotFound (404); a known one is kept (item 8)', async () => {
    const call = aliyunSdk(sb);
    const other = sb.world.disksIn(HOME).find((d) => d.diskName === '12data-disk')!.diskId;
    await failsWith(call('CreateSnapshot', { DiskId: other, ResourceGroupId: 'rg-doesnotexist0000' }), 'InvalidResourceGroup.NotFound', 404);
    const [group] = sb.world.resourceGroups.keys();
    const res = await call('CreateSnapshot', { DiskId: other, ResourceGroupId: group });
    assert.equal(sb.world.snapshots.get(res.SnapshotId as string)?.resourceGroupId, group);
    const listed = await call('DescribeSnapshots', { RegionId: HOME, SnapshotIds: JSON.stringify([res.SnapshotId]) });
    assert.equal((listed.Snapshots as { Snapshot: Array<{ ResourceGroupId: string }> }).Snapshot[0].ResourceGroupId, group);
  });
});

describe('sandbox clients: Describe* refusals with the reference codes (items 9, 10, 11)', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  it('DescribeSnapshots refuses an unknown SourceDiskType; System/Data in any case filter (item 9)', async () => {
    const call = popCore(sb, 'GET');
    await failsWith(call('DescribeSnapshots', { RegionId: HOME, SourceDiskType: 'Floppy' }), 'InvalidParameter');
    const system = await call('DescribeSnapshots', { RegionId: HOME, SourceDiskType: 'system' });
    const types = (system.Snapshots as { Snapshot: Array<{ SourceDiskType: string }> }).Snapshot.map((s) => s.SourceDiskType);
    assert.ok(types.length > 0 && types.every((t) => t === 'System'));
    const data = await call('DescribeSnapshots', { RegionId: HOME, SourceDiskType: 'Data', MaxResults: '10' });
    assert.ok((data.TotalCount as number) > 0);
  });

  it('more than 100 ids is 403 InvalidDiskIds.Malformed / InvalidSnapshotIds.Malformed (item 10)', async () => {
    const call = openApi(sb);
    const many = (p: string) => JSON.stringify(Array.from({ length: 101 }, (_, i) => `${p}-${i}`));
    await failsWith(call('DescribeDisks', { RegionId: HOME, DiskIds: many('d') }), 'InvalidDiskIds.Malformed', 403);
    await failsWith(call('DescribeSnapshots', { RegionId: HOME, SnapshotIds: many('s') }), 'InvalidSnapshotIds.Malformed', 403);
    const hundred = JSON.stringify(Array.from({ length: 100 }, (_, i) => `d-${i}`));
    assert.equal((await call('DescribeDisks', { RegionId: HOME, DiskIds: hundred })).TotalCount, 0);
  });

  it('an invalid Status or SnapshotType is 404 InvalidStatus.NotFound / InvalidSnapshotType.NotFound (item 11)', async () => {
    const call = openApi(sb, { signatureAlgorithm: 'v2' });
    await failsWith(call('DescribeSnapshots', { RegionId: HOME, Status: 'done' }), 'InvalidStatus.NotFound', 404);
    await failsWith(call('DescribeSnapshots', { RegionId: HOME, SnapshotType: 'manual' }), 'InvalidSnapshotType.NotFound', 404);
    assert.ok(((await call('DescribeSnapshots', { RegionId: HOME, Status: 'accomplished', SnapshotType: 'user' })).TotalCount as number) > 0);
  });
});

describe('sandbox clients: Format=XML (item 13)', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  it('openapi-client asking Format=XML gets an XML answer with the same content', async () => {
    const call = openApi(sb, { signatureAlgorithm: 'v2', bodyType: 'string' });
    const xml = (await call('DescribeDisks', { RegionId: HOME, Format: 'XML', PageSize: '2' })) as unknown as string;
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<DescribeDisksResponse>/);
    assert.match(xml, /<RequestId>[0-9A-F-]{36}<\/RequestId>/);
    assert.equal((xml.match(/<Disk>/g) ?? []).length, 2);
    assert.match(xml, /<TotalCount>\d+<\/TotalCount>/);
    assert.match(xml, /<\/DescribeDisksResponse>$/);
    const json = (await call('DescribeDisks', { RegionId: HOME, Format: 'json', PageSize: '2' })) as unknown as string;
    assert.equal((JSON.parse(json) as Body).PageSize, 2);
  });

  it('an RPC request without Format is answered in XML, errors included; ACS3 stays JSON', async () => {
    const { createHmac, randomUUID } = await import('node:crypto');
    const { encode3986, rawRequest } = await import('./sandboxHelpers');
    const rpc = (extra: Record<string, string>) => {
      const params: Record<string, string> = {
        AccessKeyId: sb.accessKeyId, Action: 'DescribeRegions', SignatureMethod: 'HMAC-SHA1', SignatureNonce: randomUUID(),
        SignatureVersion: '1.0', Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), Version: '2014-05-26', ...extra,
      };
      const canonical = Object.keys(params).sort().map((k) => `${encode3986(k)}=${encode3986(params[k])}`).join('&');
      params.Signature = createHmac('sha1', `${sb.accessKeySecret}&`).update(`GET&%2F&${encode3986(canonical)}`).digest('base64');
      return rawRequest(sb.endpoint, { method: 'GET', rawQuery: Object.keys(params).map((k) => `${k}=${encode3986(params[k])}`).join('&') });
    };
    const ok = await rpc({});
    assert.equal(ok.status, 200);
    assert.match(String(ok.headers['content-type']), /^text\/xml/);
    assert.match(ok.body, /<DescribeRegionsResponse><RequestId>.*<Regions><Region><RegionId>cn-hangzhou<\/RegionId>/s);
    const bad = await rpc({ Action: 'LaunchRockets' });
    assert.equal(bad.status, 404);
    assert.match(bad.body, /<Error><RequestId>[0-9A-F-]{36}<\/RequestId><HostId>.*<\/HostId><Code>InvalidAction\.NotFound<\/Code><Message>/s);
    const acs3 = await openApi(sb)('DescribeRegions', {});
    assert.ok(acs3.Regions, 'ACS3 without Format: JSON');
  });
});

describe('sandbox clients: answers carry the documented fields (item 12)', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());
  type Rec = Record<string, unknown>;
  const hasTypes = (what: string, rec: Rec, fields: Record<string, string>) => {
    for (const [name, type] of Object.entries(fields)) assert.equal(typeof rec[name], type, `${what}.${name}`);
  };

  it('disks: IOPS, image, policy, KMS, mount and storage-set fields; PerformanceLevel only for ESSD', async () => {
    const res = await aliyunSdk(sb)('DescribeDisks', { RegionId: HOME, PageSize: '100' });
    const disks = (res.Disks as { Disk: Rec[] }).Disk;
    for (const d of disks) {
      hasTypes(String(d.DiskName), d, {
        IOPS: 'number', IOPSRead: 'number', IOPSWrite: 'number', ImageId: 'string', SourceSnapshotId: 'string',
        AutoSnapshotPolicyId: 'string', KMSKeyId: 'string', MountInstanceNum: 'number', ProductCode: 'string',
        StorageSetId: 'string', BdfId: 'string', ResourceGroupId: 'string',
      });
      assert.equal('PerformanceLevel' in d, String(d.Category).startsWith('cloud_essd'), `PerformanceLevel of ${String(d.DiskName)}`);
      assert.ok((d.IOPS as number) > 0);
    }
    const system = disks.find((d) => d.DiskName === 'web-01-system')!;
    assert.match(system.ImageId as string, /\S/);
    assert.equal(disks.find((d) => d.DiskName === 'web-01-data')!.ImageId, '');
    assert.ok(sb.world.resourceGroups.has(system.ResourceGroupId as string));
    const again = await aliyunSdk(sb)('DescribeDisks', { RegionId: HOME, PageSize: '100' });
    assert.deepEqual((again.Disks as { Disk: Rec[] }).Disk, disks, 'deterministic');
  });

  it('snapshots: InstantAccessRetentionDays, KMSKeyId, SnapshotSN, ProductCode', async () => {
    const res = await popCore(sb, 'GET')('DescribeSnapshots', { RegionId: HOME, MaxResults: '100' });
    const snaps = (res.Snapshots as { Snapshot: Rec[] }).Snapshot;
    assert.ok(snaps.length > 0);
    for (const s of snaps) {
      hasTypes(String(s.SnapshotName), s, { InstantAccessRetentionDays: 'number', KMSKeyId: 'string', SnapshotSN: 'string', ProductCode: 'string' });
      assert.match(s.SnapshotSN as string, /^\d+-\d+-\d+$/);
    }
    assert.equal(new Set(snaps.map((s) => s.SnapshotSN)).size, snaps.length, 'SnapshotSN is unique');
  });

  it('instances: tags, host name, image, type, CPU, memory, VPC, zone, expiry, charge type, stopped mode', async () => {
    const res = await openApi(sb)('DescribeInstances', { RegionId: HOME });
    const instances = (res.Instances as { Instance: Rec[] }).Instance;
    assert.ok(instances.length > 0);
    for (const i of instances) {
      hasTypes(String(i.InstanceName), i, {
        HostName: 'string', ImageId: 'string', InstanceType: 'string', Cpu: 'number', Memory: 'number', ZoneId: 'string',
        ExpiredTime: 'string', InstanceChargeType: 'string', StoppedMode: 'string', OSName: 'string', InstanceNetworkType: 'string',
      });
      assert.ok(Array.isArray((i.Tags as { Tag: unknown[] }).Tag));
      const vpc = i.VpcAttributes as { VpcId: string; VSwitchId: string; PrivateIpAddress: { IpAddress: string[] } };
      assert.match(vpc.VpcId, /^vpc-/);
      assert.match(vpc.VSwitchId, /^vsw-/);
      assert.match(vpc.PrivateIpAddress.IpAddress[0], /^172\.16\.\d+\.\d+$/);
      assert.match(i.ExpiredTime as string, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
    }
  });
});

describe('sandbox clients: other request paths of each style', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());
  const disk = (name: string) => sb.world.disksIn(HOME).find((d) => d.diskName === name)!.diskId;

  it('ACS3 over GET, and ACS3 with a JSON body (lists flattened as Tag.N.Key)', async () => {
    const viaGet = await openApi(sb, { method: 'GET' })('DescribeDisks', { RegionId: HOME, DiskName: 'web-01-data' });
    assert.equal(viaGet.TotalCount, 1);
    const json = openApi(sb, { jsonBody: true, inBody: /^(DiskName|PageSize)$/ });
    assert.equal((await json('DescribeDisks', { RegionId: HOME, DiskName: 'db-01-system', PageSize: '5' })).TotalCount, 1);
    const client = new (await import('@alicloud/openapi-client')).default(
      new (await import('@alicloud/openapi-client')).Config({ accessKeyId: sb.accessKeyId, accessKeySecret: sb.accessKeySecret, endpoint: sb.endpoint, protocol: 'http', regionId: HOME }),
    );
    const $OpenApi = await import('@alicloud/openapi-client');
    const $Util = await import('@alicloud/tea-util');
    const res = (await client.callApi(
      new $OpenApi.Params({ action: 'CreateSnapshot', version: '2014-05-26', protocol: 'HTTP', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'json', bodyType: 'json' }),
      new $OpenApi.OpenApiRequest({ body: { DiskId: disk('backup-archive'), SnapshotName: 'json-body', Tag: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] } }),
      new $Util.RuntimeOptions({}),
    )) as { body: Body };
    const snap = sb.world.snapshots.get(res.body.SnapshotId as string);
    assert.equal(snap?.snapshotName, 'json-body');
    assert.deepEqual(snap?.tags, [{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
  });

  it('a JSON body that is not an object is refused with an ECS error', async () => {
    const { rawRequest, errorBodyOf } = await import('./sandboxHelpers');
    const res = await rawRequest(sb.endpoint, {
      accessKeyId: sb.accessKeyId, secret: sb.accessKeySecret, action: 'DescribeRegions', body: '[1,2', extraHeaders: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 400);
    assert.equal(errorBodyOf(res).Code, 'InvalidParameter');
  });
});

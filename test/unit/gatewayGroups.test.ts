// Snapshot-consistent groups over real HTTP: what CreateSnapshotGroup, DescribeSnapshotGroups,
// DeleteSnapshotGroup and ModifySnapshotGroup send (DiskId.N, ExcludeDiskId.N, Tag.N.Key, paging,
// batches of 10 ids), how the answers map (Key/Value tags, "42%" progress, per-member outcomes), and
// when a request is re-sent: CreateSnapshotGroup on its own ClientToken, DeleteSnapshotGroup (no
// token) never once an attempt may have run.
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createEcsGateway, type EcsGatewayOptions } from '../../src/ecs/createEcsGateway';
import type { EcsGateway } from '../../src/ecs/gateway';
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
    credentials: { type: 'accessKey', accessKeyId: 'LTAI5tGroupsGw000001', accessKeySecret: 'GroupsGatewaySecret-0123456789' },
    regionId: 'cn-hangzhou',
    endpoint: server.endpoint,
    sleep: async () => undefined,
    random: () => 0,
    ...overrides,
  });
}

/** The wire names of what was sent, without the signing/common ones. */
function sentParams(query: URLSearchParams): Record<string, string> {
  const common = new Set(['Action', 'Version', 'Format', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'AccessKeyId', 'Signature']);
  return Object.fromEntries([...query.entries()].filter(([k]) => !common.has(k)));
}

const created: ScriptedAnswer = { body: { RequestId: 'req-created', SnapshotGroupId: 'ssg-bp1group0001' } };
const internal500: ScriptedAnswer = { status: 500, body: ecsError('InternalError', 'The request processing has failed due to some unknown error.') };
const html502: ScriptedAnswer = { status: 502, body: '<html><body>502 Bad Gateway</body></html>' };
const throttled: ScriptedAnswer = { status: 403, body: ecsError('Throttling.User', 'Request was denied due to user flow control.') };
const processing: ScriptedAnswer = { status: 403, body: ecsError('IdempotentProcessing', 'The previous idempotent request(s) is still processing.') };

describe('CreateSnapshotGroup: what is sent', () => {
  it('an instance less some disks: InstanceId, ExcludeDiskId.N, Name, Description, Tag.N, ClientToken, nothing deprecated', async () => {
    server.script(created);
    const id = await gateway().createSnapshotGroup({
      regionId: 'cn-hangzhou',
      instanceId: 'i-bp1web01',
      excludeDiskIds: ['d-bp1shared', 'd-bp1scratch'],
      name: 'web-01:pre-upgrade',
      description: 'before the upgrade',
      tags: [
        { key: 'ecs-snapshots:quick-backup', value: 'true' },
        { key: 'team', value: '' },
      ],
      clientToken: 'group-intent-1',
    });
    assert.equal(id, 'ssg-bp1group0001');
    assert.equal(server.seen.length, 1);
    assert.equal(server.seen[0].action, 'CreateSnapshotGroup');
    assert.deepEqual(sentParams(server.seen[0].query), {
      RegionId: 'cn-hangzhou',
      InstanceId: 'i-bp1web01',
      'ExcludeDiskId.1': 'd-bp1shared',
      'ExcludeDiskId.2': 'd-bp1scratch',
      Name: 'web-01:pre-upgrade',
      Description: 'before the upgrade',
      'Tag.1.Key': 'ecs-snapshots:quick-backup',
      'Tag.1.Value': 'true',
      'Tag.2.Key': 'team',
      'Tag.2.Value': '',
      ClientToken: 'group-intent-1',
    });
  });

  it('a list of disks: DiskId.N only, no InstanceId, and nothing for the fields not given', async () => {
    server.script(created);
    await gateway().createSnapshotGroup({ regionId: 'cn-hangzhou', diskIds: ['d-1', 'd-2', 'd-3'], clientToken: 't-2' });
    assert.deepEqual(sentParams(server.seen[0].query), {
      RegionId: 'cn-hangzhou',
      'DiskId.1': 'd-1',
      'DiskId.2': 'd-2',
      'DiskId.3': 'd-3',
      ClientToken: 't-2',
    });
  });

  it('is refused before sending: no instance and no disks, both disk lists, a missing or unusable ClientToken', async () => {
    const gw = gateway();
    const calls = [
      gw.createSnapshotGroup({ regionId: 'cn-hangzhou', clientToken: 't' }),
      gw.createSnapshotGroup({ regionId: 'cn-hangzhou', diskIds: [], clientToken: 't' }),
      gw.createSnapshotGroup({ regionId: 'cn-hangzhou', instanceId: 'i-1', diskIds: ['d-1'], excludeDiskIds: ['d-2'], clientToken: 't' }),
      gw.createSnapshotGroup({ regionId: 'cn-hangzhou', instanceId: 'i-1', clientToken: '' }),
      gw.createSnapshotGroup({ regionId: 'cn-hangzhou', instanceId: 'i-1', clientToken: 'x'.repeat(65) }),
      gw.createSnapshotGroup({ regionId: 'cn-hangzhou', instanceId: 'i-1', clientToken: 'tokén' }),
    ];
    for (const call of calls) {
      const error = await rejection(call);
      assert.equal(error.action, 'CreateSnapshotGroup');
      assert.notEqual(error.outcomeUnknown, true);
    }
    assert.equal(server.seen.length, 0);
  });
});

describe('CreateSnapshotGroup: retried on the same ClientToken', () => {
  it('a 500, an HTML 502, a dropped answer and IdempotentProcessing are re-sent with the one token; the group is returned', async () => {
    server.script(internal500, html502, { drop: true }, processing, created);
    const id = await gateway().createSnapshotGroup({ regionId: 'cn-hangzhou', instanceId: 'i-1', clientToken: 'intent-7' });
    assert.equal(id, 'ssg-bp1group0001');
    assert.equal(server.seen.length, 5);
    assert.deepEqual(new Set(server.seen.map((r) => r.query.get('ClientToken'))), new Set(['intent-7']));
    assert.equal(new Set(server.seen.map((r) => r.headers['x-acs-signature-nonce'])).size, 5, 'a fresh nonce per attempt');
  });

  it('every attempt failing after one may have run ends outcomeUnknown (the group may exist)', async () => {
    server.script(internal500, throttled);
    const error = await rejection(gateway({ retry: { maxAttempts: 3 } }).createSnapshotGroup({ regionId: 'cn-hangzhou', instanceId: 'i-1', clientToken: 't' }));
    assert.equal(server.seen.length, 3);
    assert.equal(error.outcomeUnknown, true);
  });

  it('a coded refusal is sent once and is not outcomeUnknown', async () => {
    server.script({ status: 403, body: ecsError('InvalidOperation.MultiAttachDisk', 'The multi-attach disk is not supported.') });
    const error = await rejection(gateway().createSnapshotGroup({ regionId: 'cn-hangzhou', instanceId: 'i-1', clientToken: 't' }));
    assert.equal(server.seen.length, 1);
    assert.equal(error.code, 'InvalidOperation.MultiAttachDisk');
    assert.equal(error.action, 'CreateSnapshotGroup');
    assert.notEqual(error.outcomeUnknown, true);
  });

  it('a success without a group id is a protocol error with outcomeUnknown (ECS said yes)', async () => {
    server.script({ body: { RequestId: 'req-empty' } });
    const error = await rejection(gateway().createSnapshotGroup({ regionId: 'cn-hangzhou', instanceId: 'i-1', clientToken: 't' }));
    assert.equal(error.kind, 'protocol');
    assert.equal(error.outcomeUnknown, true);
  });
});

function group(id: string, extra: Record<string, unknown> = {}) {
  return {
    SnapshotGroupId: id,
    Name: `name-${id}`,
    Description: 'before the upgrade',
    Status: 'progressing',
    CreationTime: '2026-12-02T05:00:00Z',
    InstanceId: 'i-bp1web01',
    ProgressStatus: null,
    Tags: { Tag: [{ Key: 'ecs-snapshots:quick-backup', Value: 'true' }] },
    Snapshots: {
      Snapshot: [
        {
          SnapshotId: `s-${id}-sys`,
          SourceDiskId: 'd-sys',
          SourceDiskType: 'system',
          Progress: '42%',
          Available: true,
          InstantAccess: true,
          Tags: { Tag: [{ Key: 'acs:ecs:createFrom', Value: 'i-bp1web01' }] },
        },
        { SnapshotId: `s-${id}-data`, SourceDiskId: 'd-data', SourceDiskType: 'data', Progress: '', Available: false },
      ],
    },
    ...extra,
  };
}

describe('DescribeSnapshotGroups', () => {
  it('maps a page: members with numeric progress, availability and Key/Value tags; the NextToken continues', async () => {
    server.script({ body: { RequestId: 'r', NextToken: 'page-2', SnapshotGroups: { SnapshotGroup: [group('ssg-1'), group('ssg-2', { InstanceId: '', Status: 'accomplished' })] } } });
    const page = await gateway().describeSnapshotGroups({ regionId: 'cn-hangzhou', instanceId: 'i-bp1web01', statuses: ['progressing', 'accomplished'] });
    assert.equal(page.nextToken, 'page-2');
    assert.deepEqual(sentParams(server.seen[0].query), {
      RegionId: 'cn-hangzhou',
      InstanceId: 'i-bp1web01',
      'Status.1': 'progressing',
      'Status.2': 'accomplished',
      MaxResults: '100',
    });
    const [first, second] = page.items;
    assert.deepEqual(first, {
      snapshotGroupId: 'ssg-1',
      name: 'name-ssg-1',
      description: 'before the upgrade',
      status: 'progressing',
      creationTime: '2026-12-02T05:00:00Z',
      instanceId: 'i-bp1web01',
      tags: [{ key: 'ecs-snapshots:quick-backup', value: 'true' }],
      members: [
        { snapshotId: 's-ssg-1-sys', sourceDiskId: 'd-sys', sourceDiskType: 'system', progress: 42, available: true, tags: [{ key: 'acs:ecs:createFrom', value: 'i-bp1web01' }] },
        { snapshotId: 's-ssg-1-data', sourceDiskId: 'd-data', sourceDiskType: 'data', progress: 0, available: false, tags: [] },
      ],
    });
    assert.equal(second.instanceId, undefined, 'members of several instances: no instance');
    assert.equal(second.members[1].progress, 100, 'an accomplished group without a figure is complete');
  });

  it('the next page is asked for with the NextToken and the page size given', async () => {
    server.script({ body: { RequestId: 'r', NextToken: '', SnapshotGroups: { SnapshotGroup: [] } } });
    const page = await gateway().describeSnapshotGroups({ regionId: 'cn-hangzhou', nextToken: 'page-2', maxResults: 20 });
    assert.equal(page.nextToken, undefined);
    assert.deepEqual(sentParams(server.seen[0].query), { RegionId: 'cn-hangzhou', NextToken: 'page-2', MaxResults: '20' });
  });

  it('23 group ids (one repeated) go out as 3 requests of at most 10 SnapshotGroupId.N, every page followed', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => `ssg-${i + 1}`);
    server.script((request) => {
      const asked = [...request.query.entries()].filter(([k]) => k.startsWith('SnapshotGroupId.')).map(([, v]) => v);
      // The first batch answers in two pages, to prove the pages of a batch are followed.
      if (asked.includes('ssg-1') && !request.query.get('NextToken')) {
        return { body: { RequestId: 'r', NextToken: 'more', SnapshotGroups: { SnapshotGroup: asked.slice(0, 5).map((id) => group(id)) } } };
      }
      const rest = request.query.get('NextToken') ? asked.slice(5) : asked;
      return { body: { RequestId: 'r', SnapshotGroups: { SnapshotGroup: rest.map((id) => group(id)) } } };
    });
    const page = await gateway().describeSnapshotGroups({ regionId: 'cn-hangzhou', groupIds: [...ids, 'ssg-3', ''] });
    assert.equal(page.nextToken, undefined);
    assert.deepEqual(page.items.map((g) => g.snapshotGroupId).sort(), [...ids].sort());
    const batches = server.seen.map((r) => [...r.query.keys()].filter((k) => k.startsWith('SnapshotGroupId.')).length);
    assert.deepEqual(batches, [10, 10, 10, 3]);
    assert.equal(server.seen[1].query.get('NextToken'), 'more');
    assert.ok(server.seen.every((r) => r.action === 'DescribeSnapshotGroups'));
  });

  it('an empty id list asks nothing (never "every group of the region")', async () => {
    const page = await gateway().describeSnapshotGroups({ regionId: 'cn-hangzhou', groupIds: [] });
    assert.deepEqual(page.items, []);
    assert.equal(server.seen.length, 0);
  });
});

describe('DeleteSnapshotGroup', () => {
  const progress = (snapshotId: string, status: string, code = '', message = '') => ({
    OperationStatus: status,
    ErrorCode: code,
    ErrorMsg: message,
    RelatedItemSet: { RelatedItem: [{ Name: 'SnapshotId', Value: snapshotId }] },
  });

  it('sends RegionId and SnapshotGroupId, and tells each member: a partial success is not a failure', async () => {
    server.script({
      body: {
        RequestId: 'r',
        OperationProgressSet: {
          OperationProgress: [progress('s-1', 'Success'), progress('s-2', 'Failed', 'SnapshotCreatedImage', 'The snapshot has been used to create a custom image.')],
        },
      },
    });
    const outcomes = await gateway().deleteSnapshotGroup('cn-hangzhou', 'ssg-1');
    assert.deepEqual(sentParams(server.seen[0].query), { RegionId: 'cn-hangzhou', SnapshotGroupId: 'ssg-1' });
    assert.deepEqual(outcomes, [
      { snapshotId: 's-1', deleted: true },
      { snapshotId: 's-2', deleted: false, errorCode: 'SnapshotCreatedImage', errorMessage: 'The snapshot has been used to create a custom image.' },
    ]);
  });

  for (const [label, answer] of [
    ['a JSON 500', internal500],
    ['an HTML 502', html502],
    ['a dropped connection', { drop: true }],
  ] as const) {
    it(`${label}: sent once (no ClientToken), outcomeUnknown`, async () => {
      server.script(answer, { body: { RequestId: 'r' } });
      const error = await rejection(gateway().deleteSnapshotGroup('cn-hangzhou', 'ssg-1'));
      assert.equal(server.seen.length, 1);
      assert.equal(error.outcomeUnknown, true);
      assert.equal(error.action, 'DeleteSnapshotGroup');
    });
  }

  it('throttling is a definite refusal: re-sent', async () => {
    server.script(throttled, { body: { RequestId: 'r' } });
    assert.deepEqual(await gateway().deleteSnapshotGroup('cn-hangzhou', 'ssg-1'), []);
    assert.equal(server.seen.length, 2);
  });

  it('an empty id is refused before sending', async () => {
    await rejection(gateway().deleteSnapshotGroup('cn-hangzhou', ''));
    assert.equal(server.seen.length, 0);
  });
});

describe('ModifySnapshotGroup', () => {
  it('sends only what changes', async () => {
    await gateway().modifySnapshotGroup('cn-hangzhou', 'ssg-1', { name: 'web-01:after' });
    await gateway().modifySnapshotGroup('cn-hangzhou', 'ssg-1', { description: 'kept for the audit' });
    assert.deepEqual(sentParams(server.seen[0].query), { RegionId: 'cn-hangzhou', SnapshotGroupId: 'ssg-1', Name: 'web-01:after' });
    assert.deepEqual(sentParams(server.seen[1].query), { RegionId: 'cn-hangzhou', SnapshotGroupId: 'ssg-1', Description: 'kept for the audit' });
  });

  it('nothing to change, or no group: refused before sending', async () => {
    await rejection(gateway().modifySnapshotGroup('cn-hangzhou', 'ssg-1', {}));
    await rejection(gateway().modifySnapshotGroup('cn-hangzhou', '', { name: 'ab' }));
    assert.equal(server.seen.length, 0);
  });

  it('setting a name twice ends the same: a 500 is re-sent', async () => {
    server.script(internal500, { body: { RequestId: 'r' } });
    await gateway().modifySnapshotGroup('cn-hangzhou', 'ssg-1', { name: 'web-01:after' });
    assert.equal(server.seen.length, 2);
  });
});

describe('DescribeDisks: what a group plan needs to know of a disk', () => {
  it('multi-attach (MultiAttach=Enabled) and never attached (Available, no attach or detach time)', async () => {
    const base = { Size: 40, Category: 'cloud_essd', ZoneId: 'z-1', Type: 'data', CreationTime: '2026-01-01T00:00:00Z' };
    server.script({
      body: {
        RequestId: 'r',
        Disks: {
          Disk: [
            { ...base, DiskId: 'd-shared', Status: 'In_use', MultiAttach: 'Enabled', AttachedTime: '2026-01-02T00:00:00Z' },
            { ...base, DiskId: 'd-new', Status: 'Available', MultiAttach: 'Disabled', AttachedTime: '', DetachedTime: '' },
            { ...base, DiskId: 'd-detached', Status: 'Available', AttachedTime: '', DetachedTime: '2026-01-03T00:00:00Z' },
            { ...base, DiskId: 'd-used', Status: 'In_use', AttachedTime: '2026-01-02T00:00:00Z' },
          ],
        },
      },
    });
    const { items } = await gateway().listDisks({ regionId: 'cn-hangzhou' });
    const by = Object.fromEntries(items.map((d) => [d.diskId, d]));
    assert.equal(by['d-shared'].multiAttach, true);
    assert.equal(by['d-new'].multiAttach, undefined);
    assert.equal(by['d-new'].neverAttached, true);
    assert.equal(by['d-detached'].neverAttached, undefined);
    assert.equal(by['d-used'].neverAttached, undefined);
    assert.equal(by['d-shared'].neverAttached, undefined);
  });
});

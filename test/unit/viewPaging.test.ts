// Paging with a lock: one request per page however often "Load more" is clicked, and a reset
// drops late answers. RegionDisks adds one DescribeInstances call per load of the region: the
// instances locked for security, the only instance fact the tree shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Disk, DiskQuery, EcsGateway, Instance, Page, SnapshotsOfDiskQuery } from '../../src/ecs/gateway';
import { EcsError } from '../../src/ecs/errors';
import { PagedList } from '../../src/view/pagedList';
import { DISK_PAGE_SIZE, RegionDisks, type TreeLog } from '../../src/view/regionDisks';
import { stateForDisks, stateForError } from '../../src/view/loadState';

/** A fetcher over `total` numbers in pages of `size`, counting calls and releasing each answer on demand. */
function numbers(total: number, size: number) {
  const calls: (string | undefined)[] = [];
  const pending: (() => void)[] = [];
  const fetch = (token: string | undefined): Promise<Page<number>> => {
    calls.push(token);
    const start = token ? Number(token) : 0;
    const items = Array.from({ length: Math.min(size, total - start) }, (_, i) => start + i);
    const next = start + size < total ? String(start + size) : undefined;
    return new Promise((resolve) => pending.push(() => resolve({ items, nextToken: next })));
  };
  const release = async () => {
    while (pending.length) pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { fetch, calls, release };
}

test('concurrent loadNext calls share one request', async () => {
  const src = numbers(1234, 500);
  const list = new PagedList(src.fetch);
  const a = list.loadNext();
  const b = list.loadNext();
  const c = list.loadNext();
  assert.equal(a, b);
  assert.equal(b, c);
  assert.ok(list.loading);
  await src.release();
  await Promise.all([a, b, c]);
  assert.equal(src.calls.length, 1);
  assert.equal(list.items.length, 500);
  assert.ok(list.hasMore && !list.loading);
});

test('pages until the API stops sending NextToken: ceil(n/size) requests', async () => {
  const src = numbers(1234, 500);
  const list = new PagedList(src.fetch);
  while (list.hasMore) {
    const p = list.loadNext();
    await src.release();
    await p;
  }
  assert.equal(src.calls.length, Math.ceil(1234 / 500));
  assert.deepEqual(src.calls, [undefined, '500', '1000']);
  assert.equal(list.items.length, 1234);
  assert.ok(list.complete);
  assert.deepEqual(await list.loadNext(), [], 'a complete list requests nothing');
  assert.equal(src.calls.length, 3);
});

test('a reset during a request drops its late answer', async () => {
  const src = numbers(10, 5);
  const list = new PagedList(src.fetch);
  const late = list.loadNext();
  list.reset();
  assert.ok(!list.loading);
  await src.release();
  assert.deepEqual(await late, []);
  assert.equal(list.items.length, 0);
  assert.ok(!list.loadedOnce);
});

test('a failed page keeps what was loaded and can be retried with the same token', async () => {
  let fail = true;
  const tokens: (string | undefined)[] = [];
  const list = new PagedList<number>(async (token) => {
    tokens.push(token);
    if (token === 'p2' && fail) throw new Error('boom');
    return token ? { items: [3, 4] } : { items: [1, 2], nextToken: 'p2' };
  });
  await list.loadNext();
  await assert.rejects(list.loadNext(), /boom/);
  assert.deepEqual(list.items, [1, 2]);
  assert.equal((list.error as Error).message, 'boom');
  fail = false;
  await list.loadNext();
  assert.deepEqual(list.items, [1, 2, 3, 4]);
  assert.equal(list.error, undefined);
  assert.deepEqual(tokens, [undefined, 'p2', 'p2']);
});

test('an item seen again on a later page (the list shifted) is kept once', async () => {
  const list = new PagedList<{ id: string }>(
    async (token) => (token ? { items: [{ id: 'b' }, { id: 'c' }] } : { items: [{ id: 'a' }, { id: 'b' }], nextToken: 'x' }),
    (item) => item.id,
  );
  await list.loadNext();
  assert.deepEqual((await list.loadNext()).map((i) => i.id), ['c']);
  assert.deepEqual(list.items.map((i) => i.id), ['a', 'b', 'c']);
});

// ---- RegionDisks over a fake gateway ---------------------------------------------------------

function makeDisk(i: number, instanceId?: string): Disk {
  return {
    diskId: `d-${i}`, diskName: `disk-${i}`, description: '', sizeGiB: 20, category: 'cloud_essd', status: 'In_use',
    type: 'data', instanceId, zoneId: 'z', creationTime: '', tags: [], lockReasons: [],
  };
}

const quietLog: TreeLog = { info() {}, warn() {}, error() {} };

function fakeGateway(disks: Disk[], instances: Instance[], failInstances = false) {
  const diskQueries: DiskQuery[] = [];
  const instanceCalls: string[][] = [];
  const lockedCalls: string[] = [];
  const gateway: EcsGateway = {
    listRegions: async () => [],
    listDisks: async (q) => {
      diskQueries.push(q);
      const start = q.nextToken ? Number(q.nextToken) : 0;
      const size = q.maxResults ?? 10;
      return { items: disks.slice(start, start + size), nextToken: start + size < disks.length ? String(start + size) : undefined };
    },
    createSnapshot: async () => 's-x',
    describeSnapshots: async () => [],
    listSnapshotsOfDisk: async (_q: SnapshotsOfDiskQuery) => ({ items: [] }),
    describeInstances: async (_r, ids) => {
      instanceCalls.push(ids);
      if (failInstances) throw new EcsError({ kind: 'throttling', code: 'Throttling', message: 'slow down', retryable: true });
      return instances.filter((i) => ids.includes(i.instanceId));
    },
    listLockedInstances: async (_r, reason) => {
      lockedCalls.push(reason);
      if (failInstances) throw new EcsError({ kind: 'throttling', code: 'Throttling', message: 'slow down', retryable: true });
      return instances.filter((i) => i.lockReasons.includes(reason));
    },
    listInstances: async () => ({ items: instances }),
    deleteSnapshot: async () => {},
    resetDisk: async () => assert.fail('the tree never resets a disk'),
    stopInstance: async () => assert.fail('the tree never stops an instance'),
    startInstance: async () => assert.fail('the tree never starts an instance'),
    describeInstanceStatus: async () => [],
    createSnapshotGroup: async () => assert.fail('the tree never creates a group'),
    describeSnapshotGroups: async () => assert.fail('the disk tree never lists groups'),
    deleteSnapshotGroup: async () => assert.fail('the tree never deletes a group'),
    modifySnapshotGroup: async () => assert.fail('the tree never modifies a group'),
  };
  return { gateway, diskQueries, instanceCalls, lockedCalls };
}

test('RegionDisks asks for the largest page and, once, for the instances locked for security', async () => {
  // Four disks per instance; a few detached; i-3 locked for security, i-6 only for an overdue bill.
  const disks = Array.from({ length: 1700 }, (_, i) => makeDisk(i, i % 50 === 7 ? undefined : `i-${Math.floor((i + 1) / 4)}`));
  const secured: Instance = { instanceId: 'i-3', instanceName: '', status: 'Running', lockReasons: ['security'] };
  const billed: Instance = { instanceId: 'i-6', instanceName: '', status: 'Running', lockReasons: ['financial'] };
  const fake = fakeGateway(disks, [secured, billed]);
  const region = new RegionDisks(fake.gateway, 'cn-hangzhou', quietLog);
  while (region.disks.hasMore) await region.disks.loadNext();
  assert.equal(fake.diskQueries.length, 4);
  assert.ok(fake.diskQueries.every((q) => q.maxResults === DISK_PAGE_SIZE && q.regionId === 'cn-hangzhou'));
  assert.deepEqual(fake.lockedCalls, ['security'], 'one request for the whole region, not one per page');
  assert.deepEqual(fake.instanceCalls, [], 'no instance is looked up by id');
  assert.deepEqual(region.locksOfInstance('i-3'), ['security']);
  assert.deepEqual(region.locksOfInstance('i-6'), [], 'a lock that blocks nothing is not fetched');
  assert.deepEqual(region.locksOfInstance('i-400'), []);
  assert.deepEqual(region.locksOfInstance(undefined), []);
});

test('the locks are known when the first page is: a locked instance never shows as ready', async () => {
  let releaseLocks!: () => void;
  const fake = fakeGateway([makeDisk(1, 'i-3')], []);
  fake.gateway.listLockedInstances = () =>
    new Promise((resolve) => (releaseLocks = () => resolve([{ instanceId: 'i-3', instanceName: '', status: 'Running', lockReasons: ['security'] }])));
  const region = new RegionDisks(fake.gateway, 'r', quietLog);
  let firstPage = false;
  const loading = region.disks.loadNext().then(() => (firstPage = true));
  await new Promise((r) => setImmediate(r));
  assert.ok(!firstPage, 'the first page waits for the locks');
  releaseLocks();
  await loading;
  assert.deepEqual(region.locksOfInstance('i-3'), ['security']);
});

test('a failed lock request is tried again with the next page', async () => {
  const fake = fakeGateway(Array.from({ length: 600 }, (_, i) => makeDisk(i, 'i-3')), [], true);
  const region = new RegionDisks(fake.gateway, 'r', quietLog);
  await region.disks.loadNext();
  assert.equal(region.disks.items.length, 500);
  await region.disks.loadNext();
  assert.deepEqual(fake.lockedCalls, ['security', 'security']);
});

test('a failed DescribeInstances costs only the lock hint, not the page', async () => {
  const warnings: string[] = [];
  const fake = fakeGateway([makeDisk(1, 'i-1')], [], true);
  const region = new RegionDisks(fake.gateway, 'r', { ...quietLog, warn: (m) => warnings.push(m) });
  await region.disks.loadNext();
  assert.equal(region.disks.items.length, 1);
  assert.match(warnings[0], /Throttling/);
});

// ---- what a load means for the welcome view --------------------------------------------------

const err = (kind: EcsError['kind'], code: string) => new EcsError({ kind, code, message: code, retryable: false });

test('rejected credentials, unreachable endpoint, other errors', () => {
  assert.equal(stateForError(err('api', 'InvalidAccessKeyId.NotFound')), 'credentialsRejected');
  assert.equal(stateForError(err('api', 'SignatureDoesNotMatch')), 'credentialsRejected');
  assert.equal(stateForError(err('api', 'InvalidSecurityToken.Expired')), 'credentialsRejected');
  assert.equal(stateForError(err('credentials', 'NoCredentials')), 'credentialsRejected');
  assert.equal(stateForError(err('network', 'ECONNREFUSED')), 'unreachable');
  assert.equal(stateForError(err('timeout', 'Timeout')), 'unreachable');
  assert.equal(stateForError(err('api', 'Forbidden.RAM')), undefined);
  assert.equal(stateForError(err('throttling', 'Throttling')), undefined);
  assert.equal(stateForError(new Error('plain')), undefined);
  assert.equal(stateForDisks(0), 'empty');
  assert.equal(stateForDisks(3), 'ready');
});

test('error rows speak the catalog\'s words and keep the code apart', async () => {
  const { loadErrorSummary, loadErrorMessage } = await import('../../src/view/errorText');
  const rejected = new EcsError({ kind: 'api', code: 'SignatureDoesNotMatch', message: 'The signature does not match.', retryable: false, requestId: 'R-1' });
  const summary = loadErrorSummary(rejected);
  assert.equal(summary.code, 'SignatureDoesNotMatch');
  assert.ok(summary.title.length > 0 && !summary.title.includes('SignatureDoesNotMatch'), summary.title);
  assert.match(loadErrorMessage(rejected), /SignatureDoesNotMatch, request ID R-1/);
  assert.match(loadErrorSummary(new Error('socket hang up')).title, /socket hang up/);
});

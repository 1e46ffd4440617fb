// The read-only disks tool: a bounded page of matching disks with their newest snapshots, a cursor
// that resumes exactly where the answer stopped, and a bounded number of Describe calls per answer.
process.env.TZ = 'UTC';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page, Snapshot, SnapshotsOfDiskQuery } from '../../src/ecs/gateway';
import { listDisks, MAX_DISK_PAGES_PER_CALL, RECENT_SNAPSHOTS } from '../../src/agent/diskListing';
import { diskListText } from '../../src/agent/toolTexts';
import { disk, FakeGateway } from '../support/snapshotFakes';

function snap(id: string, diskId: string, day: number, over: Partial<Snapshot> = {}): Snapshot {
  return { snapshotId: id, snapshotName: `snap-${id}`, description: '', status: 'accomplished', progress: 100, sourceDiskId: diskId, retentionDays: 7, creationTime: `2026-11-${String(day).padStart(2, '0')}T10:00Z`, tags: [], ...over };
}

class SnapshotGateway extends FakeGateway {
  readonly snapshotQueries: SnapshotsOfDiskQuery[] = [];
  snapshots: Snapshot[] = [];
  override async listSnapshotsOfDisk(query: SnapshotsOfDiskQuery): Promise<Page<Snapshot>> {
    this.snapshotQueries.push(query);
    const mine = this.snapshots.filter((s) => s.sourceDiskId === query.diskId).sort((a, b) => b.creationTime.localeCompare(a.creationTime));
    const max = query.maxResults ?? 100;
    return { items: mine.slice(0, max), nextToken: mine.length > max ? 'more' : undefined };
  }
}

const disks = (n: number, name = (i: number) => `disk-${i}`) => Array.from({ length: n }, (_, i) => disk({ diskId: `d-bp1${String(i).padStart(5, '0')}`, diskName: name(i) }));

describe('listing disks for an agent', () => {
  it('gives each disk its newest snapshots and says when older ones are left out', async () => {
    const gateway = new SnapshotGateway(disks(2));
    gateway.snapshots = [1, 2, 3, 4].map((day) => snap(`s-old${day}`, 'd-bp100000', day));
    const list = await listDisks(gateway, { regionId: 'cn-hangzhou', limit: 20 });
    assert.deepEqual(list.disks.map((d) => d.recent.map((s) => s.snapshotId)), [['s-old4', 's-old3', 's-old2'], []]);
    assert.deepEqual(list.disks.map((d) => d.moreSnapshots), [true, false]);
    // DescribeSnapshots takes MaxResults from 10 to 100 (the sandbox and ECS refuse less).
    assert.ok(gateway.snapshotQueries.every((q) => q.maxResults !== undefined && q.maxResults >= 10 && q.maxResults <= 100), JSON.stringify(gateway.snapshotQueries));
    assert.ok(list.disks.every((d) => d.recent.length <= RECENT_SNAPSHOTS));
    assert.equal(list.cursor, undefined);
    const text = diskListText(list, undefined);
    assert.match(text, /^2 disks in cn-hangzhou:/);
    assert.match(text, /- disk-0 \(d-bp100000, data\): 40 GiB/);
    assert.match(text, /snap-s-old4 \(s-old4\): Ready/);
    assert.match(text, /\(older snapshots not shown\)/);
    assert.match(text, /No snapshots\./);
    assert.doesNotMatch(text, /Truncated/);
  });

  it('stops at the limit with a cursor that resumes at the next match, across pages, without repeats or gaps', async () => {
    const all = disks(23, (i) => (i % 3 === 0 ? `app-${i}` : `db-${i}`));
    const gateway = new SnapshotGateway(all, [], 5);
    const seen: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const list = await listDisks(gateway, { regionId: 'cn-hangzhou', filter: 'app', limit: 3, cursor });
      seen.push(...list.disks.map((d) => d.disk.diskName));
      cursor = list.cursor;
      if (cursor) assert.match(diskListText(list, 'app'), /Truncated: more disks may match\. Call ecsSnapshots_listDisks again with cursor "/);
      assert.ok(++calls < 10);
    } while (cursor);
    assert.deepEqual(seen, all.filter((d) => d.diskName.startsWith('app')).map((d) => d.diskName));
  });

  it('reads at most a few pages of disks per answer, however few match', async () => {
    const gateway = new SnapshotGateway(disks(200), [], 10);
    const list = await listDisks(gateway, { regionId: 'cn-hangzhou', filter: 'nothing-like-this', limit: 20 });
    assert.equal(gateway.listDisksCalls.length, MAX_DISK_PAGES_PER_CALL);
    assert.equal(list.disks.length, 0);
    assert.ok(list.cursor, 'an unfinished scan must say more may match');
    assert.match(diskListText(list, 'nothing-like-this'), /^No disk in cn-hangzhou matches "nothing-like-this"\.\nTruncated/);
  });

  it('looks up a disk ID with one DescribeDisks for that ID', async () => {
    const gateway = new SnapshotGateway(disks(50), [], 10);
    const list = await listDisks(gateway, { regionId: 'cn-hangzhou', filter: 'd-bp100042', limit: 20 });
    assert.deepEqual(list.disks.map((d) => d.disk.diskId), ['d-bp100042']);
    assert.deepEqual(gateway.listDisksCalls.map((q) => q.diskIds), [['d-bp100042']]);
  });

  it('says why a disk cannot be snapshotted now', async () => {
    const gateway = new SnapshotGateway([disk({ diskId: 'd-bp1busy', diskName: 'busy' }), disk({ diskId: 'd-bp1new', diskName: 'new', status: 'Creating' })]);
    gateway.snapshots = [snap('s-run', 'd-bp1busy', 2, { status: 'progressing', progress: 40 })];
    const text = diskListText(await listDisks(gateway, { regionId: 'cn-hangzhou', limit: 20 }), undefined);
    assert.match(text, /busy[^\n]*\n {2}Cannot be snapshotted now: A snapshot of this disk is still being created/);
    assert.match(text, /new[^\n]*\n {2}Cannot be snapshotted now: The disk is/);
  });
});

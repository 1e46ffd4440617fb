// How snapshots read under their disk, and their order.
process.env.TZ = 'UTC';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Snapshot } from '../../src/ecs/gateway';
import {
  newestFirst,
  snapshotContextValue,
  snapshotDescription,
  snapshotLabel,
  snapshotStatusWord,
  snapshotTooltipMarkdown,
} from '../../src/view/snapshotText';
import { snapshotIcon } from '../../src/view/treeIcons';

function snap(over: Partial<Snapshot> = {}): Snapshot {
  return {
    snapshotId: 's-bp1one',
    snapshotName: 'before-upgrade',
    description: '',
    status: 'accomplished',
    progress: 100,
    available: true,
    sourceDiskId: 'd-bp1abc',
    retentionDays: 7,
    creationTime: '2026-11-27T07:05Z',
    tags: [],
    ...over,
  };
}

test('label is the name or the id', () => {
  assert.equal(snapshotLabel(snap()), 'before-upgrade');
  assert.equal(snapshotLabel(snap({ snapshotName: '' })), 's-bp1one');
});

test('description: status, instant access, retention, creation time', () => {
  assert.equal(snapshotDescription(snap()), 'Ready · instant access · kept 7 days · Nov 27, 2026, 7:05 AM');
  assert.equal(
    snapshotDescription(snap({ status: 'progressing', progress: 42, available: false, retentionDays: undefined })),
    'Creating 42% · kept until deleted · Nov 27, 2026, 7:05 AM',
  );
  assert.equal(snapshotStatusWord(snap({ status: 'failed' })), 'Failed');
  assert.equal(snapshotStatusWord(snap({ status: 'progressing', progress: 140 })), 'Creating 100%');
});

test('only snapshots not being created are deletable', () => {
  assert.equal(snapshotContextValue(snap()), 'snapshot.deletable');
  assert.equal(snapshotContextValue(snap({ status: 'failed' })), 'snapshot.deletable');
  assert.equal(snapshotContextValue(snap({ status: 'progressing' })), 'snapshot.busy');
});

test('icons by status', () => {
  assert.equal(snapshotIcon(snap({ status: 'progressing' })).id, 'loading~spin');
  assert.equal(snapshotIcon(snap()).id, 'device-camera');
  assert.deepEqual(snapshotIcon(snap({ status: 'failed' })), { id: 'error', color: 'problemsErrorIcon.foreground' });
});

test('tooltip shows id, time left while creating, retention and source disk', () => {
  const md = snapshotTooltipMarkdown(snap({ status: 'progressing', progress: 10, remainTime: 95, available: false, tags: [{ key: 'by', value: 'me' }] }));
  for (const expected of ['`s-bp1one`', 'Creating 10%', 'about 95 s', 'Instant access: Not yet', 'kept 7 days', '`d-bp1abc`', '`by=me`']) {
    assert.ok(md.includes(expected), `tooltip lacks ${expected}:\n${md}`);
  }
});

test('newest first; undated last; ties keep the API order', () => {
  const list = [
    snap({ snapshotId: 'a', creationTime: '2026-11-01T00:00Z' }),
    snap({ snapshotId: 'b', creationTime: '' }),
    snap({ snapshotId: 'c', creationTime: '2026-11-03T00:00Z' }),
    snap({ snapshotId: 'd', creationTime: '2026-11-01T00:00Z' }),
  ];
  assert.deepEqual(newestFirst(list).map((s) => s.snapshotId), ['c', 'a', 'd', 'b']);
  assert.deepEqual(list.map((s) => s.snapshotId), ['a', 'b', 'c', 'd'], 'input untouched');
});

// The disk tree's wording and the snapshot-blocker rules.
process.env.TZ = 'UTC';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Disk } from '../../src/ecs/gateway';
import {
  categoryName,
  diskBlocker,
  diskContextValue,
  diskDescription,
  diskLabel,
  diskStatusWord,
  diskTooltipMarkdown,
  escapeMarkdown,
  snapshotBlocker,
} from '../../src/view/diskText';
import { diskIcon } from '../../src/view/treeIcons';

function disk(over: Partial<Disk> = {}): Disk {
  return {
    diskId: 'd-bp1abc',
    diskName: 'web-data',
    description: '',
    sizeGiB: 40,
    category: 'cloud_essd',
    performanceLevel: 'PL1',
    status: 'In_use',
    type: 'data',
    instanceId: 'i-bp1xyz',
    device: '/dev/xvdb',
    zoneId: 'cn-hangzhou-i',
    encrypted: true,
    creationTime: '2026-11-20T08:30Z',
    tags: [{ key: 'env', value: 'prod' }],
    lockReasons: [],
    ...over,
  };
}

test('category ids read as the console names them', () => {
  assert.equal(categoryName('cloud_essd', 'PL1'), 'ESSD PL1');
  assert.equal(categoryName('cloud_essd'), 'ESSD');
  assert.equal(categoryName('cloud_efficiency'), 'Ultra Disk');
  assert.equal(categoryName('cloud_ssd'), 'Standard SSD');
  assert.equal(categoryName('cloud'), 'Basic Disk');
  assert.equal(categoryName('cloud_auto'), 'ESSD AutoPL');
  assert.equal(categoryName('cloud_essd_entry'), 'ESSD Entry');
  assert.equal(categoryName('cloud_regional_disk_auto'), 'Regional ESSD');
  assert.equal(categoryName('elastic_ephemeral_disk_premium'), 'Elastic Ephemeral Disk (Premium)');
  assert.equal(categoryName('cloud_future_thing'), 'cloud_future_thing', 'an unknown id is shown as is');
});

test('status ids read as words; transitional ones end with an ellipsis', () => {
  assert.equal(diskStatusWord('In_use'), 'In use');
  assert.equal(diskStatusWord('Available'), 'Available');
  assert.equal(diskStatusWord('Attaching'), 'Attaching...');
  assert.equal(diskStatusWord('Detaching'), 'Detaching...');
  assert.equal(diskStatusWord('ReIniting'), 'Re-initializing...');
  assert.equal(diskStatusWord('Expired'), 'Expired');
});

test('label is the name, or the id when the disk is unnamed', () => {
  assert.equal(diskLabel(disk()), 'web-data');
  assert.equal(diskLabel(disk({ diskName: '' })), 'd-bp1abc');
  assert.equal(diskLabel(disk({ diskName: '   ' })), 'd-bp1abc');
});

test('description: size, category, status, instance', () => {
  assert.equal(diskDescription(disk()), '40 GiB · ESSD PL1 · In use · i-bp1xyz');
  assert.equal(diskDescription(disk({ status: 'Available', instanceId: undefined, category: 'cloud_efficiency' })), '40 GiB · Ultra Disk · Available');
});

test('a ready disk: no blocker, contextValue disk.ready', () => {
  const b = diskBlocker(disk(), [], false);
  assert.equal(b, undefined);
  assert.equal(diskContextValue(b), 'disk.ready');
  assert.equal(snapshotBlocker(disk({ status: 'Available' }), [], false), undefined);
});

test('a snapshot in progress blocks, and says so in the description', () => {
  const b = diskBlocker(disk(), [], true);
  assert.equal(b?.kind, 'creating');
  assert.equal(diskContextValue(b), 'disk.blocked.creating');
  assert.match(diskDescription(disk(), b), /snapshot in progress$/);
  assert.match(snapshotBlocker(disk(), [], true) ?? '', /still being created/);
});

test('a security lock on the instance or on the disk blocks; other locks do not', () => {
  const onInstance = diskBlocker(disk(), ['security'], false);
  assert.equal(onInstance?.kind, 'securityLock');
  assert.match(onInstance?.reason ?? '', /i-bp1xyz is locked for security/);
  assert.equal(diskContextValue(onInstance), 'disk.blocked.securityLock');
  assert.equal(diskBlocker(disk({ lockReasons: ['security'] }), [], false)?.kind, 'securityLock');
  assert.equal(diskBlocker(disk({ lockReasons: ['financial'] }), ['recycling'], false), undefined);
  // A lock wins over a running snapshot: it is the reason that outlives the other.
  assert.equal(diskBlocker(disk(), ['security'], true)?.kind, 'securityLock');
});

test('only In_use and Available disks can be snapshotted', () => {
  for (const status of ['Attaching', 'Detaching', 'Creating', 'ReIniting']) {
    const b = diskBlocker(disk({ status }), [], false);
    assert.equal(b?.kind, 'status', status);
    assert.equal(diskContextValue(b), 'disk.blocked.status');
    assert.match(b?.reason ?? '', new RegExp(diskStatusWord(status).replace(/\./g, '\\.')));
  }
});

test('tooltip lists every useful field and the blocker', () => {
  const md = diskTooltipMarkdown(disk(), diskBlocker(disk(), [], true));
  for (const expected of ['`d-bp1abc`', '`cn-hangzhou-i`', '`i-bp1xyz` as `/dev/xvdb`', 'ESSD PL1', '40 GiB', 'Encrypted: Yes', 'Nov 20, 2026, 8:30 AM', '`env=prod`', 'Data disk']) {
    assert.ok(md.includes(expected), `tooltip lacks ${expected}:\n${md}`);
  }
  assert.match(md, /\$\(circle-slash\) A snapshot of this disk is still being created/);
  assert.match(diskTooltipMarkdown(disk()), /\$\(check\) A snapshot can be created now/);
});

test('user text cannot inject markup or icons into the tooltip', () => {
  const md = diskTooltipMarkdown(disk({ diskName: '**x** $(zap) [a](command:evil)', description: 'line1\nline2' }));
  assert.ok(md.startsWith('**\\*\\*x\\*\\* \\$\\(zap\\) \\[a\\]\\(command:evil\\)**'), md.split('\n')[0]);
  assert.ok(!md.includes('line1\nline2'));
  assert.equal(escapeMarkdown('a_b'), 'a\\_b');
});

test('icons by type and state', () => {
  assert.deepEqual(diskIcon(disk({ type: 'system' }), undefined), { id: 'server' });
  assert.deepEqual(diskIcon(disk(), undefined), { id: 'database' });
  assert.equal(diskIcon(disk(), diskBlocker(disk(), [], true))?.id, 'sync~spin');
  assert.equal(diskIcon(disk(), diskBlocker(disk(), ['security'], false))?.id, 'lock');
  assert.deepEqual(diskIcon(disk(), diskBlocker(disk({ status: 'Attaching' }), [], false)), { id: 'database', color: 'disabledForeground' });
});

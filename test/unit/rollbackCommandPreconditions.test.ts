// Every reason a rollback is refused locally, before any write request (issue 11).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Disk, Instance, Snapshot } from '../../src/ecs/gateway';
import { diskRefusal, rollbackRefusal, snapshotRefusal } from '../../src/commands/rollback/preconditions';
import type { DiskFacts } from '../../src/commands/rollback/preconditions';

function disk(over: Partial<Disk> = {}): Disk {
  return {
    diskId: 'd-1',
    diskName: 'web-data',
    description: '',
    sizeGiB: 40,
    category: 'cloud_essd',
    status: 'In_use',
    type: 'data',
    instanceId: 'i-1',
    zoneId: 'cn-hangzhou-h',
    creationTime: '2026-01-01T00:00:00Z',
    tags: [],
    lockReasons: [],
    ...over,
  };
}

function instance(over: Partial<Instance> = {}): Instance {
  return { instanceId: 'i-1', instanceName: 'web-01', status: 'Running', lockReasons: [], ...over };
}

function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    snapshotId: 's-1',
    snapshotName: 'pre-change',
    description: '',
    status: 'accomplished',
    progress: 100,
    sourceDiskId: 'd-1',
    creationTime: '2026-11-27T14:30:00Z',
    tags: [],
    ...over,
  };
}

function facts(over: Partial<DiskFacts> = {}): DiskFacts {
  return { disk: disk(), instance: instance(), rollingBack: false, creating: false, ...over };
}

test('a ready disk on a Running, Stopped or no instance, with a ready snapshot of its own: no refusal', () => {
  assert.equal(rollbackRefusal(facts(), snapshot()), undefined);
  assert.equal(rollbackRefusal(facts({ instance: instance({ status: 'Stopped' }) }), snapshot()), undefined);
  assert.equal(rollbackRefusal(facts({ disk: disk({ instanceId: undefined, status: 'Available' }), instance: undefined }), snapshot()), undefined);
});

test('a security lock on the disk or on its instance', () => {
  const onDisk = diskRefusal(facts({ disk: disk({ lockReasons: ['security'] }) }));
  assert.equal(onDisk?.kind, 'securityLock');
  assert.match(onDisk!.reason, /disk is locked for security/);
  const onInstance = diskRefusal(facts({ instance: instance({ lockReasons: ['security'] }) }));
  assert.equal(onInstance?.kind, 'securityLock');
  assert.match(onInstance!.reason, /web-01 \(i-1\) is locked for security/);
});

test('an arrears (financial) lock on the disk or on its instance', () => {
  const onDisk = diskRefusal(facts({ disk: disk({ lockReasons: ['financial'] }) }));
  assert.equal(onDisk?.kind, 'financialLock');
  assert.match(onDisk!.reason, /overdue payment/);
  const onInstance = diskRefusal(facts({ instance: instance({ lockReasons: ['financial'] }) }));
  assert.equal(onInstance?.kind, 'financialLock');
  assert.match(onInstance!.reason, /Instance web-01 \(i-1\)/);
});

test('a security lock is told before an arrears lock (it cannot be settled by paying)', () => {
  assert.equal(diskRefusal(facts({ disk: disk({ lockReasons: ['financial'] }), instance: instance({ lockReasons: ['security'] }) }))?.kind, 'securityLock');
});

test('a local or ephemeral disk category', () => {
  assert.equal(diskRefusal(facts({ disk: disk({ category: 'elastic_ephemeral_disk_standard' }) }))?.kind, 'categoryUnsupported');
  assert.equal(diskRefusal(facts({ disk: disk({ category: 'local_ssd_pro' }) }))?.kind, 'categoryUnsupported');
});

test('a disk in a transitional state', () => {
  for (const status of ['Attaching', 'Detaching', 'Creating', 'ReIniting']) {
    const refusal = diskRefusal(facts({ disk: disk({ status }) }));
    assert.equal(refusal?.kind, 'diskState', status);
    assert.match(refusal!.reason, /In use or Available/);
  }
});

test('an instance in a transitional state, or not found', () => {
  for (const status of ['Starting', 'Stopping', 'Pending']) {
    const refusal = diskRefusal(facts({ instance: instance({ status }) }));
    assert.equal(refusal?.kind, 'instanceState', status);
    assert.match(refusal!.reason, new RegExp(`is ${status}\\.\\.\\.; try again once it is Running or Stopped`));
  }
  assert.equal(diskRefusal(facts({ instance: undefined }))?.kind, 'instanceMissing');
});

test('a rollback of this disk already running', () => {
  const refusal = diskRefusal(facts({ rollingBack: true }));
  assert.equal(refusal?.kind, 'rollingBack');
  assert.match(refusal!.reason, /already running/);
});

test('a snapshot of this disk being created', () => {
  const refusal = diskRefusal(facts({ creating: true }));
  assert.equal(refusal?.kind, 'creating');
  assert.match(refusal!.reason, /still being created/);
});

test('a snapshot of another disk', () => {
  const refusal = snapshotRefusal(disk(), snapshot({ sourceDiskId: 'd-2' }));
  assert.equal(refusal?.kind, 'otherDisk');
  assert.match(refusal!.reason, /another disk \(d-2\)/);
});

test('a snapshot still being created, unless instant access already serves it', () => {
  const refusal = snapshotRefusal(disk(), snapshot({ status: 'progressing', progress: 42, available: false }));
  assert.equal(refusal?.kind, 'snapshotNotReady');
  assert.match(refusal!.reason, /\(42%\)/);
  assert.equal(snapshotRefusal(disk(), snapshot({ status: 'progressing', progress: 42 }))?.kind, 'snapshotNotReady');
  assert.equal(snapshotRefusal(disk(), snapshot({ status: 'progressing', progress: 42, available: true })), undefined);
});

test('a failed snapshot, and one taken before 15 July 2013', () => {
  assert.equal(snapshotRefusal(disk(), snapshot({ status: 'failed', progress: 50 }))?.kind, 'snapshotFailed');
  assert.equal(snapshotRefusal(disk(), snapshot({ creationTime: '2013-07-14T23:00:00Z' }))?.kind, 'snapshotTooOld');
  assert.equal(snapshotRefusal(disk(), snapshot({ creationTime: '2013-07-15T00:00:00Z' })), undefined);
});

test('the disk reason comes before the snapshot reason', () => {
  assert.equal(rollbackRefusal(facts({ creating: true }), snapshot({ sourceDiskId: 'd-2' }))?.kind, 'creating');
});

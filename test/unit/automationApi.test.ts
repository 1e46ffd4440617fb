// The extension API: built at activation without loading the extension proper, which loads on
// the first call; calls reach the backup service with origin 'api'.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BackupCallOptions, BackupService } from '../../src/automation/backupApi';
import { createExtensionApi } from '../../src/automation/extensionApi';
import { trackedBackup } from '../../src/automation/backupService';
import type { MainParts } from '../../src/activation/mainParts';
import { intent } from './trackerFakes';

function fakeService(calls: unknown[]): BackupService {
  return {
    check: () => ({ ok: true, value: {} }),
    backup: async (args, options: BackupCallOptions) => {
      calls.push(['backup', args, options.origin, options.wait]);
      return { ok: true, snapshotId: 's-1', diskId: 'd-1', diskName: 'web', regionId: 'cn-hangzhou', reached: options.wait ?? 'created' };
    },
    waitUntilReady: async (regionId, snapshotId) => {
      calls.push(['wait', regionId, snapshotId]);
      return { ok: true, snapshotId, diskId: 'd-1', diskName: 'web', regionId, reached: 'ready' };
    },
    status: async () => assert.fail('not used'),
    trackedOperations: () => [{ regionId: 'cn-hangzhou', diskId: 'd-1', diskName: 'web', state: 'creating', progress: 5, usable: false, startedAt: 'x' }],
  };
}

describe('extension API', () => {
  it('loads nothing until a method is called, then goes through the service', async () => {
    const calls: unknown[] = [];
    let starts = 0;
    const parts: MainParts = { backups: fakeService(calls) };
    const api = createExtensionApi(() => (starts++, parts));
    assert.equal(api.apiVersion, 1);
    assert.equal(starts, 0, 'building the API loads nothing');
    const result = await api.backup({ disk: 'web' }, { wait: 'ready' });
    assert.equal(result.ok && result.reached, 'ready');
    await api.waitUntilReady('cn-hangzhou', 's-1');
    assert.equal((await api.trackedOperations()).length, 1);
    assert.deepEqual(calls, [['backup', { disk: 'web' }, 'api', 'ready'], ['wait', 'cn-hangzhou', 's-1']]);
    assert.equal(starts, 3);
    assert.ok(Object.isFrozen(api));
  });

  it('waits for "created" unless told otherwise', async () => {
    const calls: unknown[] = [];
    const api = createExtensionApi(() => ({ backups: fakeService(calls) }));
    await api.backup({ disk: 'web' });
    assert.deepEqual(calls, [['backup', { disk: 'web' }, 'api', 'created']]);
  });

  it('shows a tracked operation as plain data', () => {
    const op = { intent: intent(1), snapshotId: 's-9', state: 'creating' as const, progress: 40, available: true, startedAt: Date.UTC(2026, 10, 27), updatedAt: 0, acknowledged: false, polls: 0, misses: 0 };
    assert.deepEqual(trackedBackup(op), {
      snapshotId: 's-9',
      regionId: 'cn-hangzhou',
      diskId: 'd-1',
      diskName: 'disk-1',
      snapshotName: 'pre-change-1',
      state: 'creating',
      progress: 40,
      usable: true,
      startedAt: '2026-11-27T00:00:00.000Z',
    });
  });
});

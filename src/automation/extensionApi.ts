// The object activate() returns to other extensions. Built at activation, so it must stay cheap:
// it imports types only, and each method loads the extension proper (main.js, through `start`)
// on its first call, never before.
import type { MainParts } from '../activation/mainParts';
import type { BackupService, EcsSnapshotsApi } from './backupApi';

export function createExtensionApi(start: () => MainParts): EcsSnapshotsApi {
  const backups = (): BackupService => {
    const service = start().backups;
    if (!service) throw new Error('ECS Snapshots: the backup service is not available.');
    return service;
  };
  return Object.freeze({
    apiVersion: 1 as const,
    backup: async (args, options = {}) =>
      backups().backup(args, { origin: 'api', wait: options.wait ?? 'created', quick: options.quick, cancellation: options.cancellation }),
    waitUntilReady: async (regionId, snapshotId, options = {}) => backups().waitUntilReady(regionId, snapshotId, { cancellation: options.cancellation }),
    trackedOperations: async () => backups().trackedOperations?.() ?? [],
  } satisfies EcsSnapshotsApi);
}

// CreateSnapshot: the product's main call, judged like the cloud judges it.
//
// Check order (first failure wins):
//   1. MissingDiskId
//   2. parameter format: SnapshotName, Description, RetentionDays, Tag.N (count, then each tag's key
//      and value by N, then duplicates), ClientToken, Category (Standard or Flash, any case)
//   3. idempotency: a known ClientToken with the same parameters answers the earlier SnapshotId;
//      with different parameters, IdempotentParameterMismatch (tokens are per account and region)
//   4. InvalidDiskId.NotFound, then InvalidResourceGroup.NotFound
//   5. preconditions: snapshot service opened, account balance, disk category supports snapshots,
//      disk in arrears, instance locked for security, disk status In_use/Available (an expired
//      subscription disk is allowed), portable disk never attached, disk never used, a snapshot
//      still being created, 256 manual snapshots kept
// (Throttling and InternalError come from fault injection, before the action runs.)

import { errors } from './errors';
import { optional, type Params } from './params';
import type { ActionHandler } from './actionContext';
import {
  checkClientToken,
  checkDescription,
  checkRetentionDays,
  checkSnapshotName,
  checkTags,
  tagParams,
} from './createSnapshotRules';

export const SNAPSHOT_QUOTA = 256;

const UNSUPPORTED_CATEGORY = /^(elastic_ephemeral_disk_|local_|ephemeral)/;
/** Snapshot categories: standard, and the deprecated flash (local) snapshots. */
const SNAPSHOT_CATEGORY = /^(standard|flash)$/i;

/** Parameters that make two CreateSnapshot requests "the same" for idempotency. */
const IDEMPOTENT_FIELDS = [
  'DiskId',
  'SnapshotName',
  'Description',
  'Category',
  'InstantAccess',
  'InstantAccessRetentionDays',
  'ResourceGroupId',
  'StorageLocationArn',
];

function fingerprint(params: Params, retentionDays: number | undefined, tags: Array<{ key: string; value: string }>): string {
  const fields = IDEMPOTENT_FIELDS.map((f) => [f, optional(params, f) ?? '']);
  return JSON.stringify({ fields, retentionDays: retentionDays ?? null, tags });
}

export const createSnapshot: ActionHandler = ({ world, params }) => {
  const diskId = optional(params, 'DiskId');
  if (diskId === undefined) throw errors.missing('DiskId');

  const snapshotName = optional(params, 'SnapshotName');
  checkSnapshotName(snapshotName);
  const description = optional(params, 'Description');
  checkDescription(description);
  const retentionDays = checkRetentionDays(optional(params, 'RetentionDays'));
  const tags = checkTags(tagParams(params));
  const clientToken = optional(params, 'ClientToken');
  checkClientToken(clientToken);
  const category = optional(params, 'Category');
  if (category !== undefined && !SNAPSHOT_CATEGORY.test(category)) throw errors.snapshotCategoryMalformed();

  const print = fingerprint(params, retentionDays, tags);
  // Tokens are scoped per account and region. The sandbox simulates one account, and since one
  // endpoint serves every region here, the region is the disk's (a plain lookup: an unknown disk
  // is still reported after the idempotency check, in the documented order).
  const tokenKey = clientToken === undefined ? undefined : `${world.disks.get(diskId)?.regionId ?? '-'}\u0000${clientToken}`;
  if (tokenKey !== undefined) {
    const earlier = world.clientTokens.get(tokenKey);
    if (earlier) {
      if (earlier.fingerprint !== print) throw errors.idempotentMismatch();
      return { SnapshotId: earlier.snapshotId };
    }
  }

  const disk = world.disks.get(diskId);
  if (!disk) throw errors.diskNotFound();
  const resourceGroupId = optional(params, 'ResourceGroupId');
  if (resourceGroupId !== undefined && !world.resourceGroups.has(resourceGroupId)) throw errors.resourceGroupNotFound();

  if (!world.account.snapshotServiceEnabled) throw errors.serviceUnavailable();
  if (!world.account.enoughBalance) throw errors.notEnoughBalance();
  if (UNSUPPORTED_CATEGORY.test(disk.category)) throw errors.categoryNotSupported();
  if (disk.locks.includes('financial')) throw errors.diskInArrears();
  const instance = disk.instanceId ? world.instances.get(disk.instanceId) : undefined;
  if (disk.locks.includes('security') || instance?.locks.some((l) => l.reason === 'security')) {
    throw errors.lockedForSecurity();
  }
  if (disk.status !== 'In_use' && disk.status !== 'Available') throw errors.incorrectDiskStatus();
  if (disk.portable && disk.status === 'Available' && disk.attachedTime === undefined) throw errors.neverAttached();
  if (disk.neverUsed) throw errors.neverUsed();
  const existing = world.snapshotsOf(disk.diskId);
  if (existing.some((s) => s.progress.status === 'progressing')) throw errors.creatingSnapshot();
  if (existing.filter((s) => s.snapshotType === 'user').length >= SNAPSHOT_QUOTA) throw errors.snapshotQuota();

  const snapshot = world.startSnapshot(disk, {
    snapshotName: snapshotName ?? '',
    description: description ?? '',
    retentionDays,
    tags,
    resourceGroupId,
  });
  if (tokenKey !== undefined) world.clientTokens.set(tokenKey, { fingerprint: print, snapshotId: snapshot.snapshotId });
  return { SnapshotId: snapshot.snapshotId };
};

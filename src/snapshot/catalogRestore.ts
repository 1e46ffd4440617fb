// What the error codes of the rollback's actions (ResetDisk, StopInstance(s), StartInstance(s),
// DescribeInstanceStatus) mean to someone rolling a disk back, per action: the same code can mean
// something else per action (IncorrectInstanceStatus: "stop it first" for ResetDisk, "it is not
// Stopped" for StartInstance). Codes that mean the same everywhere stay in catalogEntries.ts.
import * as l10n from '@vscode/l10n';
import type { CatalogEntry } from './catalogEntries';
import { GROUP_CATALOG } from './catalogGroups';

type Entries = Readonly<Record<string, CatalogEntry>>;

function entry(
  category: CatalogEntry['category'],
  retryable: boolean,
  title: () => string,
  action: () => string,
  extra: Partial<CatalogEntry> = {},
): CatalogEntry {
  return { category, retryable, title, action, doc: 'errorCenter', ...extra };
}

// --- Shared by several actions -------------------------------------------------------------
const dryRun = entry(
  'extension',
  false,
  () => l10n.t('ECS only checked the request (a dry run) and changed nothing.'),
  () => l10n.t('Nothing was changed. The extension never asks for a dry run: please report this with the request ID.'),
);
const securityLock = entry(
  'permission',
  false,
  () => l10n.t('The instance is locked for security reasons: ECS allows no stop, start or rollback.'),
  () => l10n.t('Read the lock notice in the ECS console or contact Alibaba Cloud support; once the lock is lifted, try again.'),
);
const expiredOrInArrears = entry(
  'billing',
  false,
  () => l10n.t('The instance has expired or the account has an overdue payment.'),
  () => l10n.t('Renew the instance or top up the account in the Billing console, then try again.'),
);
const insufficientBalance = entry(
  'billing',
  false,
  () => l10n.t('The account balance is too low for this operation.'),
  () => l10n.t('Top up the account in the Billing console, then try again.'),
);
const kmsCmkUnauthorized = entry(
  'permission',
  false,
  () => l10n.t("ECS may not use the encryption key (KMS key) of this instance's disks."),
  () => l10n.t('Check the key in Key Management Service: it must carry the tag that lets ECS use it. Then try again.'),
);
const kmsCmkNotEnabled = entry(
  'disk',
  false,
  () => l10n.t("The encryption key (KMS key) of this instance's disks is disabled."),
  () => l10n.t('Enable the key in Key Management Service, then try again.'),
);
const kmsUnauthorized = entry(
  'permission',
  false,
  () => l10n.t('ECS is not authorized to use Key Management Service for the encrypted disks.'),
  () => l10n.t('Grant ECS access to KMS (the service-linked role) in the RAM console, then try again.'),
);
const kmsKeyGone = entry(
  'disk',
  false,
  () => l10n.t('The encryption key (KMS key) of the encrypted disk no longer exists.'),
  () => l10n.t('Check the key in Key Management Service: an encrypted disk cannot be rolled back or started without its key.'),
);
const kmsNotActivated = entry(
  'disk',
  false,
  () => l10n.t('Key Management Service is not activated, and this instance has encrypted disks.'),
  () => l10n.t('Activate Key Management Service for the account, then try again.'),
);
const instanceNotFound = entry(
  'input',
  false,
  () => l10n.t('The instance does not exist (it may have been released, or belongs to another region).'),
  () => l10n.t('Refresh the disk list: the disk may no longer be attached to it.'),
);
const instancesNotFound = entry(
  'input',
  false,
  () => l10n.t('At least one of the instances does not exist, or no instance was named.'),
  () => l10n.t('Refresh the disk list and choose instances that exist.'),
);
const tooManyIds = entry(
  'extension',
  false,
  () => l10n.t('More than 100 instances were named in one request.'),
  () => l10n.t('This is a problem in the extension: please report it with the request ID.'),
);
const malformedIds = entry(
  'extension',
  false,
  () => l10n.t('ECS did not accept the list of instance IDs.'),
  () => l10n.t('This is a problem in the extension: please report it with the request ID.'),
);
const notReady = entry(
  'transient',
  true,
  () => l10n.t('The instance is not ready for this yet (its disks may still be busy).'),
  () => l10n.t('Wait a minute, then try again.'),
);
const conflict = entry(
  'transient',
  true,
  () => l10n.t('Another operation on the same resource is still running.'),
  () => l10n.t('Wait until it finishes (refresh to see the states), then try again.'),
);
const notSupported = entry(
  'disk',
  false,
  () => l10n.t('This kind of instance does not support the requested stop (classic network, subscription, local disks or spot instance).'),
  () => l10n.t('Stop the instance in the ECS console, then roll the disk back.'),
  { showServerMessage: true },
);
const systemInstance = entry(
  'permission',
  false,
  () => l10n.t('The instance is managed by an Alibaba Cloud service and cannot be stopped or started by you.'),
  () => l10n.t('Manage it through the service that owns it.'),
);
const internalMayHaveRun = entry(
  'transient',
  true,
  () => l10n.t('ECS failed with an internal error; the request may or may not have taken effect.'),
  () => l10n.t('Check the disk and instance states (refresh) before trying again. If it keeps failing, contact Alibaba Cloud support with the request ID.'),
);
const unavailable = entry(
  'transient',
  true,
  () => l10n.t('ECS is temporarily unavailable; the request may or may not have taken effect.'),
  () => l10n.t('Wait a few minutes and check the instance state (refresh) before trying again.'),
);
const kmsKeyMissing = entry(
  'disk',
  false,
  () => l10n.t('The encryption key (KMS key) of an encrypted disk of the instance cannot be found.'),
  () => l10n.t('Check the key in Key Management Service, then try again.'),
);
const kmsServiceOff = entry(
  'disk',
  false,
  () => l10n.t('Key Management Service is not enabled, and the instance has encrypted disks.'),
  () => l10n.t('Activate Key Management Service for the account, then try again.'),
);

// --- Stopping ---------------------------------------------------------------------------
const notRunning = entry(
  'disk',
  true,
  () => l10n.t('The instance is not Running, so it cannot be stopped.'),
  () => l10n.t('Refresh: it may already be Stopping or Stopped. If it is Starting or Pending, wait until it is Running.'),
);
const stopEntries: Entries = {
  DryRunOperation: dryRun,
  'DRYRUN.SUCCESS': dryRun,
  'InvalidParameter.Encrypted.KmsNotEnable': kmsNotActivated,
  DiskError: entry(
    'disk',
    true,
    () => l10n.t('A disk of the instance is in a state that does not allow stopping it.'),
    () => l10n.t('Wait until the disks are no longer busy (refresh), then try again.'),
  ),
  IncorrectInstanceStatus: notRunning,
  InstanceLockedForSecurity: securityLock,
  'InstanceType.ParameterMismatch': entry(
    'disk',
    false,
    () => l10n.t('This instance has local disks and must be stopped with an explicit confirmation.'),
    () => l10n.t('Stop the instance in the ECS console, then roll the disk back.'),
  ),
  InstanceExpiredOrInArrears: expiredOrInArrears,
  'InvalidInstanceId.NotSupport': notSupported,
  'InvalidParameter.KMSKeyId.CMKUnauthorized': kmsCmkUnauthorized,
  'InvalidParameter.KMSKeyId.CMKNotEnabled': kmsCmkNotEnabled,
  'InvalidParameter.KMSKeyId.KMSUnauthorized': kmsUnauthorized,
  'HibernationConfigured.InstanceOperationForbidden': entry(
    'disk',
    false,
    () => l10n.t('The instance is configured for hibernation, which forbids this operation.'),
    () => l10n.t('Stop the instance in the ECS console, then roll the disk back.'),
  ),
  'HibernationConfigured.NotEnabled': entry(
    'disk',
    false,
    () => l10n.t('Hibernation is not enabled for this instance.'),
    () => l10n.t('Stop the instance in the ECS console, then roll the disk back.'),
  ),
  'InvalidOperation.KMSKeyIdNotFound': kmsKeyMissing,
  'InvalidOperation.KMSServiceNotOpen': kmsServiceOff,
  'OperationDenied.SystemInstanceNotSupport': systemInstance,
  'InvalidInstanceId.NotFound': instanceNotFound,
  'InvalidInstanceIds.NotFound': instancesNotFound,
  'InvalidParameter.TooManyInstanceIds': tooManyIds,
  'Abs.InvalidInstanceIds.MalFormed': malformedIds,
  InsufficientBalance: insufficientBalance,
  InstanceNotReady: notReady,
  'InvalidOperation.Conflict': conflict,
  InternalError: internalMayHaveRun,
  'LimitedOperation.ServiceUnavailable': unavailable,
};

// --- Starting ---------------------------------------------------------------------------
const cannotStartHere = (title: () => string) =>
  entry('quota', true, title, () => l10n.t('Try again later, or change the instance type in the ECS console, then start it.'));
const startEntries: Entries = {
  DryRunOperation: dryRun,
  'DRYRUN.SUCCESS': dryRun,
  LackResource: cannotStartHere(() => l10n.t('The capacity reservation of the instance has no room left to start it.')),
  'InvalidDedicatedHost.NotEnoughResource': cannotStartHere(() => l10n.t('No dedicated host has room to start the instance.')),
  'InvalidInstance.NotFoundSystemDisk': entry(
    'disk',
    false,
    () => l10n.t('The instance has no system disk, so it cannot start.'),
    () => l10n.t('Attach a system disk to the instance in the ECS console, then start it.'),
  ),
  'Invalid.PrivatePoolOptions.NoStock': cannotStartHere(() => l10n.t('The private pool (elasticity assurance or capacity reservation) of the instance is used up.')),
  'InvalidParameter.KMSKeyId.NotFound': kmsKeyGone,
  IncorrectInstanceStatus: entry(
    'disk',
    true,
    () => l10n.t('The instance is not Stopped, so it cannot be started.'),
    () => l10n.t('Refresh: it may already be Starting or Running. If it is Stopping, wait until it is Stopped, then start it.'),
  ),
  InstanceLockedForSecurity: securityLock,
  InsufficientBalance: insufficientBalance,
  DiskError: entry(
    'disk',
    true,
    () => l10n.t('A disk of the instance is still busy (for example, finishing a rollback).'),
    () => l10n.t('Wait a minute, then start the instance again.'),
  ),
  InstanceExpired: entry(
    'billing',
    false,
    () => l10n.t('The instance has expired (subscription ended, or the pay-as-you-go account is overdue).'),
    () => l10n.t('Renew the instance or top up the account in the Billing console, then start it.'),
  ),
  InstanceExpiredOrInArrears: expiredOrInArrears,
  InstanceNotReady: notReady,
  DiskInArrears: entry(
    'billing',
    false,
    () => l10n.t('A disk of the instance has expired for non-payment.'),
    () => l10n.t('Top up the account or renew the disk in the Billing console, then start the instance.'),
  ),
  'OperationDenied.NoStock': entry(
    'quota',
    true,
    () => l10n.t('The zone has no capacity left for this instance type (the instance was probably stopped in economical mode, which released its resources).'),
    () => l10n.t('Try again later or change the instance type. Stopping with "keep charging" (StoppedMode=KeepCharging) avoids this next time.'),
  ),
  'OperationDenied.SpotPriceLowerThanPublicPrice': entry(
    'quota',
    false,
    () => l10n.t('The maximum price of this spot instance is below the current market price.'),
    () => l10n.t('Raise the maximum price of the spot instance in the ECS console, then start it.'),
  ),
  'InvalidParameter.KMSKeyId.CMKUnauthorized': kmsCmkUnauthorized,
  'InvalidParameter.KMSKeyId.CMKNotEnabled': kmsCmkNotEnabled,
  'InvalidParameter.KMSKeyId.KMSUnauthorized': kmsUnauthorized,
  'QuotaExceed.ElasticQuota': entry(
    'quota',
    false,
    () => l10n.t('The quota of instances of this type, or of vCPUs in the zone, is reached.'),
    () => l10n.t('Release unused instances or ask for a higher quota in the Quota Center, then start the instance.'),
    { showServerMessage: true },
  ),
  'OperationDenied.HostRepairing': entry(
    'transient',
    true,
    () => l10n.t('The physical host of the instance is being repaired.'),
    () => l10n.t('Wait until the repair is done, then start the instance.'),
  ),
  'InvalidInstanceId.NotFound': instanceNotFound,
  'InvalidInstanceIds.NotFound': instancesNotFound,
  'InvalidCapacityReservationId.NotFound': entry(
    'input',
    false,
    () => l10n.t('The capacity reservation of the instance does not exist any more.'),
    () => l10n.t('Change or remove the capacity reservation of the instance in the ECS console, then start it.'),
  ),
  'InvalidParameter.TooManyInstanceIds': tooManyIds,
  'Abs.InvalidInstanceIds.MalFormed': malformedIds,
  'InvalidOperation.Conflict': conflict,
  InternalError: internalMayHaveRun,
  ServiceUnavailable: unavailable,
};

// --- Rolling back -----------------------------------------------------------------------
const diskNotFound = entry(
  'disk',
  false,
  () => l10n.t('The disk does not exist (it may have been released, or belongs to another region).'),
  () => l10n.t('Refresh the disk list: a released disk cannot be rolled back.'),
);
const resetEntries: Entries = {
  DryRunOperation: dryRun,
  'DiskCategory.OperationNotSupported': entry(
    'disk',
    false,
    () => l10n.t("This disk's category cannot be rolled back to a snapshot."),
    () => l10n.t('Create a new disk from the snapshot instead, and copy the data you need from it.'),
  ),
  'InvalidRegionId.MalFormed': entry(
    'input',
    false,
    () => l10n.t('The region of the endpoint is not valid.'),
    () => l10n.t("Check the 'ecsSnapshots.region' and 'ecsSnapshots.endpoint' settings."),
    { showServerMessage: true },
  ),
  IncorrectDiskStatus: entry(
    'disk',
    true,
    () => l10n.t('The disk is in a state that does not allow a rollback (or the account has an overdue payment).'),
    () => l10n.t('Wait until the disk is In use or Available (refresh); if the account is overdue, top it up. Then roll back again.'),
  ),
  'IncorrectDiskStatus.HasUnfinishedSnapshot': entry(
    'disk',
    true,
    () => l10n.t('A snapshot of this disk is still being created.'),
    () => l10n.t('Wait until it completes (its progress shows under the disk), then roll back.'),
  ),
  'InvalidOperation.DiskResetInProgress': entry(
    'disk',
    true,
    () => l10n.t('A rollback of this disk is already running.'),
    () => l10n.t('Wait for it to finish; do not roll back again until it has.'),
  ),
  IncorrectInstanceStatus: entry(
    'disk',
    true,
    () => l10n.t("The disk's instance is not Stopped: ECS rolls a disk back only while its instance is Stopped."),
    () => l10n.t('Stop the instance first and wait until it shows Stopped (not Stopping), then roll back.'),
  ),
  InstanceLockedForSecurity: securityLock,
  InstanceExpiredOrInArrears: expiredOrInArrears,
  'InvalidParameter.Mismatch': entry(
    'input',
    false,
    () => l10n.t('This is not a snapshot of this disk, or its encryption does not match the disk.'),
    () => l10n.t('Choose a snapshot taken of this disk. To use another snapshot, create a new disk from it.'),
    { showServerMessage: true },
  ),
  'InvalidSnapshot.TooOld': entry(
    'input',
    false,
    () => l10n.t('The snapshot is too old to roll back to (taken before 15 July 2013).'),
    () => l10n.t('Choose a newer snapshot, or create a new disk from this one.'),
  ),
  OperationDenied: entry(
    'input',
    false,
    () => l10n.t('ECS does not allow this snapshot to be used for a rollback (for example, a shared or copied snapshot).'),
    () => l10n.t('Choose a snapshot taken of this disk in this region, or create a new disk from this one.'),
  ),
  'InvalidSnapshotId.NotReady': entry(
    'disk',
    true,
    () => l10n.t('The snapshot is not ready yet.'),
    () => l10n.t('Wait until the snapshot is complete (its progress shows under the disk), then roll back.'),
  ),
  'InvalidAccountStatus.NotEnoughBalance': insufficientBalance,
  'InvalidAccountStatus.SnapshotServiceUnavailable': entry(
    'permission',
    false,
    () => l10n.t('The snapshot service is not activated for this account.'),
    () => l10n.t('Activate ECS snapshots in the ECS console, then roll back.'),
  ),
  'Operation.Conflict': entry(
    'transient',
    true,
    () => l10n.t('Another operation on this disk is still running (perhaps a rollback already sent).'),
    () => l10n.t('Wait a minute and refresh before rolling back again.'),
  ),
  UserNotInTheWhiteList: entry(
    'permission',
    false,
    () => l10n.t('The account is not allowed to roll back this disk.'),
    () => l10n.t('Contact Alibaba Cloud support with the request ID.'),
  ),
  'InvalidParameter.KMSKeyId.CMKUnauthorized': kmsCmkUnauthorized,
  'InvalidParameter.KMSKeyId.CMKNotEnabled': kmsCmkNotEnabled,
  'InvalidParameter.KMSKeyId.KMSUnauthorized': kmsUnauthorized,
  'InvalidParameter.KMSKeyId.NotFound': kmsKeyGone,
  'InvalidDiskId.NotFound': diskNotFound,
  'Disk.NotFound': diskNotFound,
  'InvalidSnapshotId.NotFound': entry(
    'input',
    false,
    () => l10n.t('The snapshot does not exist (it may have been deleted or expired).'),
    () => l10n.t('Refresh the snapshots of the disk and choose one that exists.'),
  ),
  'InvalidInstanceId.NotFound': entry(
    'disk',
    false,
    () => l10n.t("The disk's instance does not exist any more."),
    () => l10n.t('Refresh the disk list, then roll back again.'),
  ),
  // 400 "service not available now": ECS turned the request away before acting on it (the
  // gateway retries it). 500: an unknown failure after which the rollback may have started.
  InternalError: {
    category: 'transient',
    retryable: true,
    doc: 'errorCenter',
    title: (_v, c) =>
      c.httpStatus !== undefined && c.httpStatus < 500
        ? l10n.t('The rollback service is not available right now.')
        : l10n.t('ECS failed with an internal error; the rollback may or may not have started.'),
    action: (_v, c) =>
      c.httpStatus !== undefined && c.httpStatus < 500
        ? l10n.t('Nothing was changed. Try again in a few minutes.')
        : l10n.t('Check the disk before rolling back again: wait a minute, refresh, and look at its state. If it keeps failing, contact Alibaba Cloud support with the request ID.'),
  },
  MissingParameter: entry(
    'extension',
    false,
    () => l10n.t('The rollback request lacked the disk or the snapshot.'),
    () => l10n.t('This is a problem in the extension: please report it with the request ID.'),
    { showServerMessage: true },
  ),
};

const statusEntries: Entries = {
  'InvalidParameter.TooManyInstanceIds': tooManyIds,
  'Abs.InvalidInstanceIds.MalFormed': malformedIds,
  'InvalidZoneId.NotFound': entry(
    'input',
    false,
    () => l10n.t('The zone does not exist in this region.'),
    () => l10n.t('This is a problem in the extension: please report it with the request ID.'),
  ),
};

/** Entries by API action, consulted before the code-only catalog. */
export const ACTION_CATALOG: Readonly<Record<string, Entries>> = {
  ResetDisk: resetEntries,
  StopInstance: stopEntries,
  StopInstances: stopEntries,
  StartInstance: startEntries,
  StartInstances: startEntries,
  DescribeInstanceStatus: statusEntries,
  ...GROUP_CATALOG,
};

// What the error codes of the snapshot-consistent group actions (CreateSnapshotGroup,
// DescribeSnapshotGroups, DeleteSnapshotGroup, ModifySnapshotGroup) mean to someone backing up a
// whole instance. Only the codes whose meaning or advice differs from CreateSnapshot's are here;
// the rest (KMS, balance, arrears, resource group...) keep catalogEntries.ts's words, which hold
// for a group as well.
import * as l10n from '@vscode/l10n';
import { CATALOG, type CatalogEntry } from './catalogEntries';

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

const reportBug = () => l10n.t('This is a problem in the extension: please report it with the request ID.');
const backUpAgain = () => l10n.t('Wait a minute, refresh, then back up the instance again.');

const nameRefused = entry(
  'input',
  false,
  () => l10n.t('ECS did not accept the name of the snapshot group.'),
  () => l10n.t("Use 2-128 characters that start with a letter, with only letters, digits 0-9, ':', '_', '.', '-'; the name must not start with 'http://' or 'https://'."),
);
const descriptionRefused = entry(
  'input',
  false,
  () => l10n.t('ECS did not accept the description of the snapshot group.'),
  () => l10n.t("Use 2-256 characters that do not start with 'http://' or 'https://', or leave the description empty."),
);
const instanceGone = entry(
  'input',
  false,
  () => l10n.t('The instance does not exist (it may have been released, or belongs to another region).'),
  () => l10n.t('Refresh the instances, then choose one that exists.'),
);
const groupGone = entry(
  'input',
  false,
  () => l10n.t('The snapshot group does not exist (it may have been deleted already).'),
  () => l10n.t('Refresh the snapshot groups of the instance.'),
);
const regionGone = entry(
  'input',
  false,
  () => l10n.t('This region does not exist or is not available to your account.'),
  () => l10n.t("Check the 'ecsSnapshots.region' setting, or choose another region."),
);
const tooBig = (title: () => string) =>
  entry('quota', false, title, () =>
    l10n.t('Back up fewer disks at once: untick some in the list, or split them into two groups (each is consistent on its own).'),
  );

const createEntries: Entries = {
  // --- The disks the group may hold -----------------------------------------------------------
  'InvalidDiskIds.NotInSameZone': entry(
    'disk',
    false,
    () => l10n.t('The disks are not all in one zone: a snapshot group takes the disks of one zone only.'),
    () => l10n.t('Back up the disks of each zone separately, or leave the other zone\'s disks out.'),
  ),
  'DiskCategory.OperationNotSupported': entry(
    'disk',
    false,
    () => l10n.t('A disk is not in the ESSD family, or is encrypted: snapshot groups take unencrypted ESSD, ESSD AutoPL, ESSD Entry and regional ESSD disks only.'),
    () => l10n.t('Leave that disk out of the group and snapshot it on its own.'),
    { showServerMessage: true },
  ),
  'DiskId.ValueNotSupported': entry(
    'disk',
    false,
    () => l10n.t('The device category of a disk does not support snapshot groups.'),
    () => l10n.t('Leave that disk out of the group and snapshot it on its own.'),
    { showServerMessage: true },
  ),
  'IncorrectDiskType.NotSupport': entry(
    'disk',
    false,
    () => l10n.t('The type of a disk does not support snapshot groups.'),
    () => l10n.t('Leave that disk out of the group and snapshot it on its own.'),
    { showServerMessage: true },
  ),
  'InvalidOperation.MultiAttachDisk': entry(
    'disk',
    false,
    () => l10n.t('A disk is attached to several instances (multi-attach): snapshot groups do not take such disks.'),
    () => l10n.t('Leave the shared disk out of the group (exclude it) and snapshot it on its own.'),
  ),
  'InvalidDisk.DiskCategoryInconsistent': entry(
    'disk',
    false,
    () => l10n.t('A regional (zone-redundant) ESSD cannot be in one group with disks of other categories.'),
    () => l10n.t('Back up the regional ESSDs and the other disks in two separate groups.'),
  ),
  'InvalidDisk.ShareVolume': entry(
    'disk',
    false,
    () => l10n.t('A disk is a shared volume, which snapshot groups do not take.'),
    () => l10n.t('Leave that disk out of the group.'),
  ),
  'NumberExceed.TooManyDisks': tooBig(() => l10n.t('The group has more disks than this region allows in one snapshot group.')),
  'CapacityExceed.TooManyDisks': tooBig(() => l10n.t('The disks of the group are larger in total than this region allows in one snapshot group.')),
  'InvalidInstance.NoDisk': entry(
    'disk',
    false,
    () => l10n.t('The instance has no disk that can be put in a snapshot group.'),
    () => l10n.t('Refresh the instance: its disks may have been detached or left out.'),
  ),
  'InvalidRegion.NotSupport': entry(
    'disk',
    false,
    () => l10n.t('This region does not offer snapshot groups.'),
    () => l10n.t('Snapshot each disk on its own instead (they are then not taken at the same instant).'),
  ),
  'InvalidDiskId.NotFound': entry(
    'disk',
    false,
    () => l10n.t('A disk of the group does not exist, or is not attached to the instance any more.'),
    () => l10n.t('Refresh the instance and its disks, then back up again.'),
    { showServerMessage: true },
  ),
  'InvalidVolumeId.NotFound': entry(
    'disk',
    false,
    () => l10n.t('A volume of the group does not exist any more.'),
    () => l10n.t('Refresh the instance and its disks, then back up again.'),
  ),
  'InvalidInstanceId.NotFound': instanceGone,

  // --- States that pass --------------------------------------------------------------------------
  IncorrectInstanceStatus: entry(
    'disk',
    true,
    () => l10n.t('The instance is neither Running nor Stopped: ECS takes a snapshot group only then.'),
    () => l10n.t('Wait until the instance is Running or Stopped, then back up the instance again.'),
  ),
  'IncorrectDiskStatus.CreatingSnapshot': entry(
    'disk',
    true,
    () => l10n.t('A snapshot of one of the disks is still being created.'),
    () => l10n.t('Wait until it completes (its progress shows under the disk), then back up the instance again.'),
  ),
  'IncorrectDiskStatus.TooManyCreatingSnapshots': entry(
    'disk',
    true,
    () => l10n.t('Too many snapshots of one of the disks are being created at once.'),
    () => l10n.t('Wait for the running snapshots to complete, then back up the instance again.'),
  ),
  // CreateSnapshot's words name the disk (from the message's %s); only the advice is the group's.
  'QuotaExceed.ConcurrentSnapshotQuota': {
    ...CATALOG['QuotaExceed.ConcurrentSnapshotQuota'],
    action: () => l10n.t('Wait for the running snapshots to complete, then back up the instance again.'),
  },
  'IncorrectDiskStatus.NeverAttached': entry(
    'disk',
    false,
    () => l10n.t('A disk of the group has never been attached to an instance.'),
    () => l10n.t('Leave that disk out of the group, or attach it to an instance first.'),
  ),
  'IncorrectDiskStatus.NeverUsed': entry(
    'disk',
    false,
    () => l10n.t('A disk of the group has never been used since it was created: there is nothing to snapshot on it.'),
    () => l10n.t('Leave that disk out of the group.'),
  ),
  IncorrectDiskStatus: entry(
    'disk',
    true,
    () => l10n.t('A disk of the group is in a state that does not allow a snapshot.'),
    () => l10n.t('Wait until every disk of the instance is In use or Available (refresh), then back up the instance again.'),
    { showServerMessage: true },
  ),
  'IncorrectDiskStatus.Invalid': entry(
    'disk',
    true,
    () => l10n.t('A disk of the group is in an invalid state.'),
    () => l10n.t('Restart the instance, then back it up again.'),
  ),
  'IncorrectDiskStatus.Transferring': entry(
    'disk',
    true,
    () => l10n.t('A disk of the group is being migrated.'),
    () => l10n.t('Wait until the migration ends, then back up the instance again.'),
  ),
  'CreateSnapshot.Failed': entry('transient', true, () => l10n.t('ECS could not create the snapshots of the group.'), backUpAgain),

  // --- Requests of ours ------------------------------------------------------------------------
  'MissingParamter.InstanceId': entry('extension', false, () => l10n.t('The group request named neither an instance nor any disk.'), reportBug),
  'InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict': entry(
    'extension',
    false,
    () => l10n.t('The group request both listed disks and excluded disks, which ECS does not allow together.'),
    reportBug,
  ),
  'InvalidRetentionDays.Malformed': entry(
    'extension',
    false,
    () => l10n.t('The group request carried a retention period, which snapshot groups do not take.'),
    reportBug,
  ),
  'InvalidSnapshotName.Malformed': nameRefused,
  'InvalidParameter.Name': nameRefused,
  'InvalidDescription.Malformed': descriptionRefused,
  'InvalidParameter.Description': descriptionRefused,
  IdempotentParameterMismatch: entry(
    'extension',
    false,
    () => l10n.t('A group backup was already requested with this request token but other settings.'),
    () => l10n.t('Start the backup of the instance again from the beginning (a new request).'),
  ),
  IdempotentProcessing: entry(
    'transient',
    true,
    () => l10n.t('ECS is still processing the same group backup.'),
    () => l10n.t('Wait a few seconds: the backup already requested is being created. Refresh before trying again.'),
  ),
  'InvalidOperation.Unauthorized': entry(
    'permission',
    false,
    () => l10n.t('The account may not create snapshot groups here.'),
    () => l10n.t('Ask the account administrator to allow ecs:CreateSnapshotGroup, or contact Alibaba Cloud support.'),
  ),
  UserNotInTheWhiteList: entry(
    'permission',
    false,
    () => l10n.t('The account is not allowed to create snapshot groups.'),
    () => l10n.t('Contact Alibaba Cloud support with the request ID.'),
  ),
  'InvalidParameter.UnauthorizedStorageLocationArn': entry(
    'extension',
    false,
    () => l10n.t('The group request named a storage location the account may not use.'),
    reportBug,
  ),
  'InvalidOperation.SnapshotStorageLocationUnsupported': entry(
    'disk',
    false,
    () => l10n.t('The snapshots of these disks cannot be stored where ECS would put them (for example, disks on CloudBox).'),
    () => l10n.t('Snapshot each disk on its own, or contact Alibaba Cloud support.'),
  ),
  'InvalidKMSKeyId.NotFound': entry(
    'disk',
    false,
    () => l10n.t('The encryption key (KMS key) of a disk does not exist.'),
    () => l10n.t('Check the key in Key Management Service, or leave the encrypted disk out of the group.'),
  ),
  'InvalidRegionId.NotFound': regionGone,
  InternalError: entry(
    'transient',
    true,
    () => l10n.t('ECS failed with an internal error; the snapshot group may or may not have been created.'),
    () => l10n.t('Refresh the snapshot groups of the instance before backing it up again. If it keeps failing, contact Alibaba Cloud support with the request ID.'),
  ),
};

const describeEntries: Entries = {
  'Duplicate.TagKey': entry('extension', false, () => l10n.t('The list of snapshot groups was asked with a tag key twice.'), reportBug),
  'InvalidSnapshotGroupId.MustBeOne': entry('extension', false, () => l10n.t('The list of snapshot groups asked for progress details of several groups at once.'), reportBug),
  'InvalidStatus.ValueNotSupported': entry('extension', false, () => l10n.t('The list of snapshot groups was asked with a status ECS does not know.'), reportBug),
  'InvalidRegionId.NotFound': regionGone,
  'InvalidInstanceId.NotFound': instanceGone,
};

const deleteEntries: Entries = {
  SnapshotCreatedImage: entry(
    'disk',
    false,
    () => l10n.t('A snapshot of the group backs a custom image, so ECS keeps it.'),
    () => l10n.t('Delete the custom image made from it first (in the ECS console, Images), then delete the snapshot.'),
  ),
  'Operation.Forbidden': entry(
    'permission',
    false,
    () => l10n.t('ECS does not allow this snapshot group to be deleted.'),
    () => l10n.t('The group may be managed by another service (for example, a backup plan): delete it there, or contact Alibaba Cloud support.'),
    { showServerMessage: true },
  ),
  'InvalidSnapshotGroup.NotFound': groupGone,
  'InvalidRegionId.NotFound': regionGone,
};

const modifyEntries: Entries = {
  'InvalidParameter.Name': nameRefused,
  'InvalidParameter.Description': descriptionRefused,
  'InvalidRegionId.NotFound': regionGone,
  'InvalidSnapshotGroup.NotFound': groupGone,
};

/** Entries of the group actions, by action. */
export const GROUP_CATALOG: Readonly<Record<string, Entries>> = {
  CreateSnapshotGroup: createEntries,
  DescribeSnapshotGroups: describeEntries,
  DeleteSnapshotGroup: deleteEntries,
  ModifySnapshotGroup: modifyEntries,
};

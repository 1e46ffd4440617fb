// Errors of the snapshot-consistent group actions, with the HTTP statuses of their API reference
// tables (restore spec, CreateSnapshotGroup to ModifySnapshotGroup). "MissingParamter" is the
// cloud's own spelling; several messages are literal `%s` in the cloud, filled in here.

import { ApiError } from './errors';

const e = (status: number, code: string, message: string) => (): ApiError => new ApiError(status, code, message);

export const groupErrors = {
  missingInstanceId: e(400, 'MissingParamter.InstanceId', 'The parameter InstanceId is required when no DiskId.N is specified.'),
  listsConflict: e(400, 'InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict', 'ExcludeDiskId.N and DiskId.N cannot be specified together.'),
  nameInvalid: e(400, 'InvalidParameter.Name', 'The specified Name is invalid: 2 to 128 characters, starting with a letter or a Chinese character; digits, periods (.), underscores (_), hyphens (-) and colons (:) allowed; not starting with http:// or https://.'),
  descriptionInvalid: e(400, 'InvalidParameter.Description', 'The specified Description is invalid: 2 to 256 characters, not starting with http:// or https://.'),
  notInSameZone: e(400, 'InvalidDiskIds.NotInSameZone', 'The specified disks are not in the same zone.'),
  categoryNotSupported: e(400, 'DiskCategory.OperationNotSupported', 'The category of the specified disk does not support snapshot-consistent groups.'),
  specialDisk: e(400, 'DiskCategory.OperationNotSupported', 'The specified disk is a special disk (encrypted) and does not support snapshot-consistent groups.'),
  incorrectInstanceStatus: (status: string) =>
    new ApiError(400, 'IncorrectInstanceStatus', `The current status of the instance does not support this operation. (${status})`),
  regionNotSupported: e(403, 'InvalidRegion.NotSupport', 'Snapshot-consistent groups are not supported in the specified region.'),
  noDisk: e(403, 'InvalidInstance.NoDisk', 'The specified instance has no disk to snapshot.'),
  tooManyDisks: (max: number) => new ApiError(403, 'NumberExceed.TooManyDisks', `A snapshot-consistent group can hold at most ${max} disks in this region.`),
  tooMuchCapacity: (tib: number) =>
    new ApiError(403, 'CapacityExceed.TooManyDisks', `The disks of a snapshot-consistent group can total at most ${tib} TiB in this region.`),
  multiAttach: e(403, 'InvalidOperation.MultiAttachDisk', 'The specified disk is attached to several instances (multi-attach); exclude it.'),
  categoryInconsistent: e(403, 'InvalidDisk.DiskCategoryInconsistent', 'A regional (zone-redundant) ESSD cannot be grouped with disks of other categories.'),
  concurrentQuota: (diskId: string, max: number) =>
    new ApiError(403, 'QuotaExceed.ConcurrentSnapshotQuota', `The disk ${diskId} already has ${max} snapshots in progress, the most it can have.`),
  notAttachedToInstance: (diskId: string) =>
    new ApiError(404, 'InvalidDiskId.NotFound', `The specified disk ${diskId} is not attached to the specified instance.`),
  groupNotFound: e(404, 'InvalidSnapshotGroup.NotFound', 'The specified snapshot-consistent group does not exist.'),
  statusNotSupported: e(403, 'InvalidStatus.ValueNotSupported', 'The specified Status is not supported: use progressing, accomplished or failed (at most 3).'),
  mustBeOne: e(403, 'InvalidSnapshotGroupId.MustBeOne', 'AdditionalAttributes SNAPSHOT_GROUP_PROGRESS_STATUS needs exactly one SnapshotGroupId.'),
  createdImage: e(403, 'SnapshotCreatedImage', 'The snapshot has been used to create a custom image; delete the image first.'),
};

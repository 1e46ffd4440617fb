// Errors of ResetDisk, StopInstance(s), StartInstance(s) and DescribeInstanceStatus, with the HTTP
// statuses of their API reference tables (some are odd on purpose: an empty ID list is 403 and a
// passed dry run is a 400 error). Messages follow the cloud's wording where it is known.

import { ApiError } from './errors';

const e = (status: number, code: string, message: string) => (): ApiError => new ApiError(status, code, message);

export const restoreErrors = {
  missing: (param: string) =>
    new ApiError(400, 'MissingParameter', `The input parameter "${param}" that is mandatory for processing this request is not supplied.`),
  dryRunOperation: e(400, 'DryRunOperation', 'Request validation has been passed with DryRun flag set.'),
  dryRunSuccess: e(400, 'DRYRUN.SUCCESS', 'This request is a dryrun request with successful result.'),

  // ResetDisk.
  categoryNotSupported: e(400, 'DiskCategory.OperationNotSupported', 'The operation is not supported for the specified disk category.'),
  snapshotMismatch: e(403, 'InvalidParameter.Mismatch', 'The specified snapshot is not created from the specified disk.'),
  snapshotTooOld: e(403, 'InvalidSnapshot.TooOld', 'The specified snapshot is created before 2013-07-15.'),
  snapshotNotReady: e(403, 'InvalidSnapshotId.NotReady', 'The specified snapshot has not completed yet.'),
  // "dose" is the cloud's own spelling.
  snapshotDenied: e(403, 'OperationDenied', 'The specified snapshot dose not support ResetDisk.'),
  unfinishedSnapshot: e(403, 'IncorrectDiskStatus.HasUnfinishedSnapshot', 'The specified disk has unfinished snapshot.'),
  resetInProgress: e(403, 'InvalidOperation.DiskResetInProgress', 'The specified disk is being reset.'),
  incorrectDiskStatus: e(403, 'IncorrectDiskStatus', 'The current disk status does not support this operation.'),

  // Instances.
  instanceNotFound: e(404, 'InvalidInstanceId.NotFound', 'The specified InstanceId does not exist.'),
  instancesNotFound: (ids: string[]) =>
    new ApiError(404, 'InvalidInstanceIds.NotFound', `The specified InstanceIds do not exist: ${ids.join(',')}.`),
  emptyInstanceIds: e(403, 'InvalidInstanceId.NotFound', 'InstanceId should not be null.'),
  tooManyInstanceIds: e(403, 'InvalidParameter.TooManyInstanceIds', 'The maximum number of InstanceIds is 100.'),
  malformedInstanceIds: (why: string) => new ApiError(403, 'Abs.InvalidInstanceIds.MalFormed', `The specified InstanceIds are not valid. ${why}`),
  incorrectInstanceStatus: (status: string) =>
    new ApiError(403, 'IncorrectInstanceStatus', `The current status of the resource does not support this operation. (${status})`),
  lockedForSecurity: e(403, 'InstanceLockedForSecurity', 'The specified operation is denied as your instance is locked for security reasons.'),
  expiredOrInArrears: e(403, 'InstanceExpiredOrInArrears', 'The specified operation is denied as your prepay instance is expired (prepay mode) or in arrears (afterpay mode).'),
  instanceExpired: e(403, 'InstanceExpired', 'The specified instance has expired; top up your account or renew it.'),
  hibernationNotEnabled: e(403, 'HibernationConfigured.NotEnabled', 'The specified instance is not configured for hibernation.'),
  diskError: e(403, 'DiskError', 'IncorrectDiskStatus.'),
  instanceNotReady: e(403, 'InstanceNotReady', 'The specified instance is not ready for use; try again later.'),
  noStock: e(403, 'OperationDenied.NoStock', 'The resource is out of stock in the specified zone. Please try other types, or choose other regions and zones.'),
  zoneNotFound: e(404, 'InvalidZoneId.NotFound', 'The specified ZoneId does not exist.'),
};

// Errors the sandbox answers with, in ECS's documented shape. Messages are the cloud's own
// English texts (CreateSnapshot's come verbatim from the API reference's error table).

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. x-acs-retry-after for throttling. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const e = (status: number, code: string, message: string) => (): ApiError => new ApiError(status, code, message);

export const errors = {
  // Request and signature level (the API gateway's answers).
  incompleteSignature: (why: string) =>
    new ApiError(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards. ${why}`),
  signatureDoesNotMatch: (serverStringToSign: string) =>
    new ApiError(
      400,
      'SignatureDoesNotMatch',
      `Specified signature does not match our calculation. server string to sign is:${serverStringToSign}`,
    ),
  accessKeyNotFound: e(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
  timestampExpired: e(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.'),
  securityTokenExpired: e(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.'),
  securityTokenMalformed: e(400, 'InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed.'),
  actionNotFound: e(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.'),
  versionNotSupported: e(400, 'InvalidVersion', 'Specified parameter Version is not valid.'),
  methodNotAllowed: e(405, 'UnsupportedHTTPMethod', 'This http method is not supported; send POST (or GET).'),
  uriTooLong: e(414, 'InvalidParameter.UriTooLong', 'The request URI is too long.'),
  headersTooLarge: e(431, 'InvalidParameter.HeadersTooLarge', 'The request line and headers are too large.'),
  requestTimeout: (ms: number) =>
    new ApiError(408, 'RequestTimeout', `The request was not received completely within ${Math.ceil(ms / 1000)} seconds.`),
  tooManyConnections: e(503, 'ServiceUnavailable', 'The sandbox holds too many connections; try again.'),
  bodyTooLarge: e(413, 'InvalidParameter.BodyTooLarge', 'The request body is too large.'),
  /** The POP convention: code Missing<Param>, e.g. MissingDiskId. */
  missing: (param: string) => new ApiError(400, `Missing${param}`, `${param} is mandatory for this action.`),
  invalidParameter: (param: string, why = '') =>
    new ApiError(400, 'InvalidParameter', `The specified parameter ${param} is not valid.${why ? ` ${why}` : ''}`),
  malformedIds: (param: string, why: string) =>
    new ApiError(400, `Invalid${param}.Malformed`, `The specified parameter ${param} is not valid. ${why}`),
  /** Too many IDs: the same code as a malformed list, but 403 (as the references list it). */
  tooManyIds: (param: string, max: number) =>
    new ApiError(403, `Invalid${param}.Malformed`, `The amount of specified ${param} exceeds the limit of ${max}.`),
  regionNotFound: e(404, 'InvalidRegionId.NotFound', 'The specified RegionId does not exist.'),
  throttling: (retryAfterSeconds: number) =>
    new ApiError(403, 'Throttling', 'Request was denied due to user flow control.', {
      // Milliseconds, as the SDK reads this header.
      'x-acs-retry-after': String(Math.round(retryAfterSeconds * 1000)),
    }),
  internalError: e(500, 'InternalError', 'The request processing has failed due to some unknown error.'),

  // CreateSnapshot's table.
  snapshotNameMalformed: e(400, 'InvalidSnapshotName.Malformed', 'The specified SnapshotName is wrongly formed.'),
  descriptionMalformed: e(404, 'InvalidDescription.Malformed', 'The specified description is wrongly formed.'),
  retentionDaysMalformed: e(400, 'InvalidRetentionDays.Malformed', 'The specified RetentionDays is not valid.'),
  tagKeyMalformed: e(400, 'InvalidTagKey.Malformed', 'The specified Tag.n.Key is not valid.'),
  tagValueMalformed: e(400, 'InvalidTagValue.Malformed', 'The specified Tag.n.Value is not valid.'),
  duplicateTagKey: e(400, 'Duplicate.TagKey', 'The Tag.N.Key contain duplicate key.'),
  tagQuota: (specified: number) =>
    new ApiError(403, 'QuotaExceed.Tags', `The maximum number of tags is 20, you specified ${specified}.`),
  clientTokenMalformed: () =>
    new ApiError(
      400,
      'InvalidParameter',
      'The specified parameter ClientToken is not valid. It must contain only ASCII characters and be at most 64 characters.',
    ),
  snapshotCategoryMalformed: e(403, 'InvalidSnapshotCategory.Malformed', 'The specified Category is not valid.'),
  resourceGroupNotFound: e(404, 'InvalidResourceGroup.NotFound', 'The ResourceGroup provided does not exist in our records.'),
  idempotentMismatch: e(403, 'IdempotentParameterMismatch', 'The specified clientToken is used.'),
  diskNotFound: e(404, 'InvalidDiskId.NotFound', 'The specified DiskId does not exist.'),
  serviceUnavailable: e(403, 'InvalidAccountStatus.SnapshotServiceUnavailable', 'Snapshot service has not been opened yet.'),
  notEnoughBalance: e(403, 'InvalidAccountStatus.NotEnoughBalance', 'Your account does not have enough balance.'),
  categoryNotSupported: e(
    400,
    'DiskCategory.OperationNotSupported',
    'The type of the specified disk does not support creating a snapshot.',
  ),
  diskInArrears: e(403, 'DiskInArrears', 'The specified operation is denied as your disk has expired.'),
  lockedForSecurity: e(403, 'InstanceLockedForSecurity', 'The disk attached instance is locked due to security.'),
  incorrectDiskStatus: e(403, 'IncorrectDiskStatus', 'The current disk status does not support this operation.'),
  neverAttached: e(
    403,
    'IncorrectDiskStatus.NeverAttached',
    'The specified disk has never been attached to any instance.',
  ),
  neverUsed: e(403, 'IncorrectDiskStatus.NeverUsed', 'The specified disk has never been used after creating.'),
  creatingSnapshot: e(403, 'IncorrectDiskStatus.CreatingSnapshot', 'A previous snapshot creation is in process.'),
  snapshotQuota: e(403, 'QuotaExceed.Snapshot', 'The snapshot quota exceeds.'),

  // DeleteSnapshot.
  snapshotNotFound: e(404, 'InvalidSnapshotId.NotFound', 'The specified SnapshotId does not exist.'),
};

export interface ErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

export function errorBody(err: ApiError, requestId: string, hostId: string): ErrorBody {
  return {
    RequestId: requestId,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=Ecs&requestId=${requestId}`,
  };
}

// What each ECS error code means to someone taking a snapshot, and what they can do about it.
// Covers every code of CreateSnapshot's error table plus the request-level codes any ECS call can
// meet (signature, credentials, permissions, throttling). Strings are English first, through l10n.
import * as l10n from '@vscode/l10n';

/** Values pulled out of the server message (its %s placeholders), in order. */
export type Values = readonly string[];

export type ProblemCategory =
  | 'input' // a value the user entered: fix it
  | 'disk' // the disk's state or kind: wait, or choose another disk
  | 'quota' // a limit was reached: clean up or ask for more
  | 'billing' // the account owes money
  | 'permission' // RAM / account is not allowed
  | 'credentials' // the AccessKey / token is wrong or expired
  | 'transient' // try again later
  | 'extension' // the request itself was wrong: a bug to report
  | 'unknown';

export type DocTopic = 'createSnapshot' | 'ram' | 'accessKey' | 'activateSnapshots' | 'errorCenter';

export interface CatalogEntry {
  category: ProblemCategory;
  /** What happened, in the user's words. */
  title: (values: Values, context: EntryContext) => string;
  /** What to do next. */
  action: (values: Values, context: EntryContext) => string;
  /** Whether trying the same request again (now or after waiting) can succeed. */
  retryable: boolean;
  doc: DocTopic;
  /**
   * The server's message with %s for the parts that vary; they become `values`.
   * Only for the codes whose documented message has placeholders.
   */
  template?: string;
  /** The server message adds information the title lacks: show it. */
  showServerMessage?: boolean;
}

export interface EntryContext {
  /** The API action that failed, e.g. "CreateSnapshot" (for RAM permission names). */
  apiAction: string;
  retryAfterSeconds?: number;
  serverMessage: string;
  /** Some codes mean another thing per status (ResetDisk's InternalError: 400 vs 500). */
  httpStatus?: number;
}

const waitCreating: CatalogEntry = {
  category: 'disk',
  title: () => l10n.t('A snapshot of this disk is still being created.'),
  action: () => l10n.t('Wait until it completes (its progress shows under the disk), then create the new snapshot.'),
  retryable: true,
  doc: 'createSnapshot',
};

const chooseAnotherDisk = () => l10n.t('Choose another disk: this one cannot be snapshotted.');

const internalError: CatalogEntry = {
  category: 'transient',
  title: () => l10n.t('ECS failed with an internal error.'),
  action: () => l10n.t('Try again in a minute. If it keeps failing, contact Alibaba Cloud support with the request ID.'),
  retryable: true,
  doc: 'errorCenter',
};

const throttled: CatalogEntry = {
  category: 'transient',
  title: () => l10n.t('ECS is limiting how often your account may call this API right now.'),
  action: (_v, c) => waitThenTryAgain(c.retryAfterSeconds),
  retryable: true,
  doc: 'errorCenter',
};

/** l10n has no plural forms: one key for a single second, one for more. */
function waitThenTryAgain(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return l10n.t('Wait a few seconds, then try again.');
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return seconds === 1 ? l10n.t('Wait 1 second, then try again.') : l10n.t('Wait {0} seconds, then try again.', seconds);
}

const noPermission: CatalogEntry = {
  category: 'permission',
  title: (_v, c) => l10n.t('Your RAM user or role is not allowed to call {0}.', c.apiAction),
  action: (_v, c) =>
    l10n.t(
      "Ask an administrator to grant 'ecs:{0}' to your RAM user or role in the RAM console (for example with a custom policy, or the AliyunECSFullAccess system policy).",
      c.apiAction,
    ),
  retryable: false,
  doc: 'ram',
};

/** Keyed by exact error code. */
export const CATALOG: Readonly<Record<string, CatalogEntry>> = {
  // --- CreateSnapshot's error table -------------------------------------------------------
  'InvalidParameter.KMSKeyId.NotFound': {
    category: 'disk',
    title: () => l10n.t("The disk's encryption key (KMS key) no longer exists."),
    action: () => l10n.t('Check the key in Key Management Service: an encrypted disk can only be snapshotted while its key exists.'),
    retryable: false,
    doc: 'errorCenter',
  },
  'InvalidSnapshotName.Malformed': {
    category: 'input',
    title: () => l10n.t('ECS did not accept the snapshot name.'),
    action: () =>
      l10n.t("Use 2-128 characters that start with a letter, with only letters, digits 0-9, ':', '_', '.', '-'; the name must not start with 'auto', 'http://' or 'https://'."),
    retryable: false,
    doc: 'createSnapshot',
  },
  IncorrectInstanceStatus: {
    category: 'disk',
    title: () => l10n.t("The disk's instance is in a state that does not allow this operation."),
    action: () => l10n.t('Wait until the instance is Running or Stopped, then try again.'),
    retryable: true,
    doc: 'createSnapshot',
  },
  'DiskCategory.OperationNotSupported': {
    category: 'disk',
    title: () => l10n.t("This disk's category does not support snapshots."),
    action: chooseAnotherDisk,
    retryable: false,
    doc: 'createSnapshot',
  },
  'Duplicate.TagKey': {
    category: 'input',
    title: () => l10n.t('Two tags have the same key.'),
    action: () => l10n.t('Give every tag its own key (keys are case-sensitive), including the default tags from the settings.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidTagKey.Malformed': {
    category: 'input',
    title: () => l10n.t('ECS did not accept a tag key.'),
    action: () => l10n.t("Use tag keys of 1-128 characters that do not start with 'aliyun' or 'acs:' and do not contain 'http://' or 'https://'."),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidTagValue.Malformed': {
    category: 'input',
    title: () => l10n.t('ECS did not accept a tag value.'),
    action: () => l10n.t("Use tag values of at most 128 characters that do not contain 'http://' or 'https://'."),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidRetentionDays.Malformed': {
    category: 'input',
    title: () => l10n.t('ECS did not accept the retention period.'),
    action: () => l10n.t('Enter a whole number of days from 1 to 65536, or leave it empty to keep the snapshot until you delete it.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'CreateSnapshot.Failed': {
    category: 'transient',
    title: () => l10n.t('ECS could not create the snapshot.'),
    action: () => l10n.t('Try again in a few minutes. If it keeps failing, contact Alibaba Cloud support with the request ID.'),
    retryable: true,
    doc: 'errorCenter',
  },
  Throttling: throttled,
  'IncorrectDiskStatus.CreatingSnapshot': waitCreating,
  InstanceLockedForSecurity: {
    category: 'disk',
    title: () => l10n.t("The disk's instance is locked for security reasons; every operation on it is blocked."),
    action: () => l10n.t('Check the security notices for the instance in the ECS console, or contact Alibaba Cloud support to lift the lock.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'IncorrectDiskStatus.NeverAttached': {
    category: 'disk',
    title: () => l10n.t('This disk has never been attached to an instance, so its content has not changed since it was created.'),
    action: () => l10n.t('Attach the disk to an instance first, or choose another disk.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'QuotaExceed.Snapshot': {
    category: 'quota',
    title: () => l10n.t('This disk already keeps the maximum number of manual snapshots (256).'),
    action: () => l10n.t('Delete old snapshots of this disk that you no longer need, then try again.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'IncorrectDiskStatus.NeverUsed': {
    category: 'disk',
    title: () => l10n.t('This disk has not been used since it was created, so there is nothing new to snapshot.'),
    action: () => l10n.t('Use the disk first, or choose another disk.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  DiskInArrears: {
    category: 'billing',
    title: () => l10n.t('The disk has expired because of an overdue payment.'),
    action: () => l10n.t('Top up your Alibaba Cloud account and renew the disk, then try again.'),
    retryable: false,
    doc: 'errorCenter',
  },
  'DiskId.ValueNotSupported': {
    category: 'disk',
    title: () => l10n.t('This kind of block storage does not support snapshots.'),
    action: chooseAnotherDisk,
    retryable: false,
    doc: 'createSnapshot',
  },
  IncorrectDiskStatus: {
    category: 'disk',
    title: () => l10n.t("The disk's current status does not allow a snapshot."),
    action: () => l10n.t('Make sure the disk is In use or Available and the account has no overdue payment, then try again.'),
    retryable: true,
    doc: 'createSnapshot',
  },
  'InvalidAccountStatus.NotEnoughBalance': {
    category: 'billing',
    title: (_v, c) =>
      /postpaid/i.test(c.serverMessage)
        ? l10n.t('Your account balance is below the minimum needed for pay-as-you-go resources (100 CNY on the China site).')
        : l10n.t('Your account balance is not enough.'),
    action: () => l10n.t('Top up your Alibaba Cloud account, then try again.'),
    retryable: false,
    doc: 'errorCenter',
  },
  'InvalidAccountStatus.SnapshotServiceUnavailable': {
    category: 'permission',
    title: () => l10n.t('The snapshot service is not activated for this account.'),
    action: () => l10n.t('Activate ECS snapshots once in the ECS console (Storage & Snapshots > Snapshots), then try again.'),
    retryable: false,
    doc: 'activateSnapshots',
  },
  IncorrectVolumeStatus: {
    category: 'disk',
    title: () => l10n.t("The shared block storage's current status does not allow this operation."),
    action: () => l10n.t('Wait until the shared block storage is in use or available, then try again.'),
    retryable: true,
    doc: 'createSnapshot',
  },
  IdempotentParameterMismatch: {
    category: 'extension',
    title: () => l10n.t('The request reused a client token that an earlier, different request already used.'),
    action: () => l10n.t('Try again: every new attempt uses a new client token. If you set a client token yourself, choose a new one.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'IncorrectDiskStatus.Invalid': {
    category: 'disk',
    title: () => l10n.t("The disk's status is invalid."),
    action: () => l10n.t('Restart the instance the disk is attached to, then try again.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'IncorrectDiskType.NotSupport': {
    category: 'disk',
    title: () => l10n.t("This disk's storage type does not support snapshots."),
    action: chooseAnotherDisk,
    retryable: false,
    doc: 'createSnapshot',
  },
  'IncorrectDiskStatus.Transferring': {
    category: 'disk',
    title: () => l10n.t('The disk is being migrated.'),
    action: () => l10n.t('Try again after the migration has finished.'),
    retryable: true,
    doc: 'createSnapshot',
  },
  'InvalidParameter.KMSKeyId.CMKUnauthorized': {
    category: 'permission',
    title: () => l10n.t("The disk's encryption key (CMK) lacks the tag that lets ECS use it."),
    action: () => l10n.t('Add the ECS tag to the key in Key Management Service, then try again.'),
    retryable: false,
    doc: 'errorCenter',
  },
  'InvalidParameter.KMSKeyId.CMKNotEnabled': {
    category: 'disk',
    title: () => l10n.t("The disk's encryption key (CMK) is not enabled."),
    action: () => l10n.t('Enable the key in Key Management Service (DescribeKey shows its state), then try again.'),
    retryable: false,
    doc: 'errorCenter',
  },
  'InvalidParameter.KMSKeyId.KMSUnauthorized': {
    category: 'permission',
    title: () => l10n.t('ECS is not authorized to use your Key Management Service.'),
    action: () => l10n.t('Authorize the ECS service role to access KMS in the RAM console, then try again.'),
    retryable: false,
    doc: 'ram',
  },
  IdempotentProcessing: {
    category: 'transient',
    title: () => l10n.t('An earlier attempt of this request is still being processed.'),
    action: () => l10n.t("Wait a few seconds and look at the disk's snapshots before trying again: the snapshot may already exist."),
    retryable: true,
    doc: 'createSnapshot',
  },
  'QuotaExceed.Tags': {
    category: 'input',
    template: '%s',
    showServerMessage: true,
    title: () => l10n.t('The snapshot has more tags than allowed.'),
    action: () => l10n.t('Remove tags until there are at most 20, counting the default tags from the settings.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidSnapshotCategory.Malformed': {
    category: 'extension',
    title: () => l10n.t('ECS did not accept the snapshot category.'),
    action: () => l10n.t('Create the snapshot without a category (the standard one). If this extension sent it, please report it with the request ID.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidAction.Unauthorized': {
    category: 'permission',
    title: () => l10n.t('This operation is not available to your account.'),
    action: () => l10n.t('Check that your account may create snapshots in this region, or contact Alibaba Cloud support.'),
    retryable: false,
    doc: 'errorCenter',
  },
  'InvalidRegion.NotSupportSnapshotInstantAccessRegion': {
    category: 'extension',
    title: () => l10n.t('Instant access snapshots are not supported in this region.'),
    action: () => l10n.t('Create the snapshot without instant access (a deprecated option this extension does not send); report it with the request ID if you see this.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidCategoryAndInstantAccess.Malformed': {
    category: 'extension',
    title: () => l10n.t('A snapshot category and instant access cannot be used together.'),
    action: () => l10n.t('Create the snapshot without these deprecated options; report it with the request ID if you see this.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  DISK_HAS_CREATING_SNAPSHOT: waitCreating,
  'HibernationConfigured.InstanceOperationForbidden': {
    category: 'disk',
    title: () => l10n.t("The disk's instance has hibernation configured, which forbids this operation."),
    action: () => l10n.t('Check the limits of hibernation-enabled instances; choose another disk or change the instance first.'),
    retryable: false,
    doc: 'errorCenter',
  },
  'QuotaExceed.SnapshotQuota': {
    category: 'quota',
    title: () => l10n.t('Your snapshot quota is used up.'),
    action: () => l10n.t('Ask your channel partner (reseller) to raise the quota, or delete snapshots you no longer need.'),
    retryable: false,
    doc: 'errorCenter',
  },
  'InvalidInstantAccessRetentionDays.Malformed': {
    category: 'extension',
    title: () => l10n.t('ECS did not accept the instant access retention days.'),
    action: () => l10n.t('Leave out this deprecated option; report it with the request ID if this extension sent it.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  CloudBoxNotSupportSnapshotWithInstantAccess: {
    category: 'disk',
    title: () => l10n.t('Disks in a CloudBox cannot have instant access snapshots.'),
    action: () => l10n.t('Create a standard snapshot (without instant access).'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidOperation.UnfinishedEncryptedSnapshotCopy': {
    category: 'disk',
    title: () => l10n.t('Encrypted snapshot copies of this disk to another region are still in progress.'),
    action: () => l10n.t('Wait for the copies to finish, then try again.'),
    retryable: true,
    doc: 'createSnapshot',
  },
  'QuotaExceed.ConcurrentSnapshotQuota': {
    category: 'disk',
    template:
      'The number of snapshots being created for the disk %s has exceeded the concurrent quota (%s). Please wait for the previous snapshots to complete before trying again.',
    title: (v) =>
      v.length === 2
        ? l10n.t('Too many snapshots of disk {0} are being created at once (at most {1}).', v[0], v[1])
        : l10n.t('Too many snapshots of this disk are being created at once.'),
    action: () => l10n.t('Wait for the running snapshots to complete, then try again.'),
    retryable: true,
    doc: 'createSnapshot',
  },
  'InvalidDiskId.NotFound': {
    category: 'disk',
    title: () => l10n.t('The disk does not exist (it may have been released, or belongs to another region or account).'),
    action: () => l10n.t('Refresh the disk list and choose a disk that exists.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidDescription.Malformed': {
    category: 'input',
    title: () => l10n.t('ECS did not accept the description.'),
    action: () => l10n.t("Use 2-256 characters that do not start with 'http://' or 'https://', or leave the description empty."),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidInstanceId.NotFound': {
    category: 'disk',
    title: () => l10n.t("The disk's instance does not exist any more."),
    action: () => l10n.t('Refresh the disk list and choose the disk again.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidVolumeId.NotFound': {
    category: 'disk',
    title: () => l10n.t('The shared block storage does not exist.'),
    action: () => l10n.t('Refresh the disk list and choose a disk that exists.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidResourceGroup.NotFound': {
    category: 'input',
    title: () => l10n.t('The resource group does not exist.'),
    action: () => l10n.t('Choose an existing resource group, or none.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  InternalError: internalError,

  // --- Any ECS call: signature, credentials, permissions, service ---------------------------
  'InvalidAccessKeyId.NotFound': {
    category: 'credentials',
    title: () => l10n.t('Alibaba Cloud does not know this AccessKey ID.'),
    action: () => l10n.t('Check the AccessKey ID of the profile in use, or set a new AccessKey pair.'),
    retryable: false,
    doc: 'accessKey',
  },
  'InvalidAccessKeyId.Inactive': {
    category: 'credentials',
    title: () => l10n.t('This AccessKey is disabled.'),
    action: () => l10n.t('Enable the AccessKey in the RAM console, or set another AccessKey pair.'),
    retryable: false,
    doc: 'accessKey',
  },
  SignatureDoesNotMatch: {
    category: 'credentials',
    title: () => l10n.t('The AccessKey secret does not match the AccessKey ID.'),
    action: () => l10n.t('Set the AccessKey pair again, checking the secret for missing or extra characters.'),
    retryable: false,
    doc: 'accessKey',
  },
  IncompleteSignature: {
    category: 'credentials',
    title: () => l10n.t('ECS could not read the request signature.'),
    action: () => l10n.t('Set the AccessKey pair again; if it keeps happening, report it with the request ID.'),
    retryable: false,
    doc: 'accessKey',
  },
  'InvalidTimeStamp.Expired': {
    category: 'credentials',
    title: () => l10n.t("The request's time is too far from Alibaba Cloud's time."),
    action: () => l10n.t("Correct this computer's clock (enable automatic time synchronisation), then try again."),
    retryable: false,
    doc: 'errorCenter',
  },
  'InvalidTimeStamp.Format': {
    category: 'extension',
    title: () => l10n.t("ECS could not read the request's timestamp."),
    action: () => l10n.t("Check this computer's clock and time zone; if they are right, report it with the request ID."),
    retryable: false,
    doc: 'errorCenter',
  },
  SignatureNonceUsed: {
    category: 'transient',
    title: () => l10n.t('ECS saw the same request twice.'),
    action: () => l10n.t('Try again: a new attempt is signed afresh.'),
    retryable: true,
    doc: 'errorCenter',
  },
  'InvalidSecurityToken.Expired': {
    category: 'credentials',
    title: () => l10n.t('The temporary (STS) credentials have expired.'),
    action: () => l10n.t('Renew the credentials of the profile in use (for example sign in again with the aliyun CLI), then try again.'),
    retryable: false,
    doc: 'accessKey',
  },
  'InvalidSecurityToken.Malformed': {
    category: 'credentials',
    title: () => l10n.t('The security token (STS) is not valid.'),
    action: () => l10n.t("Set the profile's STS token again, copying it completely, or use an AccessKey pair."),
    retryable: false,
    doc: 'accessKey',
  },
  'InvalidSecurityToken.MismatchWithAccessKey': {
    category: 'credentials',
    title: () => l10n.t('The security token does not belong to this AccessKey ID.'),
    action: () => l10n.t('Use the AccessKey ID, secret and token that were issued together.'),
    retryable: false,
    doc: 'accessKey',
  },
  'Forbidden.RAM': noPermission,
  'Forbidden.NoPermission': noPermission,
  NoPermission: noPermission,
  Forbidden: noPermission,
  'Forbidden.AccessKeyDisabled': {
    category: 'credentials',
    title: () => l10n.t('This AccessKey is disabled.'),
    action: () => l10n.t('Enable the AccessKey in the RAM console, or set another AccessKey pair.'),
    retryable: false,
    doc: 'accessKey',
  },
  MissingParameter: {
    category: 'extension',
    showServerMessage: true,
    title: () => l10n.t('The request lacked a required parameter.'),
    action: () => l10n.t('This is a problem in the extension: please report it with the request ID.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  InvalidParameter: {
    category: 'input',
    showServerMessage: true,
    title: () => l10n.t('ECS did not accept a parameter of the request.'),
    action: () => l10n.t('Check the values you entered (a client token, for example, must be ASCII and at most 64 characters), then try again.'),
    retryable: false,
    doc: 'createSnapshot',
  },
  'InvalidAction.NotFound': {
    category: 'extension',
    title: () => l10n.t('The endpoint does not know this ECS operation.'),
    action: () => l10n.t("Check the 'ecsSnapshots.endpoint' setting: leave it empty, or point it to an ECS endpoint."),
    retryable: false,
    doc: 'errorCenter',
  },
  'InvalidRegionId.NotFound': {
    category: 'input',
    title: () => l10n.t('This region does not exist or is not available to your account.'),
    action: () => l10n.t('Choose another region.'),
    retryable: false,
    doc: 'errorCenter',
  },
  'InvalidRegionId.MalFormed': {
    category: 'input',
    title: () => l10n.t('The region ID is not valid.'),
    action: () => l10n.t("Choose a region from the list (for example 'cn-hangzhou')."),
    retryable: false,
    doc: 'errorCenter',
    // Names the value that was refused (e.g. a mistyped 'ecsSnapshots.region').
    showServerMessage: true,
  },
  ServiceUnavailable: {
    category: 'transient',
    title: () => l10n.t('ECS is temporarily unavailable.'),
    action: () => l10n.t('Try again in a few minutes.'),
    retryable: true,
    doc: 'errorCenter',
  },
  'Throttling.User': throttled,
  'Throttling.Api': throttled,
  'Throttling.Resource': throttled,
};

/** For codes not listed exactly: families that share a meaning. */
export function familyOf(code: string): CatalogEntry | undefined {
  if (/^Throttling/i.test(code)) return throttled;
  if (/^Forbidden\.|^NoPermission/.test(code)) return noPermission;
  if (/^InternalError/.test(code)) return internalError;
  if (/^Missing[A-Z]/.test(code)) return CATALOG.MissingParameter;
  if (/^InvalidParameter\./.test(code)) return CATALOG.InvalidParameter;
  return undefined;
}

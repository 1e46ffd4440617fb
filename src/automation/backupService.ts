// The BackupService (src/automation/backupApi.ts): one backup for a command with arguments, a
// task, an agent tool or another extension, through the create flow's own parts: the rules
// (backupArguments), the local guards and the single ClientToken of submitIntent, the shared
// in-flight set (a double request is refused), the tracker (status bar, survives a reload).
// It never shows a notification: failures come back as ok:false with one sentence, and are logged.
// No `vscode` import: unit tests drive it with a fake gateway and the real tracker core.
import { randomUUID } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import type { InFlightRequests } from '../commands/createSnapshot/inFlight';
import { asEcsError, failureNotice } from '../commands/createSnapshot/failure';
import type { DiskFacts, SubmitOutcome, SubmitPorts } from '../commands/createSnapshot/submit';
import { submitIntent } from '../commands/createSnapshot/submit';
import { snapshotNamesOfDisk } from '../commands/diskSnapshotNames';
import type { GitInfo, GitInfoSource } from '../commands/gitInfo';
import { planQuickBackup, QUICK_BACKUP_TAG } from '../commands/quickBackupIntent';
import type { QuickBackupDisk } from '../commands/quickBackupDisk';
import { uniqueSnapshotName } from '../commands/quickBackupName';
import type { SnapshotSettings } from '../commands/snapshotSettings';
import type { Connection, Connections } from '../connection/connection';
import type { Disk } from '../ecs/gateway';
import { describeEcsProblem, formatForUser } from '../snapshot/catalog';
import { defaultSnapshotName } from '../snapshot/naming';
import { checkRetentionDays, checkTags } from '../snapshot/rules';
import type { SnapshotTag } from '../snapshot/rules';
import type { SnapshotIntent } from '../tracker/trackerApi';
import type { DiskTreeApi } from '../view/diskTreeApi';
import { diskLabel } from '../view/diskText';
import { describeTrackedError } from '../tracker/errorText';
import type { TrackedOperation } from '../tracker/trackedOperation';
import type { BackupArguments, BackupCallOptions, BackupResult, BackupService, SnapshotStatusReport, TrackedBackup } from './backupApi';
import { backupName, hasPlaceholders, parseBackupArguments, tagsOf } from './backupArguments';
import type { BackupTracker, Cancellation } from './backupTracker';
import { QuietNotifier } from './quietNotifier';
import { resolveDisk } from './resolveDisk';
import { isUsable, pause, waitForTracked } from './waitForSnapshot';

export interface BackupLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface BackupServiceDeps {
  connections: Pick<Connections, 'current' | 'forRegion'>;
  tracker: BackupTracker;
  tree?: Pick<DiskTreeApi, 'refreshDisk'>;
  /** Shared with the Create Snapshot and Quick Backup commands: one request per disk at a time. */
  inFlight: InFlightRequests;
  log: BackupLog;
  settings: () => SnapshotSettings;
  gitInfo: GitInfoSource;
  /** The workspace's Quick Backup disk, used by `quick` when no disk is given. */
  quickBackupDisk?: () => QuickBackupDisk | undefined;
  now?: () => Date;
  newClientToken?: () => string;
  /** Between DescribeSnapshots for a snapshot the tracker does not follow (default 5 s). */
  untrackedPollMs?: number;
}

type Failure = Extract<BackupResult, { ok: false }>;
type Step<T> = { ok: true; value: T } | Failure;

const fail = (kind: Failure['kind'], message: string, extra: Partial<Failure> = {}): Failure => ({ ok: false, kind, message, ...extra });

export function createBackupService(deps: BackupServiceDeps): BackupService {
  const now = deps.now ?? (() => new Date());
  const newClientToken = deps.newClientToken ?? randomUUID;
  const pollMs = deps.untrackedPollMs ?? 5000;

  async function connect(regionId: string | undefined, sourceKey?: string): Promise<Step<Connection>> {
    try {
      const current = await deps.connections.current();
      if (current && (!regionId || regionId === current.regionId) && (!sourceKey || sourceKey === current.sourceKey)) return { ok: true, value: current };
      const other = regionId ? await deps.connections.forRegion(regionId, sourceKey) : undefined;
      if (other) return { ok: true, value: other };
      return fail(
        'notConnected',
        current || regionId
          ? l10n.t('Cannot reach region {0} with the current credentials. Connect to it in the ECS Snapshots view first.', regionId ?? '')
          : l10n.t('Connect to Alibaba Cloud first: choose a profile, enter an AccessKey or try the sandbox in the ECS Snapshots view.'),
      );
    } catch (error) {
      return fail('notConnected', l10n.t('Cannot connect to ECS: {0}', formatForUser(describeEcsProblem(asEcsError(error, 'DescribeDisks')))));
    }
  }

  async function findDisk(connection: Connection, given: string): Promise<Step<DiskFacts>> {
    let disk: Disk;
    try {
      const found = await resolveDisk(connection.gateway, connection.regionId, given);
      if (!found.ok) return fail(found.kind, found.message);
      disk = found.disk;
    } catch (error) {
      return fail('notConnected', l10n.t('Could not load the disks of {0}: {1}', connection.regionId, formatForUser(describeEcsProblem(asEcsError(error, 'DescribeDisks')))));
    }
    // The instance's locks feed the local guards; ECS stays the authority if they cannot be read.
    let instanceLocks: readonly string[] = [];
    if (disk.instanceId) {
      try {
        instanceLocks = (await connection.gateway.describeInstances(connection.regionId, [disk.instanceId]))[0]?.lockReasons ?? [];
      } catch (error) {
        deps.log.warn(`Could not read the locks of ${disk.instanceId}: ${asEcsError(error, 'DescribeInstances').message}`);
      }
    }
    return { ok: true, value: { disk, instanceLocks, seenCreating: false } };
  }

  /** The intent to send, from the checked arguments and the settings (Quick Backup's or the flow's defaults). */
  async function intentFor(args: BackupArguments, connection: Connection, disk: Disk, quick: boolean): Promise<Step<SnapshotIntent>> {
    const settings = deps.settings();
    const given = tagsOf(args);
    let git: GitInfo | undefined;
    // Git is asked only when its answer is used (the first ask may wait for the Git extension).
    const gitInfo = async () => (git ??= await deps.gitInfo().catch(() => ({})));
    const clientToken = newClientToken();
    if (quick) {
      const plan = planQuickBackup({
        disk,
        regionId: connection.regionId,
        sourceKey: connection.sourceKey,
        clientToken,
        nameTemplate: args.name ?? settings.quickBackupNameTemplate,
        retentionDays: args.retentionDays !== undefined ? args.retentionDays : settings.quickBackupRetentionDays,
        git: await gitInfo(),
        now: now(),
      });
      if (!plan.ok) return fail('invalidArguments', plan.message);
      const request = plan.intent.request;
      if (args.description !== undefined) request.description = args.description;
      if (given) {
        const tags = [{ ...QUICK_BACKUP_TAG }, ...given.filter((t) => t.key !== QUICK_BACKUP_TAG.key)];
        const wrong = checkTags(tags);
        if (wrong) return fail('invalidArguments', l10n.t('{0}: {1}', l10n.t('Tags'), wrong.message));
        request.tags = tags;
      }
      return { ok: true, value: plan.intent };
    }
    const retention = args.retentionDays !== undefined ? args.retentionDays : settings.defaultRetentionDays;
    const wrongDays = retention === null ? undefined : checkRetentionDays(String(retention));
    if (wrongDays) {
      return fail('invalidArguments', l10n.t("The setting 'ecsSnapshots.snapshot.defaultRetentionDays' {0}. Fix it, or give retentionDays.", wrongDays.message));
    }
    const tags: SnapshotTag[] = given ?? Object.entries(settings.defaultTags).map(([key, value]) => ({ key, value }));
    const wrongTags = checkTags(tags);
    if (wrongTags) return fail('invalidArguments', l10n.t("The setting 'ecsSnapshots.snapshot.defaultTags' is refused: {0}. Fix it, or give tags.", wrongTags.message));
    const name = args.name === undefined
      ? defaultSnapshotName(disk.diskName, now())
      : backupName(args.name, { disk: diskLabel(disk), now: now(), ...(/\{(branch|commit)\}/.test(args.name) ? await gitInfo() : {}) });
    return {
      ok: true,
      value: {
        request: {
          regionId: connection.regionId,
          diskId: disk.diskId,
          clientToken,
          snapshotName: name,
          description: args.description,
          retentionDays: retention ?? undefined,
          tags: tags.length ? tags : undefined,
        },
        diskName: diskLabel(disk),
        sourceKey: connection.sourceKey,
        origin: 'create',
      },
    };
  }

  /** Quick Backup names are numbered when the disk already has one of that name (as the command does). */
  async function nameOfItsOwn(connection: Connection, intent: SnapshotIntent): Promise<void> {
    const request = intent.request;
    if (request.snapshotName === undefined) return;
    try {
      request.snapshotName = uniqueSnapshotName(request.snapshotName, await snapshotNamesOfDisk(connection.gateway, connection.regionId, request.diskId));
    } catch (error) {
      deps.log.warn(`Could not list the snapshots of ${request.diskId} to keep the Quick Backup name unique: ${asEcsError(error, 'DescribeSnapshots').message}`);
    }
  }

  function ports(connection: Connection, notifier: QuietNotifier): SubmitPorts {
    return {
      gateway: connection.gateway,
      tracker: deps.tracker,
      tree: deps.tree,
      notifier,
      inFlight: deps.inFlight,
      log: deps.log,
      showLog: () => undefined,
      openUrl: () => undefined,
      copyText: () => undefined,
    };
  }

  function resultOf(outcome: SubmitOutcome, intent: SnapshotIntent, notifier: QuietNotifier): Step<string> {
    switch (outcome.kind) {
      case 'created':
        return { ok: true, value: outcome.snapshotId };
      case 'inFlight':
        return fail('blocked', l10n.t('A snapshot of {0} is already being requested.', intent.diskName));
      case 'blocked':
        return fail('blocked', notifier.last ?? l10n.t('Cannot snapshot {0} now. {1}', intent.diskName, outcome.reason));
      case 'failed':
        return fail('refused', failureNotice(outcome.error, intent.diskName).message, { code: outcome.error.code });
    }
  }

  async function waitReady(
    regionId: string,
    snapshotId: string,
    options: { onStep?: (line: string) => void; cancellation?: Cancellation },
  ): Promise<{ ok: true } | Failure> {
    const tracked = await waitForTracked(deps.tracker, (op) => op.snapshotId === snapshotId && op.intent.request.regionId === regionId, options);
    switch (tracked.kind) {
      case 'ready':
        return { ok: true };
      case 'cancelled':
        return fail('cancelled', l10n.t('Stopped waiting for snapshot {0}; it is still being created and stays in the status bar.', snapshotId), { snapshotId });
      case 'failed':
        return fail('refused', tracked.message, { snapshotId, code: tracked.code });
      case 'untracked':
        return pollUntilReady(regionId, snapshotId, options);
    }
  }

  /** For a snapshot the tracker does not follow: DescribeSnapshots every few seconds. */
  async function pollUntilReady(regionId: string, snapshotId: string, options: { onStep?: (line: string) => void; cancellation?: Cancellation }): Promise<{ ok: true } | Failure> {
    let lastLine: string | undefined;
    for (;;) {
      let report: SnapshotStatusReport;
      try {
        report = await status(snapshotId, regionId);
      } catch (error) {
        return fail('notConnected', error instanceof Error ? error.message : String(error), { snapshotId });
      }
      if (report.usable) return { ok: true };
      if (report.status === 'failed') return fail('refused', l10n.t('Snapshot {0} failed.', snapshotId), { snapshotId });
      if (report.status === 'notFound') return fail('refused', l10n.t('Snapshot {0} does not exist in {1}.', snapshotId, regionId), { snapshotId });
      const line = l10n.t('Snapshot {0}: {1}%', snapshotId, report.progress);
      if (line !== lastLine) options.onStep?.((lastLine = line));
      if (await pause(pollMs, options.cancellation)) {
        return fail('cancelled', l10n.t('Stopped waiting for snapshot {0}; it is still being created.', snapshotId), { snapshotId });
      }
    }
  }

  async function status(snapshotId: string, region?: string): Promise<SnapshotStatusReport> {
    const connection = await connect(region);
    if (!connection.ok) throw new Error(connection.message);
    const { gateway, regionId } = connection.value;
    let found;
    try {
      found = (await gateway.describeSnapshots(regionId, [snapshotId])).find((s) => s.snapshotId === snapshotId);
    } catch (error) {
      throw new Error(formatForUser(describeEcsProblem(asEcsError(error, 'DescribeSnapshots'))), { cause: error });
    }
    if (!found) return { snapshotId, regionId, status: 'notFound', progress: 0, usable: false };
    return {
      snapshotId,
      regionId,
      status: found.status,
      progress: found.status === 'accomplished' ? 100 : found.progress,
      usable: found.status === 'accomplished' || found.available === true,
      snapshotName: found.snapshotName || undefined,
      diskId: found.sourceDiskId || undefined,
      createdAt: found.creationTime || undefined,
      retentionDays: found.retentionDays,
    };
  }

  async function backup(raw: BackupArguments, options: BackupCallOptions): Promise<BackupResult> {
    const step = options.onStep ?? (() => undefined);
    const failed = (failure: Failure): Failure => {
      deps.log.warn(`Backup (${options.origin}) not taken: ${failure.kind}: ${failure.message}`);
      return failure;
    };
    const checked = parseBackupArguments(raw);
    if (!checked.ok) return failed(fail('invalidArguments', checked.message));
    const args = checked.value;
    const quick = options.quick === true;
    let diskGiven = args.disk;
    let regionId = args.region;
    let sourceKey: string | undefined;
    if (!diskGiven && quick) {
      const remembered = deps.quickBackupDisk?.();
      if (remembered && (!regionId || regionId === remembered.regionId)) {
        diskGiven = remembered.diskId;
        regionId = remembered.regionId;
        sourceKey = remembered.sourceKey;
      }
    }
    if (!diskGiven) {
      return failed(fail('invalidArguments', l10n.t("Say which disk to back up: '{0}' takes a disk id (d-…) or a disk name.", 'disk')));
    }
    deps.log.info(`Backup requested (${options.origin}${quick ? ', quick' : ''}) of ${diskGiven}${regionId ? ` in ${regionId}` : ''}.`);
    const connection = await connect(regionId, sourceKey);
    if (!connection.ok) return failed(connection);
    step(l10n.t('Finding disk {0} in {1}…', diskGiven, connection.value.regionId));
    const facts = await findDisk(connection.value, diskGiven);
    if (!facts.ok) return failed(facts);
    const planned = await intentFor(args, connection.value, facts.value.disk, quick);
    if (!planned.ok) return failed(planned);
    const intent = planned.value;
    if (quick || (args.name !== undefined && hasPlaceholders(args.name))) await nameOfItsOwn(connection.value, intent);
    if (options.cancellation?.isCancellationRequested) {
      return failed(fail('cancelled', l10n.t('Cancelled before anything was sent.')));
    }
    step(l10n.t('Requesting snapshot {0} of {1}…', intent.request.snapshotName ?? '', intent.diskName));
    const notifier = new QuietNotifier(deps.log);
    const sent = resultOf(await submitIntent(ports(connection.value, notifier), intent, facts.value), intent, notifier);
    if (!sent.ok) return failed(sent);
    const snapshotId = sent.value;
    step(l10n.t('Snapshot {0} created; it is tracked in the status bar.', snapshotId));
    const done = {
      ok: true as const,
      snapshotId,
      snapshotName: intent.request.snapshotName,
      diskId: intent.request.diskId,
      diskName: intent.diskName,
      regionId: intent.request.regionId,
    };
    if (options.wait !== 'ready') return { ...done, reached: 'created' };
    step(l10n.t('Waiting until snapshot {0} is usable…', snapshotId));
    const ready = await waitReady(intent.request.regionId, snapshotId, options);
    if (!ready.ok) return failed(ready);
    step(l10n.t('Snapshot {0} is usable.', snapshotId));
    return { ...done, reached: 'ready' };
  }

  async function waitUntilReady(regionId: string, snapshotId: string, options: Pick<BackupCallOptions, 'onStep' | 'cancellation'> = {}): Promise<BackupResult> {
    const ready = await waitReady(regionId, snapshotId, options);
    if (!ready.ok) return ready;
    const op = deps.tracker.operations().find((o) => o.snapshotId === snapshotId);
    let diskId = op?.intent.request.diskId;
    let snapshotName = op?.intent.request.snapshotName;
    if (!op) {
      const report = await status(snapshotId, regionId).catch(() => undefined);
      diskId = report?.diskId;
      snapshotName = report?.snapshotName;
    }
    return { ok: true, snapshotId, snapshotName, diskId: diskId ?? '', diskName: op?.intent.diskName ?? diskId ?? '', regionId, reached: 'ready' };
  }

  return {
    check: (args) => parseBackupArguments(args),
    backup: async (args, options) => {
      try {
        return await backup(args, options);
      } catch (error) {
        // A bug or an unexpected throw: still an answer, never an exception for the caller.
        const message = error instanceof Error ? error.message : String(error);
        deps.log.error(`Backup (${options.origin}) failed unexpectedly: ${message}`);
        return fail('refused', message);
      }
    },
    waitUntilReady,
    status,
    trackedOperations: () => deps.tracker.operations().map(trackedBackup),
  };
}

/** A tracked operation as the public API shows it (plain data, no internals). */
export function trackedBackup(op: TrackedOperation): TrackedBackup {
  const { request } = op.intent;
  return {
    ...(op.snapshotId ? { snapshotId: op.snapshotId } : {}),
    regionId: request.regionId,
    diskId: request.diskId,
    diskName: op.intent.diskName,
    ...(request.snapshotName ? { snapshotName: request.snapshotName } : {}),
    state: op.state,
    progress: op.progress,
    usable: isUsable(op),
    startedAt: new Date(op.startedAt).toISOString(),
    ...(op.finishedAt !== undefined ? { finishedAt: new Date(op.finishedAt).toISOString() } : {}),
    ...(op.error && (op.state === 'refused' || op.state === 'failed') ? { error: describeTrackedError(op.error) } : {}),
  };
}

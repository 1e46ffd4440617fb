// Sends one snapshot intent: guards first (nothing is sent for a disk ECS would refuse, or twice
// for a double click), then CreateSnapshot with the intent's ClientToken, then the tracker and
// the tree. A refusal reaches the user as the catalog's sentence, with actions that fit it.
import * as l10n from '@vscode/l10n';
import type { Disk, EcsGateway } from '../../ecs/gateway';
import type { EcsError } from '../../ecs/errors';
import type { SnapshotIntent, SnapshotTrackerApi } from '../../tracker/trackerApi';
import type { DiskTreeApi } from '../../view/diskTreeApi';
import { snapshotBlocker } from '../../view/diskText';
import { actionLabel, asEcsError, failureNotice } from './failure';
import type { FailureAction } from './failure';
import type { InFlightRequests } from './inFlight';

/** How the user is told things; the real one is VS Code's notifications, tests record them. */
export interface Notifier {
  info(message: string): void;
  warn(message: string): void;
  /** Resolves with the label picked, or undefined when dismissed. */
  error(message: string, actions: readonly string[]): Promise<string | undefined>;
}

/** The slice of a LogOutputChannel used here (EcsError messages carry no secrets). */
export interface SubmitLog {
  info(message: string): void;
  error(message: string): void;
}

export interface SubmitPorts {
  gateway: EcsGateway;
  tracker: Pick<SnapshotTrackerApi, 'begin' | 'track' | 'reportCreateFailure' | 'isCreating'>;
  tree?: Pick<DiskTreeApi, 'refreshDisk'>;
  notifier: Notifier;
  inFlight: InFlightRequests;
  log: SubmitLog;
  showLog(): void;
  openUrl(url: string): void;
  copyText(text: string): void | Thenable<void>;
}

/** What is known about the disk beyond the Disk itself, for the guards. */
export interface DiskFacts {
  disk: Disk;
  /** LockReason values of its instance (empty when detached or unknown). */
  instanceLocks: readonly string[];
  /** The tree has seen a progressing snapshot of it. */
  seenCreating: boolean;
}

export type SubmitOutcome =
  | { kind: 'created'; snapshotId: string }
  /** Not sent: the reason was shown. */
  | { kind: 'blocked'; reason: string }
  /** Not sent: the same disk's request is still on its way (double click). */
  | { kind: 'inFlight' }
  /** Sent and refused; `followUp` settles when the user answered the notification (Retry's outcome). */
  | { kind: 'failed'; error: EcsError; followUp: Promise<SubmitOutcome | undefined> };

/** Why the snapshot cannot be requested now, judged locally (the server stays the authority). */
export function localBlocker(ports: Pick<SubmitPorts, 'tracker' | 'inFlight'>, regionId: string, facts: DiskFacts): string | undefined {
  const creating = facts.seenCreating || ports.tracker.isCreating({ regionId, diskId: facts.disk.diskId });
  return snapshotBlocker(facts.disk, facts.instanceLocks, creating);
}

export async function submitIntent(ports: SubmitPorts, intent: SnapshotIntent, facts: DiskFacts): Promise<SubmitOutcome> {
  const { regionId, diskId } = intent.request;
  if (ports.inFlight.has(regionId, diskId)) {
    ports.notifier.info(l10n.t('A snapshot of {0} is already being requested.', intent.diskName));
    return { kind: 'inFlight' };
  }
  const reason = localBlocker(ports, regionId, facts);
  if (reason) {
    ports.notifier.warn(l10n.t('Cannot snapshot {0} now. {1}', intent.diskName, reason));
    return { kind: 'blocked', reason };
  }

  let snapshotId: string;
  ports.inFlight.add(regionId, diskId);
  try {
    ports.log.info(`CreateSnapshot of ${diskId} in ${regionId} (${intent.origin}, ClientToken ${intent.request.clientToken})`);
    ports.tracker.begin?.(intent);
    snapshotId = await ports.gateway.createSnapshot(intent.request);
  } catch (thrown) {
    const error = asEcsError(thrown);
    ports.log.error(`CreateSnapshot of ${diskId} failed: ${error.code}: ${error.message}${error.requestId ? ` (RequestId ${error.requestId})` : ''}`);
    ports.tracker.reportCreateFailure(intent, error);
    return { kind: 'failed', error, followUp: offerActions(ports, intent, facts, error) };
  } finally {
    // Released before any notification waits for the user: a later Retry must be allowed.
    ports.inFlight.delete(regionId, diskId);
  }
  ports.log.info(`CreateSnapshot of ${diskId} accepted: ${snapshotId}`);
  ports.tracker.track(intent, snapshotId);
  ports.tree?.refreshDisk(regionId, diskId);
  return { kind: 'created', snapshotId };
}

async function offerActions(ports: SubmitPorts, intent: SnapshotIntent, facts: DiskFacts, error: EcsError): Promise<SubmitOutcome | undefined> {
  const notice = failureNotice(error, intent.diskName);
  const labels = new Map<string, FailureAction>(notice.actions.map((a) => [actionLabel(a), a]));
  const picked = await ports.notifier.error(notice.message, [...labels.keys()]);
  switch (picked === undefined ? undefined : labels.get(picked)) {
    case 'retry':
      // Same intent, same ClientToken: if the first attempt did reach ECS, no second snapshot appears.
      return submitIntent(ports, intent, facts);
    case 'showLog':
      ports.showLog();
      return undefined;
    case 'openDocs':
      if (notice.docUrl) ports.openUrl(notice.docUrl);
      return undefined;
    case 'copyRequestId':
      if (notice.requestId) await ports.copyText(notice.requestId);
      return undefined;
    default:
      return undefined;
  }
}

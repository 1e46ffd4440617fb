// Waits until a snapshot is usable: instant access available, or accomplished. A snapshot the
// tracker follows is watched through the tracker (no second polling loop); one it does not follow
// (created elsewhere, or dismissed meanwhile) is asked about with DescribeSnapshots now and then.
// Cancelling ends the wait only: the snapshot keeps being created and stays tracked.
import * as l10n from '@vscode/l10n';
import { describeTrackedError } from '../tracker/errorText';
import type { TrackedOperation } from '../tracker/trackedOperation';
import type { BackupTracker, Cancellation } from './backupTracker';

export type WaitOutcome =
  | { kind: 'ready' }
  | { kind: 'failed'; message: string; code?: string }
  | { kind: 'cancelled' }
  /** The tracker does not (or no longer) follow this snapshot. */
  | { kind: 'untracked' };

export interface WaitOptions {
  onStep?: (line: string) => void;
  cancellation?: Cancellation;
}

/** Usable for a rollback: instant access or accomplished. */
export function isUsable(op: TrackedOperation): boolean {
  return op.state === 'ready' || op.available === true;
}

export function waitForTracked(tracker: BackupTracker, find: (op: TrackedOperation) => boolean, options: WaitOptions = {}): Promise<WaitOutcome> {
  return new Promise((resolve) => {
    let lastLine: string | undefined;
    let done = false;
    const subscriptions: { dispose(): void }[] = [];
    const finish = (outcome: WaitOutcome) => {
      if (done) return;
      done = true;
      subscriptions.forEach((s) => s.dispose());
      resolve(outcome);
    };
    const look = () => {
      if (done) return;
      const op = tracker.operations().find(find);
      const outcome = op ? judge(op) : { kind: 'untracked' as const };
      if (outcome) {
        finish(outcome);
        return;
      }
      const line = op && progressLine(op);
      if (line && line !== lastLine) {
        lastLine = line;
        options.onStep?.(line);
      }
    };
    if (options.cancellation?.isCancellationRequested) {
      finish({ kind: 'cancelled' });
      return;
    }
    subscriptions.push(tracker.onDidChange(look));
    if (options.cancellation) subscriptions.push(options.cancellation.onCancellationRequested(() => finish({ kind: 'cancelled' })));
    look();
  });
}

/** The outcome when the operation has one, else undefined (keep waiting). */
function judge(op: TrackedOperation): WaitOutcome | undefined {
  if (isUsable(op)) return { kind: 'ready' };
  const id = op.snapshotId ?? '';
  switch (op.state) {
    case 'failed':
      return { kind: 'failed', message: l10n.t('Snapshot {0} of {1} failed.', id, op.intent.diskName) };
    case 'gone':
      return { kind: 'failed', message: l10n.t('Snapshot {0} of {1} no longer exists (deleted elsewhere, or its disk released).', id, op.intent.diskName) };
    case 'refused':
      return {
        kind: 'failed',
        message: op.error ? l10n.t('Could not create a snapshot of {0}: {1}', op.intent.diskName, describeTrackedError(op.error)) : l10n.t('Could not create a snapshot of {0}.', op.intent.diskName),
        code: op.error?.code,
      };
    default:
      return undefined;
  }
}

function progressLine(op: TrackedOperation): string | undefined {
  if (op.state === 'checking') return l10n.t('Looking for the snapshot of {0} (ECS did not confirm it)…', op.intent.diskName);
  return op.snapshotId && l10n.t('Snapshot {0}: {1}%', op.snapshotId, op.progress);
}

/** Resolves after `ms`, or at once when cancelled (true then). */
export function pause(ms: number, cancellation?: Cancellation): Promise<boolean> {
  return new Promise((resolve) => {
    if (cancellation?.isCancellationRequested) {
      resolve(true);
      return;
    }
    const subscription = cancellation?.onCancellationRequested(() => {
      clearTimeout(timer);
      resolve(true);
    });
    const timer = setTimeout(() => {
      subscription?.dispose();
      resolve(false);
    }, ms);
  });
}

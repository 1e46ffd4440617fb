// What the backup service needs from the status-bar tracker: the create flow's part (begin, track,
// failures, isCreating) plus its operations and a change signal, so a wait follows the tracker's
// own polling instead of running a second one. SnapshotTracker satisfies it as is.
import type { TrackedOperation } from '../tracker/trackedOperation';
import type { SnapshotTrackerApi } from '../tracker/trackerApi';

export interface BackupTracker extends Pick<SnapshotTrackerApi, 'begin' | 'track' | 'reportCreateFailure' | 'isCreating'> {
  /** Every tracked operation, newest first. */
  operations(): readonly TrackedOperation[];
  /** Fires when anything tracked changed (after each poll). */
  readonly onDidChange: (listener: () => void) => { dispose(): void };
}

/** A cancellation signal as VS Code's CancellationToken has it (tasks and tools hand theirs over). */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

// Wires the status-bar tracker into the extension: state in workspaceState, the "Show Snapshot
// Progress" command, disposal with the extension.
import * as vscode from 'vscode';
import type { Connections } from '../connection/connection';
import { SHOW_TRACKED_COMMAND } from './statusBarItem';
import { SnapshotTracker } from './snapshotTracker';
import type { TrackerLog } from './trackerCore';

export interface TrackerDependencies {
  connections: Connections;
  log: TrackerLog;
  revealDisk: (regionId: string, diskId: string) => Promise<void>;
}

/**
 * Tracking is kept in workspaceState, not globalState: the window where the user asked for a
 * snapshot follows it (across reloads and restarts of that workspace), while other windows do not
 * poll the same snapshots again or repeat its notifications.
 */
export function registerTracker(context: vscode.ExtensionContext, dependencies: TrackerDependencies): SnapshotTracker {
  const tracker = new SnapshotTracker({ ...dependencies, memento: context.workspaceState });
  context.subscriptions.push(tracker, vscode.commands.registerCommand(SHOW_TRACKED_COMMAND, () => void tracker.showPicker()));
  return tracker;
}

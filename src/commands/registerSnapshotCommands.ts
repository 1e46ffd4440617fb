// Registers Create Snapshot..., Quick Backup and Set Quick Backup Disk... (ids in package.json).
import * as vscode from 'vscode';
import { SnapshotCommands } from './snapshotCommands';
import type { SnapshotCommandDeps, SnapshotCommandSeams } from './snapshotCommands';

export function registerSnapshotCommands(
  context: vscode.ExtensionContext,
  deps: SnapshotCommandDeps,
  seams?: SnapshotCommandSeams,
): SnapshotCommands {
  const commands = new SnapshotCommands(deps, context.workspaceState, seams);
  context.subscriptions.push(
    vscode.commands.registerCommand('ecsSnapshots.createSnapshot', (arg?: unknown) => commands.createSnapshot(arg)),
    vscode.commands.registerCommand('ecsSnapshots.quickBackup', (arg?: unknown) => commands.quickBackup(arg)),
    vscode.commands.registerCommand('ecsSnapshots.setQuickBackupDisk', (arg?: unknown) => commands.setQuickBackupDisk(arg)),
  );
  return commands;
}

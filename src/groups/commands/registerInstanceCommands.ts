// Registers Back Up Instance..., Set Quick Backup Instance... and Roll Back Instance... (ids in
// package.json). Quick Backup itself stays one command: SnapshotCommands asks these commands
// when the workspace remembers an instance.
import * as vscode from 'vscode';
import type { GroupTrackerApi } from '../groupApi';
import { InstanceCommands } from './instanceCommands';
import type { InstanceCommandDeps, InstanceCommandSeams } from './instanceCommands';

export function registerInstanceCommands(context: vscode.ExtensionContext, deps: InstanceCommandDeps, seams?: InstanceCommandSeams): InstanceCommands {
  const commands = new InstanceCommands(deps, seams);
  // Results for scripts and tests: the operation id, or undefined when nothing was started.
  context.subscriptions.push(
    vscode.commands.registerCommand('ecsSnapshots.backUpInstance', async (arg?: unknown) => {
      const result = await commands.backUpInstance(arg);
      return result.kind === 'started' ? result.request?.operationId : undefined;
    }),
    vscode.commands.registerCommand('ecsSnapshots.setQuickBackupInstance', (arg?: unknown) => commands.setQuickBackupInstance(arg)),
    vscode.commands.registerCommand('ecsSnapshots.rollbackInstance', async (arg?: unknown) => {
      const result = await commands.rollbackInstance(arg);
      return result.kind === 'started' ? result.operationId : undefined;
    }),
  );
  return commands;
}

/** The status-bar tracker runs group operations too, when it is one that can (src/tracker). */
export function groupTrackerOf(tracker: unknown): GroupTrackerApi | undefined {
  const candidate = tracker as Partial<GroupTrackerApi> | undefined;
  return typeof candidate?.startGroupBackup === 'function' &&
    typeof candidate.startInstanceRollback === 'function' &&
    typeof candidate.isBackingUpInstance === 'function' &&
    typeof candidate.isRollingBackInstance === 'function'
    ? (candidate as GroupTrackerApi)
    : undefined;
}

// Registers Create Snapshot..., Quick Backup, Set Quick Backup Disk... and the two Roll Back
// commands (ids in package.json).
import * as vscode from 'vscode';
import { groupTrackerOf, registerInstanceCommands } from '../groups/commands/registerInstanceCommands';
import type { RollbackTrackerApi } from '../rollback/rollbackApi';
import type { SnapshotTrackerApi } from '../tracker/trackerApi';
import { RollbackCommands } from './rollback/rollbackCommands';
import { SnapshotCommands } from './snapshotCommands';
import type { SnapshotCommandDeps, SnapshotCommandSeams } from './snapshotCommands';

export function registerSnapshotCommands(
  context: vscode.ExtensionContext,
  deps: SnapshotCommandDeps & { rollbacks?: RollbackTrackerApi },
  seams?: SnapshotCommandSeams,
): SnapshotCommands {
  const commands = new SnapshotCommands(deps, context.workspaceState, seams);
  const rollbacks = deps.rollbacks ?? rollbackTrackerOf(deps.tracker);
  const rollback = new RollbackCommands({
    connections: deps.connections,
    log: deps.log,
    tracker: rollbacks && {
      startRollback: (request) => rollbacks.startRollback(request),
      isRollingBack: (disk) => rollbacks.isRollingBack(disk),
      // A Create Snapshot request still in flight counts too: ECS would refuse the reset.
      isCreating: (disk) => commands.inFlight.has(disk.regionId, disk.diskId) || deps.tracker.isCreating(disk),
    },
  });
  // Back Up Instance..., Set Quick Backup Instance..., Roll Back Instance... (issue 16); Quick Backup
  // takes the remembered instance through them.
  commands.instanceQuickBackup = registerInstanceCommands(context, {
    connections: deps.connections,
    groups: () => groupTrackerOf(deps.tracker),
    isCreating: (disk) => commands.inFlight.has(disk.regionId, disk.diskId) || deps.tracker.isCreating(disk),
    isRollingBackDisk: (disk) => rollbacks?.isRollingBack(disk) ?? false,
    backups: commands.backups,
    state: context.workspaceState,
    log: deps.log,
    refreshInstance: (regionId, instanceId) => deps.tree.refreshInstance?.(regionId, instanceId),
  });
  // The command's result is the operation id (for scripts and tests), or undefined when nothing was started.
  const operationId = async (result: Promise<{ kind: string; operationId?: string }>) => (await result).operationId;
  // Create Snapshot and Quick Backup answer the new snapshot's id (keybindings, scripts, other
  // extensions), or undefined when none was created.
  const snapshotId = async (result: Promise<{ kind: string; snapshotId?: string } | undefined>) => {
    const outcome = await result;
    return outcome?.kind === 'created' ? outcome.snapshotId : undefined;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('ecsSnapshots.createSnapshot', (arg?: unknown) => snapshotId(commands.createSnapshot(arg))),
    vscode.commands.registerCommand('ecsSnapshots.quickBackup', (arg?: unknown) => snapshotId(commands.quickBackup(arg))),
    vscode.commands.registerCommand('ecsSnapshots.setQuickBackupDisk', (arg?: unknown) => commands.setQuickBackupDisk(arg)),
    vscode.commands.registerCommand('ecsSnapshots.rollbackToSnapshot', (arg?: unknown) => operationId(rollback.rollbackToSnapshot(arg))),
    vscode.commands.registerCommand('ecsSnapshots.rollbackDisk', (arg?: unknown) => operationId(rollback.rollbackDisk(arg))),
  );
  return commands;
}

/** The status-bar tracker runs rollbacks too (src/tracker), when it is one that can. */
function rollbackTrackerOf(tracker: SnapshotTrackerApi): RollbackTrackerApi | undefined {
  const candidate = tracker as SnapshotTrackerApi & Partial<RollbackTrackerApi>;
  return typeof candidate.startRollback === 'function' && typeof candidate.isRollingBack === 'function' ? (candidate as RollbackTrackerApi) : undefined;
}

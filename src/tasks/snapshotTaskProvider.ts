// Tasks of type `ecs-snapshot`: those written in tasks.json (resolveTask gives them their
// execution) and a ready-made "Quick Backup" of the workspace's remembered Quick Backup disk.
import * as vscode from 'vscode';
import { SNAPSHOT_TASK_TYPE } from '../activation/lazyTasks';
import type { BackupService } from '../automation/backupApi';
import { readQuickBackupDisk, type StateStore } from '../commands/quickBackupDisk';
import { readSnapshotTask, type SnapshotTaskDefinition } from './snapshotTaskDefinition';
import { SnapshotTaskTerminal } from './snapshotTaskTerminal';

/** Task.source: how the Run Task list groups our tasks (a product name, the same in every language). */
const TASK_SOURCE = 'ECS Snapshots';

export class SnapshotTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly backups: BackupService,
    private readonly workspaceState: StateStore,
  ) {}

  provideTasks(): vscode.Task[] {
    const disk = readQuickBackupDisk(this.workspaceState);
    if (!disk) return [];
    const definition: SnapshotTaskDefinition = { type: SNAPSHOT_TASK_TYPE, disk: disk.diskId, region: disk.regionId, quick: true };
    return [this.task(definition, vscode.TaskScope.Workspace, vscode.l10n.t('Quick Backup of {0}', disk.diskName))];
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    if (task.definition.type !== SNAPSHOT_TASK_TYPE) return undefined;
    // The definition object is handed back as it came: VS Code matches the task by it.
    return this.task(task.definition, task.scope ?? vscode.TaskScope.Workspace, task.name);
  }

  private task(definition: vscode.TaskDefinition, scope: NonNullable<vscode.Task['scope']>, name: string): vscode.Task {
    const execution = new vscode.CustomExecution(async (resolved) => {
      // Read when the task runs, so a task written before the Quick Backup disk was set still finds it.
      const read = readSnapshotTask(resolved, readQuickBackupDisk(this.workspaceState));
      return new SnapshotTaskTerminal(this.backups, read);
    });
    const task = new vscode.Task(definition, scope, name, TASK_SOURCE, execution, []);
    task.detail = describe(definition);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, echo: false };
    return task;
  }
}

/** The Run Task list's second line: what the task will back up. */
function describe(definition: vscode.TaskDefinition): string | undefined {
  const disk = typeof definition.disk === 'string' ? definition.disk : undefined;
  if (!disk) return undefined;
  return definition.wait === 'ready'
    ? vscode.l10n.t('Snapshot of {0}, waiting until it is ready', disk)
    : vscode.l10n.t('Snapshot of {0}', disk);
}

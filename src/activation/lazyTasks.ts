// The task provider's stand-in, registered at activation: VS Code asks it for `ecs-snapshot` tasks
// (the Run Task list, a tasks.json entry, a dependsOn or preLaunchTask), and only then does it load
// the extension proper and hand the question to the real provider (src/tasks). The task type's
// activation event (onTaskType:ecs-snapshot) comes from contributes.taskDefinitions.
import * as vscode from 'vscode';
import type { MainParts } from './mainParts';

/** contributes.taskDefinitions[0].type */
export const SNAPSHOT_TASK_TYPE = 'ecs-snapshot';

export function registerLazyTaskProvider(start: () => MainParts): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(SNAPSHOT_TASK_TYPE, {
    provideTasks: (token) => start().taskProvider?.provideTasks(token) ?? [],
    resolveTask: (task, token) => start().taskProvider?.resolveTask(task, token),
  });
}

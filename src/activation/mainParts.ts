// What the extension proper (main.js) hands back to the activation stand-ins in extension.ts:
// the parts that VS Code asks for through a stand-in registered at activation (the task provider,
// the agent tools) and the service behind the extension API. Types only: extension.ts must not
// load main.js to know them.
import type * as vscode from 'vscode';
import type { BackupService } from '../automation/backupApi';

export interface MainParts {
  /** Takes backups for commands with arguments, tasks, agent tools and the extension API. */
  backups?: BackupService;
  /** Provides and resolves tasks of type `ecs-snapshot`. */
  taskProvider?: vscode.TaskProvider;
  /** The agent tools by name (package.json contributes.languageModelTools). */
  tools?: ReadonlyMap<string, vscode.LanguageModelTool<object>>;
}

// Entry point: only wires managers, views and commands into the extension context.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel(vscode.l10n.t('ECS Snapshots'), { log: true });
  context.subscriptions.push(log);
  context.subscriptions.push(vscode.commands.registerCommand('ecsSnapshots.showLog', () => log.show()));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

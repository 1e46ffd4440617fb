// The agent tools registered at activation as stand-ins: VS Code needs an implementation for
// every contributed tool, but the real ones live in main.js. A stand-in loads main.js (start) the
// first time VS Code prepares or invokes it, then hands the call to the real tool.
import * as vscode from 'vscode';
import type { MainParts } from './mainParts';

export function registerLazyTools(context: vscode.ExtensionContext, start: () => MainParts): vscode.Disposable[] {
  const real = (name: string): vscode.LanguageModelTool<object> => {
    const tool = start().tools?.get(name);
    if (!tool) throw new Error(vscode.l10n.t('The tool {0} is not available in this version of ECS Snapshots.', name));
    return tool;
  };
  return contributedTools(context).map((name) =>
    vscode.lm.registerTool<object>(name, {
      prepareInvocation: (options, token) => {
        const tool = real(name);
        return tool.prepareInvocation ? tool.prepareInvocation(options, token) : undefined;
      },
      invoke: (options, token) => real(name).invoke(options, token),
    }),
  );
}

function contributedTools(context: vscode.ExtensionContext): string[] {
  const tools = (context.extension.packageJSON as { contributes?: { languageModelTools?: { name: string }[] } }).contributes?.languageModelTools;
  return (tools ?? []).map((t) => t.name);
}

// Activation: only stand-ins, so starting VS Code costs this extension next to nothing. The
// extension proper (src/extensionMain.ts, its own bundle dist/main.js) loads on first use:
// - the Disks view asks for its items (VS Code does so only when the view is visible);
// - any contributed command runs (its stand-in loads main.js, which registers the real command);
// - the workspace has tracked operations to resume (a cheap look at workspaceState);
// - another extension calls the API activate() returns (src/automation/extensionApi.ts).
// The SDK loads later still, on the first request (src/ecs/sdkLoader.ts).
import * as vscode from 'vscode';
import { registerLazyTaskProvider } from './activation/lazyTasks';
import { createLazyTreeView } from './activation/lazyTree';
import { registerLazyTools } from './activation/lazyTools';
import type { MainParts } from './activation/mainParts';
import { hasTrackedWork } from './activation/trackedWork';
import type { EcsSnapshotsApi } from './automation/backupApi';
import { createExtensionApi } from './automation/extensionApi';
import type { TreeNode } from './view/nodes';

type MainModule = typeof import('./extensionMain');

declare const EXTENSION_BUNDLE: boolean | undefined;

const DISKS_VIEW_ID = 'ecsSnapshots.disks';

export function activate(context: vscode.ExtensionContext): EcsSnapshotsApi {
  const standIns: vscode.Disposable[] = [];
  let parts: MainParts | undefined;
  /** Loads main.js once; stand-ins (tasks, tools, the API) reach the real parts through it. */
  const start = (): MainParts => {
    if (parts) return parts;
    parts = {};
    // The real commands take the ids of the stand-ins.
    standIns.forEach((s) => s.dispose());
    parts = loadMain().startExtension(context, disksView);
    return parts;
  };
  const disksView = createLazyTreeView<TreeNode>(DISKS_VIEW_ID, start, { showCollapseAll: true });
  context.subscriptions.push(disksView);
  for (const id of contributedCommands(context)) {
    standIns.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        start();
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }
  context.subscriptions.push(...standIns);
  // Agent tools stay registered: their stand-ins hand each call to main.js's tools.
  context.subscriptions.push(...registerLazyTools(context, start));
  context.subscriptions.push(registerLazyTaskProvider(start));
  if (hasTrackedWork(context.workspaceState)) start();
  return createExtensionApi(start);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function contributedCommands(context: vscode.ExtensionContext): string[] {
  const commands = (context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands;
  return (commands ?? []).map((c) => c.command);
}

function loadMain(): MainModule {
  let main: MainModule;
  // An if/else (not an early return), so esbuild drops the branch that would bundle main.js in.
  if (typeof EXTENSION_BUNDLE !== 'undefined' && EXTENSION_BUNDLE) {
    // A computed path keeps esbuild from bundling main.js into extension.js.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use on purpose
    main = require(`${__dirname}/main.js`) as MainModule;
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use on purpose
    main = require('./extensionMain') as MainModule;
  }
  return main;
}

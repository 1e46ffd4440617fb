// The extension proper: wires managers, views and commands into the extension context. It is its
// own bundle (dist/main.js), loaded by extension.ts on first use (the Disks view asks for its
// items, a command runs, or tracked operations wait to be resumed), so activation stays cheap.
// Nothing here talks to Alibaba Cloud: the SDK loads on the first request (src/ecs/sdkLoader.ts).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { LazyTreeView } from './activation/lazyTree';
import type { MainParts } from './activation/mainParts';
import { createAgentTools } from './agent/agentTools';
import { registerConnectionCommands } from './commands/connectionCommands';
import { registerSnapshotCommands } from './commands/registerSnapshotCommands';
import { AccessKeyStore } from './connection/accessKeyStore';
import { ConnectionManager } from './connection/connectionManager';
import { SandboxHost } from './connection/sandboxHost';
import { useSdkCompileCache } from './ecs/sdkLoader';
import { SnapshotTaskProvider } from './tasks/snapshotTaskProvider';
import { registerTracker } from './tracker/registerTracker';
import type { DiskTreeApi } from './view/diskTreeApi';
import type { TreeNode } from './view/nodes';
import { registerDiskTree } from './view/registerDiskTree';
import { setDisplayLanguage } from './view/timeText';

/** Starts everything; the Disks view already exists (extension.ts made it) and gets its provider here. */
export function startExtension(context: vscode.ExtensionContext, disksView: LazyTreeView<TreeNode>): MainParts {
  // Domain modules (rules, catalog) localise through @vscode/l10n: give them VS Code's bundle.
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  // Pure view code writes dates in the display language without reading `vscode` itself.
  setDisplayLanguage(vscode.env.language);
  // The SDK's compiled code is cached on disk, so later windows load it faster.
  useSdkCompileCache(vscode.Uri.joinPath(context.globalStorageUri, 'sdk-compile-cache').fsPath);
  const log = vscode.window.createOutputChannel(vscode.l10n.t('ECS Snapshots'), { log: true });
  const accessKeys = new AccessKeyStore(context.secrets);
  const sandbox = new SandboxHost(log, context.globalStorageUri.fsPath);
  const connections = new ConnectionManager(accessKeys, sandbox, log);
  context.subscriptions.push(log, sandbox, connections);
  context.subscriptions.push(vscode.commands.registerCommand('ecsSnapshots.showLog', () => log.show()));

  // The tracker reveals disks in the tree and the tree asks the tracker what is being created.
  const treeRef: { current?: DiskTreeApi } = {};
  const tracker = registerTracker(context, {
    connections,
    log,
    revealDisk: async (regionId, diskId) => {
      await vscode.commands.executeCommand('ecsSnapshots.disks.focus');
      await treeRef.current?.revealDisk(regionId, diskId);
    },
  });
  const tree = registerDiskTree(context, { connections, tracker, log }, (provider) => disksView.attach(provider));
  treeRef.current = tree;
  // The snapshot commands own the backup service: one in-flight set for commands, tasks, tools and the API.
  const { backups } = registerSnapshotCommands(context, { connections, tracker, tree, log });
  registerConnectionCommands(context, { connections, accessKeys, log });
  return { backups, taskProvider: new SnapshotTaskProvider(backups, context.workspaceState), tools: createAgentTools({ backups, connections }) };
}

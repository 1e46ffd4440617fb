// Child process of the activation-variant row: requires the production extension.js with a
// stand-in `vscode` and activates it the way one activation event would, then asks the Disks view
// for its items (the first use, which loads main.js). `onView` activates right before that first
// use (onView:/onCommand: events); `onStartupFinished` activates once the window has started and the
// first use comes later. Prints the time of require + activate and of the first use.
import * as path from 'node:path';
import { installVscodeStub } from './vscodeStub';

const [extensionFile, packageFile, when] = process.argv.slice(2);
installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the stand-in installed above
const vscode = require('vscode') as Record<string, Record<string, unknown>>;
let view: { getChildren(element?: unknown): unknown } | undefined;
vscode.window.createTreeView = (_id: string, options: { treeDataProvider: typeof view }) => {
  view = options.treeDataProvider;
  return { dispose() {} };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the manifest VS Code would hand over
const packageJSON: unknown = require(packageFile);
const memento = { keys: () => [], get: () => undefined, update: async () => undefined };
const context = {
  subscriptions: [] as unknown[],
  extension: { packageJSON },
  workspaceState: memento,
  globalState: memento,
  globalStorageUri: { fsPath: process.cwd() },
  secrets: vscode.workspace.secretStorageStandIn, // a stand-in: every call answers
};

function firstUse(): number {
  const start = performance.now();
  void Promise.resolve(view?.getChildren(undefined)).catch(() => undefined);
  return performance.now() - start;
}

async function main(): Promise<void> {
  const start = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test
  const extension = require(extensionFile) as { activate(context: unknown): unknown };
  extension.activate(context);
  const activateMs = performance.now() - start;
  // With onStartupFinished, the user opens the view some time after the window started.
  if (when === 'onStartupFinished') await new Promise((resolve) => setTimeout(resolve, 200));
  const firstUseMs = firstUse();
  const loadedMain = Object.keys(require.cache).some((key) => path.basename(key) === 'main.js');
  console.log(JSON.stringify({ activateMs, firstUseMs, loadedMain }));
  process.exit(0);
}

void main();

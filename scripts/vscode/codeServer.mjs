// code-server (the cached VS Code server build behind a web workbench), with the packaged extension
// installed and user settings written first, as a person's own VS Code would have them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { codeServerEntry, nodeBin, nodeBinDir } from './paths.mjs';
import { freePort, run, startService, waitForHttp } from './processes.mjs';

/** Settings that keep first-run noise (welcome page, tips, trust prompt) out of the way. */
export const QUIET_WORKBENCH = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.openRepositoryInParentFolders': 'never',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Settings pointing the extension at a running sandbox. @param {string} endpoint "127.0.0.1:PORT" */
export function sandboxSettings(endpoint, region = 'cn-hangzhou') {
  return { 'ecsSnapshots.credentialSource': 'sandbox', 'ecsSnapshots.endpoint': endpoint, 'ecsSnapshots.region': region };
}

function codeServerArgs(userDataDir, extensionsDir) {
  return [codeServerEntry, '--disable-telemetry', '--disable-update-check', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
}

function readSettings(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {}; // none yet (or hand-edited with comments: start over)
  }
}

/** @param {string} [home] a HOME of its own (e.g. with an aliyun CLI config), instead of the machine's */
const env = (home) => ({ ...process.env, PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH}`, ...(home ? { HOME: home } : {}) });

/**
 * Installs the packaged extension into `extensionsDir` (as `code-server --install-extension`).
 * @param {{ vsix: string, userDataDir: string, extensionsDir: string }} options
 */
export async function installExtension({ vsix, userDataDir, extensionsDir }) {
  mkdirSync(extensionsDir, { recursive: true });
  await run(nodeBin, [...codeServerArgs(userDataDir, extensionsDir), '--install-extension', vsix, '--force'], { env: env(), quiet: true });
}

/**
 * Writes `settings`, installs `vsix` when given, starts code-server on 127.0.0.1 (no auth) opening
 * `folder`. Returns the workbench URL and the service (stopped by processes.stopService/stopAll).
 * @param {{ vsix?: string, userDataDir: string, extensionsDir: string, folder?: string,
 *   settings?: Record<string, unknown>, port?: number, home?: string, onOutput?: (text: string) => void }} options
 */
export async function startCodeServer({ vsix, userDataDir, extensionsDir, folder, settings = {}, port, home, onOutput }) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  if (folder) mkdirSync(folder, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  // Keep what a person changed in an earlier session; ours (e.g. the new sandbox port) win.
  writeFileSync(settingsFile, `${JSON.stringify({ ...QUIET_WORKBENCH, ...readSettings(settingsFile), ...settings }, null, 2)}\n`);
  if (vsix) await installExtension({ vsix, userDataDir, extensionsDir });

  const listenPort = port ?? (await freePort());
  const service = startService('code-server', nodeBin, [
    ...codeServerArgs(userDataDir, extensionsDir),
    '--bind-addr', `127.0.0.1:${listenPort}`, '--auth', 'none', '--disable-workspace-trust', '--disable-getting-started-override',
    ...(folder ? [folder] : []),
  ], { env: env(home), onOutput });
  const url = `http://127.0.0.1:${listenPort}/`;
  await waitForHttp(`${url}healthz`, 30_000, service);
  return { url, port: listenPort, service };
}

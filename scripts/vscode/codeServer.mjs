// code-server (the cached VS Code server build behind a web workbench), with the packaged extension
// installed and user settings written first, as a person's own VS Code would have them.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { codeServerEntry, nodeBin, nodeBinDir, repoRoot } from './paths.mjs';
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
 * Installs the stub language pack of `locale` (test/fixtures/language-pack-<locale>, packaged into
 * `workDir`): VS Code only switches its display language to one a language pack provides.
 * Returns what startCodeServer's `displayLanguage` needs.
 * @param {{ locale: string, workDir: string, extensionsDir: string }} options
 */
export async function installLanguagePack({ locale, workDir, extensionsDir }) {
  const fixture = path.join(repoRoot, 'test', 'fixtures', `language-pack-${locale}`);
  const manifest = JSON.parse(readFileSync(path.join(fixture, 'package.json'), 'utf8'));
  const vsix = path.join(workDir, `language-pack-${locale}.vsix`);
  mkdirSync(workDir, { recursive: true });
  await run(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
    { cwd: fixture, env: env(), quiet: true });
  await installExtension({ vsix, userDataDir: path.join(workDir, 'install'), extensionsDir });
  const id = `${manifest.publisher}.${manifest.name}`;
  const translations = path.join(extensionsDir, `${id}-${manifest.version}`, manifest.contributes.localizations[0].translations[0].path);
  return { locale, id, version: manifest.version, translations };
}

/**
 * What VS Code reads at start to pick its display language: argv.json's `locale`, and
 * languagepacks.json telling where that language's pack is (the server writes no such file itself).
 * @param {string} userDataDir @param {{ locale: string, id: string, version: string, translations: string }} pack
 */
function writeDisplayLanguage(userDataDir, pack) {
  writeFileSync(path.join(userDataDir, 'User', 'argv.json'), `${JSON.stringify({ locale: pack.locale }, null, 2)}\n`);
  const entry = { hash: 'stub', label: pack.locale, extensions: [{ extensionIdentifier: { id: pack.id }, version: pack.version }], translations: { vscode: pack.translations } };
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), `${JSON.stringify({ [pack.locale]: entry }, null, 2)}\n`);
}

/**
 * Writes `settings`, installs `vsix` when given, starts code-server on 127.0.0.1 (no auth) opening
 * `folder`. Returns the workbench URL and the service (stopped by processes.stopService/stopAll).
 * @param {{ vsix?: string, userDataDir: string, extensionsDir: string, folder?: string,
 *   settings?: Record<string, unknown>, port?: number, home?: string, onOutput?: (text: string) => void,
 *   displayLanguage?: { locale: string, id: string, version: string, translations: string } }} options
 *   displayLanguage: a pack from installLanguagePack (into the same extensionsDir); English without it.
 */
export async function startCodeServer({ vsix, userDataDir, extensionsDir, folder, settings = {}, port, home, onOutput, displayLanguage }) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  if (folder) mkdirSync(folder, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  // Keep what a person changed in an earlier session; ours (e.g. the new sandbox port) win.
  writeFileSync(settingsFile, `${JSON.stringify({ ...QUIET_WORKBENCH, ...readSettings(settingsFile), ...settings }, null, 2)}\n`);
  if (vsix) await installExtension({ vsix, userDataDir, extensionsDir });
  if (displayLanguage) writeDisplayLanguage(userDataDir, displayLanguage);

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

#!/usr/bin/env node
// Runs the UI scenarios (test/ui/scenarios/*.mjs, one file each) against the packaged extension
// installed in a real VS Code (code-server), configured for a sandbox started here, driven in
// headless Chromium. Usage: node test/ui/run.mjs [--update-screenshots] [part-of-a-scenario-name ...]
// --update-screenshots copies the screenshots of a fully passing run into docs/screenshots/.
// Each scenario exports `title` and a default async function receiving a Workbench (with
// `workbench.context.sandbox`, the running sandbox: its world and request stats); a scenario
// fails by throwing. Optional exports: settings(sandbox) (user settings instead of the sandbox's)
// and home(dir, sandbox) (files to put in the scenario's own HOME first), and locale (e.g. 'zh-tw':
// VS Code's display language, through a stub language pack from test/fixtures/ installed into the
// scenario's own extensions directory, so the other scenarios never see it). Every scenario gets its
// own sandbox, VS Code user data, HOME and browser context. Screenshots go to test-results/screenshots/.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { provision } from '../../scripts/provision.mjs';
import { openBrowser } from '../../scripts/vscode/browser.mjs';
import { installExtension, installLanguagePack, sandboxSettings, startCodeServer } from '../../scripts/vscode/codeServer.mjs';
import { packageExtension } from '../../scripts/vscode/extensionPackage.mjs';
import { cacheDir, repoRoot, screenshotsDir } from '../../scripts/vscode/paths.mjs';
import { stopAll, stopAllOnSignals, stopService } from '../../scripts/vscode/processes.mjs';
import { tsImport } from 'tsx/esm/api';
import { Workbench } from './workbench.mjs';

// Generous: a loaded 2-core machine runs the slowest scenarios in about 90 s.
const SCENARIO_TIMEOUT_MS = 150_000;
const scenariosDir = path.join(repoRoot, 'test', 'ui', 'scenarios');
const runDir = path.join(cacheDir, 'ui');
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;

const docsScreenshotsDir = path.join(repoRoot, 'docs', 'screenshots');

function selectedScenarios(filters) {
  const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.mjs')).sort();
  return filters.length ? files.filter((f) => filters.some((part) => f.includes(part))) : files;
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000}s`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * What one scenario runs against: its own sandbox, its own code-server user data and a fresh
 * browser context, so no snapshot, setting or workbench state leaks from one scenario to the next.
 */
async function startEnvironment(name, scenario, { startSandbox, extensionsDir: sharedExtensionsDir, vsix, browser }) {
  const dir = path.join(runDir, name);
  let extensionsDir = sharedExtensionsDir;
  let displayLanguage;
  if (scenario.locale) {
    extensionsDir = path.join(dir, 'extensions');
    await installExtension({ vsix, userDataDir: path.join(dir, 'install'), extensionsDir });
    displayLanguage = await installLanguagePack({ locale: scenario.locale, workDir: dir, extensionsDir });
  }
  const userDataDir = path.join(dir, 'user-data');
  // A HOME of its own: the machine's ~/.aliyun/config.json must not decide what a scenario sees.
  const home = path.join(dir, 'home');
  mkdirSync(home, { recursive: true });
  // In-process, so scenarios can compare the workbench with the sandbox's world and request counts.
  const sandbox = await startSandbox();
  // A scenario may start from files a user already has (e.g. the aliyun CLI's config) by exporting home(dir, sandbox).
  scenario.home?.(home, sandbox);
  let output = '';
  const codeServer = await startCodeServer({
    userDataDir,
    extensionsDir,
    folder: path.join(dir, 'workspace'),
    // A scenario may start from other settings (e.g. nothing configured) by exporting settings(sandbox).
    settings: scenario.settings ? scenario.settings(sandbox) : sandboxSettings(sandbox.endpoint),
    home,
    displayLanguage,
    onOutput: (text) => { output = (output + text).slice(-4000); },
  }).catch(async (error) => { await sandbox.close(); throw error; });
  const { context, page } = await browser.newPage();
  return {
    workbench: new Workbench(page, codeServer.url, { sandbox, userSettingsFile: path.join(userDataDir, 'User', 'settings.json') }),
    serverOutput: () => output,
    async stop() {
      await context.close().catch(() => undefined);
      await stopService(codeServer.service);
      await sandbox.close();
    },
  };
}

async function runScenario(file, shared) {
  const scenario = await import(pathToFileURL(path.join(scenariosDir, file)).href);
  const name = path.basename(file, '.mjs');
  const title = scenario.title ?? name;
  const t0 = Date.now();
  let environment;
  try {
    environment = await startEnvironment(name, scenario, shared);
    await withTimeout(scenario.default(environment.workbench), SCENARIO_TIMEOUT_MS, name);
    console.log(`  ✓ ${title} (${seconds(t0)})`);
    return true;
  } catch (error) {
    console.log(`  ✗ ${title} (${seconds(t0)})\n    ${String(process.env.UI_STACK ? error.stack : error.message).split('\n').join('\n    ')}`);
    const shot = await environment?.workbench.screenshot(`${name}-failure`).catch(() => undefined);
    if (shot) console.log(`    screenshot: ${path.relative(repoRoot, shot)}`);
    if (environment && process.env.ECS_SNAPSHOTS_VERBOSE === '1') console.log(`    last code-server output:\n${environment.serverOutput()}`);
    return false;
  } finally {
    await environment?.stop();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const updateScreenshots = args.includes('--update-screenshots');
  const files = selectedScenarios(args.filter((a) => !a.startsWith('--')));
  if (files.length === 0) throw new Error('no UI scenario matches');
  const started = Date.now();
  await provision();
  rmSync(runDir, { recursive: true, force: true });
  rmSync(screenshotsDir, { recursive: true, force: true });
  const extensionsDir = path.join(runDir, 'extensions');
  const vsix = await packageExtension();
  await installExtension({ vsix, userDataDir: path.join(runDir, 'install'), extensionsDir });
  const { startSandbox } = await tsImport('../../src/sandbox/index.ts', import.meta.url);
  const browser = await openBrowser();
  console.log(`[ui] extension packaged and installed, browser ready (${seconds(started)}); ${files.length} scenarios`);

  const results = [];
  try {
    for (const file of files) results.push(await runScenario(file, { startSandbox, extensionsDir, vsix, browser }));
  } finally {
    await browser.close();
  }
  const failed = results.filter((ok) => !ok).length;
  if (updateScreenshots && !failed) {
    mkdirSync(docsScreenshotsDir, { recursive: true });
    const shots = (existsSync(screenshotsDir) ? readdirSync(screenshotsDir) : []).filter((f) => f.endsWith('.png'));
    shots.forEach((f) => copyFileSync(path.join(screenshotsDir, f), path.join(docsScreenshotsDir, f)));
    console.log(`[ui] ${shots.length} screenshots copied to docs/screenshots/`);
  }
  console.log(`\nUI scenarios: ${results.length - failed} passed, ${failed} failed (${seconds(started)})`);
  return failed ? 1 : 0;
}

async function shutDown() {
  await stopAll();
}

stopAllOnSignals();
main().then(
  async (code) => { await shutDown(); process.exit(code); },
  async (error) => { console.error(`[ui] ${error.message}`); await shutDown(); process.exit(1); },
);

#!/usr/bin/env node
// Runs the UI scenarios (test/ui/scenarios/*.mjs, one file each) against the packaged extension
// installed in a real VS Code (code-server), configured for a sandbox started here, driven in
// headless Chromium. Usage: node test/ui/run.mjs [--update-screenshots] [part-of-a-scenario-name ...]
// --update-screenshots copies the screenshots of a fully passing run into docs/screenshots/.
// Each scenario exports `title` and a default async function receiving a Workbench (with
// `workbench.context.sandbox`, the running sandbox: its world and request stats); a scenario
// fails by throwing. Screenshots go to test-results/screenshots/.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { provision } from '../../scripts/provision.mjs';
import { openBrowser } from '../../scripts/vscode/browser.mjs';
import { sandboxSettings, startCodeServer } from '../../scripts/vscode/codeServer.mjs';
import { packageExtension } from '../../scripts/vscode/extensionPackage.mjs';
import { cacheDir, repoRoot, screenshotsDir } from '../../scripts/vscode/paths.mjs';
import { stopAll, stopAllOnSignals } from '../../scripts/vscode/processes.mjs';
import { tsImport } from 'tsx/esm/api';
import { Workbench } from './workbench.mjs';

const SCENARIO_TIMEOUT_MS = 90_000;
const scenariosDir = path.join(repoRoot, 'test', 'ui', 'scenarios');
const runDir = path.join(cacheDir, 'ui');
const cleanups = [];
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

async function main() {
  const args = process.argv.slice(2);
  const updateScreenshots = args.includes('--update-screenshots');
  const files = selectedScenarios(args.filter((a) => !a.startsWith('--')));
  if (files.length === 0) throw new Error('no UI scenario matches');
  const started = Date.now();
  await provision();
  const vsix = await packageExtension();
  // In-process, so scenarios can compare the workbench with the sandbox's world and request counts.
  const { startSandbox } = await tsImport('../../src/sandbox/index.ts', import.meta.url);
  const sandbox = await startSandbox();
  cleanups.push(() => sandbox.close());
  rmSync(runDir, { recursive: true, force: true });
  rmSync(screenshotsDir, { recursive: true, force: true });
  let serverOutput = '';
  const codeServer = await startCodeServer({
    vsix,
    userDataDir: path.join(runDir, 'user-data'),
    extensionsDir: path.join(runDir, 'extensions'),
    folder: path.join(runDir, 'workspace'),
    settings: sandboxSettings(sandbox.endpoint),
    onOutput: (text) => { serverOutput = (serverOutput + text).slice(-4000); },
  });
  console.log(`[ui] code-server ${codeServer.url}, sandbox ${sandbox.endpoint} (ready in ${seconds(started)})`);

  const browser = await openBrowser();
  const results = [];
  try {
    for (const file of files) {
      const scenario = await import(pathToFileURL(path.join(scenariosDir, file)).href);
      const name = path.basename(file, '.mjs');
      const page = await browser.context.newPage();
      const workbench = new Workbench(page, codeServer.url, { sandbox });
      const t0 = Date.now();
      try {
        await withTimeout(scenario.default(workbench), SCENARIO_TIMEOUT_MS, name);
        results.push({ name, ok: true });
        console.log(`  ✓ ${scenario.title ?? name} (${seconds(t0)})`);
      } catch (error) {
        results.push({ name, ok: false });
        const shot = await workbench.screenshot(`${name}-failure`).catch(() => undefined);
        console.log(`  ✗ ${scenario.title ?? name} (${seconds(t0)})\n    ${String(error.message).split('\n').join('\n    ')}`);
        if (shot) console.log(`    screenshot: ${path.relative(repoRoot, shot)}`);
      } finally {
        await page.close().catch(() => undefined);
      }
    }
  } finally {
    await browser.close();
  }
  const failed = results.filter((r) => !r.ok).length;
  if (failed && process.env.ECS_SNAPSHOTS_VERBOSE === '1') console.log(`[ui] last code-server output:\n${serverOutput}`);
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
  await Promise.all(cleanups.map((cleanup) => cleanup().catch(() => undefined)));
}

stopAllOnSignals();
main().then(
  async (code) => { await shutDown(); process.exit(code); },
  async (error) => { console.error(`[ui] ${error.message}`); await shutDown(); process.exit(1); },
);

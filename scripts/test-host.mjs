#!/usr/bin/env node
// Runs the extension-host suites: builds the extension and the suites, provisions the VS Code
// server build unless ECS_SNAPSHOTS_VSCODE=desktop, then hands over to @vscode/test-cli.
import { run } from './vscode/processes.mjs';
import { provision } from './provision.mjs';

const desktop = process.env.ECS_SNAPSHOTS_VSCODE === 'desktop';
try {
  await run('node', ['scripts/build.mjs']);
  await run('node', ['scripts/build-tests.mjs']);
  if (!desktop) await provision();
  await run('npx', ['vscode-test', ...process.argv.slice(2)]);
} catch (error) {
  console.error(`[test:host] ${error.message}`);
  process.exit(1);
}

// @vscode/test-cli configuration for the extension-host suites (test/suite, compiled to out/).
// By default they run in the VS Code server build provisioned into .vscode-test/ (see
// scripts/launch-vscode.mjs): no desktop VS Code download is needed. On a computer that can
// download desktop VS Code, ECS_SNAPSHOTS_VSCODE=desktop runs the same suites there instead.
import { defineConfig } from '@vscode/test-cli';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const desktop = process.env.ECS_SNAPSHOTS_VSCODE === 'desktop';

const base = {
  mocha: { ui: 'tdd', timeout: 20_000, color: true },
  ...(desktop
    ? { version: process.env.ECS_SNAPSHOTS_VSCODE_VERSION ?? 'stable' }
    : { useInstallation: { fromPath: fileURLToPath(new URL('scripts/launch-vscode.mjs', import.meta.url)) } }),
};

export default defineConfig([
  {
    ...base,
    label: desktop ? 'desktop VS Code' : 'VS Code server (code-server build)',
    files: 'out/test/suite/**/!(tasks).test.js',
  },
  {
    // Tasks written in tasks.json need a folder: an empty window runs only shell and process tasks
    // (VS Code resolves no contributed task type there). A fresh one per run.
    ...base,
    label: 'tasks in a workspace folder',
    files: 'out/test/suite/tasks.test.js',
    workspaceFolder: mkdtempSync(path.join(tmpdir(), 'ecs-snapshots-tasks-')),
  },
]);

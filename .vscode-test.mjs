// @vscode/test-cli configuration for the extension-host suites (test/suite, compiled to out/).
// By default they run in the VS Code server build provisioned into .vscode-test/ (see
// scripts/launch-vscode.mjs): no desktop VS Code download is needed. On a computer that can
// download desktop VS Code, ECS_SNAPSHOTS_VSCODE=desktop runs the same suites there instead.
import { defineConfig } from '@vscode/test-cli';
import { fileURLToPath } from 'node:url';

const desktop = process.env.ECS_SNAPSHOTS_VSCODE === 'desktop';

export default defineConfig({
  label: desktop ? 'desktop VS Code' : 'VS Code server (code-server build)',
  files: 'out/test/suite/**/*.test.js',
  mocha: { ui: 'tdd', timeout: 20_000, color: true },
  ...(desktop
    ? { version: process.env.ECS_SNAPSHOTS_VSCODE_VERSION ?? 'stable' }
    : { useInstallation: { fromPath: fileURLToPath(new URL('scripts/launch-vscode.mjs', import.meta.url)) } }),
});

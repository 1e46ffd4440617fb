// Compiles the extension-host suites (test/suite/*.test.ts) to out/test/suite/*.test.js for mocha
// inside VS Code. `vscode` and packages stay external: the extension host provides the former and
// the repository's node_modules the rest.
import { readdirSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const outdir = 'out/test/suite';
rmSync(outdir, { recursive: true, force: true });
// index.ts is the runner for launching from VS Code's debugger; the rest are suites.
const entryPoints = readdirSync('test/suite').filter((f) => f.endsWith('.test.ts') || f === 'index.ts').map((f) => `test/suite/${f}`);

await esbuild.build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
console.log(`[build-tests] ${entryPoints.length - 1} suites -> ${outdir}`);

// Bundles the extension with esbuild. `vscode` stays external. Three files, each loaded only when
// needed: extension.js (activation: command and view placeholders), main.js (everything the
// commands and views do, imported on first use) and sdk.js (the Alibaba Cloud SDK, with only the
// models of the actions we call, required on the first request: see src/ecs/sdkLoader.ts).
// `--outdir <dir>` builds elsewhere and `--entry name=file` adds an entry point (the benchmark
// builds the production files, plus the gateway alone, into a temp dir).
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { sdkModelsPlugin } from './sdkModels.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt > 0 ? path.resolve(process.argv[outdirAt + 1]) : path.join(root, 'dist');
const extraEntries = Object.fromEntries(
  process.argv.flatMap((arg, i) => (process.argv[i - 1] === '--entry' ? [arg.split('=')] : [])).map(([name, file]) => [name, path.resolve(file)]),
);

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: {
    extension: path.join(root, 'src/extension.ts'),
    main: path.join(root, 'src/extensionMain.ts'),
    sdk: path.join(root, 'src/ecs/sdkClient.ts'),
    ...extraEntries,
  },
  bundle: true,
  outdir,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  // Makes extension.ts and sdkLoader.ts require the sibling main.js and sdk.js at run time; the
  // branches that would bundle them into their importer become dead code.
  define: { ECS_SDK_BUNDLE: 'true', EXTENSION_BUNDLE: 'true' },
  plugins: [sdkModelsPlugin(root)],
  sourcemap: !production,
  // Whitespace and comments only: full minification made the whole SDK load slower (502 vs 472 ms,
  // compile 195 vs 93 ms) and, for the trimmed sdk.js with its code cache, gains nothing (first
  // listDisks 215 vs 197 ms, later starts 138 vs 143 ms), while names keep stack traces readable.
  minifyWhitespace: production,
  logLevel: 'info',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}

// Bundles the extension with esbuild. `vscode` stays external; the Alibaba Cloud SDK is bundled
// into its own chunk-free file but only required lazily (see src/ecs/sdkLoader.ts).
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: {
    extension: 'src/extension.ts',
    sdk: 'src/ecs/sdkClient.ts',
  },
  bundle: true,
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  // Makes sdkLoader.ts require the sibling dist/sdk.js at run time; the branch that would
  // bundle the SDK into extension.js becomes dead code.
  define: { ECS_SDK_BUNDLE: 'true' },
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
} else {
  await esbuild.build(options);
}

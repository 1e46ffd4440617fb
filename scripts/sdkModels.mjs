// An esbuild plugin that keeps in dist/sdk.js only the request/response models of the ECS actions
// src/ecs/sdkClient.ts calls. @alicloud/ecs20140526's client.js requires ./models/model, which
// requires all ~3,450 model files (84% of the bundle, and most of its load time); the client reads
// a model only inside the method of its action, so the others are never touched. The real client
// still builds and sends every request.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SDK_CLIENT = 'src/ecs/sdkClient.ts';

/** The actions sdkClient.ts calls (`client.describeDisks(` -> DescribeDisks). */
export function calledActions(root) {
  const source = fs.readFileSync(path.join(root, SDK_CLIENT), 'utf8');
  const methods = new Set([...source.matchAll(/\bclient\.(\w+)\(/g)].map((m) => m[1]));
  return [...methods].map((m) => m[0].toUpperCase() + m.slice(1)).sort();
}

/** @returns {import('esbuild').Plugin} */
export function sdkModelsPlugin(root) {
  return {
    name: 'ecs-sdk-models',
    setup(build) {
      build.onResolve({ filter: /^\.\/models\/model$/ }, (args) => {
        if (!/[\\/]@alicloud[\\/]ecs20140526[\\/]dist$/.test(args.resolveDir)) return undefined;
        return { path: path.join(args.resolveDir, 'models', 'model.js'), namespace: 'ecs-sdk-models', pluginData: args.resolveDir };
      });
      build.onLoad({ filter: /.*/, namespace: 'ecs-sdk-models' }, (args) => {
        const models = path.join(args.pluginData, 'models');
        const files = calledActions(root).flatMap((action) =>
          ['Request', 'ShrinkRequest', 'Response', 'ResponseBody']
            .map((suffix) => `${action}${suffix}.js`)
            .filter((file) => fs.existsSync(path.join(models, file))),
        );
        if (!files.some((f) => f.endsWith('Response.js'))) throw new Error(`No ECS actions found in ${SDK_CLIENT}`);
        const contents = files.map((f) => `Object.assign(exports, require(${JSON.stringify(`./${f}`)}));`).join('\n');
        return { contents, loader: 'js', resolveDir: models };
      });
    },
  };
}

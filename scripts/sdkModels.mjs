// An esbuild plugin that keeps in dist/sdk.js only what the ECS actions src/ecs/sdkClient.ts calls
// need of @alicloud/ecs20140526 (84% of the bundle, and most of its load time):
// - its client.js requires ./models/model, which requires all ~3,450 model files; the client reads
//   a model only inside the method of its action, so only those actions' models are kept;
// - client.js itself (1.5 MB) has two methods per action (`foo` and `fooWithOptions`) for ~380
//   actions; the methods of actions we never call are left out.
// The real client still builds, signs and sends every request.
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
      build.onLoad({ filter: /[\\/]@alicloud[\\/]ecs20140526[\\/]dist[\\/]client\.js$/ }, async (args) => ({
        contents: withoutUnusedActions(await fs.promises.readFile(args.path, 'utf8'), calledActions(root)),
        loader: 'js',
      }));
    },
  };
}

/**
 * Drops the Client methods of actions not in `actions`. A method starts at a line indented by four
 * spaces with `name(` (optionally `async`) and ends at the next line that is exactly four spaces and
 * `}` (the layout of the package's compiled client.js). Only pairs `foo`/`fooWithOptions` count as
 * actions; everything else (constructor, getEndpoint) stays.
 */
export function withoutUnusedActions(source, actions) {
  const lines = source.split('\n');
  const members = [];
  for (let i = 0; i < lines.length; i++) {
    const start = /^ {4}(?:async )?(\w+)\(/.exec(lines[i]);
    if (!start) continue;
    let end = i + 1;
    while (end < lines.length && lines[end] !== '    }') end++;
    members.push({ name: start[1], start: i, end });
    i = end;
  }
  const names = new Set(members.map((m) => m.name));
  const isAction = (name) => names.has(`${name}WithOptions`) || (name.endsWith('WithOptions') && names.has(name.slice(0, -'WithOptions'.length)));
  const kept = new Set(actions.flatMap((a) => [a[0].toLowerCase() + a.slice(1), `${a[0].toLowerCase()}${a.slice(1)}WithOptions`]));
  const dropped = members.filter((m) => isAction(m.name) && !kept.has(m.name));
  const missing = [...kept].filter((name) => !names.has(name));
  if (missing.length > 0) throw new Error(`ecs20140526's client.js has no ${missing.join(', ')}`);
  const drop = new Set(dropped.flatMap((m) => Array.from({ length: m.end - m.start + 1 }, (_, k) => m.start + k)));
  return lines.filter((_, i) => !drop.has(i)).join('\n');
}

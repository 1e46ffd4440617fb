// Issue 12: "require(dist/extension.js) + activate() (prod build, stubbed vscode)", budget 10 ms.
// A fresh Node process per repetition (a child of bench/children/activate.ts) requires the
// production extension.js with a stand-in `vscode` and activates it in a workspace without tracked
// operations, timing both itself; the row fails if that loaded main.js or sdk.js (they wait for
// first use). Baseline: the wall time of a fresh `node -e 0`, the machine's cost of a process.
import { join } from 'node:path';
import type { Measurement } from './measurement';
import { emptyProcessMs, prodBuild, repoRoot, runChild, type ProdBuild } from './prodBuild';

let build: ProdBuild | undefined;

export const activation: Measurement = {
  name: 'require(dist/extension.js) + activate() (prod build, stubbed vscode)',
  budget: { ms: 10 },
  async setup() {
    build = await prodBuild();
  },
  teardown() {
    build?.dispose();
    build = undefined;
  },
  baseline: { name: 'wall time of a fresh `node -e 0`', run: emptyProcessMs },
  subject: {
    name: 'require + activate() in a fresh process, no tracked operations',
    async run() {
      if (!build) throw new Error('not set up');
      const result = await runChild<{ ms: number; loaded: string[] }>(
        [build.child('activate'), join(build.dir, 'extension.js'), join(repoRoot, 'package.json')],
        build.dir,
      );
      const extra = result.loaded.filter((file) => !file.endsWith('extension.js'));
      if (extra.length > 0) throw new Error(`activation loaded ${extra.join(', ')}`);
      return result.ms;
    },
  },
};

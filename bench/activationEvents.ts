// Issue 12: "consider onView/onCommand activation plus a cheap resume check for pending tracked
// operations instead of onStartupFinished for everyone; measure both". The same production
// extension.js (bench/children/activationWhen.ts, a fresh process per repetition), activated
// - today: onStartupFinished, require + activate (stand-ins and the tracked-work check) once the
//   window has started, in every window; the first use of the view loads main.js later;
// - the variant: onView/onCommand, require + activate right before the first use, which then loads
//   main.js at once (a window that never opens the view pays nothing; a workspace with tracked
//   operations would not resume them until then, unless onStartupFinished stays for that check).
// The row times require + activate in each (budget: the activation row's 10 ms); teardown prints
// what the first use costs after each.
import { join } from 'node:path';
import type { Measurement } from './measurement';
import { prodBuild, repoRoot, runChild, type ProdBuild } from './prodBuild';

interface Reported {
  activateMs: number;
  firstUseMs: number;
  loadedMain: boolean;
}

let build: ProdBuild | undefined;
const firstUse: Record<string, number[]> = { onStartupFinished: [], onView: [] };

async function activateOn(when: 'onStartupFinished' | 'onView'): Promise<number> {
  if (!build) throw new Error('not set up');
  const result = await runChild<Reported>(
    [build.child('activationWhen'), join(build.dir, 'extension.js'), join(repoRoot, 'package.json'), when],
    build.dir,
  );
  if (!result.loadedMain) throw new Error(`${when}: the first use did not load main.js`);
  firstUse[when].push(result.firstUseMs);
  return result.activateMs;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

export const activationEvents: Measurement = {
  name: 'activation: onView/onCommand vs onStartupFinished + tracked-work check (prod build)',
  budget: { ms: 10 },
  repetitions: { quick: 3, full: 10 },
  async setup() {
    build = await prodBuild();
  },
  teardown() {
    const today = median(firstUse.onStartupFinished);
    const variant = median(firstUse.onView);
    console.log(
      `  activation events: onStartupFinished: require + activate at startup in every window, then ${today.toFixed(1)} ms at the first use (main.js);` +
        ` onView/onCommand: nothing at startup, then require + activate and ${variant.toFixed(1)} ms (main.js) at the first use`,
    );
    firstUse.onStartupFinished = [];
    firstUse.onView = [];
    build?.dispose();
    build = undefined;
  },
  baseline: { name: 'onStartupFinished: require + activate once the window started (every window)', run: () => activateOn('onStartupFinished') },
  subject: { name: 'onView/onCommand: require + activate right before the first use', run: () => activateOn('onView') },
};

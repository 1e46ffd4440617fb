// Issue 12: "tracker tick where K tracked snapshots finish together". A tracker resumed with
// K = 1,000 snapshots being created (one region, one credential source) whose DescribeSnapshots
// answers say all are accomplished; one repetition is the tick that polls them (10 requests
// answered at once), applies the answers, saves (JSON, as the Memento does) and renders the status
// (describeStatus, what the status-bar item shows). Each repetition resumes a fresh tracker,
// untimed, and fails unless the tick saved once and rendered once. Baseline: a plain array doing
// the same work: the answers applied by id and the array serialised once. Budget: 20 ms.
import type { Measurement } from './measurement';
import { accomplished, answeringGateway, creatingState, JsonStore, ManualClock } from './trackedFixtures';
import type { Snapshot } from '../src/ecs/gateway';
import type { PersistedState } from '../src/tracker/trackedOperation';
import { describeStatus } from '../src/tracker/statusView';
import { TrackerCore } from '../src/tracker/trackerCore';

const K = 1_000;

let stored: PersistedState | undefined;
let answers = new Map<string, Snapshot>();
let lastSave = { saves: 0, bytes: 0, renders: 0, told: 0 };
let sink = 0;

async function oneTick(): Promise<number> {
  if (!stored) throw new Error('not set up');
  const clock = new ManualClock();
  const store = new JsonStore(stored);
  let renders = 0;
  let told = 0;
  let tickEnded: () => void = () => undefined;
  const core = new TrackerCore({
    clock,
    store,
    resolveGateway: async () => answeringGateway(answers),
    newClientToken: () => 'unused',
    onEvent: (event) => {
      if (event.kind === 'stateChanged') told++; // the tree refreshes that one disk
      if (event.kind !== 'changed') return;
      renders++;
      sink += describeStatus(core.operations(), clock.now()).text?.length ?? 0;
      tickEnded();
    },
  });
  core.resume();
  renders = 0;
  const ended = new Promise<void>((resolve) => (tickEnded = resolve));
  const start = performance.now();
  clock.fire();
  await ended;
  const ms = performance.now() - start;
  core.dispose();
  if (store.saves !== 1 || renders !== 1 || told !== K) throw new Error(`the tick saved ${store.saves}x, rendered ${renders}x and told ${told} disks (expected 1, 1, ${K})`);
  lastSave = { saves: store.saves, bytes: store.bytes, renders, told };
  return ms;
}

/** The same answers applied to a plain array by id, then the array serialised once. */
function plainArray(): void {
  if (!stored) throw new Error('not set up');
  const ops = stored.operations.map((op) => ({ ...op }));
  const byId = new Map(ops.map((op) => [op.snapshotId, op]));
  for (const s of answers.values()) {
    const op = byId.get(s.snapshotId);
    if (op && s.status === 'accomplished') {
      op.state = 'ready';
      op.progress = 100;
    }
  }
  sink += JSON.stringify({ version: stored.version, operations: ops }).length;
}

export const trackerTick: Measurement = {
  name: 'tracker tick where K=1,000 tracked snapshots finish together',
  budget: { ms: 20 },
  setup() {
    stored = creatingState(K);
    answers = accomplished(K);
  },
  teardown() {
    stored = undefined;
    answers = new Map();
    console.log(`  tracker tick, K=${K}: ${lastSave.saves} save of ${(lastSave.bytes / 1024).toFixed(0)} KB, ${lastSave.renders} render, ${lastSave.told} disks told`);
    if (sink < 0) console.log(sink);
  },
  baseline: { name: 'a plain array: the answers applied by id, serialised once', run: plainArray },
  subject: { name: 'one tick: 10 DescribeSnapshots, 1,000 ready, save, render', run: oneTick },
};

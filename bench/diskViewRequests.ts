// Issue 12: "requests of the Disks view for 100,000 disks". The sandbox with 100,000 disks in its
// home region, the real gateway (SDK over loopback HTTP), and every page loaded the way the Disks
// view loads it (RegionDisks: DescribeDisks pages plus what it asks about instances). Each
// repetition is one whole load and reports the requests the sandbox counted; the baseline is the
// listing alone (the gateway paging DescribeDisks). Budget: at most 1.1x the baseline's requests.
// The wall time of each load and the requests per action are printed after the row. A whole load
// takes tens of seconds on a busy 2-core machine, hence one or three repetitions.
import type { Measurement } from './measurement';
import { createEcsGateway } from '../src/ecs/createEcsGateway';
import type { EcsGateway } from '../src/ecs/gateway';
import { startSandbox, type Sandbox } from '../src/sandbox';
import { RegionDisks } from '../src/view/regionDisks';

const DISKS = 100_000;

let sandbox: Sandbox | undefined;
let gateway: EcsGateway | undefined;
const seen: Record<'view' | 'listing', { ms: number[]; byAction: Record<string, number> }> = {
  view: { ms: [], byAction: {} },
  listing: { ms: [], byAction: {} },
};

const quiet = { info() {}, warn: (m: string) => console.warn(m), error: (m: string | Error) => console.error(m) };

async function counted(which: 'view' | 'listing', load: (sb: Sandbox, gw: EcsGateway) => Promise<number>): Promise<number> {
  if (!sandbox || !gateway) throw new Error('no sandbox');
  sandbox.stats.reset();
  const start = performance.now();
  const loaded = await load(sandbox, gateway);
  seen[which].ms.push(performance.now() - start);
  if (loaded !== DISKS) throw new Error(`${which}: ${loaded} disks loaded, expected ${DISKS}`);
  seen[which].byAction = { ...sandbox.stats.byAction };
  return sandbox.stats.total;
}

async function throughTheView(sb: Sandbox, gw: EcsGateway): Promise<number> {
  const region = new RegionDisks(gw, sb.regionId, quiet);
  while (region.disks.hasMore) await region.disks.loadNext();
  return region.disks.items.length;
}

async function listingAlone(sb: Sandbox, gw: EcsGateway): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await gw.listDisks({ regionId: sb.regionId, nextToken });
    count += page.items.length;
    nextToken = page.nextToken;
  } while (nextToken);
  return count;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const actions = (byAction: Record<string, number>) => Object.entries(byAction).map(([a, n]) => `${n} ${a}`).join(' + ');

export const diskViewRequests: Measurement = {
  name: 'requests of the Disks view for 100,000 disks',
  budget: { ratio: 1.1 },
  unit: 'requests',
  repetitions: { quick: 1, full: 3 },
  async setup() {
    sandbox = await startSandbox({ disks: DISKS });
    gateway = createEcsGateway({
      credentials: { type: 'accessKey', accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret },
      regionId: sandbox.regionId,
      endpoint: sandbox.endpoint,
      retry: { maxAttempts: 1 },
    });
  },
  async teardown() {
    await sandbox?.close();
    sandbox = gateway = undefined;
    const view = seen.view;
    const listing = seen.listing;
    console.log(`  Disks view, 100,000 disks: ${actions(view.byAction)} (listing alone: ${actions(listing.byAction)})`);
    console.log(`  wall time of a whole load (median): view ${median(view.ms).toFixed(0)} ms, listing alone ${median(listing.ms).toFixed(0)} ms`);
  },
  baseline: { name: 'the gateway paging DescribeDisks alone', run: () => counted('listing', listingAlone) },
  subject: { name: 'every page loaded as the Disks view loads it', run: () => counted('view', throughTheView) },
};

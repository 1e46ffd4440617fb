// Issue 12: "cold: first listDisks from a fresh process, SDK load included (prod build)", budget
// 300 ms the first time and 150 ms on later starts. Two rows. Each repetition is a fresh Node
// process (bench/children/firstListDisks.ts) that requires the production gateway bundle and makes
// the first DescribeDisks request to the sandbox on loopback, timing itself from the require to
// the answer. "First time": an empty code-cache directory each time; "later starts": the cache a
// previous start left (src/ecs/sdkCodeCache.ts). Baseline: the raw SDK from node_modules doing the
// same call in a fresh process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../src/sandbox';
import type { Measurement } from './measurement';
import { prodBuild, repoRoot, runChild, type ProdBuild } from './prodBuild';

interface Fixture {
  build: ProdBuild;
  sandbox: Sandbox;
  cacheRoot: string;
}

function coldRow(name: string, budgetMs: number, subjectName: string, cacheDir: (f: Fixture) => string, primed: boolean): Measurement {
  let fixture: Fixture | undefined;
  const firstListDisks = async (mode: 'gateway' | 'raw', cache?: string): Promise<number> => {
    if (!fixture) throw new Error('not set up');
    const { build, sandbox } = fixture;
    const file = mode === 'gateway' ? join(build.dir, 'gateway.js') : require.resolve('@alicloud/ecs20140526', { paths: [repoRoot] });
    const args = {
      mode,
      file,
      endpoint: sandbox.endpoint,
      regionId: sandbox.regionId,
      accessKeyId: sandbox.accessKeyId,
      accessKeySecret: sandbox.accessKeySecret,
      cacheDir: cache,
    };
    const result = await runChild<{ ms: number; disks: number }>([build.child('firstListDisks'), JSON.stringify(args)]);
    if (result.disks === 0) throw new Error(`${mode}: the first page of disks was empty`);
    return result.ms;
  };
  return {
    name,
    budget: { ms: budgetMs },
    // One repetition starts two processes, each loading an SDK (the raw one takes seconds under load).
    repetitions: { quick: 5, full: 15 },
    async setup() {
      fixture = { build: await prodBuild(), sandbox: await startSandbox(), cacheRoot: mkdtempSync(join(tmpdir(), 'ecs-bench-cache-')) };
      // The start before the timed ones, which leaves the code cache behind.
      if (primed) await firstListDisks('gateway', cacheDir(fixture));
    },
    async teardown() {
      if (!fixture) return;
      await fixture.sandbox.close();
      fixture.build.dispose();
      rmSync(fixture.cacheRoot, { recursive: true, force: true });
      fixture = undefined;
    },
    baseline: { name: 'the raw SDK (node_modules) doing the same call', run: () => firstListDisks('raw') },
    subject: {
      name: subjectName,
      run: () => {
        if (!fixture) throw new Error('not set up');
        return firstListDisks('gateway', cacheDir(fixture));
      },
    },
  };
}

let fresh = 0;

export const coldListDisksFirstTime = coldRow(
  'cold: first listDisks from a fresh process, SDK load included (prod build), the first time',
  300,
  'our gateway + sdk.js, empty code cache',
  // A new directory each time: the cache a run writes is never read.
  (f) => join(f.cacheRoot, `first-${fresh++}`),
  false,
);

export const coldListDisksLaterStarts = coldRow(
  'cold: first listDisks from a fresh process, SDK load included (prod build), later starts',
  150,
  'our gateway + sdk.js, code cache of an earlier start',
  // The start made in setup writes it; the timed ones read it.
  (f) => join(f.cacheRoot, 'later'),
  true,
);

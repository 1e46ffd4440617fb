// The project's benchmark suite: `npm run bench [-- --quick] [-- --no-fail] [name filter...]`.
// Every row times a subject and a baseline in the same run (several repetitions each, after a
// warm-up), prints min/median/max and a PASS/FAIL against the row's budget, and writes the
// figures as JSON to bench-results/ (git-ignored). Exit code 1 when a budget fails, unless --no-fail.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Budget, Measurement, Timed } from './measurement';
import { pasteValidation } from './pasteValidation';
import { pagedListLoad } from './pagedListLoad';
import { diskPicker } from './diskPicker';
import { diskViewRequests } from './diskViewRequests';
import { activation } from './activation';
import { coldListDisksFirstTime, coldListDisksLaterStarts } from './coldListDisks';
import { trackerTick } from './trackerTick';
import { treeRefresh } from './treeRefresh';
import { scaleFiltering, scaleLoading, scaleRefresh, scaleTick } from './scaleTasks';
import { scaleMemory } from './scaleMemory';
import { activationEvents } from './activationEvents';

/** Every row, in the order the table shows them. New rows: one file each, added here. */
const MEASUREMENTS: Measurement[] = [pasteValidation, pagedListLoad, activation, activationEvents, coldListDisksFirstTime, coldListDisksLaterStarts, diskPicker, diskViewRequests, trackerTick, treeRefresh,
  scaleLoading, scaleFiltering, scaleRefresh, scaleTick, scaleMemory];

interface Stats {
  name: string;
  min: number;
  median: number;
  max: number;
  samples: number[];
}

interface Row {
  name: string;
  budget: Budget;
  baseline: Stats;
  subject: Stats;
  ratio: number;
  /** What the samples count when not milliseconds. */
  unit?: string;
  pass: boolean;
  why: string;
}

async function time(timed: Timed, repetitions: number, warmup: number): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await timed.run();
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const start = performance.now();
    const reported = await timed.run();
    samples.push(typeof reported === 'number' ? reported : performance.now() - start);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { name: timed.name, min: sorted[0], median, max: sorted[sorted.length - 1], samples };
}

/** PASS when every limit the budget names holds; `why` says which failed. */
function judge(budget: Budget, subject: Stats, ratio: number, baseline: Stats): { pass: boolean; why: string } {
  const failures: string[] = [];
  const stat = budget.of ?? 'median';
  if (budget.ms !== undefined && subject[stat] > budget.ms) failures.push(`${stat} ${ms(subject[stat])} > ${budget.ms} ms`);
  const withinSlack = budget.ratioSlackMs !== undefined && subject.median - baseline.median <= budget.ratioSlackMs;
  if (budget.ratio !== undefined && ratio > budget.ratio && !withinSlack) failures.push(`ratio ${ratio.toFixed(2)} > ${budget.ratio}`);
  return { pass: failures.length === 0, why: failures.join('; ') };
}

function budgetText(budget: Budget, unit = 'ms'): string {
  const parts: string[] = [];
  if (budget.ms !== undefined) parts.push(`${budget.of ?? 'median'} <= ${budget.ms} ${unit}`);
  if (budget.ratio !== undefined) parts.push(`<= ${budget.ratio}x baseline${budget.ratioSlackMs !== undefined ? ` (or <= +${budget.ratioSlackMs} ms)` : ''}`);
  return parts.join(', ');
}

const ms = (value: number): string => (value < 10 ? value.toFixed(3) : value.toFixed(1));

function table(rows: Row[]): string {
  const header = ['what', 'baseline median (ms)', 'min', 'median', 'max', 'x baseline', 'budget', 'result'];
  const lines = rows.map((r) => [
    r.name,
    ms(r.baseline.median) + (r.unit ? ` ${r.unit}` : ''),
    ms(r.subject.min),
    ms(r.subject.median) + (r.unit ? ` ${r.unit}` : ''),
    ms(r.subject.max),
    r.ratio.toFixed(1),
    budgetText(r.budget, r.unit),
    r.pass ? 'PASS' : `FAIL (${r.why})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const noFail = argv.includes('--no-fail');
  const filters = argv.filter((a) => !a.startsWith('--')).map((a) => a.toLowerCase());
  const repetitions = quick ? 5 : 30;
  const warmup = quick ? 1 : 3;
  const chosen = MEASUREMENTS.filter((m) => filters.length === 0 || filters.some((f) => m.name.toLowerCase().includes(f)));
  const rows: Row[] = [];
  for (const m of chosen) {
    await m.setup?.();
    try {
      const [reps, warm] = m.repetitions ? [quick ? m.repetitions.quick : m.repetitions.full, 0] : [repetitions, warmup];
      const baseline = await time(m.baseline, reps, warm);
      const subject = await time(m.subject, reps, warm);
      const ratio = subject.median / Math.max(baseline.median, 1e-6);
      rows.push({ name: m.name, budget: m.budget, baseline, subject, ratio, unit: m.unit, ...judge(m.budget, subject, ratio, baseline) });
    } finally {
      await m.teardown?.();
    }
    console.log(`${rows[rows.length - 1].pass ? 'PASS' : 'FAIL'} ${m.name}`);
  }
  console.log(`\n${table(rows)}\n`);
  const dir = join(__dirname, '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const machine = { node: process.version, platform: process.platform, arch: process.arch, cpus: cpus().length, cpu: cpus()[0]?.model };
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), quick, repetitions, warmup, machine, rows }, null, 2));
  console.log(`results: ${file}`);
  const failed = rows.filter((r) => !r.pass).length;
  if (failed > 0) console.log(`${failed} budget(s) failed${noFail ? ' (--no-fail: exit code 0)' : ''}`);
  return failed > 0 && !noFail ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  },
);

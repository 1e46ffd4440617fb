#!/usr/bin/env node
// Every check, in order: build, typecheck, lint, unit tests, extension-host suites in a real VS Code,
// UI scenarios, then the benchmarks in quick mode (figures only: budgets are judged by
// `npm run bench`, not here). A failing step does not hide the others' results (steps that need the
// bundle are skipped when the build fails); the run ends with one line per step, the test counts of
// all steps together, and fails if any step that counts did.
import { spawn } from 'node:child_process';

const steps = [
  { name: 'build', script: 'build' },
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'unit tests', script: 'test:unit' },
  { name: 'extension-host suites', script: 'test:host', needs: 'build' },
  { name: 'UI scenarios', script: 'test:ui', needs: 'build' },
  { name: 'benchmarks (quick)', script: 'bench', args: ['--quick', '--no-fail'], figuresOnly: true },
];

/** Reads the counts a step's runner printed: node --test, mocha, or our UI runner. */
function countsOf(output) {
  // eslint-disable-next-line no-control-regex
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  const last = (pattern) => [...text.matchAll(pattern)].map((m) => Number(m[1])).pop();
  const node = { passed: last(/^ℹ pass (\d+)$/gm), failed: last(/^ℹ fail (\d+)$/gm) };
  if (node.passed !== undefined) return { passed: node.passed, failed: node.failed ?? 0 };
  const mocha = { passed: last(/^\s*(\d+) passing/gm), failed: last(/^\s*(\d+) failing/gm) };
  if (mocha.passed !== undefined) return { passed: mocha.passed, failed: mocha.failed ?? 0 };
  const ui = text.match(/^UI scenarios: (\d+) passed, (\d+) failed/m);
  if (ui) return { passed: Number(ui[1]), failed: Number(ui[2]) };
  return undefined;
}

function run(script, args = []) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
      stdio: ['inherit', 'pipe', 'pipe'],
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
    });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (status) => resolve({ status, output }));
  });
}

const outcome = new Map();
const summary = [];
const total = { passed: 0, failed: 0 };
const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)}s`;
for (const step of steps) {
  if (step.needs && outcome.get(step.needs) !== 'passed') {
    outcome.set(step.name, 'skipped');
    summary.push(`  - ${step.name.padEnd(24)} skipped (${step.needs} failed)`);
    continue;
  }
  console.log(`\n━━ ${step.name} (npm run ${step.script}) ━━`);
  const t0 = Date.now();
  const { status, output } = await run(step.script, step.args);
  const counts = step.figuresOnly ? undefined : countsOf(output);
  if (counts) {
    total.passed += counts.passed;
    total.failed += counts.failed;
  }
  // A benchmark that cannot even run is reported, but figures never decide the tests' outcome.
  outcome.set(step.name, status === 0 || step.figuresOnly ? 'passed' : 'failed');
  const tally = counts ? `  (${counts.passed} passed, ${counts.failed} failed)` : '';
  summary.push(`  ${status === 0 ? '✓' : '✗'} ${step.name.padEnd(24)} ${seconds(t0).padStart(7)}${tally}${step.figuresOnly && status !== 0 ? '  (figures only: not counted)' : ''}`);
}

const failed = [...outcome].filter(([, result]) => result !== 'passed').map(([name]) => name);
console.log(`\n━━ summary (${seconds(started)}) ━━\n${summary.join('\n')}`);
console.log(failed.length ? `\nFAILED: ${failed.join(', ')}` : '\nAll checks passed.');
// A failed step without counted failures (build, lint, a crashed runner) still counts as one.
const failures = Math.max(total.failed, failed.length);
console.log(`Tests: ${total.passed} passed, ${failures} failed`);
process.exit(failed.length ? 1 : 0);

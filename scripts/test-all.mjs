#!/usr/bin/env node
// Every check, in order: build, typecheck, lint, unit tests, extension-host suites in a real VS Code,
// UI scenarios. A failing step does not hide the others' results (steps that need the bundle are
// skipped when the build fails); the run ends with one line per step and fails if any step did.
import { spawnSync } from 'node:child_process';

const steps = [
  { name: 'build', script: 'build' },
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'unit tests', script: 'test:unit' },
  { name: 'extension-host suites', script: 'test:host', needs: 'build' },
  { name: 'UI scenarios', script: 'test:ui', needs: 'build' },
];

const outcome = new Map();
const summary = [];
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
  const { status } = spawnSync('npm', ['run', '--silent', step.script], {
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  outcome.set(step.name, status === 0 ? 'passed' : 'failed');
  summary.push(`  ${status === 0 ? '✓' : '✗'} ${step.name.padEnd(24)} ${seconds(t0)}`);
}

const failed = [...outcome].filter(([, result]) => result !== 'passed').map(([name]) => name);
console.log(`\n━━ summary (${seconds(started)}) ━━\n${summary.join('\n')}`);
console.log(failed.length ? `\nFAILED: ${failed.join(', ')}` : '\nAll checks passed.');
process.exit(failed.length ? 1 : 0);

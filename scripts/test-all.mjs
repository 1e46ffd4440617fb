#!/usr/bin/env node
// Every check, in order, stopping at the first failure: build, typecheck, lint, unit tests,
// extension-host suites in a real VS Code, UI scenarios. Ends with one line per step and its time.
import { spawnSync } from 'node:child_process';

const steps = [
  ['build', 'npm', ['run', '--silent', 'build']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['unit tests', 'npm', ['run', '--silent', 'test:unit']],
  ['extension-host suites', 'npm', ['run', '--silent', 'test:host']],
  ['UI scenarios', 'npm', ['run', '--silent', 'test:ui']],
];

const summary = [];
let failed;
for (const [name, command, args] of steps) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  const took = `${((Date.now() - started) / 1000).toFixed(1)}s`;
  summary.push(`  ${status === 0 ? '✓' : '✗'} ${name.padEnd(24)} ${took}`);
  if (status !== 0) {
    failed = name;
    break;
  }
}
console.log(`\n━━ summary ━━\n${summary.join('\n')}`);
if (failed) {
  console.log(`\nFAILED at: ${failed}`);
  process.exit(1);
}
console.log('\nAll checks passed.');

// The English bundle in l10n/ is what translators start from: it must list every runtime string.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..');

test('l10n/bundle.l10n.json is up to date with the sources (run `npm run l10n` after changing strings)', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '--outDir', outDir, path.join(root, 'src')], {
      stdio: 'pipe',
    });
    const fresh = JSON.parse(fs.readFileSync(path.join(outDir, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    const committed = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    const missing = Object.keys(fresh).filter((key) => !(key in committed));
    const stale = Object.keys(committed).filter((key) => !(key in fresh));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] });
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});

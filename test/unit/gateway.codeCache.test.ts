// requireWithCodeCache (src/ecs/sdkCodeCache.ts): a module loaded through it runs as with require;
// its V8 code cache is written once, after which a later load uses it; a changed file gets a new
// cache (the stale one is removed); a damaged cache is rejected by V8 and replaced.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { requireWithCodeCache } from '../../src/ecs/sdkCodeCache';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-code-cache-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const moduleFile = path.join(dir, 'mod.js');
const cacheDir = path.join(dir, 'cache');
const caches = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []);

/** Loads (and saves) in a fresh process: within one, V8 reuses what it compiled already and ignores the disk. */
function loadElsewhere(): { answer: string; fromCache: boolean } {
  const script = `const { requireWithCodeCache } = require(${JSON.stringify(require.resolve('../../src/ecs/sdkCodeCache'))});
    const loaded = requireWithCodeCache(${JSON.stringify(moduleFile)}, ${JSON.stringify(cacheDir)});
    loaded.save().then(() => console.log(JSON.stringify({ answer: loaded.exports.answer, fromCache: loaded.fromCache })));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' })) as { answer: string; fromCache: boolean };
}

function writeModule(body: string, mtime: Date): void {
  fs.writeFileSync(moduleFile, body);
  fs.utimesSync(moduleFile, mtime, mtime);
}

describe('code cache', () => {
  it('loads like require, writes the cache once, and uses it on the next load', async () => {
    writeModule("exports.answer = require('node:path').basename(__filename) + ':' + (function () { return 42; })();", new Date(1_000_000));
    const first = requireWithCodeCache<{ answer: string }>(moduleFile, cacheDir);
    assert.equal(first.exports.answer, 'mod.js:42');
    assert.equal(first.fromCache, false);
    await first.save();
    await first.save();
    assert.equal(caches().length, 1);
    assert.deepEqual(loadElsewhere(), { answer: 'mod.js:42', fromCache: true });
    assert.equal(caches().length, 1);
  });

  it('makes a new cache for a changed file and removes the stale one', async () => {
    const before = caches();
    writeModule('exports.answer = "changed";', new Date(2_000_000));
    const changed = requireWithCodeCache<{ answer: string }>(moduleFile, cacheDir);
    assert.equal(changed.exports.answer, 'changed');
    assert.equal(changed.fromCache, false);
    await changed.save();
    assert.equal(caches().length, 1);
    assert.notDeepEqual(caches(), before);
  });

  it('replaces a cache V8 rejects', async () => {
    const [name] = caches();
    fs.writeFileSync(path.join(cacheDir, name), 'not a code cache');
    assert.deepEqual(loadElsewhere(), { answer: 'changed', fromCache: false });
    assert.deepEqual(loadElsewhere(), { answer: 'changed', fromCache: true });
  });
});

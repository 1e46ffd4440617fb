// The sandbox's state file: a world saved after each change comes back after a restart (the
// extension's sandbox across a window reload), through the real gateway and SDK; a corrupt,
// foreign or unwritable file never stops the sandbox.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { createEcsGateway } from '../../src/ecs/createEcsGateway';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox';

const dir = mkdtempSync(path.join(tmpdir(), 'sandbox-state-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let clock = Date.now();
const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(options: SandboxOptions = {}) {
  const lines: string[] = [];
  const sandbox = await startSandbox({ clock: () => clock, log: (line) => lines.push(line), ...options });
  open.push(sandbox);
  const gw = createEcsGateway({
    credentials: { type: 'accessKey', accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret },
    regionId: sandbox.regionId,
    endpoint: sandbox.endpoint,
    sleep: async () => undefined,
  });
  return { sandbox, gw, lines };
}

function diskNamed(sandbox: Sandbox, name: string): string {
  const disk = [...sandbox.world.disks.values()].find((d) => d.diskName === name);
  assert.ok(disk, `no disk named ${name}`);
  return disk.diskId;
}

function snapshotNamed(sandbox: Sandbox, name: string): string {
  const snapshot = [...sandbox.world.snapshots.values()].find((s) => s.snapshotName === name);
  assert.ok(snapshot, `no snapshot named ${name}`);
  return snapshot.snapshotId;
}

let files = 0;
const newStateFile = () => path.join(dir, `world-${++files}.json`);

describe('sandbox state file', () => {
  it('restores snapshots, deletions, ClientTokens and the ID sequence after a restart', async () => {
    const stateFile = newStateFile();
    const first = await start({ stateFile });
    const web = diskNamed(first.sandbox, 'web-01-system');
    const request = {
      regionId: 'cn-hangzhou',
      diskId: web,
      clientToken: 'reload-token-1',
      snapshotName: 'before-reload',
      retentionDays: 7,
      tags: [{ key: 'env', value: 'dev' }],
    };
    const kept = await first.gw.createSnapshot(request);
    const dropped = await first.gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: diskNamed(first.sandbox, 'db-01-system'), clientToken: 'reload-token-2' });
    await first.gw.deleteSnapshot('cn-hangzhou', dropped);
    const weekly = snapshotNamed(first.sandbox, 'web-01-weekly');
    await first.gw.deleteSnapshot('cn-hangzhou', weekly);
    clock += 30_000; // half of the 60 s a 40 GiB disk takes
    const [midway] = await first.gw.describeSnapshots('cn-hangzhou', [kept]);
    const idsBefore = [...first.sandbox.world.snapshots.keys()];
    await first.sandbox.close();
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'a temp file was left behind');

    const second = await start({ stateFile });
    assert.ok(second.lines.includes('restored the saved world'), second.lines.join('\n'));
    const [restored] = await second.gw.describeSnapshots('cn-hangzhou', [kept]);
    assert.ok(restored, 'the snapshot made before the restart is gone');
    assert.equal(restored.snapshotName, 'before-reload');
    assert.equal(restored.retentionDays, 7);
    assert.deepEqual(restored.tags, [{ key: 'env', value: 'dev' }]);
    assert.equal(restored.creationTime, midway.creationTime);
    assert.equal(restored.status, 'progressing');
    assert.equal(restored.progress, midway.progress);
    assert.ok(restored.progress >= 45 && restored.progress <= 55, `progress ${restored.progress}%`);
    clock += 31_000;
    const [finished] = await second.gw.describeSnapshots('cn-hangzhou', [kept]);
    assert.equal(finished.status, 'accomplished', 'progress did not continue from the saved start time');

    const count = second.sandbox.world.snapshots.size;
    assert.equal(await second.gw.createSnapshot(request), kept, 'the same ClientToken made a second snapshot');
    assert.equal(second.sandbox.world.snapshots.size, count);
    assert.deepEqual(await second.gw.describeSnapshots('cn-hangzhou', [weekly, dropped]), [], 'a deleted snapshot came back');
    assert.deepEqual([...second.sandbox.world.snapshots.keys()], idsBefore, 'the restored world differs from the saved one');

    const fresh = await second.gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: diskNamed(second.sandbox, 'backup-archive'), clientToken: 'reload-token-3' });
    assert.ok(![...idsBefore, weekly, dropped].includes(fresh), `the new snapshot reused the id ${fresh}`);
    // The ID sequence went on where it stopped: a sandbox never restarted hands out the same id.
    const control = await start();
    await control.gw.createSnapshot({ ...request, diskId: diskNamed(control.sandbox, 'web-01-system') });
    await control.gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: diskNamed(control.sandbox, 'db-01-system'), clientToken: 'reload-token-2' });
    const next = await control.gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: diskNamed(control.sandbox, 'backup-archive'), clientToken: 'reload-token-3' });
    assert.equal(fresh, next, 'the restored world restarted its ID sequence');
  });

  it('keeps account flags and goes on saving after a restore', async () => {
    const stateFile = newStateFile();
    const first = await start({ stateFile });
    first.sandbox.world.account.enoughBalance = false;
    await first.gw.deleteSnapshot('cn-hangzhou', snapshotNamed(first.sandbox, 'before-detach'));
    await first.sandbox.close();

    const second = await start({ stateFile });
    assert.equal(second.sandbox.world.account.enoughBalance, false);
    second.sandbox.world.account.enoughBalance = true;
    const made = await second.gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: diskNamed(second.sandbox, '12data-disk'), clientToken: 'resave' });
    await second.sandbox.close();

    const third = await start({ stateFile });
    assert.equal((await third.gw.describeSnapshots('cn-hangzhou', [made])).length, 1);
    assert.equal([...third.sandbox.world.snapshots.values()].some((s) => s.snapshotName === 'before-detach'), false);
  });

  it('falls back to the default world for a corrupt, foreign-version or other-seed file', async () => {
    const reference = await start();
    const defaultIds = [...reference.sandbox.world.snapshots.keys()];

    const corrupt = newStateFile();
    writeFileSync(corrupt, '{"format": "ecs-snapshots-sandbox-world", "version": 1, "snap');
    const a = await start({ stateFile: corrupt });
    assert.deepEqual([...a.sandbox.world.snapshots.keys()], defaultIds);
    assert.ok(a.lines.some((l) => l.includes('default world') && l.includes('unreadable')), a.lines.join('\n'));
    // The next change replaces the corrupt file with a good one.
    const made = await a.gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: diskNamed(a.sandbox, 'backup-archive'), clientToken: 'after-corrupt' });
    await a.sandbox.close();
    const saved = JSON.parse(readFileSync(corrupt, 'utf8')) as Record<string, unknown>;
    assert.ok((await start({ stateFile: corrupt })).sandbox.world.snapshots.has(made));

    const foreign = newStateFile();
    writeFileSync(foreign, JSON.stringify({ ...saved, version: 999 }));
    const b = await start({ stateFile: foreign });
    assert.deepEqual([...b.sandbox.world.snapshots.keys()], defaultIds);
    assert.ok(b.lines.some((l) => l.includes('version 999')), b.lines.join('\n'));

    const otherSeed = await start({ stateFile: corrupt, seed: 2 });
    assert.equal(otherSeed.sandbox.world.snapshots.has(made), false);
    assert.ok(otherSeed.lines.some((l) => l.includes('another seed')), otherSeed.lines.join('\n'));

    const notAWorld = newStateFile();
    writeFileSync(notAWorld, '[1, 2, 3]');
    assert.deepEqual([...(await start({ stateFile: notAWorld })).sandbox.world.snapshots.keys()], defaultIds);
  });

  it('answers requests when the file cannot be written, and logs why', async () => {
    const { gw, sandbox, lines } = await start({ stateFile: path.join(dir, 'missing-dir', 'world.json') });
    const made = await gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: diskNamed(sandbox, 'backup-archive'), clientToken: 'unwritable' });
    assert.equal((await gw.describeSnapshots('cn-hangzhou', [made])).length, 1);
    assert.ok(lines.some((l) => l.startsWith('could not save the world')), lines.join('\n'));
  });

  it('without a state file, every start builds the same default world', async () => {
    const first = await start();
    const weekly = snapshotNamed(first.sandbox, 'web-01-weekly');
    await first.gw.deleteSnapshot('cn-hangzhou', weekly);
    const made = await first.gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: diskNamed(first.sandbox, 'backup-archive'), clientToken: 'memory-only' });
    await first.sandbox.close();

    const second = await start();
    assert.equal((await second.gw.describeSnapshots('cn-hangzhou', [weekly])).length, 1);
    assert.equal((await second.gw.describeSnapshots('cn-hangzhou', [made])).length, 0);
    // Same seed, same world: the first new snapshot gets the same id as before.
    assert.equal(await second.gw.createSnapshot({ regionId: 'cn-hangzhou', diskId: diskNamed(second.sandbox, 'backup-archive'), clientToken: 'memory-only' }), made);
  });
});

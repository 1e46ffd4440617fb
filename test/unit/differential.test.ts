// Differential test: the extension's input rules (src/snapshot/rules.ts) and the emulator's
// CreateSnapshot (src/sandbox), written independently from the same spec, must agree on every
// input: accept or refuse, and when refusing, on the error code.
//
// How "accepted" is observed soundly: each of 16 concurrent senders owns one disk that is ready
// for a snapshot, sends one field at a time (the others omitted), and after every success has the
// new snapshot deleted from the emulator's world, so the disk is never blocked by "a snapshot is
// still being created" and an accepted input must come back as a SnapshotId, not as a
// precondition code. The snapshot the emulator stored is also compared with what was sent, which checks the
// wire round trip of unusual characters through the real SDK. One exception: a ClientToken that
// the generator produced more than once may legitimately be answered IdempotentParameterMismatch
// (same token, another disk), which still means the token's format was accepted.
//
// Text with a lone surrogate cannot be sent by the SDK (encodeURIComponent throws "URI
// malformed"), so such cases check that the SDK refuses to send them and then go on the wire as
// WTF-8 bytes (differentialWire.ts), which is how any other client could send them.
//
// The emulator runs in a worker thread (differentialSandbox.ts) so that it and the SDK use both
// cores. DIFFERENTIAL_SEED=<n> replays a run; DIFFERENTIAL_RUNS=<n> changes the cases per field.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as $Ecs from '@alicloud/ecs20140526';
import type Ecs from '@alicloud/ecs20140526';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  checkClientToken,
  checkDescription,
  checkRetentionDays,
  checkSnapshotName,
  checkTags,
  parseRetentionDays,
} from '../../src/snapshot/rules';
import { clientTokens, descriptions, retentionDays, snapshotNames, tagLists, type GeneratedTag } from './differentialInputs';
import type { FromSandbox, SandboxReady, StoredSnapshot, ToSandbox } from './differentialSandbox';
import { sdkClient } from './sandboxHelpers';
import { sendWtf8 } from './differentialWire';

const SEED = Number(process.env.DIFFERENTIAL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 10_000);
const CONCURRENCY = 16;

type Case =
  | { field: 'SnapshotName' | 'Description' | 'RetentionDays' | 'ClientToken'; input: string }
  | { field: 'Tag'; input: GeneratedTag[] };

type Outcome = { ok: true; snapshotId: string } | { ok: false; code: string; status?: number; message: string };

/** Inputs on which the two once disagreed, or that sit exactly on a rule's edge: always run. */
const REGRESSIONS: Case[] = [
  { field: 'SnapshotName', input: 'a' },
  { field: 'SnapshotName', input: 'ab' },
  { field: 'SnapshotName', input: 'a'.repeat(128) },
  { field: 'SnapshotName', input: 'a'.repeat(129) },
  { field: 'SnapshotName', input: '𠀀'.repeat(128) },
  { field: 'SnapshotName', input: 'a' + '😀'.repeat(63) },
  { field: 'SnapshotName', input: 'cafe\u0301' },
  { field: 'SnapshotName', input: 'Auto-x' },
  { field: 'SnapshotName', input: 'auto-x' },
  { field: 'SnapshotName', input: 'HTTP://x' },
  { field: 'SnapshotName', input: 'a１' },
  { field: 'SnapshotName', input: 'a+b' },
  { field: 'SnapshotName', input: 'a b' },
  { field: 'SnapshotName', input: 'ǅx' },
  { field: 'Description', input: 'x' },
  { field: 'Description', input: '😀'.repeat(256) },
  { field: 'Description', input: '😀'.repeat(257) },
  { field: 'Description', input: 'Https://x' },
  { field: 'Description', input: ' http://x' },
  { field: 'Description', input: 'a+b %20&c=d#e' },
  { field: 'Description', input: '\u0000\u0001' },
  { field: 'RetentionDays', input: '0' },
  { field: 'RetentionDays', input: '65536' },
  { field: 'RetentionDays', input: '65537' },
  { field: 'RetentionDays', input: '000065536' },
  { field: 'RetentionDays', input: '+1' },
  { field: 'RetentionDays', input: '1.0' },
  { field: 'RetentionDays', input: '1e3' },
  { field: 'RetentionDays', input: ' 1' },
  { field: 'RetentionDays', input: '٣' },
  { field: 'RetentionDays', input: '99999999999999999999' },
  { field: 'ClientToken', input: 'x'.repeat(64) },
  { field: 'ClientToken', input: 'x'.repeat(65) },
  { field: 'ClientToken', input: 'tokén' },
  { field: 'ClientToken', input: '\u007f+%&=' },
  { field: 'Tag', input: [] },
  { field: 'Tag', input: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: '' })) },
  { field: 'Tag', input: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: '' })) },
  { field: 'Tag', input: [{ key: '', value: 'v' }] },
  { field: 'Tag', input: [{ key: 'aliyunx', value: '' }] },
  { field: 'Tag', input: [{ key: 'Aliyun', value: '' }] },
  { field: 'Tag', input: [{ key: 'acs:', value: '' }] },
  { field: 'Tag', input: [{ key: 'k', value: 'see http://x' }] },
  { field: 'Tag', input: [{ key: 'k', value: 'v'.repeat(129) }] },
  { field: 'Tag', input: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] },
  { field: 'Tag', input: [{ key: 'k', value: '' }, { key: 'K', value: '' }] },
  { field: 'Tag', input: [{ key: 'a', value: 'http://x' }, { key: '', value: '' }] },
  { field: 'Tag', input: [{ key: 'a+b=c', value: '&x=%20' }] },
  { field: 'SnapshotName', input: 'ab\uD800' },
  { field: 'Description', input: 'ab\uD800cd' },
  { field: 'Description', input: '\uDC00\uD800' },
  { field: 'Description', input: 'x\uDFFF' },
  { field: 'RetentionDays', input: '7\uDBFF' },
  { field: 'ClientToken', input: 'token-\uD800' },
  { field: 'Tag', input: [{ key: 'k\uD800', value: 'v' }] },
  { field: 'Tag', input: [{ key: 'k', value: '\uDC00' }] },
  { field: 'Tag', input: [{ key: 'k', value: 'http://\uDC00' }, { key: '\uD800', value: '' }] },
];

const hasLoneSurrogate = (c: Case): boolean =>
  (c.field === 'Tag' ? c.input.flatMap((t) => [t.key, t.value]) : [c.input]).some((text) => /\p{Cs}/u.test(text));

/** The parameters of a case, for the WTF-8 sender. */
function wireParams(c: Case): Record<string, string> {
  if (c.field !== 'Tag') return { [c.field]: c.input };
  const params: Record<string, string> = {};
  c.input.forEach((t, i) => {
    params[`Tag.${i + 1}.Key`] = t.key;
    params[`Tag.${i + 1}.Value`] = t.value;
  });
  return params;
}

function predict(c: Case): string | undefined {
  switch (c.field) {
    case 'SnapshotName':
      return checkSnapshotName(c.input)?.code;
    case 'Description':
      return checkDescription(c.input)?.code;
    case 'RetentionDays':
      return checkRetentionDays(c.input)?.code;
    case 'ClientToken':
      return checkClientToken(c.input)?.code;
    case 'Tag':
      return checkTags(c.input)?.code;
  }
}

function requestFor(c: Case, diskId: string): $Ecs.CreateSnapshotRequest {
  switch (c.field) {
    case 'SnapshotName':
      return new $Ecs.CreateSnapshotRequest({ diskId, snapshotName: c.input });
    case 'Description':
      return new $Ecs.CreateSnapshotRequest({ diskId, description: c.input });
    case 'RetentionDays':
      // The SDK types RetentionDays as a number but writes every query value with toString():
      // passing the text sends exactly what a user typed, which is what the rules judge.
      return new $Ecs.CreateSnapshotRequest({ diskId, retentionDays: c.input as unknown as number });
    case 'ClientToken':
      return new $Ecs.CreateSnapshotRequest({ diskId, clientToken: c.input });
    case 'Tag':
      return new $Ecs.CreateSnapshotRequest({ diskId, tag: c.input.map((t) => new $Ecs.CreateSnapshotRequestTag(t)) });
  }
}

async function send(client: Ecs, request: $Ecs.CreateSnapshotRequest): Promise<Outcome> {
  try {
    const response = await client.createSnapshot(request);
    return { ok: true, snapshotId: response.body?.snapshotId ?? '' };
  } catch (err) {
    const e = err as { code?: string; statusCode?: number; message?: string };
    return { ok: false, code: e.code ?? 'NoCode', status: e.statusCode, message: e.message ?? String(err) };
  }
}

const show = (c: Case) => `${c.field} ${JSON.stringify(c.input)}`;

describe(`differential: snapshot rules vs the emulator (seed ${SEED})`, () => {
  let worker: Worker;
  let sandbox: SandboxReady;
  let client: Ecs;
  const tally = { cases: 0, accepted: 0, refused: 0 };
  const waiting = new Map<number, (snapshot: StoredSnapshot | undefined) => void>();
  let nextId = 0;

  /** Reads back the snapshot the emulator stored and deletes it, freeing the disk. */
  function take(snapshotId: string): Promise<StoredSnapshot | undefined> {
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker.postMessage({ type: 'take', id, snapshotId } satisfies ToSandbox);
    });
  }

  before(async () => {
    // Workers do not inherit tsx's loader: register its require hook first.
    const boot = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(join(__dirname, 'differentialSandbox.ts'))});`;
    worker = new Worker(boot, { eval: true });
    sandbox = await new Promise<SandboxReady>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the sandbox worker exited (${code})`)));
      worker.on('message', (message: FromSandbox) => {
        if (message.type === 'ready') resolve(message);
        else if (message.type === 'taken') {
          waiting.get(message.id)?.(message.snapshot);
          waiting.delete(message.id);
        }
      });
    });
    client = sdkClient(sandbox);
    assert.ok(sandbox.readyDisks.length >= CONCURRENCY, `need ${CONCURRENCY} ready disks, found ${sandbox.readyDisks.length}`);
  });

  after(async () => {
    console.log(`differential: ${tally.cases} cases (${tally.accepted} accepted, ${tally.refused} refused), seed ${SEED}`);
    // Ending the thread ends the emulator and its server with it.
    await worker?.terminate();
  });

  /** Runs the cases on CONCURRENCY senders (one disk each); returns every disagreement. */
  async function run(cases: Case[]): Promise<string[]> {
    const tokenCount = new Map<string, number>();
    for (const c of cases) if (c.field === 'ClientToken') tokenCount.set(c.input, (tokenCount.get(c.input) ?? 0) + 1);
    const problems: string[] = [];
    let next = 0;
    const sender = async (diskId: string) => {
      while (next < cases.length) {
        const c = cases[next++];
        const expected = predict(c);
        let got: Outcome;
        if (hasLoneSurrogate(c)) {
          const bySdk = await send(client, requestFor(c, diskId));
          if (bySdk.ok || !/URI malformed/.test(bySdk.message)) problems.push(`${show(c)}: the SDK did not refuse to send it (${bySdk.ok ? 'created' : bySdk.message})`);
          got = await sendWtf8(sandbox, 'CreateSnapshot', { RegionId: sandbox.regionId, DiskId: diskId, ...wireParams(c) });
        } else {
          got = await send(client, requestFor(c, diskId));
        }
        tally.cases++;
        if (expected === undefined) tally.accepted++;
        else tally.refused++;
        if (got.ok) {
          const stored = await take(got.snapshotId);
          const repeatedToken = c.field === 'ClientToken' && (tokenCount.get(c.input) ?? 0) > 1;
          if (expected !== undefined) problems.push(`${show(c)}: rules say ${expected}, emulator created ${got.snapshotId}`);
          else if (!repeatedToken) {
            const roundTrip = compareStored(c, stored);
            if (roundTrip) problems.push(`${show(c)}: accepted, but ${roundTrip}`);
          }
        } else if (expected === undefined) {
          const idempotent = c.field === 'ClientToken' && got.code === 'IdempotentParameterMismatch' && (tokenCount.get(c.input) ?? 0) > 1;
          if (!idempotent) problems.push(`${show(c)}: rules accept, emulator answered ${got.status} ${got.code} (${got.message.slice(0, 120)})`);
        } else if (got.code !== expected) {
          problems.push(`${show(c)}: rules say ${expected}, emulator answered ${got.status} ${got.code}`);
        }
      }
    };
    await Promise.all(sandbox.readyDisks.slice(0, CONCURRENCY).map(sender));
    return problems;
  }

  function compareStored(c: Case, stored: StoredSnapshot | undefined): string | undefined {
    if (!stored) return 'the emulator holds no such snapshot';
    switch (c.field) {
      case 'SnapshotName':
        return stored.snapshotName === c.input ? undefined : `stored name ${JSON.stringify(stored.snapshotName)}`;
      case 'Description':
        return stored.description === c.input ? undefined : `stored description ${JSON.stringify(stored.description)}`;
      case 'RetentionDays':
        return stored.retentionDays === parseRetentionDays(c.input) ? undefined : `stored retention ${stored.retentionDays}`;
      case 'Tag':
        return JSON.stringify(stored.tags) === JSON.stringify(c.input) ? undefined : `stored tags ${JSON.stringify(stored.tags)}`;
      case 'ClientToken':
        return undefined;
    }
  }

  async function generated(field: Case['field'], arbitrary: fc.Arbitrary<string> | fc.Arbitrary<GeneratedTag[]>, seedOffset: number) {
    const inputs = fc.sample(arbitrary as fc.Arbitrary<unknown>, { numRuns: RUNS, seed: SEED + seedOffset });
    const cases = inputs.map((input) => ({ field, input }) as Case);
    const refused = cases.filter((c) => predict(c) !== undefined).length;
    const started = Date.now();
    const problems = await run(cases);
    console.log(`differential ${field}: ${cases.length} generated cases (${cases.length - refused} accepted, ${refused} refused by the rules) in ${Date.now() - started} ms`);
    // Both outcomes must be well represented, or the comparison proves little.
    assert.ok(refused > RUNS / 10 && cases.length - refused > RUNS / 10, `unbalanced cases: ${refused} of ${cases.length} refused`);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} disagreements (seed ${SEED}); first ones above`);
  }

  it('agrees on the regression cases', async () => {
    const problems = await run(REGRESSIONS);
    assert.deepEqual(problems, []);
  });

  it('agrees on generated snapshot names', () => generated('SnapshotName', snapshotNames(), 1));
  it('agrees on generated descriptions', () => generated('Description', descriptions(), 2));
  it('agrees on generated retention days', () => generated('RetentionDays', retentionDays(), 3));
  it('agrees on generated tag lists', () => generated('Tag', tagLists(), 4));
  it('agrees on generated client tokens', () => generated('ClientToken', clientTokens(), 5));
});

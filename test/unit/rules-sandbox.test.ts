// The emulator's own copy of the CreateSnapshot rules (src/sandbox/createSnapshotRules.ts) on the
// two hardening items: lone surrogates (issue 10 item 5) and huge values (item 6). A lone
// surrogate reaches it as WTF-8 on the wire (the SDK cannot send one); it is refused with the
// field's own error code, like any malformed value, never a crash or a silent U+FFFD.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { ApiError } from '../../src/sandbox/errors';
import { checkClientToken, checkDescription, checkRetentionDays, checkSnapshotName, checkTags } from '../../src/sandbox/createSnapshotRules';
import { sendWtf8, type WireOutcome } from './differentialWire';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    assert.ok(err instanceof ApiError, String(err));
    return err.code;
  }
}

describe('sandbox rules: lone surrogates', () => {
  it('refuses them in every text field with the field\u2019s code', () => {
    assert.equal(codeOf(() => checkDescription('ab\uD800')), 'InvalidDescription.Malformed');
    assert.equal(codeOf(() => checkDescription('\uDC00\uD800')), 'InvalidDescription.Malformed');
    assert.equal(codeOf(() => checkDescription('ab😀')), undefined);
    assert.equal(codeOf(() => checkSnapshotName('ab\uD800')), 'InvalidSnapshotName.Malformed');
    assert.equal(codeOf(() => checkTags([{ index: 1, key: 'k\uDFFF', value: 'v' }])), 'InvalidTagKey.Malformed');
    assert.equal(codeOf(() => checkTags([{ index: 1, key: 'k', value: 'v\uD800' }])), 'InvalidTagValue.Malformed');
    assert.equal(codeOf(() => checkRetentionDays('1\uD800')), 'InvalidRetentionDays.Malformed');
    assert.equal(codeOf(() => checkClientToken('a\uD800')), 'InvalidParameter');
  });
});

describe('sandbox rules: a 10 MB value', () => {
  const MB10 = 10 * 1024 * 1024;
  const flat = (s: string) => Buffer.from(s, 'utf16le').toString('utf16le');
  const values = [flat('a'.repeat(MB10)), flat('数'.repeat(MB10 / 2)), flat('0'.repeat(MB10 - 1) + '7')];
  const checks: Record<string, (v: string) => unknown> = {
    checkSnapshotName,
    checkDescription,
    checkRetentionDays,
    checkClientToken,
    tagKey: (v) => checkTags([{ index: 1, key: v, value: '' }]),
    tagValue: (v) => checkTags([{ index: 1, key: 'k', value: v }]),
  };
  for (const [name, check] of Object.entries(checks)) {
    it(`${name} refuses it in under 5 ms`, () => {
      for (const value of values) {
        let best = Infinity;
        for (let i = 0; i < 5; i++) {
          const start = performance.now();
          assert.ok(codeOf(() => check(value)));
          best = Math.min(best, performance.now() - start);
        }
        assert.ok(best < 5, `${name} on ${value.slice(0, 3)}...: ${best.toFixed(1)} ms`);
      }
    });
  }

  it('keeps leading zeros of retention days to 64 characters, like the extension', () => {
    assert.equal(codeOf(() => checkRetentionDays('0'.repeat(59) + '65536')), undefined);
    assert.equal(codeOf(() => checkRetentionDays('0'.repeat(60) + '65536')), 'InvalidRetentionDays.Malformed');
  });
});

describe('sandbox wire: text that is not UTF-8', () => {
  let sb: Sandbox;
  let diskId: string;
  before(async () => {
    sb = await startSandbox({ disks: 30, seed: 7 });
    diskId = [...sb.world.disks.values()].find((d) => d.regionId === sb.regionId)!.diskId;
  });
  after(() => sb.close());

  const create = (params: Record<string, string>, encode?: (s: string) => string): Promise<WireOutcome> =>
    sendWtf8(sb, 'CreateSnapshot', { RegionId: sb.regionId, DiskId: diskId, ...params }, encode);
  const refused = (o: WireOutcome) => (o.ok ? `created ${o.snapshotId}` : `${o.status} ${o.code}`);

  it('answers a lone surrogate sent as WTF-8 with the field\u2019s error, in ECS\u2019s shape', async () => {
    assert.equal(refused(await create({ Description: 'ab\uD800cd' })), '404 InvalidDescription.Malformed');
    assert.equal(refused(await create({ 'Tag.1.Key': 'k\uDC00' })), '400 InvalidTagKey.Malformed');
    assert.equal(refused(await create({ 'Tag.1.Key': 'k', 'Tag.1.Value': '\uDBFF' })), '400 InvalidTagValue.Malformed');
    assert.equal(refused(await create({ SnapshotName: 'ab\uD800' })), '400 InvalidSnapshotName.Malformed');
  });

  it('refuses bytes that are not UTF-8 at all, and a pair split into two surrogates (CESU-8)', async () => {
    assert.equal(refused(await create({ Description: 'ab' }, () => 'ab%FF')), '400 InvalidParameter');
    assert.equal(refused(await create({ Description: 'ab' }, () => 'ab%ED%A0')), '400 InvalidParameter');
    // U+1F600 written as its two surrogates, each as three bytes: not the emoji.
    assert.equal(refused(await create({ Description: 'ab' }, () => 'ab%ED%A0%BD%ED%B8%80')), '400 InvalidParameter');
    // Still fine: the same emoji in UTF-8.
    const ok = await create({ Description: 'ab😀' });
    assert.ok(ok.ok, refused(ok));
  });
});

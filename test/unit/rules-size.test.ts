// Issue 10 item 6: a 10 MB paste must not freeze the input box. Every rule (and the tag input
// syntax) answers in under 5 ms whatever the size, and stays exact: lengths are code points,
// counted precisely up to where the answer is known.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkClientToken,
  checkDescription,
  checkRetentionDays,
  checkSnapshotName,
  checkTags,
  RETENTION_DAYS_TEXT_MAX,
} from '../../src/snapshot/rules';
import { checkTagInput, parseTagInput, TAG_TEXT_MAX } from '../../src/snapshot/tagInput';

const MB10 = 10 * 1024 * 1024;
// Flat strings, like text pasted into an input box (String.repeat builds a lazy rope).
const flat = (s: string) => Buffer.from(s, 'utf16le').toString('utf16le');
const pastes: Record<string, string> = {
  letters: flat('a'.repeat(MB10)),
  cjk: flat('数'.repeat(MB10 / 2)),
  emoji: flat('😀'.repeat(MB10 / 4)),
  zeros: flat('0'.repeat(MB10 - 1) + '7'),
  spaces: flat(' '.repeat(MB10)),
  tagText: flat('k=' + 'v'.repeat(MB10)),
  quotedTag: flat('"' + 'k'.repeat(MB10)),
  paddedTag: flat('k' + ' '.repeat(MB10) + '=v'),
};

function fastest(run: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const rules: Record<string, (text: string) => unknown> = {
  checkSnapshotName,
  checkDescription,
  checkRetentionDays,
  checkClientToken,
  tagKey: (t) => checkTags([{ key: t, value: '' }]),
  tagValue: (t) => checkTags([{ key: 'k', value: t }]),
  twentyHugeTags: (t) => checkTags(Array.from({ length: 20 }, () => ({ key: t, value: t }))),
  checkTagInput: (t) => checkTagInput(t),
};

describe('a 10 MB paste', () => {
  for (const [rule, check] of Object.entries(rules)) {
    it(`${rule} answers in under 5 ms for every kind of paste`, () => {
      for (const [kind, text] of Object.entries(pastes)) {
        assert.notEqual(check(text), undefined, `${rule} refuses ${kind}`);
        const ms = fastest(() => check(text));
        assert.ok(ms < 5, `${rule} on ${kind}: ${ms.toFixed(1)} ms`);
      }
    });
  }

  it('says how long it is without counting all of it', () => {
    assert.match(checkDescription(pastes.letters)?.message ?? '', /at most 256 characters \(now at least 5242880\)/);
    // 2,621,440 emoji are 5,242,880 UTF-16 units: the bound is exact for them.
    assert.match(checkSnapshotName(pastes.emoji)?.message ?? '', /at most 128 characters \(now at least 2621440\)/);
    assert.match(checkTags([{ key: pastes.cjk, value: '' }])?.message ?? '', /at most 128 characters \(now at least 2621440\)/);
  });
});

describe('lengths stay exact near the limits', () => {
  it('counts code points exactly where a person types', () => {
    assert.match(checkDescription('😀'.repeat(257))?.message ?? '', /at most 256 characters \(now 257\)/);
    assert.match(checkDescription('a'.repeat(513))?.message ?? '', /\(now 513\)/);
    assert.match(checkDescription('a'.repeat(60_000))?.message ?? '', /\(now 60000\)/);
    assert.equal(checkDescription('😀'.repeat(256)), undefined);
    assert.equal(checkSnapshotName('𠀀'.repeat(128)), undefined);
    assert.match(checkSnapshotName('𠀀'.repeat(129))?.message ?? '', /\(now 129\)/);
    assert.match(checkClientToken('x'.repeat(65))?.message ?? '', /at most 64 characters \(now 65\)/);
    // Below the length limit the first problem is still the first forbidden character.
    assert.match(checkClientToken('é'.repeat(64))?.message ?? '', /ASCII/);
  });

  it('retention days: leading zeros up to a whole text of ' + RETENTION_DAYS_TEXT_MAX + ' characters', () => {
    assert.equal(checkRetentionDays('0'.repeat(RETENTION_DAYS_TEXT_MAX - 5) + '65536'), undefined);
    const p = checkRetentionDays('0'.repeat(RETENTION_DAYS_TEXT_MAX - 4) + '65536');
    assert.equal(p?.code, 'InvalidRetentionDays.Malformed');
    assert.match(p?.message ?? '', new RegExp(`at most ${RETENTION_DAYS_TEXT_MAX} characters`));
    // A non-digit is still named first when the text is short enough to look at.
    assert.match(checkRetentionDays('12x')?.message ?? '', /'x' is not allowed/);
  });

  it('tag input: ordinary and padded tags read as before; a text over the limit is refused', () => {
    assert.deepEqual(parseTagInput('k' + ' '.repeat(100) + '= v'), { ok: true, tag: { key: 'k', value: 'v' } });
    const longest = `"${'\\"'.repeat(128)}"="${'\\"'.repeat(128)}"`;
    assert.deepEqual(parseTagInput(longest), { ok: true, tag: { key: '"'.repeat(128), value: '"'.repeat(128) } });
    assert.ok(longest.length <= TAG_TEXT_MAX);
    const over = parseTagInput('k=' + 'v'.repeat(TAG_TEXT_MAX));
    assert.equal(over.ok, false);
    assert.match(over.ok ? '' : over.message, new RegExp(`at most ${TAG_TEXT_MAX} characters`));
  });
});

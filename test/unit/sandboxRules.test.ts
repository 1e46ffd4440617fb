// CreateSnapshot's parameter rules in the sandbox, at their boundaries (pure functions).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkClientToken,
  checkDescription,
  checkRetentionDays,
  checkSnapshotName,
  checkTags,
  tagParams,
} from '../../src/sandbox/createSnapshotRules';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

const ASTRAL = '𠀀'; // U+20000, a letter outside the BMP: one code point, two UTF-16 units

describe('sandbox rules: SnapshotName', () => {
  const bad = 'InvalidSnapshotName.Malformed';
  const cases: Array<[string | undefined, string | undefined]> = [
    [undefined, undefined],
    ['', undefined],
    ['ab', undefined],
    ['a', bad],
    ['a'.repeat(128), undefined],
    ['a'.repeat(129), bad],
    [ASTRAL.repeat(128), undefined],
    [ASTRAL.repeat(129), bad],
    ['快照', undefined],
    ['Éa', undefined],
    ['a1:_.-', undefined],
    ['_a', bad],
    ['1a', bad],
    [':a', bad],
    ['a b', bad],
    ['a/b', bad],
    ['a١', bad], // Arabic-Indic digit: a digit, but not ASCII
    ['a²', bad],
    ['auto', bad],
    ['auto-1', bad],
    ['automatic', bad],
    ['Auto-1', undefined],
    ['AUTO', undefined],
    ['Automation', undefined],
    ['autumn', undefined],
    ['https:x', undefined],
    ['http://x', bad],
    ['HTTPS://x', bad],
  ];
  for (const [name, expected] of cases) {
    it(`${JSON.stringify(name)?.slice(0, 40)} -> ${expected ?? 'ok'}`, () => {
      assert.equal(code(() => checkSnapshotName(name)), expected);
    });
  }
});

describe('sandbox rules: Description', () => {
  const bad = 'InvalidDescription.Malformed';
  const cases: Array<[string | undefined, string | undefined]> = [
    [undefined, undefined],
    ['', undefined],
    ['ab', undefined],
    ['a', bad],
    [' ', bad],
    ['  ', undefined],
    ['d'.repeat(256), undefined],
    ['d'.repeat(257), bad],
    [ASTRAL.repeat(256), undefined],
    [ASTRAL.repeat(257), bad],
    ['http://x', bad],
    ['HtTpS://x', bad],
    [' http://x', undefined],
    ['see http://x', undefined],
    ['ftp://x', undefined],
    ['备份 before upgrade!', undefined],
  ];
  for (const [description, expected] of cases) {
    it(`${JSON.stringify(description)?.slice(0, 40)} -> ${expected ?? 'ok'}`, () => {
      assert.equal(code(() => checkDescription(description)), expected);
    });
  }
});

describe('sandbox rules: RetentionDays', () => {
  const ok: Array<[string, number]> = [['1', 1], ['65536', 65536], ['0001', 1], ['065536', 65536], ['30', 30]];
  for (const [raw, days] of ok) it(`${raw} -> ${days}`, () => assert.equal(checkRetentionDays(raw), days));
  it('empty means never released', () => {
    assert.equal(checkRetentionDays(''), undefined);
    assert.equal(checkRetentionDays(undefined), undefined);
  });
  for (const raw of ['0', '0000', '65537', '-1', '+1', '1.0', '1e3', ' 1', '1 ', '１', '0x10', '99999999999999999999', 'ten']) {
    it(`${JSON.stringify(raw)} -> InvalidRetentionDays.Malformed`, () => {
      assert.equal(code(() => checkRetentionDays(raw)), 'InvalidRetentionDays.Malformed');
    });
  }
});

describe('sandbox rules: ClientToken', () => {
  const cases: Array<[string, string | undefined]> = [
    ['', undefined],
    ['t'.repeat(64), undefined],
    ['t'.repeat(65), 'InvalidParameter'],
    ['\x7f~!', undefined],
    ['123e4567-e89b-12d3-a456-426655440000', undefined],
    ['é', 'InvalidParameter'],
    ['tok\u00a0', 'InvalidParameter'],
  ];
  for (const [token, expected] of cases) {
    it(`${JSON.stringify(token).slice(0, 30)} -> ${expected ?? 'ok'}`, () => {
      assert.equal(code(() => checkClientToken(token)), expected);
    });
  }
});

describe('sandbox rules: tags', () => {
  const run = (entries: Array<[string, string]>) => code(() => checkTags(tagParams(new Map(entries))));
  const pairs = (n: number): Array<[string, string]> =>
    Array.from({ length: n }, (_, i) => [[`Tag.${i + 1}.Key`, `k${i}`], [`Tag.${i + 1}.Value`, 'v']] as Array<[string, string]>).flat();

  it('accepts 20 tags and refuses 21 with the count in the message', () => {
    assert.equal(run(pairs(20)), undefined);
    assert.equal(run(pairs(21)), 'QuotaExceed.Tags');
    assert.throws(() => checkTags(tagParams(new Map(pairs(21)))), {
      message: 'The maximum number of tags is 20, you specified 21.',
    });
  });
  it('refuses an index above 20 even with few tags', () => {
    assert.equal(run([['Tag.21.Key', 'k']]), 'QuotaExceed.Tags');
  });
  it('returns tags in index order, a missing value being empty', () => {
    assert.deepEqual(checkTags(tagParams(new Map([['Tag.2.Key', 'b'], ['Tag.1.Key', 'a'], ['Tag.1.Value', '1']]))), [
      { key: 'a', value: '1' },
      { key: 'b', value: '' },
    ]);
  });
  const keyBad = 'InvalidTagKey.Malformed';
  const valueBad = 'InvalidTagValue.Malformed';
  const cases: Array<[string, Array<[string, string]>, string | undefined]> = [
    ['value without key', [['Tag.1.Value', 'v']], keyBad],
    ['empty key', [['Tag.1.Key', '']], keyBad],
    ['index 0', [['Tag.0.Key', 'k']], keyBad],
    ['aliyun prefix', [['Tag.1.Key', 'aliyun:x']], keyBad],
    ['Aliyun prefix (other case)', [['Tag.1.Key', 'Aliyun']], undefined],
    ['acs: prefix', [['Tag.1.Key', 'acs:x']], keyBad],
    ['ACS: prefix (other case)', [['Tag.1.Key', 'ACS:x']], undefined],
    ['key containing a URL', [['Tag.1.Key', 'xHTTP://y']], keyBad],
    ['128-code-point key', [['Tag.1.Key', ASTRAL.repeat(128)]], undefined],
    ['129-code-point key', [['Tag.1.Key', ASTRAL.repeat(129)]], keyBad],
    ['empty value', [['Tag.1.Key', 'k'], ['Tag.1.Value', '']], undefined],
    ['128-character value', [['Tag.1.Key', 'k'], ['Tag.1.Value', 'v'.repeat(128)]], undefined],
    ['129-character value', [['Tag.1.Key', 'k'], ['Tag.1.Value', 'v'.repeat(129)]], valueBad],
    ['value containing a URL', [['Tag.1.Key', 'k'], ['Tag.1.Value', 'a https://b']], valueBad],
    ['duplicate keys', [['Tag.1.Key', 'k'], ['Tag.2.Key', 'k']], 'Duplicate.TagKey'],
    ['keys differing in case', [['Tag.1.Key', 'k'], ['Tag.2.Key', 'K']], undefined],
    ['bad value of tag 1 before bad key of tag 2', [['Tag.1.Key', 'k'], ['Tag.1.Value', 'http://x'], ['Tag.2.Key', '']], valueBad],
    ['bad key before duplicates', [['Tag.1.Key', 'k'], ['Tag.2.Key', 'k'], ['Tag.3.Key', 'acs:z']], keyBad],
  ];
  for (const [title, entries, expected] of cases) {
    it(`${title} -> ${expected ?? 'ok'}`, () => assert.equal(run(entries), expected));
  }
});

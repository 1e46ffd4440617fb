// The single-field CreateSnapshot rules at every boundary.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkClientToken,
  checkDescription,
  checkRetentionDays,
  checkSnapshotName,
  parseRetentionDays,
  type RuleProblem,
} from '../../src/snapshot/rules';

const NAME = 'InvalidSnapshotName.Malformed';
const DESCRIPTION = 'InvalidDescription.Malformed';
const RETENTION = 'InvalidRetentionDays.Malformed';

function accepts(result: RuleProblem | undefined, input: string): void {
  assert.equal(result, undefined, `expected ${JSON.stringify(input)} to be accepted, got ${JSON.stringify(result)}`);
}

function rejects(result: RuleProblem | undefined, code: string, message?: RegExp): RuleProblem {
  assert.ok(result, 'expected a problem');
  assert.equal(result.code, code);
  if (message) assert.match(result.message, message);
  return result;
}

const letters = (n: number, ch = 'a') => ch.repeat(n);

describe('checkSnapshotName', () => {
  it('treats empty as "not given"', () => accepts(checkSnapshotName(''), ''));

  it('counts 2..128 characters', () => {
    rejects(checkSnapshotName('a'), NAME, /at least 2 characters \(now 1\)/);
    accepts(checkSnapshotName('ab'), 'ab');
    accepts(checkSnapshotName(letters(128)), '128 a');
    rejects(checkSnapshotName(letters(129)), NAME, /at most 128 characters \(now 129\)/);
    rejects(checkSnapshotName(letters(131)), NAME, /at most 128 characters \(now 131\)/);
  });

  it('counts code points, not UTF-16 units', () => {
    // 𠀀 (U+20000, a CJK letter outside the BMP) is one character but two UTF-16 units.
    const wide = '𠀀'.repeat(128);
    assert.equal(wide.length, 256);
    accepts(checkSnapshotName(wide), '128 x U+20000');
    rejects(checkSnapshotName(wide + '𠀀'), NAME, /now 129/);
  });

  it('accepts Chinese and other scripts\u2019 letters', () => {
    for (const name of ['備份', '数据盘快照', 'снимок-1', 'Ελλάδα', 'スナップ', '스냅샷', 'لقطة', 'café', 'Straße', 'ǅx']) {
      accepts(checkSnapshotName(name), name);
    }
  });

  it('must start with a letter', () => {
    rejects(checkSnapshotName('1abc'), NAME, /must start with a letter \('1' is not a letter\)/);
    rejects(checkSnapshotName('_abc'), NAME, /must start with a letter/);
    rejects(checkSnapshotName('-abc'), NAME, /must start with a letter/);
    rejects(checkSnapshotName(':abc'), NAME, /must start with a letter/);
    rejects(checkSnapshotName('.abc'), NAME, /must start with a letter/);
    rejects(checkSnapshotName('１abc'), NAME, /U\+FF11, a digit other than 0-9/);
  });

  it('allows ASCII digits and : _ . - after the first letter', () => {
    accepts(checkSnapshotName('a0123456789:_.-'), 'all extras');
    accepts(checkSnapshotName('db:2026.11.27_pre-change'), 'typical');
  });

  it('names the first forbidden character and its position', () => {
    const p = rejects(checkSnapshotName('snap shot'), NAME);
    assert.equal(p.message, "contains ' ' (space) at position 5: only letters, digits 0-9, ':', '_', '.', '-' are allowed");
    rejects(checkSnapshotName('a/b'), NAME, /'\/' at position 2/);
    rejects(checkSnapshotName('feature/x'), NAME, /position 8/);
    rejects(checkSnapshotName('a\tb'), NAME, /invisible character \(U\+0009\)/);
    rejects(checkSnapshotName('a\u3000b'), NAME, /space character \(U\+3000\)/);
  });

  it('refuses emoji, counted as one character each', () => {
    const p = rejects(checkSnapshotName('a😀'), NAME, /'😀' \(U\+1F600\) at position 2/);
    assert.equal(p.field, 'SnapshotName');
    // 64 emoji = 64 code points: the length is fine, the characters are not.
    rejects(checkSnapshotName('a' + '😀'.repeat(64)), NAME, /position 2/);
    rejects(checkSnapshotName('😀'.repeat(64)), NAME, /must start with a letter/);
    rejects(checkSnapshotName('😀'.repeat(129)), NAME, /now 129/);
  });

  it('refuses combining marks (category M is not L) but accepts precomposed letters', () => {
    accepts(checkSnapshotName('caf\u00e9'), 'precomposed é');
    rejects(checkSnapshotName('cafe\u0301'), NAME, /combining mark.*position 5/);
    rejects(checkSnapshotName('\u0301ab'), NAME, /must start with a letter/);
    rejects(checkSnapshotName('क्षत्रिय'), NAME, /combining mark/); // Devanagari vowel signs are marks
  });

  it('refuses non-ASCII digits', () => {
    rejects(checkSnapshotName('a١'), NAME, /U\+0661, a digit other than 0-9/);
    rejects(checkSnapshotName('ab１２'), NAME, /U\+FF11/);
    rejects(checkSnapshotName('a²'), NAME, /'²' \(U\+00B2\)/);
  });

  it('refuses http:// and https:// at the start, in any case', () => {
    for (const name of ['http://x', 'https://x', 'HTTP://x', 'Https://example.com']) {
      rejects(checkSnapshotName(name), NAME, /must not start with 'http:\/\/' or 'https:\/\/'/);
    }
    accepts(checkSnapshotName('http:x'), 'http: without slashes');
    accepts(checkSnapshotName('httpx'), 'httpx');
  });

  it('refuses names starting with lowercase "auto" only', () => {
    for (const name of ['auto', 'auto-x', 'autox', 'auto_20261127', 'automation']) {
      rejects(checkSnapshotName(name), NAME, /must not start with 'auto'/);
    }
    for (const name of ['Auto-x', 'Automation', 'AUTO', 'aUto', 'xauto', 'aut']) accepts(checkSnapshotName(name), name);
  });
});

describe('checkDescription', () => {
  it('treats empty as "not given"', () => accepts(checkDescription(''), ''));

  it('counts 2..256 code points of any kind', () => {
    rejects(checkDescription('a'), DESCRIPTION, /at least 2 characters \(now 1\)/);
    accepts(checkDescription('ab'), 'ab');
    accepts(checkDescription('x'.repeat(256)), '256');
    rejects(checkDescription('x'.repeat(257)), DESCRIPTION, /at most 256 characters \(now 257\)/);
    accepts(checkDescription('😀'.repeat(256)), '256 emoji');
    rejects(checkDescription('😀'.repeat(257)), DESCRIPTION, /now 257/);
    rejects(checkDescription('😀'), DESCRIPTION, /now 1/);
  });

  it('accepts anything else: spaces, punctuation, marks, newlines, URLs later in the text', () => {
    for (const d of ['before the upgrade', '升級前的備份', 'e\u0301', 'a\nb', '  ', 'see http://example.com', '1.0 → 2.0 ✅']) {
      accepts(checkDescription(d), d);
    }
  });

  it('refuses http:// and https:// at the start, in any case', () => {
    for (const d of ['http://x', 'https://x', 'HTTPS://X', 'hTTp://']) rejects(checkDescription(d), DESCRIPTION, /http/);
    accepts(checkDescription(' http://x'), 'leading space');
  });
});

describe('checkRetentionDays', () => {
  it('treats empty as "not given"', () => {
    accepts(checkRetentionDays(''), '');
    assert.equal(parseRetentionDays(''), undefined);
  });

  it('accepts 1..65536', () => {
    for (const v of ['1', '7', '30', '65536', '01', '0007', '00065536']) accepts(checkRetentionDays(v), v);
    rejects(checkRetentionDays('0'), RETENTION, /from 1 to 65536 days \(now 0\)/);
    rejects(checkRetentionDays('000'), RETENTION, /now 0/);
    rejects(checkRetentionDays('65537'), RETENTION, /now 65537/);
    rejects(checkRetentionDays('99999999999999999999999'), RETENTION, /now 999999…/);
  });

  it('takes ASCII digits only', () => {
    for (const v of ['+1', '-1', '1.0', '1e3', ' 1', '1 ', '٣', '１', '0x10', '1_000', 'seven', '∞']) {
      rejects(checkRetentionDays(v), RETENTION, /digits 0-9 only/);
    }
    rejects(checkRetentionDays('٣'), RETENTION, /U\+0663/);
    rejects(checkRetentionDays(' 1'), RETENTION, /\(space\)/);
  });

  it('parses what it accepts and throws with the rule message otherwise', () => {
    assert.equal(parseRetentionDays('1'), 1);
    assert.equal(parseRetentionDays('0030'), 30);
    assert.equal(parseRetentionDays('65536'), 65536);
    assert.throws(() => parseRetentionDays('65537'), /from 1 to 65536 days/);
    assert.throws(() => parseRetentionDays('1.5'), /digits 0-9 only/);
  });
});

describe('checkClientToken', () => {
  it('treats empty as "not given"', () => accepts(checkClientToken(''), ''));

  it('takes at most 64 ASCII characters', () => {
    accepts(checkClientToken('123e4567-e89b-12d3-a456-426655440000'), 'uuid');
    accepts(checkClientToken('x'.repeat(64)), '64');
    const p = rejects(checkClientToken('x'.repeat(65)), 'InvalidParameter', /at most 64 characters \(now 65\)/);
    assert.equal(p.field, 'ClientToken');
    accepts(checkClientToken(' ~!@#$%^&*()\u007f\t'), 'ASCII punctuation and controls');
  });

  it('refuses non-ASCII characters and says where', () => {
    rejects(checkClientToken('tokén'), 'InvalidParameter', /'é' \(U\+00E9\) at position 4 is not ASCII/);
    rejects(checkClientToken('令牌'), 'InvalidParameter', /not ASCII/);
    rejects(checkClientToken('a😀'), 'InvalidParameter', /position 2/);
    rejects(checkClientToken('\u0080'), 'InvalidParameter', /U\+0080/);
  });
});

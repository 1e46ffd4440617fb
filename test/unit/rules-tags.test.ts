// Tag rules (count, key, value, duplicates, and their order) and the tag input syntax.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkTags, type SnapshotTag } from '../../src/snapshot/rules';
import { checkTagInput, formatTag, parseTagInput } from '../../src/snapshot/tagInput';

const tag = (key: string, value = ''): SnapshotTag => ({ key, value });
const many = (n: number) => Array.from({ length: n }, (_, i) => tag(`k${i + 1}`, `v${i + 1}`));

describe('checkTags', () => {
  it('accepts no tags and up to 20', () => {
    assert.equal(checkTags([]), undefined);
    assert.equal(checkTags(many(1)), undefined);
    assert.equal(checkTags(many(20)), undefined);
  });

  it('refuses 21 tags with QuotaExceed.Tags', () => {
    const p = checkTags(many(21));
    assert.equal(p?.code, 'QuotaExceed.Tags');
    assert.match(p?.message ?? '', /at most 20 tags \(now 21\)/);
  });

  it('keys: not empty, at most 128 code points', () => {
    assert.equal(checkTags([tag('')])?.code, 'InvalidTagKey.Malformed');
    assert.match(checkTags([tag('a'), tag('')])?.message ?? '', /tag 2: the key must not be empty/);
    assert.equal(checkTags([tag('k'.repeat(128))]), undefined);
    const p = checkTags([tag('k'.repeat(129))]);
    assert.equal(p?.code, 'InvalidTagKey.Malformed');
    assert.match(p?.message ?? '', /at most 128 characters \(now 129\)/);
    assert.equal(checkTags([tag('鍵'.repeat(128))]), undefined);
    assert.equal(checkTags([tag('😀'.repeat(128))]), undefined);
    assert.equal(checkTags([tag('😀'.repeat(129))])?.code, 'InvalidTagKey.Malformed');
  });

  it('keys: reserved prefixes aliyun / acs: are case-sensitive', () => {
    for (const key of ['aliyun', 'aliyunx', 'aliyun:env', 'acs:', 'acs:rm:rgId']) {
      const p = checkTags([tag(key, 'v')]);
      assert.equal(p?.code, 'InvalidTagKey.Malformed', key);
      assert.match(p?.message ?? '', /must not start with '(aliyun|acs:)'/);
      assert.equal(p?.field, 'Tag.1.Key');
    }
    for (const key of ['Aliyun', 'ALIYUN-x', 'ACS:x', 'acs', 'my-aliyun', 'x-acs:']) assert.equal(checkTags([tag(key)]), undefined, key);
  });

  it('keys and values: no http:// or https:// anywhere, in any case', () => {
    assert.equal(checkTags([tag('see-http://x')])?.code, 'InvalidTagKey.Malformed');
    assert.equal(checkTags([tag('HTTPS://x')])?.code, 'InvalidTagKey.Malformed');
    const p = checkTags([tag('env', 'prod'), tag('link', 'docs at https://example.com')]);
    assert.equal(p?.code, 'InvalidTagValue.Malformed');
    assert.equal(p?.message, "tag 2 (key 'link'): the value must not contain 'http://' or 'https://'");
    assert.equal(p?.field, 'Tag.2.Value');
    assert.equal(checkTags([tag('v', 'Http://x')])?.code, 'InvalidTagValue.Malformed');
    assert.equal(checkTags([tag('v', 'http:/x https:x')]), undefined);
  });

  it('values: may be empty, at most 128 code points', () => {
    assert.equal(checkTags([tag('k', '')]), undefined);
    assert.equal(checkTags([tag('k', 'v'.repeat(128))]), undefined);
    assert.equal(checkTags([tag('k', '值'.repeat(128))]), undefined);
    const p = checkTags([tag('k', 'v'.repeat(129))]);
    assert.equal(p?.code, 'InvalidTagValue.Malformed');
    assert.match(p?.message ?? '', /tag 1 \(key 'k'\): the value has at most 128 characters \(now 129\)/);
  });

  it('duplicate keys are exact and case-sensitive', () => {
    const p = checkTags([tag('env', 'a'), tag('team', 'b'), tag('env', 'c')]);
    assert.equal(p?.code, 'Duplicate.TagKey');
    assert.match(p?.message ?? '', /tag 3 repeats the key 'env' of tag 1/);
    assert.equal(checkTags([tag('env'), tag('Env'), tag('ENV')]), undefined);
    assert.equal(checkTags([tag('env'), tag('env ')]), undefined);
  });

  it('checks in order: count, then per tag key then value, then duplicates', () => {
    // 21 tags with bad keys: the count wins.
    assert.equal(checkTags(Array.from({ length: 21 }, () => tag('aliyun')))?.code, 'QuotaExceed.Tags');
    // Tag 1 bad value, tag 2 bad key: tag 1 wins.
    assert.equal(checkTags([tag('a', 'http://x'), tag('')])?.code, 'InvalidTagValue.Malformed');
    // Tag 1 bad key and bad value: the key wins.
    assert.equal(checkTags([tag('acs:x', 'http://x')])?.code, 'InvalidTagKey.Malformed');
    // A duplicate before a bad key: the bad key still wins (duplicates come last).
    assert.equal(checkTags([tag('a'), tag('a'), tag('aliyun')])?.code, 'InvalidTagKey.Malformed');
  });
});

describe('parseTagInput / formatTag', () => {
  const parsed = (text: string) => {
    const r = parseTagInput(text);
    assert.ok(r.ok, `expected ${JSON.stringify(text)} to parse`);
    return r.tag;
  };

  it('splits at the first "="', () => {
    assert.deepEqual(parsed('env=prod'), tag('env', 'prod'));
    assert.deepEqual(parsed('q=a=b'), tag('q', 'a=b'));
    assert.deepEqual(parsed('url=x?y=1&z=2'), tag('url', 'x?y=1&z=2'));
  });

  it('"key" and "key=" mean an empty value', () => {
    assert.deepEqual(parsed('env'), tag('env', ''));
    assert.deepEqual(parsed('env='), tag('env', ''));
  });

  it('trims whitespace around key and value, keeps it inside', () => {
    assert.deepEqual(parsed('  env = prod  '), tag('env', 'prod'));
    assert.deepEqual(parsed('owner=Jane Doe'), tag('owner', 'Jane Doe'));
    assert.deepEqual(parsed('\u3000鍵\u3000=\u3000值'), tag('鍵', '值'));
  });

  it('quotes keep whitespace and allow "=" in keys', () => {
    assert.deepEqual(parsed('"a=b"=c'), tag('a=b', 'c'));
    assert.deepEqual(parsed('" padded "=" x "'), tag(' padded ', ' x '));
    assert.deepEqual(parsed('"k \\" q"=v'), tag('k " q', 'v'));
    assert.deepEqual(parsed('"k"'), tag('k', ''));
    assert.deepEqual(parsed('"k" = "v"'), tag('k', 'v'));
  });

  it('takes values with inner quotes and backslashes literally', () => {
    assert.deepEqual(parsed('say=say "hi"'), tag('say', 'say "hi"'));
    assert.deepEqual(parsed('path=C:\\dir\\x'), tag('path', 'C:\\dir\\x'));
    assert.deepEqual(parsed('q="'), tag('q', '"'));
  });

  it('explains what it cannot read', () => {
    for (const text of ['', '   ', '"unclosed=1', '"k"x=1']) {
      const r = parseTagInput(text);
      assert.equal(r.ok, false, text);
    }
    const r = parseTagInput('"k"x=1');
    assert.ok(!r.ok && /expected '=' after the quoted key/.test(r.message));
  });

  it('formats ordinary tags plainly', () => {
    assert.equal(formatTag(tag('env', 'prod')), 'env=prod');
    assert.equal(formatTag(tag('env', '')), 'env=');
    assert.equal(formatTag(tag('a=b', 'c')), '"a=b"=c');
    assert.equal(formatTag(tag(' k', 'v ')), '" k"="v "');
  });

  it('reads back every tag it formats (property)', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: fc.constantFrom('=', '"', '\\', ' ', '\t', 'a', '鍵', '\u3000'), maxLength: 10 }),
    );
    fc.assert(
      fc.property(text, text, (key, value) => {
        const r = parseTagInput(formatTag({ key, value }));
        if (key === '' && value === '') return; // "=" reads back as key '' value '' too; checked below
        assert.ok(r.ok, JSON.stringify({ key, value }));
        assert.deepEqual(r.tag, { key, value });
      }),
      { numRuns: 3000 },
    );
    assert.deepEqual(parsed(formatTag(tag('', ''))), tag('', ''));
  });

  it('checkTagInput combines parsing and the key/value rules', () => {
    assert.equal(checkTagInput('env=prod'), undefined);
    assert.match(checkTagInput('aliyun=x', 3) ?? '', /tag 3 \(key 'aliyun'\): the key must not start with 'aliyun'/);
    assert.match(checkTagInput('=x') ?? '', /the key must not be empty/);
    assert.match(checkTagInput('k=http://x') ?? '', /value must not contain/);
    assert.match(checkTagInput('') ?? '', /key=value/);
  });
});

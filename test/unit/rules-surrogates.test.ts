// Issue 10 item 5: a lone surrogate (half of a UTF-16 pair, e.g. "\uD800" alone) cannot be sent:
// encodeURIComponent throws "URI malformed". Every rule refuses it with a message that says so,
// and no message echoes the broken character back.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkClientToken,
  checkDescription,
  checkRetentionDays,
  checkSnapshotName,
  checkTagKey,
  checkTags,
  checkTagValue,
} from '../../src/snapshot/rules';
import { checkTagInput } from '../../src/snapshot/tagInput';

const HIGH = '\uD800';
const LOW = '\uDC00';
const BROKEN = /broken character \(U\+D800, half of a surrogate pair\) at position 3.*cannot be sent/;
const hasLoneSurrogate = (s: string) => /\p{Cs}/u.test(s);

describe('lone surrogates', () => {
  it('the description refuses them, alone or at either end of a pair', () => {
    const p = checkDescription(`ab${HIGH}cd`);
    assert.equal(p?.code, 'InvalidDescription.Malformed');
    assert.match(p?.message ?? '', BROKEN);
    assert.equal(checkDescription(`ab${LOW}`)?.code, 'InvalidDescription.Malformed');
    assert.equal(checkDescription(`${LOW}${HIGH}`)?.code, 'InvalidDescription.Malformed');
    // A proper pair is one character and fine.
    assert.equal(checkDescription('ab😀'), undefined);
  });

  it('tag keys and values refuse them, naming the tag', () => {
    const key = checkTagKey(`ab${HIGH}`, 2);
    assert.equal(key?.code, 'InvalidTagKey.Malformed');
    assert.equal(key?.field, 'Tag.2.Key');
    assert.match(key?.message ?? '', /tag 2 .*the key contains a broken character \(U\+D800, half of a surrogate pair\) at position 3.*cannot be sent/);
    const value = checkTagValue({ key: 'env', value: `ab${HIGH}` }, 1);
    assert.equal(value?.code, 'InvalidTagValue.Malformed');
    assert.match(value?.message ?? '', /tag 1 \(key 'env'\): the value contains a broken character .* at position 3/);
    assert.equal(checkTags([{ key: 'ok', value: `x${LOW}` }])?.code, 'InvalidTagValue.Malformed');
    assert.equal(checkTags([{ key: `x${LOW}`, value: `x${LOW}` }])?.code, 'InvalidTagKey.Malformed');
    assert.match(checkTagInput(`env=ab${HIGH}`) ?? '', BROKEN);
  });

  it('names, retention days and client tokens refuse them with the same explanation', () => {
    const name = checkSnapshotName(`ab${HIGH}c`);
    assert.equal(name?.code, 'InvalidSnapshotName.Malformed');
    assert.match(name?.message ?? '', BROKEN);
    assert.match(checkRetentionDays(`12${HIGH}`)?.message ?? '', /broken character \(U\+D800, half of a surrogate pair\)/);
    assert.match(checkClientToken(`ab${HIGH}`)?.message ?? '', /broken character \(U\+D800, half of a surrogate pair\)/);
  });

  it('no message repeats the broken character', () => {
    const problems = [
      checkSnapshotName(`ab${HIGH}`),
      checkDescription(`ab${HIGH}`),
      checkRetentionDays(HIGH),
      checkClientToken(HIGH),
      checkTags([{ key: `k${HIGH}`, value: '' }]),
      checkTags([{ key: `${'k'.repeat(60)}${HIGH}`, value: '' }]),
      checkTags([{ key: `k${HIGH}${'k'.repeat(200)}`, value: '' }]),
      checkTags([{ key: 'k', value: `v${HIGH}` }]),
    ];
    for (const p of problems) {
      assert.ok(p, 'refused');
      assert.ok(!hasLoneSurrogate(p.message), JSON.stringify(p.message));
    }
  });
});

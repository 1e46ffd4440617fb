// Issue 10 item 5: whatever a rule accepts can actually be sent. The SDK signs with
// encodeURIComponent and writes the query and form bodies with node:querystring; both throw
// "URI malformed" on a lone surrogate. Inputs mix ordinary text with lone surrogates and pairs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse, stringify } from 'node:querystring';
import fc from 'fast-check';
import {
  checkClientToken,
  checkDescription,
  checkRetentionDays,
  checkSnapshotName,
  checkTags,
} from '../../src/snapshot/rules';
import { parseTagInput } from '../../src/snapshot/tagInput';

const pieces = ['a', 'Z', '数', '7', '0', ' ', '=', '"', '%', '+', '&', '😀', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'é', '\u0301'];
const text = fc.oneof(
  fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Throws what sending would throw; returns the value as the server would decode it. */
function sent(value: string): string {
  const signed = decodeURIComponent(encodeURIComponent(value));
  const query = parse(stringify({ v: value })).v;
  assert.equal(signed, value);
  assert.equal(query, value);
  return value;
}

function accepted(check: (v: string) => unknown): void {
  fc.assert(
    fc.property(text, (value) => {
      if (check(value) === undefined) sent(value);
    }),
    { numRuns: 3000 },
  );
}

describe('every accepted value can be sent', () => {
  it('snapshot names', () => accepted(checkSnapshotName));
  it('descriptions', () => accepted(checkDescription));
  it('retention days', () => accepted(checkRetentionDays));
  it('client tokens', () => accepted(checkClientToken));
  it('tag keys and values', () =>
    accepted((v) => checkTags([{ key: v, value: v }]) ?? checkTags([{ key: 'k', value: v }])));
  it('tags read from the input box', () =>
    accepted((v) => {
      const parsed = parseTagInput(v);
      if (!parsed.ok) return 'refused';
      const wrong = checkTags([parsed.tag]);
      if (!wrong) {
        sent(parsed.tag.key);
        sent(parsed.tag.value);
      }
      return 'checked';
    }));
});

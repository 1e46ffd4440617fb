// The key index of the loaded disks and their tree nodes (issue 12): a Map in behaviour, grown in
// small steps (no single table of 100,000 entries rebuilt while a page arrives).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeyIndex } from '../../src/view/keyIndex';

test('answers as a Map would through any mix of set, delete, has and get (short and empty keys too)', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), key: fc.string({ maxLength: 6 }), value: fc.integer() }),
    fc.record({ kind: fc.constant('delete' as const), key: fc.string({ maxLength: 6 }) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 20 }), (ops, probes) => {
      const index = new KeyIndex<number>();
      const map = new Map<string, number>();
      for (const o of ops) {
        if (o.kind === 'set') {
          index.set(o.key, o.value);
          map.set(o.key, o.value);
        } else assert.equal(index.delete(o.key), map.delete(o.key));
      }
      assert.equal(index.size, map.size);
      for (const key of [...probes, ...map.keys()]) {
        assert.equal(index.has(key), map.has(key));
        assert.equal(index.get(key), map.get(key));
      }
    }),
  );
});

test('100,000 disk ids: every one found, none confused with another', () => {
  const index = new KeyIndex<number>();
  const ids = Array.from({ length: 100_000 }, (_, n) => `d-bp${(n * 2654435761 >>> 0).toString(36)}${n}`);
  ids.forEach((id, n) => index.set(id, n));
  assert.equal(index.size, ids.length);
  ids.forEach((id, n) => assert.equal(index.get(id), n));
  assert.equal(index.get('d-bpnothere'), undefined);
});

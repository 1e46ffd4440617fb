// Proposed and template-built snapshot names always pass the name rule.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkSnapshotName } from '../../src/snapshot/rules';
import { defaultSnapshotName, formatStamp, sanitizeSnapshotName } from '../../src/snapshot/naming';

// Local time, as the user sees it.
const at = new Date(2026, 10, 27, 14, 30, 59);

describe('defaultSnapshotName', () => {
  it('is "<disk>-YYYYMMDD-HHmm" in local time', () => {
    assert.equal(formatStamp(at), '20261127-1430');
    assert.equal(defaultSnapshotName('web-data', at), 'web-data-20261127-1430');
    assert.equal(defaultSnapshotName('web-data', new Date(2027, 0, 5, 3, 4)), 'web-data-20270105-0304');
  });

  it('sanitises disk names the rule would refuse', () => {
    const cases: Array<[string, string]> = [
      ['', 'disk-20261127-1430'],
      ['   ', 'disk-20261127-1430'],
      ['2024 db', 'disk-2024-db-20261127-1430'],
      ['my data disk', 'my-data-disk-20261127-1430'],
      ['a / b', 'a-b-20261127-1430'],
      ['數據盤', '數據盤-20261127-1430'],
      ['autoscale-data', 'disk-autoscale-data-20261127-1430'],
      ['Autoscale', 'Autoscale-20261127-1430'],
      ['http://x', 'http:-x-20261127-1430'],
      ['_tmp', 'disk-_tmp-20261127-1430'],
      ['😀😀', 'disk-20261127-1430'],
      ['ｄｉｓｋ１', 'disk1-20261127-1430'],
      ['cafe\u0301', 'café-20261127-1430'],
      ['x', 'x-20261127-1430'],
    ];
    for (const [disk, expected] of cases) {
      const name = defaultSnapshotName(disk, at);
      assert.equal(name, expected, disk);
      assert.equal(checkSnapshotName(name), undefined, name);
    }
  });

  it('truncates long disk names by code points, keeping the suffix', () => {
    const name = defaultSnapshotName('𠀀'.repeat(200), at);
    assert.equal(Array.from(name).length, 128);
    assert.ok(name.endsWith('-20261127-1430'));
    assert.equal(checkSnapshotName(name), undefined);
  });

  it('always passes checkSnapshotName (property)', () => {
    fc.assert(
      fc.property(anyText(), fc.date({ min: new Date(1970, 0, 1), max: new Date(9999, 11, 31), noInvalidDate: true }), (disk, date) => {
        const name = defaultSnapshotName(disk, date);
        assert.equal(checkSnapshotName(name), undefined, `${JSON.stringify(disk)} -> ${JSON.stringify(name)}`);
        assert.ok(name.endsWith(`-${formatStamp(date)}`));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('sanitizeSnapshotName', () => {
  it('returns valid names unchanged', () => {
    for (const name of ['pre-change-main-20261127', 'Auto-x', '備份', 'a--b', 'x-']) assert.equal(sanitizeSnapshotName(name), name);
  });

  it('repairs template output', () => {
    assert.equal(sanitizeSnapshotName('pre-change-feature/x-20261127'), 'pre-change-feature-x-20261127');
    assert.equal(sanitizeSnapshotName('pre change  (wip)'), 'pre-change-wip');
    assert.equal(sanitizeSnapshotName('auto-backup'), 'snapshot-auto-backup');
    assert.equal(sanitizeSnapshotName('2026-release'), 'snapshot-2026-release');
    assert.equal(sanitizeSnapshotName(''), 'snapshot');
    assert.equal(sanitizeSnapshotName('a'), 'snapshot-a');
    assert.equal(sanitizeSnapshotName('a/'), 'snapshot-a');
    assert.equal(sanitizeSnapshotName('1', { prefix: 'backup' }), 'backup-1');
    assert.equal(sanitizeSnapshotName('1', { prefix: 'auto' }), 'snapshot-1'); // an invalid prefix is ignored
    assert.equal(Array.from(sanitizeSnapshotName('x'.repeat(300))).length, 128);
    assert.equal(sanitizeSnapshotName('abcdef', { maxLength: 3 }), 'abc');
  });

  it('always passes checkSnapshotName and respects maxLength (property)', () => {
    fc.assert(
      fc.property(anyText(), fc.integer({ min: 2, max: 128 }), (raw, maxLength) => {
        const name = sanitizeSnapshotName(raw, { maxLength });
        assert.equal(checkSnapshotName(name), undefined, `${JSON.stringify(raw)} -> ${JSON.stringify(name)}`);
        assert.ok(Array.from(name).length <= maxLength);
        assert.equal(sanitizeSnapshotName(name, { maxLength }), name, 'idempotent');
      }),
      { numRuns: 5000 },
    );
  });
});

function anyText(): fc.Arbitrary<string> {
  const piece = fc.oneof(
    fc.constantFrom('auto', 'http://', 'HTTPS://', '/', ' ', '-', '_', ':', '.', '1', '１', '٣', '😀', '\u0301', '數據', 'é', 'ｄ', 'ﬁ', '\u3000', '\t'),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
  );
  return fc.oneof(
    fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('')),
    fc.array(piece, { minLength: 20, maxLength: 60 }).map((parts) => parts.join('')),
  );
}

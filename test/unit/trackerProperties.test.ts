// Properties of the tracker's cost over random mixes of regions, credential sources and sizes:
// a tick sends exactly sum over groups of ceil(k/100) requests, never more than 100 ids each, and
// there is never more than one timer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { harness, intent } from './trackerFakes';

const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'ap-southeast-1'];
const SOURCES = ['profile:dev', 'profile:prod'];

describe('tracker cost properties', () => {
  it('one tick = sum of ceil(k/100) over (region, source) groups; one timer at most', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ region: fc.constantFrom(...REGIONS), source: fc.constantFrom(...SOURCES) }), { maxLength: 420 }),
        async (placements) => {
          const h = harness();
          const perGroup = new Map<string, number>();
          placements.forEach(({ region, source }, i) => {
            h.gateway.put(`s-${i}`, { progress: 1, remainTime: 600 });
            h.core.track(intent(i, { regionId: region, sourceKey: source }), `s-${i}`);
            perGroup.set(`${source}/${region}`, (perGroup.get(`${source}/${region}`) ?? 0) + 1);
            assert.ok(h.clock.pendingTimers <= 1);
          });
          await h.clock.advance(2_000);
          const expected = [...perGroup.values()].reduce((sum, k) => sum + Math.ceil(k / 100), 0);
          assert.equal(h.gateway.calls.length, expected);
          assert.ok(h.gateway.calls.every((c) => c.ids.length >= 1 && c.ids.length <= 100));
          assert.equal(new Set(h.gateway.calls.flatMap((c) => c.ids)).size, placements.length, 'every snapshot asked once');
          assert.ok(h.clock.pendingTimers <= 1);
          h.core.dispose();
        },
      ),
      { numRuns: 60 },
    );
  });
});

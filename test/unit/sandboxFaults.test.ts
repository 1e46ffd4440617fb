// Fault injection (deterministic from a seed, changeable at runtime), stats, and the generator.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as $Ecs from '@alicloud/ecs20140526';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { buildWorld } from '../../src/sandbox/defaultWorld';
import { World } from '../../src/sandbox/world';
import { rawRequest, rejectsWith, sdkClient } from './sandboxHelpers';

const regions = (sb: Sandbox) => sdkClient(sb).describeRegions(new $Ecs.DescribeRegionsRequest({}));

async function withSandbox(options: Parameters<typeof startSandbox>[0], fn: (sb: Sandbox) => Promise<void>): Promise<void> {
  const sb = await startSandbox(options);
  try {
    await fn(sb);
  } finally {
    await sb.close();
  }
}

async function outcomes(seed: number): Promise<string[]> {
  const seen: string[] = [];
  await withSandbox({ seed, faults: { throttleRate: 0.3, errorRate: 0.3 } }, async (sb) => {
    for (let i = 0; i < 24; i++) {
      seen.push(await regions(sb).then(() => 'ok', (e: { code: string }) => e.code));
    }
  });
  return seen;
}

describe('sandbox faults', () => {
  it('replays the same faults for the same seed', async () => {
    const a = await outcomes(42);
    const b = await outcomes(42);
    const c = await outcomes(43);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    for (const kind of ['ok', 'Throttling', 'InternalError']) assert.ok(a.includes(kind), kind);
  });

  it('sends a gateway HTML page the SDK cannot parse', async () => {
    await withSandbox({ faults: { htmlErrorRate: 1 } }, async (sb) => {
      const err = await regions(sb).catch((e: Error) => e);
      assert.ok(err instanceof Error);
      assert.equal(err.name, 'SyntaxError');
      const raw = await rawRequest(sb.endpoint, {});
      assert.equal(raw.status, 502);
      assert.match(String(raw.headers['content-type']), /text\/html/);
    });
  });

  it('drops connections', async () => {
    await withSandbox({ faults: { dropRate: 1 } }, async (sb) => {
      const err = await regions(sb).catch((e: Error) => e);
      assert.ok(err instanceof Error);
      assert.match(`${err.name} ${err.message}`, /socket hang up|ECONNRESET|closed/i);
    });
  });

  it('adds latency, and can be changed and cleared at runtime', async () => {
    await withSandbox({ latencyMs: 300 }, async (sb) => {
      let t = Date.now();
      await regions(sb);
      assert.ok(Date.now() - t >= 290, 'latency applied');
      sb.setFaults({ latencyMs: 0, throttleRate: 1 });
      await rejectsWith(regions(sb), 'Throttling');
      sb.clearFaults();
      t = Date.now();
      await regions(sb);
      assert.ok(Date.now() - t < 290, 'latency cleared');
    });
  });

  it('makes a slow answer outlast a short SDK read timeout', async () => {
    await withSandbox({ faults: { slowRate: 1, slowMs: 1500 } }, async (sb) => {
      const client = sdkClient(sb, { readTimeout: 300 });
      const err = await client.describeRegions(new $Ecs.DescribeRegionsRequest({})).catch((e: Error) => e);
      assert.ok(err instanceof Error);
      assert.match(`${err.name} ${err.message}`, /timeout/i);
    });
  });
});

describe('sandbox stats', () => {
  it('counts requests per action, refused ones included, and resets', async () => {
    await withSandbox({}, async (sb) => {
      await regions(sb);
      await rejectsWith(sdkClient(sb).describeDisks(new $Ecs.DescribeDisksRequest({})), 'MissingRegionId');
      await rawRequest(sb.endpoint, { action: 'NoSuchThing' });
      assert.deepEqual(sb.stats.byAction, { DescribeRegions: 1, DescribeDisks: 1, NoSuchThing: 1 });
      assert.equal(sb.stats.total, 3);
      sb.stats.reset();
      assert.deepEqual(sb.stats.byAction, {});
      assert.equal(sb.stats.total, 0);
    });
  });
});

describe('sandbox world generator', () => {
  const build = (seed: number, disks: number) =>
    buildWorld(new World({ seed, clock: () => Date.UTC(2026, 0, 1), timeScale: 1, failRate: 0 }), disks);

  it('builds 100,000 disks quickly, with unique IDs', () => {
    const t = Date.now();
    const world = build(1, 100_000);
    const elapsed = Date.now() - t;
    const disks = world.disksIn('cn-hangzhou');
    assert.equal(disks.length, 100_000);
    assert.equal(new Set(disks.map((d) => d.diskId)).size, 100_000);
    assert.ok(elapsed < 6000, `took ${elapsed} ms`);
  });

  it('is deterministic from the seed', () => {
    const ids = (seed: number) => build(seed, 300).disksIn('cn-hangzhou').map((d) => `${d.diskId}/${d.category}/${d.sizeGiB}`);
    assert.deepEqual(ids(5), ids(5));
    assert.notDeepEqual(ids(5), ids(6));
  });

  it('keeps the curated disks first and honours small counts, even zero', () => {
    assert.equal(build(1, 0).disksIn('cn-hangzhou').length, 0);
    assert.deepEqual(build(1, 2).disksIn('cn-hangzhou').map((d) => d.diskName), ['web-01-system', 'web-01-data']);
    const mixed = build(1, 20).disksIn('cn-hangzhou');
    assert.equal(mixed[14].diskName, 'attaching-data');
    assert.match(mixed[15].diskName, /^gen-disk-/);
  });
});

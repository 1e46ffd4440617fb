// EcsGateway.listInstances over the real SDK and the sandbox: pages of at most 100, every instance
// once, with its zone and locks (what the tree by instance shows).
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { createEcsGateway, type RequestRecord } from '../../src/ecs/createEcsGateway';
import type { Instance } from '../../src/ecs/gateway';
import { startSandbox, type Sandbox } from '../../src/sandbox';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ instances: 250, seed: 7 });
});
after(() => sandbox.close());

function gateway(requests: RequestRecord[]) {
  return createEcsGateway({
    credentials: { type: 'accessKey', accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret },
    regionId: sandbox.regionId,
    endpoint: sandbox.endpoint,
    onRequest: (r) => requests.push(r),
  });
}

test('pages of 100 (the default, and the most asked for) list every instance of the region once', async () => {
  const requests: RequestRecord[] = [];
  const gw = gateway(requests);
  const seen: Instance[] = [];
  let nextToken: string | undefined;
  do {
    const page = await gw.listInstances({ regionId: 'cn-hangzhou', nextToken, maxResults: 500 });
    assert.ok(page.items.length <= 100);
    seen.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  const world = [...sandbox.world.instances.values()].filter((i) => i.regionId === 'cn-hangzhou');
  assert.equal(seen.length, world.length);
  assert.equal(new Set(seen.map((i) => i.instanceId)).size, world.length);
  assert.equal(requests.filter((r) => r.action === 'DescribeInstances').length, Math.ceil(world.length / 100));
  for (const instance of seen) {
    const record = sandbox.world.instances.get(instance.instanceId);
    assert.equal(instance.zoneId, record?.zoneId);
    assert.equal(instance.instanceName, record?.instanceName);
  }
  const locked = world.find((i) => i.locks.some((l) => l.reason === 'security'));
  assert.ok(locked, 'the default world has a security-locked instance');
  assert.deepEqual(seen.find((i) => i.instanceId === locked.instanceId)?.lockReasons, ['security']);
});

test('a smaller page when asked (ECS answers at least 10)', async () => {
  const page = await gateway([]).listInstances({ regionId: 'cn-hangzhou', maxResults: 20 });
  assert.equal(page.items.length, 20);
  assert.ok(page.nextToken);
});

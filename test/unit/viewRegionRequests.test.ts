// What the Disks view asks the (sandboxed) cloud for while every page of a big region is loaded
// (issue 12): the DescribeDisks pages and one DescribeInstances for the security-locked
// instances, not a DescribeInstances per page for every attached disk's instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEcsGateway } from '../../src/ecs/createEcsGateway';
import { startSandbox } from '../../src/sandbox';
import { DISK_PAGE_SIZE, RegionDisks } from '../../src/view/regionDisks';
import { diskBlocker } from '../../src/view/diskText';

test('loading 5,000 disks costs their DescribeDisks pages and one DescribeInstances; the locked instance still blocks', async () => {
  const sandbox = await startSandbox({ disks: 5000 });
  try {
    const gateway = createEcsGateway({
      credentials: { type: 'accessKey', accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret },
      regionId: sandbox.regionId,
      endpoint: sandbox.endpoint,
      retry: { maxAttempts: 1 },
    });
    sandbox.stats.reset();
    const region = new RegionDisks(gateway, sandbox.regionId, { info() {}, warn: (m) => assert.fail(m), error: (m) => assert.fail(String(m)) });
    while (region.disks.hasMore) await region.disks.loadNext();
    assert.equal(region.disks.items.length, 5000);
    assert.deepEqual(sandbox.stats.byAction, { DescribeDisks: 5000 / DISK_PAGE_SIZE, DescribeInstances: 1 });

    const legacy = region.disks.items.find((d) => d.diskName === 'legacy-app-system');
    assert.ok(legacy?.instanceId);
    assert.deepEqual(region.locksOfInstance(legacy.instanceId), ['security']);
    assert.equal(diskBlocker(legacy, region.locksOfInstance(legacy.instanceId), false)?.kind, 'securityLock');
    const web = region.disks.items.find((d) => d.diskName === 'web-01-data');
    assert.ok(web?.instanceId);
    assert.deepEqual(region.locksOfInstance(web.instanceId), []);
  } finally {
    await sandbox.close();
  }
});

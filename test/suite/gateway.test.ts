// The gateway, running inside the real extension host (its Node, its module loading), reaches a
// sandbox started by the test over HTTP through the real Alibaba Cloud SDK.
import * as assert from 'node:assert/strict';
import { createEcsGateway, type RequestRecord } from '../../src/ecs/createEcsGateway';
import { startSandbox, type Sandbox } from '../../src/sandbox';

suite('Gateway in the extension host', () => {
  let sandbox: Sandbox;
  const requests: RequestRecord[] = [];

  suiteSetup(async () => {
    sandbox = await startSandbox({ disks: 12, seed: 7 });
  });

  suiteTeardown(async () => {
    await sandbox?.close();
  });

  function gateway() {
    return createEcsGateway({
      credentials: { type: 'accessKey', accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret },
      regionId: sandbox.regionId,
      endpoint: sandbox.endpoint,
      onRequest: (record) => requests.push(record),
    });
  }

  test('lists the sandbox disks of its home region', async () => {
    requests.length = 0;
    const page = await gateway().listDisks({ regionId: sandbox.regionId });
    const expected = sandbox.world.disksIn(sandbox.regionId).map((d) => d.diskId).sort();
    assert.deepEqual(page.items.map((d) => d.diskId).sort(), expected);
    assert.equal(page.nextToken, undefined);
    assert.deepEqual(requests.map((r) => r.action), ['DescribeDisks']);
    assert.equal(sandbox.stats.byAction.DescribeDisks, 1);
  });

  test('creates a snapshot the sandbox then describes', async () => {
    const api = gateway();
    const [disk] = (await api.listDisks({ regionId: sandbox.regionId, status: 'In_use' })).items;
    assert.ok(disk, 'the sandbox has no disk in use');
    const snapshotId = await api.createSnapshot({
      regionId: sandbox.regionId, diskId: disk.diskId, clientToken: `suite-${Date.now()}`, snapshotName: 'extension-host-suite',
    });
    const [snapshot] = await api.describeSnapshots(sandbox.regionId, [snapshotId]);
    assert.equal(snapshot?.snapshotId, snapshotId);
    assert.equal(snapshot?.sourceDiskId, disk.diskId);
    assert.equal(snapshot?.snapshotName, 'extension-host-suite');
  });
});

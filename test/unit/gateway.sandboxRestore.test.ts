// The rollback's calls through the gateway and the real SDK against the emulator over HTTP:
// stop -> Stopping -> Stopped (KeepCharging), reset (the snapshot's content comes back), start,
// with the refusals met on the way. Prints the requests per action.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { createEcsGateway, type RequestRecord } from '../../src/ecs/createEcsGateway';
import type { EcsGateway } from '../../src/ecs/gateway';
import { rejection } from './gatewayAssertions';
import { clockedSandbox, type ClockedSandbox } from './sandboxRestoreHelpers';

let ck: ClockedSandbox;
let gw: EcsGateway;
const requests: RequestRecord[] = [];

before(async () => {
  ck = await clockedSandbox();
  gw = createEcsGateway({
    credentials: { type: 'accessKey', accessKeyId: ck.sb.accessKeyId, accessKeySecret: ck.sb.accessKeySecret },
    regionId: ck.sb.regionId,
    endpoint: ck.sb.endpoint,
    sleep: async () => undefined,
    onRequest: (r) => requests.push(r),
  });
});
after(async () => {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[r.action] = (counts[r.action] ?? 0) + 1;
  console.log(`requests per action: ${JSON.stringify(counts)}`);
  await ck.close();
});

const count = (action: string) => requests.filter((r) => r.action === action).length;
const status = async (instanceId: string) => (await gw.describeInstanceStatus(ck.sb.regionId, [instanceId]))[0]?.status;

describe('gateway x sandbox: stop, reset, start', () => {
  it('rolls an attached disk back: each write sent once, the snapshot content restored', async () => {
    const region = ck.sb.regionId;
    const web = ck.instance('web-01');
    const diskId = ck.disk('web-01-data').diskId;
    ck.sb.writeDisk(diskId, 'marker-A');
    const snapshotId = await ck.snapshotNow(diskId);
    ck.sb.writeDisk(diskId, 'marker-B');

    // Running: ECS refuses the reset (a definite refusal: sent once, nothing unknown).
    const running = await rejection(gw.resetDisk(region, diskId, snapshotId));
    assert.equal(running.code, 'IncorrectInstanceStatus');
    assert.notEqual(running.outcomeUnknown, true);
    assert.equal(count('ResetDisk'), 1);

    await gw.stopInstance(region, web.instanceId);
    assert.equal(await status(web.instanceId), 'Stopping');
    const stopping = await rejection(gw.resetDisk(region, diskId, snapshotId));
    assert.equal(stopping.code, 'IncorrectInstanceStatus', 'Stopping is not Stopped');
    const again = await rejection(gw.stopInstance(region, web.instanceId));
    assert.equal(again.code, 'IncorrectInstanceStatus', 'a second stop is refused, never done twice');

    ck.advance(11);
    assert.equal(await status(web.instanceId), 'Stopped');
    const [described] = await gw.describeInstances(region, [web.instanceId]);
    assert.equal(described.stoppedMode, 'KeepCharging', 'the economical-mode default was overridden');

    await gw.resetDisk(region, diskId, snapshotId);
    assert.equal(ck.sb.readDisk(diskId).marker, 'marker-A');

    // "Reset accepted" is not "reset done": the disk is busy for a while.
    const busy = await rejection(gw.startInstance(region, web.instanceId));
    assert.equal(busy.code, 'DiskError');
    assert.notEqual(busy.outcomeUnknown, true);
    ck.advance(10);
    await gw.startInstance(region, web.instanceId);
    assert.equal(await status(web.instanceId), 'Starting');
    ck.advance(16);
    assert.equal(await status(web.instanceId), 'Running');

    assert.equal(count('ResetDisk'), 3);
    assert.equal(count('StopInstance'), 2);
    assert.equal(count('StartInstance'), 2);
  });

  it('a snapshot of another disk is refused with InvalidParameter.Mismatch', async () => {
    const db = ck.disk('数据库数据盘').diskId;
    const other = await ck.snapshotNow(ck.disk('web-01-system').diskId);
    const error = await rejection(gw.resetDisk(ck.sb.regionId, db, other));
    assert.equal(error.code, 'InvalidParameter.Mismatch');
  });

  it('statuses of every instance of the world, paged at 50', async () => {
    const ids = [...ck.sb.world.instances.values()].filter((i) => i.regionId === ck.sb.regionId).map((i) => i.instanceId);
    const statuses = await gw.describeInstanceStatus(ck.sb.regionId, ids);
    assert.deepEqual(statuses.map((s) => s.instanceId).sort(), [...ids].sort());
    assert.ok(statuses.every((s) => ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'].includes(s.status)));
  });

  it('an unknown instance: 404 InvalidInstanceId.NotFound, sent once', async () => {
    const before = count('StartInstance');
    const error = await rejection(gw.startInstance(ck.sb.regionId, 'i-doesnotexist000000'));
    assert.equal(error.code, 'InvalidInstanceId.NotFound');
    assert.equal(count('StartInstance') - before, 1);
  });
});

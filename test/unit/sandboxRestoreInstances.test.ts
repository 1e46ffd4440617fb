// StopInstance(s), StartInstance(s) and DescribeInstanceStatus in the sandbox, through the real SDK:
// the state timeline on a fast, test-driven clock, the StoppedMode trap, and every error code.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import * as $Ecs from '@alicloud/ecs20140526';
import { errorBodyOf, rawRequest, rejectsWith } from './sandboxHelpers';
import { clockedSandbox, type ClockedSandbox } from './sandboxRestoreHelpers';

let c: ClockedSandbox;
beforeEach(async () => {
  c = await clockedSandbox();
});
afterEach(() => c.close());

const stop = (r: ConstructorParameters<typeof $Ecs.StopInstanceRequest>[0]) => c.ecs.stopInstance(new $Ecs.StopInstanceRequest(r));
const start = (r: ConstructorParameters<typeof $Ecs.StartInstanceRequest>[0]) => c.ecs.startInstance(new $Ecs.StartInstanceRequest(r));
const stopMany = (r: ConstructorParameters<typeof $Ecs.StopInstancesRequest>[0]) =>
  c.ecs.stopInstances(new $Ecs.StopInstancesRequest({ regionId: 'cn-hangzhou', ...r }));
const startMany = (r: ConstructorParameters<typeof $Ecs.StartInstancesRequest>[0]) =>
  c.ecs.startInstances(new $Ecs.StartInstancesRequest({ regionId: 'cn-hangzhou', ...r }));
const stoppedModeOf = async (instanceId: string) => {
  const res = await c.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: 'cn-hangzhou', instanceIds: JSON.stringify([instanceId]) }));
  return res.body?.instances?.instance?.[0]?.stoppedMode;
};
const raw = (action: string, params: Record<string, string>) =>
  rawRequest(c.sb.endpoint, { action, accessKeyId: c.sb.accessKeyId, secret: c.sb.accessKeySecret, params });

describe('sandbox instance states move in time', () => {
  it('Running -> Stopping -> Stopped -> Starting -> Running, scaled by the time scale', async () => {
    const web = c.instance('web-01').instanceId;
    assert.equal(await c.statusOf(web), 'Running');
    const res = await stop({ instanceId: web, stoppedMode: 'KeepCharging' });
    assert.deepEqual(Object.keys(res.body?.toMap() ?? {}), ['RequestId']);
    assert.equal(await c.statusOf(web), 'Stopping');
    c.advance(9);
    assert.equal(await c.statusOf(web), 'Stopping');
    c.advance(1);
    assert.equal(await c.statusOf(web), 'Stopped');
    assert.equal(await stoppedModeOf(web), 'KeepCharging');
    await start({ instanceId: web });
    assert.equal(await c.statusOf(web), 'Starting');
    c.advance(14);
    assert.equal(await c.statusOf(web), 'Starting');
    c.advance(1);
    assert.equal(await c.statusOf(web), 'Running');
    assert.equal(await stoppedModeOf(web), 'Not-applicable', 'a running instance has no stopped mode');
  });

  it('ForceStop stops sooner (a power cut)', async () => {
    const web = c.instance('web-01').instanceId;
    await stop({ instanceId: web, forceStop: true, stoppedMode: 'KeepCharging' });
    c.advance(2);
    assert.equal(await c.statusOf(web), 'Stopped');
  });

  it('the timeline also runs on the real clock with a fast time scale', async () => {
    const { startSandbox } = await import('../../src/sandbox');
    const { sdkClient } = await import('./sandboxHelpers');
    const sb = await startSandbox({ timeScale: 200 });
    try {
      const ecs = sdkClient(sb);
      const web = [...sb.world.instances.values()].find((i) => i.instanceName === 'web-01')?.instanceId ?? '';
      await ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: web, stoppedMode: 'KeepCharging' }));
      const status = async () =>
        (await ecs.describeInstanceStatus(new $Ecs.DescribeInstanceStatusRequest({ regionId: 'cn-hangzhou', instanceId: [web] }))).body
          ?.instanceStatuses?.instanceStatus?.[0]?.status;
      assert.equal(await status(), 'Stopping');
      await new Promise((r) => setTimeout(r, 120)); // 10 simulated seconds take 50 ms
      assert.equal(await status(), 'Stopped');
    } finally {
      await sb.close();
    }
  });
});

describe('sandbox StoppedMode: the economical-mode trap', () => {
  it('without StoppedMode the account default (economical) applies, and the start fails for lack of stock', async () => {
    const web = c.instance('web-01');
    await stop({ instanceId: web.instanceId });
    c.advance(10);
    assert.equal(await stoppedModeOf(web.instanceId), 'StopCharging');
    await rejectsWith(start({ instanceId: web.instanceId }), 'OperationDenied.NoStock', 403);
    assert.equal(await c.statusOf(web.instanceId), 'Stopped', 'nothing started');
    // Stock returns: the start succeeds.
    c.sb.world.noStockZones.delete(web.zoneId);
    await start({ instanceId: web.instanceId });
    assert.equal(await c.statusOf(web.instanceId), 'Starting');
  });

  it('KeepCharging keeps the compute: the start works in a sold-out zone', async () => {
    const web = c.instance('web-01');
    assert.ok(c.sb.world.noStockZones.has(web.zoneId), 'the default world sells out web-01\'s zone');
    await stop({ instanceId: web.instanceId, stoppedMode: 'KeepCharging' });
    c.advance(10);
    await start({ instanceId: web.instanceId });
  });

  it('without the account default, a stop keeps charging; a subscription instance is Not-applicable, without error', async () => {
    c.sb.world.account.economicalModeByDefault = false;
    const web = c.instance('web-01');
    await stop({ instanceId: web.instanceId });
    c.advance(10);
    assert.equal(await stoppedModeOf(web.instanceId), 'KeepCharging');
    const db = c.instance('db-01');
    db.chargeType = 'PrePaid';
    await stop({ instanceId: db.instanceId, stoppedMode: 'StopCharging' });
    c.advance(10);
    assert.equal(await stoppedModeOf(db.instanceId), 'Not-applicable');
    await start({ instanceId: db.instanceId });
  });
});

describe('sandbox StopInstance: refusals', () => {
  it('MissingParameter (400), and InvalidParameter (400) for a bad StoppedMode or ForceStop', async () => {
    await rejectsWith(stop({}), 'MissingParameter', 400);
    const web = c.instance('web-01').instanceId;
    await rejectsWith(stop({ instanceId: web, stoppedMode: 'Sleep' }), 'InvalidParameter', 400);
    const res = await raw('StopInstance', { InstanceId: web, ForceStop: 'yes' });
    assert.equal(res.status, 400);
    assert.equal(errorBodyOf(res).Code, 'InvalidParameter');
  });

  it('InvalidInstanceId.NotFound (404)', async () => {
    await rejectsWith(stop({ instanceId: 'i-bp1nothere000000000' }), 'InvalidInstanceId.NotFound', 404);
  });

  it('InstanceLockedForSecurity and InstanceExpiredOrInArrears (403)', async () => {
    await rejectsWith(stop({ instanceId: c.instance('legacy-app').instanceId }), 'InstanceLockedForSecurity', 403);
    const db = c.instance('db-01');
    db.locks.push({ reason: 'financial', message: 'overdue' });
    await rejectsWith(stop({ instanceId: db.instanceId }), 'InstanceExpiredOrInArrears', 403);
  });

  it('IncorrectInstanceStatus (403) when not Running: a second stop is refused, not repeated', async () => {
    const web = c.instance('web-01').instanceId;
    await stop({ instanceId: web, stoppedMode: 'KeepCharging' });
    await rejectsWith(stop({ instanceId: web }), 'IncorrectInstanceStatus', 403);
    c.advance(10);
    await rejectsWith(stop({ instanceId: web }), 'IncorrectInstanceStatus', 403);
  });

  it('HibernationConfigured.NotEnabled (403) for Hibernate=true', async () => {
    await rejectsWith(stop({ instanceId: c.instance('web-01').instanceId, hibernate: true }), 'HibernationConfigured.NotEnabled', 403);
  });

  it('DryRunOperation (400) when the check passes; the instance keeps running', async () => {
    const web = c.instance('web-01').instanceId;
    await rejectsWith(stop({ instanceId: web, dryRun: true }), 'DryRunOperation', 400);
    assert.equal(await c.statusOf(web), 'Running');
    await rejectsWith(stop({ instanceId: c.instance('legacy-app').instanceId, dryRun: true }), 'InstanceLockedForSecurity', 403);
  });
});

describe('sandbox StartInstance: refusals', () => {
  it('MissingParameter (400), InvalidInstanceId.NotFound (404), IncorrectInstanceStatus (403) for a Running one', async () => {
    await rejectsWith(start({}), 'MissingParameter', 400);
    await rejectsWith(start({ instanceId: 'i-bp1nothere000000000' }), 'InvalidInstanceId.NotFound', 404);
    await rejectsWith(start({ instanceId: c.instance('web-01').instanceId }), 'IncorrectInstanceStatus', 403);
  });

  it('IncorrectInstanceStatus (403) while Stopping', async () => {
    const web = c.instance('web-01').instanceId;
    await stop({ instanceId: web, stoppedMode: 'KeepCharging' });
    await rejectsWith(start({ instanceId: web }), 'IncorrectInstanceStatus', 403);
  });

  it('InstanceLockedForSecurity and InstanceExpired (403)', async () => {
    const legacy = c.instance('legacy-app');
    legacy.status = 'Stopped';
    await rejectsWith(start({ instanceId: legacy.instanceId }), 'InstanceLockedForSecurity', 403);
    const db = c.instance('db-01');
    db.status = 'Stopped';
    db.locks.push({ reason: 'financial', message: 'overdue' });
    await rejectsWith(start({ instanceId: db.instanceId }), 'InstanceExpired', 403);
  });

  it('DiskError (403) while a disk of the instance is being reset; starts once the reset ended', async () => {
    const web = c.instance('web-01').instanceId;
    await stop({ instanceId: web, stoppedMode: 'KeepCharging' });
    c.advance(10);
    await c.ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: c.disk('web-01-data').diskId, snapshotId: c.snapshot('web-data-pre-migration').snapshotId }));
    const e = await rejectsWith(start({ instanceId: web }), 'DiskError', 403);
    assert.match(e.message, /IncorrectDiskStatus/);
    c.advance(60);
    await start({ instanceId: web });
  });

  it('InvalidParameter (400) for a bad InitLocalDisk; DryRunOperation (400) leaves it Stopped', async () => {
    const web = c.instance('web-01').instanceId;
    await stop({ instanceId: web, stoppedMode: 'KeepCharging' });
    c.advance(10);
    const res = await raw('StartInstance', { InstanceId: web, InitLocalDisk: 'no' });
    assert.equal(errorBodyOf(res).Code, 'InvalidParameter');
    await rejectsWith(start({ instanceId: web, dryRun: true }), 'DryRunOperation', 400);
    assert.equal(await c.statusOf(web), 'Stopped');
  });
});

describe('sandbox StopInstances / StartInstances', () => {
  it('stops and starts several, answering each one\'s previous and current status', async () => {
    const ids = [c.instance('web-01').instanceId, c.instance('db-01').instanceId];
    const res = await stopMany({ instanceId: ids, stoppedMode: 'KeepCharging' });
    const items = res.body?.instanceResponses?.instanceResponse ?? [];
    assert.deepEqual(
      items.map((i) => [i.instanceId, i.code, i.message, i.previousStatus, i.currentStatus]),
      ids.map((id) => [id, '200', 'success', 'Running', 'Stopping']),
    );
    c.advance(10);
    const started = await startMany({ instanceId: ids });
    assert.deepEqual(
      (started.body?.instanceResponses?.instanceResponse ?? []).map((i) => [i.code, i.previousStatus, i.currentStatus]),
      [['200', 'Stopped', 'Starting'], ['200', 'Stopped', 'Starting']],
    );
  });

  it('RegionId: MissingParameter (400), InvalidRegionId.NotFound (404)', async () => {
    const id = [c.instance('web-01').instanceId];
    await rejectsWith(c.ecs.stopInstances(new $Ecs.StopInstancesRequest({ instanceId: id })), 'MissingParameter', 400);
    await rejectsWith(stopMany({ regionId: 'mars-1', instanceId: id }), 'InvalidRegionId.NotFound', 404);
    await rejectsWith(startMany({ regionId: 'mars-1', instanceId: id }), 'InvalidRegionId.NotFound', 404);
  });

  it('ID lists: empty -> InvalidInstanceId.NotFound (403), over 100 -> InvalidParameter.TooManyInstanceIds (403), duplicates -> Abs.InvalidInstanceIds.MalFormed (403)', async () => {
    for (const call of [stopMany, startMany]) {
      await rejectsWith(call({ instanceId: [] }), 'InvalidInstanceId.NotFound', 403);
      const many = Array.from({ length: 101 }, (_, n) => `i-bp1many${String(n).padStart(12, '0')}`);
      await rejectsWith(call({ instanceId: many }), 'InvalidParameter.TooManyInstanceIds', 403);
      const web = c.instance('web-01').instanceId;
      await rejectsWith(call({ instanceId: [web, web] }), 'Abs.InvalidInstanceIds.MalFormed', 403);
    }
  });

  it('AllTogether: an unknown ID -> InvalidInstanceIds.NotFound (404); one refusal refuses all and changes nothing', async () => {
    const web = c.instance('web-01').instanceId;
    await rejectsWith(stopMany({ instanceId: [web, 'i-bp1nothere000000000'] }), 'InvalidInstanceIds.NotFound', 404);
    await rejectsWith(stopMany({ instanceId: [web, c.instance('legacy-app').instanceId] }), 'InstanceLockedForSecurity', 403);
    assert.equal(await c.statusOf(web), 'Running');
    await rejectsWith(startMany({ instanceId: [web] }), 'IncorrectInstanceStatus', 403);
  });

  it('SuccessFirst: each instance on its own, failures reported per item', async () => {
    const web = c.instance('web-01').instanceId;
    const legacy = c.instance('legacy-app').instanceId;
    const res = await stopMany({ instanceId: [web, legacy, 'i-bp1nothere000000000'], batchOptimization: 'SuccessFirst', stoppedMode: 'KeepCharging' });
    const items = res.body?.instanceResponses?.instanceResponse ?? [];
    assert.deepEqual(
      items.map((i) => [i.code, i.currentStatus]),
      [['200', 'Stopping'], ['InstanceLockedForSecurity', 'Running'], ['InvalidInstanceId.NotFound', '']],
    );
    assert.equal(await c.statusOf(web), 'Stopping');
  });

  it('DRYRUN.SUCCESS (400): AllTogether judges, SuccessFirst always passes', async () => {
    const web = c.instance('web-01').instanceId;
    const legacy = c.instance('legacy-app').instanceId;
    await rejectsWith(stopMany({ instanceId: [web], dryRun: true }), 'DRYRUN.SUCCESS', 400);
    await rejectsWith(stopMany({ instanceId: [web, legacy], dryRun: true }), 'InstanceLockedForSecurity', 403);
    await rejectsWith(stopMany({ instanceId: [web, legacy], dryRun: true, batchOptimization: 'SuccessFirst' }), 'DRYRUN.SUCCESS', 400);
    await rejectsWith(startMany({ instanceId: [web], dryRun: true, batchOptimization: 'SuccessFirst' }), 'DRYRUN.SUCCESS', 400);
    assert.equal(await c.statusOf(web), 'Running');
  });

  it('InvalidParameter (400) for an unknown BatchOptimization', async () => {
    await rejectsWith(stopMany({ instanceId: [c.instance('web-01').instanceId], batchOptimization: 'Whatever' }), 'InvalidParameter', 400);
  });

  it('StartInstances: InstanceExpiredOrInArrears, OperationDenied.NoStock, InstanceNotReady during a reset (403)', async () => {
    const web = c.instance('web-01');
    const db = c.instance('db-01');
    await stopMany({ instanceId: [db.instanceId], stoppedMode: 'KeepCharging' });
    await stopMany({ instanceId: [web.instanceId] }); // economical by default
    c.advance(10);
    db.locks.push({ reason: 'financial', message: 'overdue' });
    await rejectsWith(startMany({ instanceId: [db.instanceId] }), 'InstanceExpiredOrInArrears', 403);
    db.locks.length = 0;
    await rejectsWith(startMany({ instanceId: [web.instanceId] }), 'OperationDenied.NoStock', 403);
    await c.ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: c.disk('db-01-system').diskId, snapshotId: await snapshotOf('db-01-system') }));
    await rejectsWith(startMany({ instanceId: [db.instanceId] }), 'InstanceNotReady', 403);
  });
});

async function snapshotOf(diskName: string): Promise<string> {
  const d = c.disk(diskName);
  const s = c.sb.world.startSnapshot(d, { snapshotName: 'x', description: '', retentionDays: undefined, tags: [] });
  c.advance(3000);
  return s.snapshotId;
}

describe('sandbox DescribeInstanceStatus', () => {
  const describeStatus = (r: ConstructorParameters<typeof $Ecs.DescribeInstanceStatusRequest>[0]) =>
    c.ecs.describeInstanceStatus(new $Ecs.DescribeInstanceStatusRequest({ regionId: 'cn-hangzhou', ...r }));

  it('pages at 10 by default, at most 50, and filters by InstanceId.N and ZoneId', async () => {
    const template = c.instance('db-01');
    for (let n = 0; n < 12; n++) {
      c.sb.world.addInstance({ ...template, instanceId: `i-bp1page${String(n).padStart(12, '0')}`, instanceName: `page-${n}`, zoneId: 'cn-hangzhou-i', locks: [] });
    }
    const first = await describeStatus({});
    assert.equal(first.body?.totalCount, 15);
    assert.equal(first.body?.pageSize, 10);
    assert.equal(first.body?.pageNumber, 1);
    assert.equal(first.body?.instanceStatuses?.instanceStatus?.length, 10);
    const second = await describeStatus({ pageNumber: 2, pageSize: 10 });
    assert.equal(second.body?.instanceStatuses?.instanceStatus?.length, 5);
    const zone = await describeStatus({ zoneId: 'cn-hangzhou-i', pageSize: 50 });
    assert.equal(zone.body?.totalCount, 12);
    const web = c.instance('web-01').instanceId;
    const one = await describeStatus({ instanceId: [web, 'i-bp1nothere000000000'] });
    assert.deepEqual(one.body?.instanceStatuses?.instanceStatus?.map((s) => [s.instanceId, s.status]), [[web, 'Running']]);
    await rejectsWith(describeStatus({ pageSize: 51 }), 'InvalidParameter', 400);
  });

  it('MissingParameter (400), InvalidRegionId.NotFound (404), InvalidZoneId.NotFound (404), TooManyInstanceIds and MalFormed (403)', async () => {
    await rejectsWith(c.ecs.describeInstanceStatus(new $Ecs.DescribeInstanceStatusRequest({})), 'MissingParameter', 400);
    await rejectsWith(describeStatus({ regionId: 'mars-1' }), 'InvalidRegionId.NotFound', 404);
    await rejectsWith(describeStatus({ zoneId: 'cn-shanghai-l' }), 'InvalidZoneId.NotFound', 404);
    const many = Array.from({ length: 101 }, (_, n) => `i-bp1many${String(n).padStart(12, '0')}`);
    await rejectsWith(describeStatus({ instanceId: many }), 'InvalidParameter.TooManyInstanceIds', 403);
    const res = await raw('DescribeInstanceStatus', { RegionId: 'cn-hangzhou', 'InstanceId.1': 'i-a', 'InstanceId.3': 'i-b' });
    assert.equal(res.status, 403);
    assert.equal(errorBodyOf(res).Code, 'Abs.InvalidInstanceIds.MalFormed');
  });
});

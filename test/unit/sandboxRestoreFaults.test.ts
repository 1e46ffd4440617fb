// The restore actions under the sandbox's fault injection, in its request stats, and in its world
// file (disk content, instance transitions, resets; an older file without them still loads).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import * as $Ecs from '@alicloud/ecs20140526';
import { rawRequest, rejectsWith, sdkClient } from './sandboxHelpers';
import { clockedSandbox, type ClockedSandbox } from './sandboxRestoreHelpers';

let c: ClockedSandbox | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe('sandbox restore actions under faults', () => {
  it('throttling (403 with retry-after) and 500 InternalError refuse before anything changes', async () => {
    c = await clockedSandbox({ faults: { throttleRate: 1, retryAfterSeconds: 2 } });
    const web = c.instance('web-01').instanceId;
    const d = c.disk('12data-disk');
    const s = c.snapshot('before-detach');
    const calls = () => [
      c!.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: web })),
      c!.ecs.stopInstances(new $Ecs.StopInstancesRequest({ regionId: 'cn-hangzhou', instanceId: [web] })),
      c!.ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: web })),
      c!.ecs.startInstances(new $Ecs.StartInstancesRequest({ regionId: 'cn-hangzhou', instanceId: [web] })),
      c!.ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: d.diskId, snapshotId: s.snapshotId })),
      c!.ecs.describeInstanceStatus(new $Ecs.DescribeInstanceStatusRequest({ regionId: 'cn-hangzhou' })),
    ];
    c.sb.writeDisk(d.diskId, 'kept');
    for (const p of calls()) await rejectsWith(p, 'Throttling', 403);
    const raw = await rawRequest(c.sb.endpoint, { action: 'ResetDisk', accessKeyId: c.sb.accessKeyId, secret: c.sb.accessKeySecret, params: { DiskId: d.diskId, SnapshotId: s.snapshotId } });
    assert.equal(raw.headers['x-acs-retry-after'], '2000');
    c.sb.setFaults({ throttleRate: 0, errorRate: 1 });
    for (const p of calls()) await rejectsWith(p, 'InternalError', 500);
    c.sb.clearFaults();
    assert.equal(c.instance('web-01').status, 'Running');
    assert.equal(c.sb.readDisk(d.diskId).marker, 'kept');
  });

  it('drops and HTML 502 pages reach the new actions too', async () => {
    c = await clockedSandbox({ faults: { dropRate: 1 } });
    const web = c.instance('web-01').instanceId;
    const dropped = await c.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: web })).catch((e: Error) => e);
    assert.ok(dropped instanceof Error);
    assert.match(`${dropped.name} ${dropped.message}`, /socket hang up|ECONNRESET|closed/i);
    c.sb.setFaults({ dropRate: 0, htmlErrorRate: 1 });
    const html = await rawRequest(c.sb.endpoint, { action: 'StartInstance', accessKeyId: c.sb.accessKeyId, secret: c.sb.accessKeySecret, params: { InstanceId: web } });
    assert.equal(html.status, 502);
    assert.match(String(html.headers['content-type']), /text\/html/);
    c.sb.clearFaults();
    assert.equal(c.instance('web-01').status, 'Running', 'a dropped request was not executed');
  });

  it('a lost answer after execution: the client times out, the stop and the reset still happened', async () => {
    c = await clockedSandbox({ faults: { slowRate: 1, slowMs: 800 } });
    const impatient = sdkClient(c.sb, { readTimeout: 200 });
    const web = c.instance('web-01').instanceId;
    const err = await impatient.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: web, stoppedMode: 'KeepCharging' })).catch((e: Error) => e);
    assert.ok(err instanceof Error);
    assert.match(`${err.name} ${err.message}`, /timeout/i);
    const d = c.disk('12data-disk');
    c.sb.writeDisk(d.diskId, 'later');
    await impatient.resetDisk(new $Ecs.ResetDiskRequest({ diskId: d.diskId, snapshotId: c.snapshot('before-detach').snapshotId })).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 900));
    c.sb.clearFaults();
    assert.equal(await c.statusOf(web), 'Stopping', 'executed although the answer was lost');
    assert.equal(c.sb.readDisk(d.diskId).marker, '', 'reset although the answer was lost');
    // Sending the same stop again is refused, not repeated.
    await rejectsWith(c.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: web })), 'IncorrectInstanceStatus', 403);
  });

  it('lostAnswerRate: the action runs, then the connection is dropped before the answer', async () => {
    c = await clockedSandbox({ faults: { lostAnswerRate: 1 } });
    const web = c.instance('web-01').instanceId;
    const err = await c.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: web, stoppedMode: 'KeepCharging' })).catch((e: Error) => e);
    assert.ok(err instanceof Error);
    assert.match(`${err.name} ${err.message}`, /socket hang up|ECONNRESET|closed/i);
    const d = c.disk('12data-disk');
    c.sb.writeDisk(d.diskId, 'later');
    await c.ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: d.diskId, snapshotId: c.snapshot('before-detach').snapshotId })).catch(() => undefined);
    // A refused request is answered: only an executed one loses its answer.
    await rejectsWith(c.ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: 'i-bp1nothere000000000' })), 'InvalidInstanceId.NotFound', 404);
    c.sb.clearFaults();
    assert.equal(await c.statusOf(web), 'Stopping', 'executed although the answer was lost');
    assert.equal(c.sb.readDisk(d.diskId).marker, '', 'reset although the answer was lost');
  });

  it('lostAnswerRate leaves the other faults\' sequence as it was for a seed', async () => {
    const { FaultInjector } = await import('../../src/sandbox/faults');
    const kinds = (faults: ConstructorParameters<typeof FaultInjector>[0]) => {
      const f = new FaultInjector(faults, 7);
      return Array.from({ length: 200 }, () => f.decide().kind);
    };
    const without = kinds({ throttleRate: 0.3, errorRate: 0.2 });
    const withLost = kinds({ throttleRate: 0.3, errorRate: 0.2, lostAnswerRate: 0.3 });
    assert.ok(withLost.includes('lost'));
    withLost.forEach((k, n) => assert.equal(k === 'lost' ? 'none' : k, without[n], `decision ${n}`));
  });

  it('counts requests per action', async () => {
    c = await clockedSandbox();
    const web = c.instance('web-01').instanceId;
    c.sb.stats.reset();
    await c.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: web, stoppedMode: 'KeepCharging' }));
    await c.statusOf(web);
    await c.statusOf(web);
    await rejectsWith(c.ecs.startInstance(new $Ecs.StartInstanceRequest({ instanceId: web })), 'IncorrectInstanceStatus');
    assert.deepEqual(c.sb.stats.byAction, { StopInstance: 1, DescribeInstanceStatus: 2, StartInstance: 1 });
  });
});

describe('sandbox world file: restore state', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-restore-'));
  afterEach(() => rmSync(join(dir, 'world.json'), { force: true }));

  it('keeps disk content, snapshot content, a transition and a running reset across a restart', async () => {
    const stateFile = join(dir, 'world.json');
    c = await clockedSandbox({ stateFile });
    const d = c.disk('12data-disk');
    c.sb.writeDisk(d.diskId, 'A');
    const sA = await c.snapshotNow(d.diskId);
    c.sb.writeDisk(d.diskId, 'B');
    await c.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: c.instance('web-01').instanceId, stoppedMode: 'KeepCharging' }));
    await c.ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: d.diskId, snapshotId: sA }));
    c.sb.writeDisk(d.diskId, 'C');
    const stoppedAt = c.now();
    await c.close();

    const again = await clockedSandbox({ stateFile }, stoppedAt);
    c = again;
    assert.equal(again.sb.readDisk(d.diskId).marker, 'C', 'a write through the sandbox API is saved too');
    assert.equal(again.sb.snapshotContent(sA).marker, 'A');
    const web = again.instance('web-01').instanceId;
    assert.equal(await again.statusOf(web), 'Stopping');
    await rejectsWith(again.ecs.resetDisk(new $Ecs.ResetDiskRequest({ diskId: d.diskId, snapshotId: sA })), 'InvalidOperation.DiskResetInProgress', 403);
    again.advance(60);
    assert.equal(await again.statusOf(web), 'Stopped');
    assert.equal(await stoppedMode(again, web), 'KeepCharging');
    assert.ok(again.sb.world.noStockZones.has('cn-hangzhou-h'), 'sold-out zones are kept');
  });

  it('an older file without content, transitions or stock still loads (content version 0)', async () => {
    const stateFile = join(dir, 'world.json');
    c = await clockedSandbox({ stateFile });
    const d = c.disk('12data-disk');
    await c.snapshotNow(d.diskId); // saves the world
    await c.close();
    const data = JSON.parse(readFileSync(stateFile, 'utf8')) as Record<string, unknown> & {
      disks: Array<Record<string, unknown>>;
      snapshots: Array<Record<string, unknown>>;
      instances: Array<Record<string, unknown>>;
      account: Record<string, unknown>;
    };
    for (const list of [data.disks, data.snapshots, data.instances]) {
      for (const r of list) for (const k of ['content', 'reset', 'transition', 'stoppedMode', 'chargeType']) delete r[k];
    }
    delete data.noStockZones;
    delete data.account.economicalModeByDefault;
    writeFileSync(stateFile, JSON.stringify(data));

    c = await clockedSandbox({ stateFile });
    assert.equal(c.sb.world.snapshots.size > 0, true);
    assert.deepEqual(c.sb.readDisk(d.diskId), { version: 0, marker: '' });
    const s = [...c.sb.world.snapshots.values()].find((x) => x.sourceDiskId === d.diskId);
    assert.deepEqual(c.sb.snapshotContent(s?.snapshotId ?? ''), { version: 0, marker: '' });
    assert.equal(c.sb.world.noStockZones.size, 0, 'an old world had no sold-out zone');
    const web = c.instance('web-01').instanceId;
    assert.equal(await c.statusOf(web), 'Running');
    await c.ecs.stopInstance(new $Ecs.StopInstanceRequest({ instanceId: web }));
    c.advance(10);
    assert.equal(await stoppedMode(c, web), 'StopCharging', 'the account default applies to an old world too');
  });
});

async function stoppedMode(s: ClockedSandbox, instanceId: string): Promise<string | undefined> {
  const res = await s.ecs.describeInstances(new $Ecs.DescribeInstancesRequest({ regionId: 'cn-hangzhou', instanceIds: JSON.stringify([instanceId]) }));
  return res.body?.instances?.instance?.[0]?.stoppedMode;
}

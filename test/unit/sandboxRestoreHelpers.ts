// Shared by the sandbox's restore tests (ResetDisk, Stop/Start, DescribeInstanceStatus): a sandbox on
// a fake clock that a test moves by simulated seconds, and lookups of the default world by name.

import assert from 'node:assert/strict';
import * as $Ecs from '@alicloud/ecs20140526';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox';
import type { DiskRecord, InstanceRecord, SnapshotRecord } from '../../src/sandbox';
import { sdkClient } from './sandboxHelpers';

/** 60 simulated seconds per real second, on a clock only the test moves. */
export const TIME_SCALE = 60;

export interface ClockedSandbox {
  sb: Sandbox;
  ecs: ReturnType<typeof sdkClient>;
  /** Moves the world's clock on by `seconds` of simulated time. */
  advance(seconds: number): void;
  /** The world's clock now, ms (to start another sandbox where this one stopped). */
  now(): number;
  disk(name: string): DiskRecord;
  instance(name: string): InstanceRecord;
  snapshot(name: string): SnapshotRecord;
  /** The instance's status as DescribeInstanceStatus reports it now. */
  statusOf(instanceId: string): Promise<string | undefined>;
  /** Starts a snapshot of `diskId` through the API and waits (simulated) until it is accomplished. */
  snapshotNow(diskId: string): Promise<string>;
  close(): Promise<void>;
}

export async function clockedSandbox(options: SandboxOptions = {}, startAt = Date.now()): Promise<ClockedSandbox> {
  let now = startAt;
  const sb = await startSandbox({ timeScale: TIME_SCALE, clock: () => now, ...options });
  const ecs = sdkClient(sb);
  const find = <T>(items: Iterable<T>, ok: (t: T) => boolean, what: string): T => {
    for (const t of items) if (ok(t)) return t;
    assert.fail(`no ${what} in the default world`);
  };
  const advance = (seconds: number) => {
    now += Math.ceil((seconds * 1000) / TIME_SCALE); // at least that much simulated time
  };
  return {
    sb,
    ecs,
    advance,
    now: () => now,
    disk: (name) => find(sb.world.disks.values(), (d) => d.diskName === name, `disk ${name}`),
    instance: (name) => find(sb.world.instances.values(), (i) => i.instanceName === name, `instance ${name}`),
    snapshot: (name) => find(sb.world.snapshots.values(), (s) => s.snapshotName === name, `snapshot ${name}`),
    statusOf: async (instanceId) => {
      const regionId = sb.world.instances.get(instanceId)?.regionId ?? 'cn-hangzhou';
      const res = await ecs.describeInstanceStatus(new $Ecs.DescribeInstanceStatusRequest({ regionId, instanceId: [instanceId] }));
      return res.body?.instanceStatuses?.instanceStatus?.find((s) => s.instanceId === instanceId)?.status;
    },
    snapshotNow: async (diskId) => {
      const res = await ecs.createSnapshot(new $Ecs.CreateSnapshotRequest({ diskId }));
      const snapshotId = res.body?.snapshotId ?? '';
      assert.ok(snapshotId, 'CreateSnapshot answered a SnapshotId');
      advance(3000);
      return snapshotId;
    },
    close: () => sb.close(),
  };
}

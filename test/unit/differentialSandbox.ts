// The differential test's emulator, run in a worker thread so the SDK (main thread) and the
// emulator (this thread) use separate cores. Answers two requests from the main thread:
// "take" (read a created snapshot back, then delete it so the disk is free again) and "close".
import { parentPort } from 'node:worker_threads';
import { startSandbox } from '../../src/sandbox';

export interface SandboxReady {
  type: 'ready';
  endpoint: string;
  regionId: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Disks on which CreateSnapshot is not blocked by any precondition. */
  readyDisks: string[];
}

export interface StoredSnapshot {
  snapshotName: string;
  description: string;
  retentionDays?: number;
  tags: Array<{ key: string; value: string }>;
}

export type ToSandbox = { type: 'take'; id: number; snapshotId: string };
export type FromSandbox = SandboxReady | { type: 'taken'; id: number; snapshot?: StoredSnapshot };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('differentialSandbox.ts runs as a worker thread');
  const sandbox = await startSandbox({ disks: 60, seed: 7 });
  const { world } = sandbox;
  const readyDisks = [...world.disks.values()]
    .filter((d) => d.regionId === sandbox.regionId && d.status === 'In_use' && d.locks.length === 0 && !d.neverUsed)
    .filter((d) => /^cloud/.test(d.category))
    .filter((d) => !(d.instanceId && world.instances.get(d.instanceId)?.locks.length))
    .filter((d) => world.snapshotsOf(d.diskId).every((s) => s.progress.status !== 'progressing'))
    .filter((d) => world.manualSnapshotCount(d.diskId) < 200)
    .map((d) => d.diskId);
  port.on('message', (message: ToSandbox) => {
    const s = world.snapshots.get(message.snapshotId);
    if (s) world.deleteSnapshot(message.snapshotId);
    const snapshot = s && { snapshotName: s.snapshotName, description: s.description, retentionDays: s.retentionDays, tags: s.tags };
    port.postMessage({ type: 'taken', id: message.id, snapshot } satisfies FromSandbox);
  });
  const ready: SandboxReady = {
    type: 'ready',
    endpoint: sandbox.endpoint,
    regionId: sandbox.regionId,
    accessKeyId: sandbox.accessKeyId,
    accessKeySecret: sandbox.accessKeySecret,
    readyDisks,
  };
  port.postMessage(ready);
}

void main();

// What a Roll Back command was invoked on: a snapshot node of the Disks view, a disk node, the
// tracker's `{ regionId, diskId, snapshotId }`, or nothing (palette). Duck-typed like diskArgument.ts.
import { diskFromArgument } from '../diskArgument';
import type { RollbackStart } from './rollbackFlow';

export interface RollbackTarget extends RollbackStart {
  regionId?: string;
  /** The credential source the tracker's operation was made with, when it tells. */
  sourceKey?: string;
}

interface SnapshotNodeLike {
  kind?: unknown;
  snapshot?: { snapshotId?: unknown };
  parent?: { disk?: { diskId?: unknown }; region?: { regionId?: unknown } };
}

export function rollbackTargetOf(arg: unknown): RollbackTarget {
  if (!arg || typeof arg !== 'object') return {};
  const node = arg as SnapshotNodeLike;
  if (node.kind === 'snapshot' && typeof node.snapshot?.snapshotId === 'string' && typeof node.parent?.disk?.diskId === 'string') {
    return { regionId: text(node.parent.region?.regionId), diskId: node.parent.disk.diskId, snapshotId: node.snapshot.snapshotId };
  }
  const given = diskFromArgument(arg);
  if (given) return { regionId: given.regionId, diskId: given.disk.diskId };
  const ref = arg as Record<string, unknown>;
  if (typeof ref.diskId === 'string' && ref.diskId !== '') {
    return { regionId: text(ref.regionId), sourceKey: text(ref.sourceKey), diskId: ref.diskId, snapshotId: text(ref.snapshotId) };
  }
  return {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

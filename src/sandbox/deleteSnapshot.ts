// DeleteSnapshot: deleting a snapshot still being created cancels its creation, as on ECS.

import { errors } from './errors';
import { boolParam, required } from './params';
import type { ActionHandler } from './actionContext';

export const deleteSnapshot: ActionHandler = ({ world, params }) => {
  const snapshotId = required(params, 'SnapshotId');
  boolParam(params, 'Force');
  const snapshot = world.snapshots.get(snapshotId);
  if (!snapshot || !world.view(snapshot)) throw errors.snapshotNotFound();
  world.deleteSnapshot(snapshotId);
  return {};
};

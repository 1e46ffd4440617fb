// DeleteSnapshot: deleting a snapshot still being created cancels its creation, as on ECS; one that
// backs a custom image is refused (SnapshotCreatedImage).

import { errors } from './errors';
import { groupErrors } from './groupErrors';
import { boolParam, required } from './params';
import type { ActionHandler } from './actionContext';

export const deleteSnapshot: ActionHandler = ({ world, params }) => {
  const snapshotId = required(params, 'SnapshotId');
  boolParam(params, 'Force');
  const snapshot = world.snapshots.get(snapshotId);
  if (!snapshot || !world.view(snapshot)) throw errors.snapshotNotFound();
  if (snapshot.imageId !== undefined) throw groupErrors.createdImage();
  world.deleteSnapshot(snapshotId);
  return {};
};

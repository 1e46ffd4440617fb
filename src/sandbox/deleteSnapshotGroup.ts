// DeleteSnapshotGroup: deletes every member snapshot (cancelling those still in progress) and
// reports each one in OperationProgressSet. A member that backs a custom image is kept
// (SnapshotCreatedImage) and so is the group, holding it, until it is deleted another way.

import type { ActionHandler } from './actionContext';
import { groupErrors } from './groupErrors';
import { required } from './params';
import { regionOf } from './regionParam';
import { groupView } from './snapshotGroups';

export const deleteSnapshotGroup: ActionHandler = ({ world, params }) => {
  const regionId = regionOf(world, params);
  const snapshotGroupId = required(params, 'SnapshotGroupId');
  const group = world.snapshotGroups.get(snapshotGroupId);
  const view = group && group.regionId === regionId ? groupView(world, group) : undefined;
  if (!group || !view) throw groupErrors.groupNotFound();
  const progress = view.members.map((s) => {
    const related = { RelatedItemSet: { RelatedItem: [{ Name: 'SnapshotId', Value: s.snapshotId }] } };
    if (s.imageId !== undefined) {
      const refusal = groupErrors.createdImage();
      return { OperationStatus: 'Failed', ErrorCode: refusal.code, ErrorMsg: refusal.message, ...related };
    }
    world.deleteSnapshot(s.snapshotId);
    return { OperationStatus: 'Success', ErrorCode: '', ErrorMsg: '', ...related };
  });
  const kept = view.members.filter((s) => s.imageId !== undefined).map((s) => s.snapshotId);
  if (kept.length === 0) world.snapshotGroups.delete(snapshotGroupId);
  else group.snapshotIds = kept;
  return { OperationProgressSet: { OperationProgress: progress } };
};

// ModifySnapshotGroup: renames or redescribes a group; nothing else (no tags, no retention).

import type { ActionHandler } from './actionContext';
import { groupErrors } from './groupErrors';
import { checkGroupDescription, checkGroupName } from './groupRules';
import { optional, required } from './params';
import { regionOf } from './regionParam';
import { groupView } from './snapshotGroups';

export const modifySnapshotGroup: ActionHandler = ({ world, params }) => {
  const regionId = regionOf(world, params);
  const snapshotGroupId = required(params, 'SnapshotGroupId');
  const name = optional(params, 'Name');
  checkGroupName(name);
  const description = optional(params, 'Description');
  checkGroupDescription(description);
  const group = world.snapshotGroups.get(snapshotGroupId);
  if (!group || group.regionId !== regionId || !groupView(world, group)) throw groupErrors.groupNotFound();
  if (name !== undefined) group.name = name;
  if (description !== undefined) group.description = description;
  return {};
};

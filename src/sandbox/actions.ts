// The actions the sandbox serves, by ECS action name.

import type { ActionHandler } from './actionContext';
import { createSnapshot } from './createSnapshot';
import { deleteSnapshot } from './deleteSnapshot';
import { describeDisks } from './describeDisks';
import { describeInstances } from './describeInstances';
import { describeRegions } from './describeRegions';
import { describeSnapshots } from './describeSnapshots';

export const actions: Record<string, ActionHandler> = {
  DescribeRegions: describeRegions,
  DescribeDisks: describeDisks,
  DescribeSnapshots: describeSnapshots,
  DescribeInstances: describeInstances,
  CreateSnapshot: createSnapshot,
  DeleteSnapshot: deleteSnapshot,
};

/** Actions that may change the world: a sandbox with a state file saves after each one. */
export const changingActions: ReadonlySet<string> = new Set(['CreateSnapshot', 'DeleteSnapshot']);

// The actions the sandbox serves, by ECS action name.

import type { ActionHandler } from './actionContext';
import { createSnapshot } from './createSnapshot';
import { createSnapshotGroup } from './createSnapshotGroup';
import { deleteSnapshotGroup } from './deleteSnapshotGroup';
import { describeSnapshotGroups } from './describeSnapshotGroups';
import { modifySnapshotGroup } from './modifySnapshotGroup';
import { deleteSnapshot } from './deleteSnapshot';
import { describeDisks } from './describeDisks';
import { describeInstances } from './describeInstances';
import { describeRegions } from './describeRegions';
import { describeSnapshots } from './describeSnapshots';
import { describeInstanceStatus } from './describeInstanceStatus';
import { resetDisk } from './resetDisk';
import { startInstance } from './startInstance';
import { startInstances } from './startInstances';
import { stopInstance } from './stopInstance';
import { stopInstances } from './stopInstances';

export const actions: Record<string, ActionHandler> = {
  DescribeRegions: describeRegions,
  DescribeDisks: describeDisks,
  DescribeSnapshots: describeSnapshots,
  DescribeInstances: describeInstances,
  CreateSnapshot: createSnapshot,
  DeleteSnapshot: deleteSnapshot,
  DescribeInstanceStatus: describeInstanceStatus,
  ResetDisk: resetDisk,
  StopInstance: stopInstance,
  StopInstances: stopInstances,
  StartInstance: startInstance,
  StartInstances: startInstances,
  CreateSnapshotGroup: createSnapshotGroup,
  DescribeSnapshotGroups: describeSnapshotGroups,
  DeleteSnapshotGroup: deleteSnapshotGroup,
  ModifySnapshotGroup: modifySnapshotGroup,
};

/** Actions that may change the world: a sandbox with a state file saves after each one. */
export const changingActions: ReadonlySet<string> = new Set([
  'CreateSnapshot',
  'DeleteSnapshot',
  'ResetDisk',
  'StopInstance',
  'StopInstances',
  'StartInstance',
  'StartInstances',
  'CreateSnapshotGroup',
  'DeleteSnapshotGroup',
  'ModifySnapshotGroup',
]);

// The rows the tree by instance adds under an instance, after its disks: its recent snapshot
// groups, each expandable to its member snapshots. Same object per group while it is shown, so a
// refresh re-renders the row VS Code already has.
import type { SnapshotGroup, SnapshotGroupMember } from '../ecs/gateway';
import type { InstanceNode } from './instanceNodes';

export class SnapshotGroupNode {
  readonly kind = 'snapshotGroup';
  constructor(
    readonly parent: InstanceNode,
    public group: SnapshotGroup,
  ) {}

  /** For commands invoked on the row (Roll Back Instance...): the region and instance it belongs to. */
  get region(): InstanceNode['region'] {
    return this.parent.region;
  }

  get instance(): InstanceNode['instance'] {
    return this.parent.instance;
  }
}

export class GroupMemberNode {
  readonly kind = 'groupMember';
  constructor(
    readonly parent: SnapshotGroupNode,
    readonly member: SnapshotGroupMember,
    /** The disk's name when the instance's disks are loaded, else its id. */
    readonly diskName: string,
  ) {}
}

export type GroupTreeNode = SnapshotGroupNode | GroupMemberNode;

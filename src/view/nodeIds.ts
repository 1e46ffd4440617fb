// The id a tree row stands for (Copy ID), in one place for every kind of row. Pure: no `vscode`.
import type { TreeNode } from './nodes';

/** The id a node stands for, or undefined for rows that have none (Load more, errors, Unattached disks). */
export function idOf(node: TreeNode | undefined): string | undefined {
  switch (node?.kind) {
    case 'disk':
      return node.disk.diskId;
    case 'snapshot':
      return node.snapshot.snapshotId;
    case 'instance':
      return node.instance.instanceId;
    case 'snapshotGroup':
      return node.group.snapshotGroupId;
    case 'groupMember':
      return node.member.snapshotId;
    default:
      return undefined;
  }
}

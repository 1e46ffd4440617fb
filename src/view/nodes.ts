// The elements of the disk tree. Each node object stays the same while its data is reloaded,
// because VS Code identifies tree elements by object (refreshing one node needs that node).
import type * as vscode from 'vscode';
import type { Disk, Snapshot } from '../ecs/gateway';
import type { DiskRow } from './diskText';
import type { InstanceTreeNode } from './instanceNodes';
import type { RegionDisks } from './regionDisks';

export class DiskNode {
  readonly kind = 'disk';
  /** contextValue last rendered, so a newly seen progressing snapshot re-renders the disk once. */
  renderedContext: string | undefined;
  /** The texts last rendered, reused while the disk and its blocker state stay the same. */
  row: DiskRow | undefined;
  /** The item last built and its row: handed to VS Code again on a refresh where the row did not change. */
  rendered: { row: DiskRow; item: vscode.TreeItem } | undefined;
  /** The disk's lower-cased text a filter searches (diskSearchText), and the disk object it was read from. */
  searchText: string | undefined;
  searchedDisk: Disk | undefined;
  private snapshots: Map<string, SnapshotNode> | undefined;
  private more: LoadMoreNode | undefined;
  constructor(
    readonly region: RegionDisks,
    public disk: Disk,
  ) {}

  // Made on first use: of 100,000 disks, a few are ever expanded.
  get snapshotNodes(): Map<string, SnapshotNode> {
    return (this.snapshots ??= new Map());
  }

  get loadMore(): LoadMoreNode {
    return (this.more ??= new LoadMoreNode(this.region, this));
  }
}

export class SnapshotNode {
  readonly kind = 'snapshot';
  constructor(
    readonly parent: DiskNode,
    public snapshot: Snapshot,
  ) {}
}

/** "Load more" under the root (disks) or under a disk (its snapshots). */
export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(
    readonly region: RegionDisks,
    readonly parent: DiskNode | undefined,
  ) {}
}

/** A failed load: the catalog's message, a click opens the log. */
export class ErrorNode {
  readonly kind = 'error';
  constructor(
    readonly parent: DiskNode | undefined,
    readonly error: unknown,
  ) {}
}

/** A quiet line such as "No snapshots yet". */
export class InfoNode {
  readonly kind = 'info';
  constructor(
    readonly parent: DiskNode | undefined,
    readonly message: string,
    /** A way out, e.g. "Enter an AccessKey..." under a rejected-credentials error. */
    readonly action?: { command: string; icon: string },
  ) {}
}

export type TreeNode = DiskNode | SnapshotNode | LoadMoreNode | ErrorNode | InfoNode | InstanceTreeNode;

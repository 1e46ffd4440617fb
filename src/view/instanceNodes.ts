// The elements the tree by instance adds: instances, the "Unattached disks" group, and its own
// "Load more". Disks beneath them are the flat list's DiskNodes (same snapshots, same menus).
import type { Instance } from '../ecs/gateway';
import type { GroupTreeNode } from './groupNodes';
import type { RegionDisks } from './regionDisks';

export class InstanceNode {
  readonly kind = 'instance';
  constructor(
    readonly region: RegionDisks,
    public instance: Instance,
  ) {}
}

export class UnattachedNode {
  readonly kind = 'unattached';
  constructor(readonly region: RegionDisks) {}
}

/**
 * "Load more" of the tree by instance: under the root it brings the next page of instances (and
 * of disks while some are not loaded); under "Unattached disks" the next page of disks; under an
 * instance the next page of its own disks.
 */
export class InstanceLoadMoreNode {
  readonly kind = 'instanceLoadMore';
  constructor(
    readonly region: RegionDisks,
    readonly parent: InstanceNode | UnattachedNode | undefined,
  ) {}
}

export type InstanceTreeNode = InstanceNode | UnattachedNode | InstanceLoadMoreNode | GroupTreeNode;

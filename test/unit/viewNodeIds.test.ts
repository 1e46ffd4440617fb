// Copy ID copies the id a row stands for: disks, snapshots, instances, snapshot groups and their
// member snapshots (the rows the tree by instance adds); rows without an id copy nothing.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Instance, SnapshotGroup } from '../../src/ecs/gateway';
import { GroupMemberNode, SnapshotGroupNode } from '../../src/view/groupNodes';
import { InstanceNode, UnattachedNode } from '../../src/view/instanceNodes';
import { idOf } from '../../src/view/nodeIds';
import type { RegionDisks } from '../../src/view/regionDisks';

const region = {} as RegionDisks;
const instance = { instanceId: 'i-web01', instanceName: 'web-01' } as Instance;
const group = { snapshotGroupId: 'ssg-1', name: 'pre-upgrade', members: [] } as unknown as SnapshotGroup;

describe('Copy ID of a row', () => {
  it('copies the instance, group and member ids', () => {
    const instanceNode = new InstanceNode(region, instance);
    const groupNode = new SnapshotGroupNode(instanceNode, group);
    const member = new GroupMemberNode(groupNode, { snapshotId: 's-member', sourceDiskId: 'd-1' } as SnapshotGroup['members'][number], 'web-data');
    assert.equal(idOf(instanceNode), 'i-web01');
    assert.equal(idOf(groupNode), 'ssg-1');
    assert.equal(idOf(member), 's-member');
  });

  it('copies nothing for rows that stand for no resource', () => {
    assert.equal(idOf(new UnattachedNode(region)), undefined);
    assert.equal(idOf(undefined), undefined);
  });
});

// The Disks view grouped by instance, inside the real extension host, fed by the sandbox over the
// real SDK: what it shows, what it costs (request counts printed), the filter, and the toggle.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import type { InstanceNode, UnattachedNode } from '../../src/view/instanceNodes';
import type { DiskNode, TreeNode } from '../../src/view/nodes';
import { GROUPED_MEMORY_KEY, GroupingPreference } from '../../src/view/registerGrouping';
import { connectionTo, diskNodes, makeTree, sandboxGateway } from './treeHelpers';

const REGION = 'cn-hangzhou';
/** Requests for instances and disks; an instance's snapshot groups are a lookup of their own. */
const listing = (sandbox: Sandbox) => (sandbox.stats.byAction.DescribeInstances ?? 0) + (sandbox.stats.byAction.DescribeDisks ?? 0);
const instanceNodes = (children: TreeNode[]) => children.filter((n): n is InstanceNode => n.kind === 'instance');
const unattachedOf = (children: TreeNode[]) => children.find((n): n is UnattachedNode => n.kind === 'unattached');

function groupedTree(sandbox: Sandbox) {
  const tree = makeTree(connectionTo(sandboxGateway(sandbox), REGION));
  tree.provider.setGroupedByInstance(true);
  return tree;
}

/** Root rows after clicking the root's "Load more" until none is left. */
async function loadAll(provider: ReturnType<typeof makeTree>['provider']): Promise<TreeNode[]> {
  let children = await provider.getChildren();
  for (let last = children.at(-1); last?.kind === 'instanceLoadMore'; last = children.at(-1)) {
    await provider.loadMore(last);
    children = await provider.getChildren();
  }
  return children;
}

suite('Tree by instance on the sandbox (default world)', () => {
  let sandbox: Sandbox;
  suiteSetup(async () => {
    sandbox = await startSandbox({ seed: 3 });
  });
  suiteTeardown(async () => {
    await sandbox?.close();
  });

  test('instances on top with state, zone and locks; their disks beneath, system first; then Unattached disks', async () => {
    const { provider, connections, presenter } = groupedTree(sandbox);
    const root = await provider.getChildren();
    const world = [...sandbox.world.instances.values()].filter((i) => i.regionId === REGION);
    assert.deepEqual(instanceNodes(root).map((n) => n.instance.instanceId).sort(), world.map((i) => i.instanceId).sort());
    assert.equal(root.at(-1)?.kind, 'unattached', 'one page of each: no Load more, Unattached last');
    assert.deepEqual(connections.states.map((s) => s.state), ['ready']);
    assert.equal(presenter.problem, undefined);

    const named = (name: string) => {
      const node = instanceNodes(root).find((n) => n.instance.instanceName === name);
      assert.ok(node, `no instance ${name}`);
      return node;
    };
    const web = provider.getTreeItem(named('web-01'));
    assert.equal(web.label, 'web-01');
    assert.equal(web.contextValue, 'instance.running');
    assert.equal(web.description, `Running · ${named('web-01').instance.instanceId} · cn-hangzhou-h`);
    assert.equal((web.iconPath as vscode.ThemeIcon).id, 'vm-running');
    const legacy = provider.getTreeItem(named('legacy-app'));
    assert.equal(legacy.contextValue, 'instance.running.securityLock');
    assert.equal((legacy.iconPath as vscode.ThemeIcon).id, 'lock');
    assert.match(String(legacy.description), /security lock/);

    const webDisks = diskNodes(await provider.getChildren(named('web-01')));
    const expected = sandbox.world.disksIn(REGION).filter((d) => d.instanceId === named('web-01').instance.instanceId);
    assert.equal(webDisks.length, expected.length);
    assert.equal(webDisks[0].disk.type, 'system', 'system disk first');
    assert.equal(provider.getParent(webDisks[0]), named('web-01'));
    const legacyDisk = diskNodes(await provider.getChildren(named('legacy-app')))[0];
    assert.equal(provider.getTreeItem(legacyDisk).contextValue, 'disk.blocked.securityLock', 'the lock hint holds with no lock lookup');

    const unattached = unattachedOf(root);
    assert.ok(unattached);
    const free = diskNodes(await provider.getChildren(unattached));
    assert.deepEqual(
      free.map((n) => n.disk.diskId).sort(),
      sandbox.world.disksIn(REGION).filter((d) => !d.instanceId).map((d) => d.diskId).sort(),
    );
    assert.equal(provider.getTreeItem(unattached).label, 'Unattached disks');
  });

  test('when the instances cannot load, the message says why and Retry brings them', async () => {
    const { provider, presenter } = groupedTree(sandbox);
    sandbox.setFaults({ errorRate: 1 });
    let root: TreeNode[];
    try {
      root = await provider.getChildren();
    } finally {
      sandbox.clearFaults();
    }
    assert.ok(presenter.problem, 'the whole error on the message line');
    assert.deepEqual(root.map((n) => provider.getTreeItem(n).label), ['Retry', 'Show Log']);
    await provider.loadMore(root[0] as Parameters<typeof provider.loadMore>[0]);
    const again = await provider.getChildren();
    assert.ok(instanceNodes(again).length > 0);
    assert.equal(presenter.problem, undefined);
  });

  test('a disk\'s snapshots still load under its instance, and Refresh keeps the grouping', async () => {
    const { provider } = groupedTree(sandbox);
    const web = instanceNodes(await provider.getChildren()).find((n) => n.instance.instanceName === 'web-01');
    assert.ok(web);
    const data = diskNodes(await provider.getChildren(web)).find((n) => n.disk.diskName === 'web-01-data') as DiskNode;
    const snapshots = (await provider.getChildren(data)).filter((n) => n.kind === 'snapshot');
    assert.ok(snapshots.length > 0);
    provider.refreshAll();
    sandbox.stats.reset();
    const again = await provider.getChildren();
    assert.ok(instanceNodes(again).length > 0, 'still grouped after a refresh');
    assert.equal(provider.loadedDisks().length, sandbox.world.disksIn(REGION).length, 'pickers see the disks the grouping loaded');
    assert.equal(sandbox.stats.byAction.DescribeInstances, 1);
    assert.equal(sandbox.stats.byAction.DescribeDisks, 1);
  });
});

suite('Tree by instance with 1,000 instances', () => {
  let sandbox: Sandbox;
  let instanceCount = 0;
  let diskCount = 0;
  suiteSetup(async () => {
    sandbox = await startSandbox({ instances: 1000, seed: 11 });
    instanceCount = [...sandbox.world.instances.values()].filter((i) => i.regionId === REGION).length;
    diskCount = sandbox.world.disksIn(REGION).length;
  });
  suiteTeardown(async () => {
    await sandbox?.close();
  });

  test('a full load costs ceil(N/100) DescribeInstances plus the disk pages; expanding an instance then lists no disk again (at most 1 request in all)', async () => {
    assert.equal(instanceCount, 1000);
    const { provider } = groupedTree(sandbox);
    sandbox.stats.reset();
    const first = await provider.getChildren();
    assert.equal(instanceNodes(first).length, 100);
    assert.equal(first.at(-1)?.kind, 'instanceLoadMore');
    assert.deepEqual({ ...sandbox.stats.byAction }, { DescribeInstances: 1, DescribeDisks: 1 }, 'first pages side by side, no lock lookup');
    const more = provider.getTreeItem(first.at(-1)!);
    assert.equal(more.label, 'Load more instances');
    assert.equal(more.command?.command, 'ecsSnapshots.loadMore');

    const all = await loadAll(provider);
    const ids = instanceNodes(all).map((n) => n.instance.instanceId);
    assert.equal(ids.length, instanceCount);
    assert.equal(new Set(ids).size, instanceCount);
    assert.equal(sandbox.stats.byAction.DescribeInstances, Math.ceil(instanceCount / 100));
    assert.equal(sandbox.stats.byAction.DescribeDisks, Math.ceil(diskCount / 500));
    console.log(
      `      ${instanceCount} instances, ${diskCount} disks: ${JSON.stringify(sandbox.stats.byAction)} (${sandbox.stats.total} requests; ` +
        `ceil(N/100) = ${Math.ceil(instanceCount / 100)}, ceil(D/500) = ${Math.ceil(diskCount / 500)})`,
    );

    const before = listing(sandbox);
    const total = sandbox.stats.total;
    const last = instanceNodes(all).at(-1)!;
    const disks = diskNodes(await provider.getChildren(last));
    assert.deepEqual(
      disks.map((n) => n.disk.diskId).sort(),
      sandbox.world.disksIn(REGION).filter((d) => d.instanceId === last.instance.instanceId).map((d) => d.diskId).sort(),
    );
    assert.equal(disks[0].disk.type, 'system');
    assert.equal(listing(sandbox) - before, 0, 'its disks were loaded with the pages');
    assert.ok(sandbox.stats.total - total <= 1, 'an expansion never costs more than one request once its disks are loaded');
    console.log(`      expanding an instance with every page loaded: ${sandbox.stats.total - total} request(s) (${listing(sandbox) - before} for disks)`);
  });

  test('expanding an instance while disk pages are missing costs one DescribeDisks', async () => {
    const { provider } = groupedTree(sandbox);
    const first = await provider.getChildren();
    // Until every disk page is in, no page can tell that it holds all of an instance's disks.
    const target = instanceNodes(first).at(-1);
    assert.ok(target);
    sandbox.stats.reset();
    const [a, b] = await Promise.all([provider.getChildren(target), provider.getChildren(target)]);
    assert.equal(listing(sandbox), 1, 'one DescribeDisks by InstanceId, however often VS Code asks');
    assert.equal(sandbox.stats.byAction.DescribeDisks, 1);
    assert.deepEqual(diskNodes(a).map((n) => n.disk.diskId), diskNodes(b).map((n) => n.disk.diskId));
    assert.deepEqual(
      diskNodes(a).map((n) => n.disk.diskId).sort(),
      sandbox.world.disksIn(REGION).filter((d) => d.instanceId === target.instance.instanceId).map((d) => d.diskId).sort(),
    );
    assert.equal(diskNodes(a)[0].disk.type, 'system');
    console.log(`      expanding an instance before its disk pages: ${listing(sandbox)} request for its disks (${sandbox.stats.total} in all)`);
    sandbox.stats.reset();
    await provider.getChildren(target);
    assert.equal(listing(sandbox), 0, 'a second expansion costs nothing for its disks');
  });

  test('revealing a disk (e.g. from the tracker) finds it under its instance, loading the pages up to it', async () => {
    const { provider } = groupedTree(sandbox);
    await provider.getChildren();
    const target = sandbox.world.disksIn(REGION).at(-1)!;
    assert.ok(target.instanceId, 'the last disk belongs to a generated instance');
    provider.setFilter('web-01');
    const node = await provider.findDiskNode(REGION, target.diskId);
    assert.equal(node?.disk.diskId, target.diskId);
    const parent = node && provider.getParent(node);
    assert.equal(parent?.kind, 'instance');
    assert.equal((parent as InstanceNode).instance.instanceId, target.instanceId);
    assert.equal(provider.filter, '', 'a filter hiding it is cleared');
    assert.ok((await provider.getChildren()).includes(parent!), 'its instance is among the rows');
    assert.ok((await provider.getChildren(parent)).includes(node!), 'and the disk under it');
  });

  test('the filter matches an instance by name (all its disks stay) and lists nothing again', async () => {
    const { provider, presenter } = groupedTree(sandbox);
    await loadAll(provider);
    const name = 'gen-instance-0500';
    sandbox.stats.reset();
    provider.setFilter(name);
    const root = await provider.getChildren();
    assert.deepEqual(instanceNodes(root).map((n) => n.instance.instanceName), [name]);
    assert.equal(unattachedOf(root), undefined, 'no unattached disk matches');
    const disks = diskNodes(await provider.getChildren(instanceNodes(root)[0]));
    assert.equal(disks.length, sandbox.world.disksIn(REGION).filter((d) => d.instanceId === instanceNodes(root)[0].instance.instanceId).length);
    assert.equal(presenter.message, `Filter "${name}": 1 of ${instanceCount} loaded instances.`);
    assert.equal(presenter.filtered, true);

    provider.setFilter(instanceNodes(root)[0].instance.instanceId);
    assert.equal(instanceNodes(await provider.getChildren()).length, 1, 'by id too');
    provider.setFilter(`${name}-data1`);
    const byDisk = await provider.getChildren();
    assert.ok(instanceNodes(byDisk).every((n) => n.instance.instanceName === name), 'a disk name keeps its instance');
    provider.setFilter('no-such-thing');
    const none = await provider.getChildren();
    assert.equal(none.length, 1);
    assert.equal(provider.getTreeItem(none[0]).label, 'No loaded instance or disk matches "no-such-thing".');
    assert.equal(listing(sandbox), 0, 'filtering lists nothing again');
  });
});

suite('Group by Instance toggle', () => {
  class MemoryMemento implements vscode.Memento {
    private readonly values = new Map<string, unknown>();
    keys(): readonly string[] {
      return [...this.values.keys()];
    }
    get<T>(key: string, fallback?: T): T | undefined {
      return this.values.has(key) ? (this.values.get(key) as T) : fallback;
    }
    async update(key: string, value: unknown): Promise<void> {
      this.values.set(key, value);
    }
  }

  test('off by default; turned on, it is remembered for the next window', async () => {
    const memory = new MemoryMemento();
    const first = makeTree(undefined).provider;
    new GroupingPreference(memory, first).restore();
    assert.equal(first.groupedByInstance, false, 'the flat list stays the default');
    await new GroupingPreference(memory, first).set(true);
    assert.equal(first.groupedByInstance, true);
    assert.equal(memory.get(GROUPED_MEMORY_KEY), true);

    const next = makeTree(undefined).provider;
    new GroupingPreference(memory, next).restore();
    assert.equal(next.groupedByInstance, true, 'a new window starts grouped');
    await new GroupingPreference(memory, next).set(false);
    assert.equal(next.groupedByInstance, false);
    assert.equal(memory.get(GROUPED_MEMORY_KEY), false);
  });

  test('both toggle commands are registered by the extension', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('ecsSnapshots.groupByInstance'));
    assert.ok(commands.includes('ecsSnapshots.ungroupDisks'));
  });
});

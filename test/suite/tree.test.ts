// The disk tree inside the real extension host, fed by a sandbox over HTTP through the real SDK:
// what it shows, how many requests it costs, how it fails, and how it follows a region switch.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { deleteSnapshot } from '../../src/commands/deleteSnapshot';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import type { DiskNode, ErrorNode, SnapshotNode, TreeNode } from '../../src/view/nodes';
import { connectionTo, diskNodes, hoverTooltip, loadAllDisks, makeTree, sandboxGateway } from './treeHelpers';

const byName = (children: TreeNode[], name: string): DiskNode => {
  const node = diskNodes(children).find((n) => n.disk.diskName === name);
  assert.ok(node, `no disk named ${name}`);
  return node;
};

const snapshotsOf = (children: TreeNode[]): SnapshotNode[] => children.filter((n): n is SnapshotNode => n.kind === 'snapshot');

suite('Disk tree on the sandbox (default world)', () => {
  let sandbox: Sandbox;

  suiteSetup(async () => {
    sandbox = await startSandbox({ seed: 3 });
  });
  suiteTeardown(async () => {
    await sandbox?.close();
  });

  test('shows the region\'s disks with their state, and each disk\'s snapshots newest first', async () => {
    const { provider, connections, presenter } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    const root = await provider.getChildren();
    const expected = sandbox.world.disksIn('cn-hangzhou').map((d) => d.diskId).sort();
    assert.deepEqual(diskNodes(root).map((n) => n.disk.diskId).sort(), expected);
    assert.equal(root.length, expected.length, 'one page: no Load more row');
    assert.equal(presenter.description, 'cn-hangzhou · sandbox');
    assert.deepEqual(connections.states.map((s) => s.state), ['ready']);

    const item = (name: string) => provider.getTreeItem(byName(root, name));
    assert.equal(item('web-01-data').contextValue, 'disk.ready');
    assert.equal(item('web-01-data').description, '200 GiB · ESSD PL1 · In use · ' + byName(root, 'web-01-data').disk.instanceId);
    assert.equal((item('web-01-system').iconPath as vscode.ThemeIcon).id, 'server');
    assert.equal((item('web-01-data').iconPath as vscode.ThemeIcon).id, 'database');
    assert.equal(item('legacy-app-system').contextValue, 'disk.blocked.securityLock', 'the instance is security-locked');
    assert.match(await hoverTooltip(provider, byName(root, 'legacy-app-system')), /locked for security/);
    assert.equal(item('attaching-data').contextValue, 'disk.blocked.status');
    const unnamed = diskNodes(root).find((n) => n.disk.diskName === '');
    assert.ok(unnamed);
    assert.equal(provider.getTreeItem(unnamed).label, unnamed.disk.diskId);

    const webData = byName(root, 'web-01-data');
    const snapshots = snapshotsOf(await provider.getChildren(webData));
    const world = sandbox.world.snapshotsOf(webData.disk.diskId).sort((a, b) => b.startedAt - a.startedAt);
    assert.deepEqual(snapshots.map((s) => s.snapshot.snapshotId), world.map((s) => s.snapshotId));
    assert.deepEqual(snapshots.map((s) => s.snapshot.snapshotName), ['web-data-pre-migration', 'auto_20261120_1']);
    const first = provider.getTreeItem(snapshots[0]);
    assert.equal(first.contextValue, 'snapshot.deletable');
    assert.match(String(first.description), /^Ready · /);
    assert.equal(provider.getParent(snapshots[0]), webData);
  });

  test('a snapshot still being created marks it busy and blocks its disk', async () => {
    const { provider } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    const root = await provider.getChildren();
    const db = byName(root, '数据库数据盘');
    assert.equal(provider.getTreeItem(db).contextValue, 'disk.ready', 'nothing known before expanding');
    const fired = new Promise<TreeNode | undefined>((resolve) => provider.onDidChangeTreeData((n) => resolve(n ?? undefined)));
    const [nightly] = snapshotsOf(await provider.getChildren(db));
    assert.equal(nightly.snapshot.status, 'progressing');
    const item = provider.getTreeItem(nightly);
    assert.equal(item.contextValue, 'snapshot.busy');
    assert.match(String(item.description), /^Creating \d+%/);
    assert.equal(await fired, db, 'only that disk re-renders');
    const disk = provider.getTreeItem(db);
    assert.equal(disk.contextValue, 'disk.blocked.creating');
    assert.equal((disk.iconPath as vscode.ThemeIcon).id, 'sync~spin');
    provider.dispose();
  });

  test('an expanded disk with a snapshot in progress reloads its snapshots until it is done', async () => {
    const { provider } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'), 150);
    try {
      const db = byName(await provider.getChildren(), '数据库数据盘');
      const [before] = snapshotsOf(await provider.getChildren(db));
      assert.equal(before.snapshot.status, 'progressing');
      sandbox.stats.reset();
      const refreshed = new Promise<void>((resolve) =>
        provider.onDidChangeTreeData((n) => {
          if (n === db) resolve();
        }),
      );
      await refreshed; // after progressPollMs, with no click
      const [after] = snapshotsOf(await provider.getChildren(db)); // what VS Code does for an expanded node
      assert.equal(after, before, 'same node object, new data');
      assert.equal(sandbox.stats.byAction.DescribeSnapshots, 1);
      assert.ok(after.snapshot.progress >= 0);
    } finally {
      provider.dispose();
    }
  });

  test('a disk with 256 snapshots pages them 100 at a time', async () => {
    const { provider } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    const logs = byName(await provider.getChildren(), 'logs-ssd');
    sandbox.stats.reset();
    let children = await provider.getChildren(logs);
    assert.equal(snapshotsOf(children).length, 100);
    while (children.at(-1)?.kind === 'loadMore') {
      await provider.loadMore(children.at(-1) as never);
      children = await provider.getChildren(logs);
    }
    const names = snapshotsOf(children).map((s) => s.snapshot.snapshotName);
    assert.equal(names.length, 256);
    assert.equal(names[0], 'logs-hourly-001', 'newest first');
    assert.equal(names[255], 'logs-hourly-256');
    assert.equal(sandbox.stats.byAction.DescribeSnapshots, 3);
  });

  test('tracker change refreshes only that disk, which reloads its snapshots', async () => {
    const { provider, tracker } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    const root = await provider.getChildren();
    const web = byName(root, 'web-01-system');
    await provider.getChildren(web);
    tracker.creating.add(web.disk.diskId);
    const events: (TreeNode | undefined)[] = [];
    provider.onDidChangeTreeData((n) => events.push(n ?? undefined));
    tracker.change({ regionId: 'cn-hangzhou', diskId: web.disk.diskId });
    assert.deepEqual(events, [web]);
    assert.equal(provider.getTreeItem(web).contextValue, 'disk.blocked.creating');
    sandbox.stats.reset();
    await provider.getChildren(web);
    assert.equal(sandbox.stats.byAction.DescribeSnapshots, 1);
    assert.equal(sandbox.stats.byAction.DescribeDisks, undefined);
    tracker.change({ regionId: 'cn-shanghai', diskId: web.disk.diskId });
    assert.equal(events.length, 1, 'another region: nothing to refresh');
  });

  test('filter applies to loaded disks and shows in the view message', async () => {
    const { provider, presenter } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    await provider.getChildren();
    sandbox.stats.reset();
    provider.setFilter('env=prod');
    const names = diskNodes(await provider.getChildren()).map((n) => n.disk.diskName).sort();
    assert.deepEqual(names, ['web-01-data', '数据库数据盘'].sort());
    assert.equal(presenter.filtered, true);
    assert.match(presenter.message ?? '', /env=prod.*2 of 15/);
    assert.equal(sandbox.stats.total, 0, 'filtering requests nothing');
    provider.setFilter('no-such-disk');
    const [info] = await provider.getChildren();
    assert.equal(info.kind, 'info');
    provider.setFilter('');
    assert.equal(presenter.filtered, false);
    assert.equal(presenter.message, undefined);
    assert.equal(diskNodes(await provider.getChildren()).length, 15);
  });

  test('delete asks with the snapshot\'s name and removes it from ECS and the tree', async () => {
    const { provider, log } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    const disk = byName(await provider.getChildren(), '12data-disk');
    const [target] = snapshotsOf(await provider.getChildren(disk));
    assert.equal(target.snapshot.snapshotName, 'before-detach');
    const asked: string[] = [];

    // Declined: nothing is sent.
    sandbox.stats.reset();
    const declined = await deleteSnapshot(target, {
      log, deleted: (n) => provider.snapshotDeleted(n),
      confirm: async (message) => (asked.push(message), false),
    });
    assert.equal(declined, false);
    assert.equal(sandbox.stats.byAction.DeleteSnapshot, undefined);

    const deleted = await deleteSnapshot(target, {
      log, deleted: (n) => provider.snapshotDeleted(n),
      confirm: async (message, detail, action) => {
        asked.push(message);
        assert.match(detail, new RegExp(target.snapshot.snapshotId));
        assert.equal(action, 'Delete');
        return true;
      },
    });
    assert.equal(deleted, true);
    assert.deepEqual(asked, ['Delete snapshot "before-detach"?', 'Delete snapshot "before-detach"?']);
    assert.equal(sandbox.stats.byAction.DeleteSnapshot, 1);
    assert.equal(sandbox.world.snapshotsOf(disk.disk.diskId).length, 0, 'gone in the emulator');
    const after = await provider.getChildren(disk);
    assert.deepEqual(after.map((n) => n.kind), ['info'], '"No snapshots yet"');
    assert.equal(sandbox.stats.byAction.DescribeSnapshots, undefined, 'removed without reloading');
  });

  test('region switch reloads from the new region', async () => {
    const gateway = sandboxGateway(sandbox);
    const { provider, connections, presenter } = makeTree(connectionTo(gateway, 'cn-hangzhou'));
    assert.equal(diskNodes(await provider.getChildren()).length, 15);
    const events: (TreeNode | undefined)[] = [];
    provider.onDidChangeTreeData((n) => events.push(n));
    connections.switchTo(connectionTo(gateway, 'cn-shanghai'));
    assert.deepEqual(events, [undefined], 'the whole tree refreshes');
    const shanghai = diskNodes(await provider.getChildren());
    assert.deepEqual(shanghai.map((n) => n.disk.diskName).sort(), ['api-sh-01-data', 'api-sh-01-system']);
    assert.equal(presenter.description, 'cn-shanghai · sandbox');
    assert.deepEqual(provider.loadedDisks().map((d) => d.diskName).sort(), ['api-sh-01-data', 'api-sh-01-system']);
    assert.equal(provider.getTreeItem(shanghai[0]).id?.startsWith('disk:cn-shanghai:'), true);

    connections.switchTo(undefined);
    assert.deepEqual(await provider.getChildren(), [], 'not configured: the welcome view shows');
  });

  test('a rejected secret: the full message above the tree (never cut), then Retry, the ways out and Show Log; no secret', async () => {
    const wrongSecret = 'WrongSecret-do-not-log-0000000001';
    const { provider, connections, presenter, log } = makeTree(connectionTo(sandboxGateway(sandbox, wrongSecret), 'cn-hangzhou'));
    const children = await provider.getChildren();
    // The message line wraps at any width, unlike a row: the whole catalog text goes there, not in a cut row.
    assert.match(presenter.problem ?? '', /^The AccessKey secret does not match the AccessKey ID\. .+ \(SignatureDoesNotMatch, request ID [\w-]+\)$/);
    assert.deepEqual(children.map((n) => n.kind), ['loadMore', 'info', 'info', 'info'], 'Retry, the two ways out, Show Log');
    const items = children.map((n) => provider.getTreeItem(n));
    assert.deepEqual(items.map((i) => i.label), ['Retry', 'Enter an AccessKey...', 'Choose Another Profile...', 'Show Log']);
    assert.deepEqual(
      items.map((i) => i.command?.command),
      ['ecsSnapshots.loadMore', 'ecsSnapshots.setAccessKey', 'ecsSnapshots.selectProfile', 'ecsSnapshots.showLog'],
    );
    assert.deepEqual(items.map((i) => (i.iconPath as vscode.ThemeIcon).id), ['refresh', 'key', 'account', 'output'], 'Retry has its own icon');
    assert.deepEqual(connections.states.map((s) => s.state), ['credentialsRejected']);
    // What the user can see or read (not the nodes: the Retry row's argument holds the gateway).
    const everything = JSON.stringify([items.map((i) => [i.label, i.description, i.tooltip]), presenter, connections.states, log.lines]);
    assert.ok(!everything.includes(wrongSecret), 'the secret leaked');
    assert.ok(log.lines.some((l) => l.startsWith('error Loading disks of cn-hangzhou failed: SignatureDoesNotMatch')), log.lines.join('\n'));

    provider.refreshAll();
    assert.equal(presenter.problem, undefined, 'a refresh clears the old message until the next answer');
  });

  test('an unreachable endpoint: the message says so, Retry (own icon) and Show Log; Retry reports ready and clears it', async () => {
    const blocked = connectionTo(sandboxGateway(sandbox), 'cn-hangzhou');
    const { provider, connections, presenter } = makeTree(blocked);
    sandbox.setFaults({ dropRate: 1 });
    let children: TreeNode[];
    try {
      children = await provider.getChildren();
    } finally {
      sandbox.clearFaults();
    }
    assert.deepEqual(children.map((n) => n.kind), ['loadMore', 'info']);
    assert.deepEqual(children.map((n) => (provider.getTreeItem(n).iconPath as vscode.ThemeIcon).id), ['refresh', 'output']);
    assert.ok((presenter.problem ?? '').length > 0, 'no message says what went wrong');
    assert.deepEqual(connections.states.map((s) => s.state), ['unreachable']);
    await provider.loadMore(children[0] as never);
    assert.deepEqual(connections.states.map((s) => s.state), ['unreachable', 'ready']);
    assert.equal(presenter.problem, undefined);
    assert.equal(diskNodes(await provider.getChildren()).length, 15);
  });

  test('a connection that cannot be made: its whole message above the tree, Retry (a refresh) and Show Log', async () => {
    const { provider, connections, presenter } = makeTree(undefined);
    const reason = 'The aliyun CLI profile "dev" is not in ~/.aliyun/config.json; choose another profile or set an AccessKey.';
    connections.current = () => Promise.reject(new Error(reason));
    const children = await provider.getChildren();
    assert.equal(presenter.problem, reason);
    const items = children.map((n) => provider.getTreeItem(n));
    assert.deepEqual(items.map((i) => [i.label, i.command?.command, (i.iconPath as vscode.ThemeIcon).id]), [
      ['Retry', 'ecsSnapshots.refresh', 'refresh'],
      ['Show Log', 'ecsSnapshots.showLog', 'output'],
    ]);
  });

  test('a snapshot list that fails under a disk keeps its error row, with the whole message as tooltip', async () => {
    const { provider } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    const disk = byName(await provider.getChildren(), 'web-01-data');
    sandbox.setFaults({ dropRate: 1 });
    let children: TreeNode[];
    try {
      children = await provider.getChildren(disk);
    } finally {
      sandbox.clearFaults();
    }
    const error = children.find((n): n is ErrorNode => n.kind === 'error');
    assert.ok(error, `no error row: ${children.map((n) => n.kind).join(', ')}`);
    const item = provider.getTreeItem(error);
    assert.ok(String(item.tooltip).startsWith(String(item.label)), 'the tooltip holds the whole message');
    assert.equal(item.command?.command, 'ecsSnapshots.showLog');
    const retry = children.find((n) => n.kind === 'loadMore');
    if (retry) assert.equal((provider.getTreeItem(retry).iconPath as vscode.ThemeIcon).id, 'refresh');
  });

  test('an empty region reports empty and leaves the tree to the welcome view', async () => {
    const empty = await startSandbox({ disks: 0 });
    try {
      const { provider, connections } = makeTree(connectionTo(sandboxGateway(empty), 'cn-hangzhou'));
      assert.deepEqual(await provider.getChildren(), []);
      assert.deepEqual(connections.states.map((s) => s.state), ['empty']);
    } finally {
      await empty.close();
    }
  });
});

suite('Disk tree on a region with 1,234 disks', () => {
  let sandbox: Sandbox;

  suiteSetup(async () => {
    sandbox = await startSandbox({ disks: 1234, seed: 5 });
  });
  suiteTeardown(async () => {
    await sandbox?.close();
  });

  test('the first page shows after one DescribeDisks; Load more brings all in ceil(1234/500) = 3', async () => {
    const { provider } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    sandbox.stats.reset();
    const first = await provider.getChildren();
    assert.equal(diskNodes(first).length, 500);
    assert.equal(first.at(-1)?.kind, 'loadMore');
    assert.equal(sandbox.stats.byAction.DescribeDisks, 1);
    const loadMoreItem = provider.getTreeItem(first.at(-1)!);
    assert.equal(loadMoreItem.command?.command, 'ecsSnapshots.loadMore');
    assert.equal(loadMoreItem.description, '500 loaded');
    assert.equal((loadMoreItem.iconPath as vscode.ThemeIcon).id, 'ellipsis', 'Load more keeps its icon; Retry has another');

    const all = await loadAllDisks(provider);
    const ids = diskNodes(all).map((n) => n.disk.diskId);
    assert.equal(ids.length, 1234);
    assert.equal(new Set(ids).size, 1234);
    assert.deepEqual([...ids].sort(), sandbox.world.disksIn('cn-hangzhou').map((d) => d.diskId).sort());
    assert.equal(sandbox.stats.byAction.DescribeDisks, Math.ceil(1234 / 500));
    console.log(`      1,234 disks: ${JSON.stringify(sandbox.stats.byAction)} (${sandbox.stats.total} requests)`);
  });

  test('VS Code asking for the root twice while it loads costs one request and one report', async () => {
    const { provider, connections } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    sandbox.stats.reset();
    const [a, b] = await Promise.all([provider.getChildren(), provider.getChildren()]);
    assert.equal(sandbox.stats.byAction.DescribeDisks, 1);
    assert.deepEqual(a, b);
    assert.deepEqual(connections.states.map((s) => s.state), ['ready']);
  });

  test('a double click on Load more sends one request', async () => {
    const { provider } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    const first = await provider.getChildren();
    const loadMore = first.at(-1);
    assert.equal(loadMore?.kind, 'loadMore');
    sandbox.stats.reset();
    sandbox.setFaults({ latencyMs: 150 });
    try {
      await Promise.all([provider.loadMore(loadMore), provider.loadMore(loadMore), provider.loadMore(loadMore)]);
    } finally {
      sandbox.clearFaults();
    }
    assert.equal(sandbox.stats.byAction.DescribeDisks, 1);
    assert.equal(diskNodes(await provider.getChildren()).length, 1000);
  });

  test('a filter keeps applying to pages loaded later; revealing a disk on page 3 loads up to it', async () => {
    const { provider, presenter } = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    await provider.getChildren();
    const target = sandbox.world.disksIn('cn-hangzhou')[1200];
    provider.setFilter(target.diskId);
    const filtered = await provider.getChildren();
    assert.equal(diskNodes(filtered).length, 0, 'not loaded yet');
    assert.deepEqual(filtered.map((n) => n.kind), ['info', 'loadMore']);
    assert.match(presenter.message ?? '', /0 of 500 loaded disks\. More disks are not loaded yet/);
    const all = await loadAllDisks(provider);
    assert.deepEqual(diskNodes(all).map((n) => n.disk.diskId), [target.diskId]);

    const fresh = makeTree(connectionTo(sandboxGateway(sandbox), 'cn-hangzhou'));
    sandbox.stats.reset();
    const node = await fresh.provider.findDiskNode('cn-hangzhou', target.diskId);
    assert.equal(node?.disk.diskId, target.diskId);
    assert.equal(sandbox.stats.byAction.DescribeDisks, 3);
    assert.ok(diskNodes(await fresh.provider.getChildren()).includes(node!), 'the same node object is in the tree (reveal needs it)');
    assert.equal(await fresh.provider.findDiskNode('cn-shanghai', target.diskId), undefined, 'another region');
  });
});

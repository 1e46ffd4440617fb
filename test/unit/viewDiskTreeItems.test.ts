// The Disks view's items at scale: tooltips built only when VS Code asks (resolveTreeItem, on
// hover), and each disk's texts kept while neither the disk nor its blocker state changes.
import { strict as assert } from 'node:assert';
import { after, describe, it } from 'node:test';
import { installVscodeStub } from '../../bench/children/vscodeStub';
import { installPlainItemTypes } from '../../bench/children/plainItemTypes';
import type { Disk, EcsGateway, Page } from '../../src/ecs/gateway';
import type { DiskRef, SnapshotTrackerApi } from '../../src/tracker/trackerApi';
import type { DiskNode, TreeNode } from '../../src/view/nodes';

installVscodeStub();
installPlainItemTypes();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- after the stand-in above
const { DiskTreeProvider } = require('../../src/view/diskTreeProvider') as typeof import('../../src/view/diskTreeProvider');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- after the stand-in above
const { createLazyTreeView } = require('../../src/activation/lazyTree') as typeof import('../../src/activation/lazyTree');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the stand-in installed above
const vscodeStub = require('vscode') as { window: Record<string, unknown>; l10n: { t: unknown } };

function disk(n: number, over: Partial<Disk> = {}): Disk {
  return {
    diskId: `d-unit${n}`, diskName: `disk-${n}`, description: '', sizeGiB: 40, category: 'cloud_essd', performanceLevel: 'PL1',
    status: 'In_use', type: 'data', instanceId: `i-unit${n}`, zoneId: 'cn-hangzhou-k', creationTime: '2026-11-20T08:30Z', tags: [], lockReasons: [], ...over,
  };
}

/** A tree over `disks` (read on each page request, so a test can change what ECS answers next). */
function tree(disks: { current: Disk[] }, lockedInstances: string[] = [], options: { regionSet?: boolean } = {}) {
  const creating = new Set<string>();
  const diskListeners: ((ref: DiskRef) => void)[] = [];
  const asked = { isCreating: 0, creatingDisksIn: 0 };
  const tracker: SnapshotTrackerApi = {
    isCreating: (ref: DiskRef) => (asked.isCreating++, creating.has(ref.diskId)),
    ...(options.regionSet ? { creatingDisksIn: (regionId: string) => (asked.creatingDisksIn++, regionId === 'cn-hangzhou' ? creating : new Set<string>()) } : {}),
    track: () => undefined,
    reportCreateFailure: () => undefined,
    onDidChangeDisk: (listener: (ref: DiskRef) => void) => (diskListeners.push(listener), { dispose() {} }),
  } as unknown as SnapshotTrackerApi;
  const gateway = {
    async listDisks(): Promise<Page<Disk>> {
      return { items: disks.current, nextToken: undefined };
    },
    async listLockedInstances() {
      return lockedInstances.map((instanceId) => ({ instanceId, lockReasons: ['security'] }));
    },
    async listSnapshotsOfDisk() {
      return { items: [], nextToken: undefined };
    },
  } as unknown as EcsGateway;
  const connections = {
    current: async () => ({ gateway, regionId: 'cn-hangzhou', label: 'cn-hangzhou' }),
    onDidChange: () => ({ dispose() {} }),
    reportState: () => undefined,
  };
  const quiet = { info() {}, warn() {}, error() {} };
  const presenter = { setDescription() {}, setMessage() {}, setProblem() {}, setFiltered() {} };
  const provider = new DiskTreeProvider({ connections: connections as never, tracker, log: quiet }, presenter);
  return { provider, creating, asked, changeDisk: (diskId: string) => diskListeners.forEach((l) => l({ regionId: 'cn-hangzhou', diskId })) };
}

const diskNodes = (children: TreeNode[]): DiskNode[] => children.filter((n): n is DiskNode => n.kind === 'disk');

describe('Disks view items', () => {
  it('a disk item carries no tooltip until VS Code resolves it on hover; then the tooltip says why a snapshot is blocked', async () => {
    const { provider } = tree({ current: [disk(1), disk(2)] }, ['i-unit2']);
    const [, locked] = diskNodes(await provider.getChildren());
    const item = provider.getTreeItem(locked);
    assert.equal(item.tooltip, undefined, 'built eagerly');
    assert.equal(item.contextValue, 'disk.blocked.securityLock');
    const resolved = (await provider.resolveTreeItem(item, locked)) ?? item;
    const tooltip = resolved.tooltip as { value: string };
    assert.match(tooltip.value, /^\*\*disk\\-2\*\*\n/);
    assert.match(tooltip.value, /locked for security reasons/);
  });

  it('a refresh where nothing changed keeps each disk\'s texts; a tracked snapshot or a reloaded disk changes them', async () => {
    const disks = { current: [disk(1), disk(2)] };
    const { provider, creating, changeDisk } = tree(disks);
    const [first] = diskNodes(await provider.getChildren());
    const before = provider.getTreeItem(first);
    const texts = first.row;
    assert.ok(texts, 'the node keeps its texts');
    provider.getTreeItem(diskNodes(await provider.getChildren())[0]);
    assert.equal(first.row, texts, 'rebuilt although nothing changed');

    creating.add(first.disk.diskId);
    changeDisk(first.disk.diskId);
    const tracked = provider.getTreeItem(diskNodes(await provider.getChildren())[0]);
    assert.equal(tracked.contextValue, 'disk.blocked.creating');
    assert.match(String(tracked.description), /snapshot in progress/);
    assert.notEqual(tracked.iconPath, before.iconPath);
    const trackedTooltip = ((await provider.resolveTreeItem(tracked, first)) ?? tracked).tooltip as { value: string };
    assert.match(trackedTooltip.value, /still being created/);

    creating.delete(first.disk.diskId);
    assert.equal(provider.getTreeItem(first).contextValue, 'disk.ready', 'done: ready again');

    disks.current = [disk(1, { status: 'Detaching', diskName: 'renamed' }), disk(2)];
    provider.refreshAll();
    const [reloaded] = diskNodes(await provider.getChildren());
    const item = provider.getTreeItem(reloaded);
    assert.equal(item.label, 'renamed');
    assert.match(String(item.description), /Detaching\.\.\./);
    assert.equal(item.contextValue, 'disk.blocked.status');
  });

  it('a refresh hands VS Code the same item while nothing changed, a new one when the disk\'s state did', async () => {
    const { provider, creating } = tree({ current: [disk(1)] });
    const [node] = diskNodes(await provider.getChildren());
    const first = provider.getTreeItem(node);
    assert.equal(provider.getTreeItem(diskNodes(await provider.getChildren())[0]), first);
    creating.add(node.disk.diskId);
    const tracked = provider.getTreeItem(node);
    assert.notEqual(tracked, first);
    assert.equal(tracked.contextValue, 'disk.blocked.creating');
  });

  it('a root refresh reads the region\'s set of creating disks once, not isCreating per disk; the set stays live', async () => {
    const { provider, creating, asked, changeDisk } = tree({ current: [disk(1), disk(2), disk(3)] }, [], { regionSet: true });
    creating.add('d-unit2');
    const render = async () => {
      const nodes = diskNodes(await provider.getChildren());
      return nodes.map((n) => provider.getTreeItem(n).contextValue);
    };
    assert.deepEqual(await render(), ['disk.ready', 'disk.blocked.creating', 'disk.ready']);
    assert.equal(asked.isCreating, 0, 'isCreating asked per disk');
    assert.ok(asked.creatingDisksIn <= 2, `the set asked ${asked.creatingDisksIn} times for one refresh of 3 disks`);
    creating.delete('d-unit2');
    creating.add('d-unit3');
    changeDisk('d-unit2');
    changeDisk('d-unit3');
    assert.deepEqual(await render(), ['disk.ready', 'disk.ready', 'disk.blocked.creating']);
    assert.equal(asked.isCreating, 0);
  });

  it('the root follows new pages and the filter although it keeps its disk rows between refreshes', async () => {
    const pages = [[disk(1), disk(2)], [disk(3), disk(20)]];
    const gateway = {
      async listDisks(query: { nextToken?: string }): Promise<Page<Disk>> {
        const n = Number(query.nextToken ?? 0);
        return { items: pages[n], nextToken: n + 1 < pages.length ? String(n + 1) : undefined };
      },
      async listLockedInstances() {
        return [];
      },
    } as unknown as EcsGateway;
    const connections = { current: async () => ({ gateway, regionId: 'cn-hangzhou', label: '' }), onDidChange: () => ({ dispose() {} }), reportState() {} };
    const presenter = { setDescription() {}, setMessage() {}, setProblem() {}, setFiltered() {} };
    const tracker = { isCreating: () => false, onDidChangeDisk: () => ({ dispose() {} }) } as unknown as SnapshotTrackerApi;
    const provider = new DiskTreeProvider({ connections: connections as never, tracker, log: { info() {}, warn() {}, error() {} } }, presenter);
    const ids = async () => diskNodes(await provider.getChildren()).map((n) => n.disk.diskId);
    const root = await provider.getChildren();
    assert.deepEqual(await ids(), ['d-unit1', 'd-unit2']);
    const more = root.at(-1);
    assert.equal(more?.kind, 'loadMore');
    if (more?.kind === 'loadMore') await provider.loadMore(more);
    assert.deepEqual(await ids(), ['d-unit1', 'd-unit2', 'd-unit3', 'd-unit20']);
    provider.setFilter('disk-2');
    assert.deepEqual(await ids(), ['d-unit2', 'd-unit20']);
    provider.setFilter('');
    assert.deepEqual(await ids(), ['d-unit1', 'd-unit2', 'd-unit3', 'd-unit20']);
  });

  it('a filter over many loaded disks runs in slices (the view says so meanwhile) and still shows exactly the matches', async () => {
    const l10n = vscodeStub.l10n;
    const unformatted = l10n.t;
    l10n.t = (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
    after(() => (l10n.t = unformatted));
    const many = Array.from({ length: 5_000 }, (_, n) => disk(n, n % 7 === 0 ? { tags: [{ key: 'team', value: 'blue' }] } : {}));
    const messages: (string | undefined)[] = [];
    const gateway = {
      async listDisks(): Promise<Page<Disk>> {
        return { items: many, nextToken: undefined };
      },
      async listLockedInstances() {
        return [];
      },
    } as unknown as EcsGateway;
    const connections = { current: async () => ({ gateway, regionId: 'cn-hangzhou', label: '' }), onDidChange: () => ({ dispose() {} }), reportState() {} };
    const presenter = { setDescription() {}, setMessage: (m: string | undefined) => messages.push(m), setProblem() {}, setFiltered() {} };
    const tracker = { isCreating: () => false, onDidChangeDisk: () => ({ dispose() {} }) } as unknown as SnapshotTrackerApi;
    // A slice budget of 0 ms: every slice yields, as a big region's filter does on a busy machine.
    const provider = new DiskTreeProvider({ connections: connections as never, tracker, log: { info() {}, warn() {}, error() {} }, filterSliceMs: 0 }, presenter);
    assert.equal(diskNodes(await provider.getChildren()).length, 5_000);
    provider.setFilter('blue');
    assert.match(String(messages.at(-1)), /^Filtering "blue"\.\.\. 1024 of 5000 loaded disks read\.$/, 'no word while the filter runs');
    provider.setFilter('team=blue disk-1'); // typed on before the first filter finished: only this one counts
    const shown = diskNodes(await provider.getChildren()).map((n) => n.disk.diskId);
    const expected = many.filter((d, n) => n % 7 === 0 && d.diskName.includes('disk-1')).map((d) => d.diskId);
    assert.deepEqual(shown, expected);
    assert.equal(messages.at(-1), `Filter "team=blue disk-1": ${expected.length} of 5000 loaded disks.`);
    provider.setFilter('');
    assert.equal(diskNodes(await provider.getChildren()).length, 5_000);
    assert.equal(messages.at(-1), undefined);
  });

  it('the view\'s stand-in provider resolves items through the real provider, or hands them back unchanged', async () => {
    let stand: { resolveTreeItem?: (item: unknown, element: unknown, token: unknown) => unknown } | undefined;
    vscodeStub.window.createTreeView = (_id: string, options: { treeDataProvider: typeof stand }) => {
      stand = options.treeDataProvider;
      return { dispose() {} };
    };
    const lazy = createLazyTreeView<string>('view', () => undefined);
    assert.ok(stand?.resolveTreeItem, 'VS Code reads whether the provider resolves items when the view is created');
    const item = { label: 'x' };
    assert.equal(await stand.resolveTreeItem(item, 'x', undefined), item, 'before the real provider: unchanged');
    lazy.attach({ getChildren: () => [], getTreeItem: () => item });
    assert.equal(await stand.resolveTreeItem(item, 'x', undefined), item, 'a provider without resolveTreeItem: unchanged');
    lazy.dispose();

    const lazier = createLazyTreeView<string>('view', () => undefined);
    lazier.attach({ getChildren: () => [], getTreeItem: () => item, resolveTreeItem: (i, e) => ({ ...i, tooltip: `about ${e}` }) });
    assert.deepEqual(await stand.resolveTreeItem(item, 'x', undefined), { label: 'x', tooltip: 'about x' });
    lazier.dispose();
  });
});

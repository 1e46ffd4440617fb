// Creates the Disks view and registers the commands that act on it.
import * as vscode from 'vscode';
import { copyId } from '../commands/copyId';
import { deleteSnapshot } from '../commands/deleteSnapshot';
import { filterDisks } from '../commands/filterDisks';
import type { DiskRef } from '../tracker/trackerApi';
import type { DiskTreeApi } from './diskTreeApi';
import { DiskTreeProvider, type DiskTreeDeps } from './diskTreeProvider';
import type { InstanceLoadMoreNode } from './instanceNodes';
import type { LoadMoreNode, SnapshotNode, TreeNode } from './nodes';
import { registerGrouping } from './registerGrouping';

export const DISKS_VIEW_ID = 'ecsSnapshots.disks';
export const FILTERED_CONTEXT_KEY = 'ecsSnapshots.filtered';

/** Makes the view for the provider; activation passes one that hands it to the view it made already. */
export type CreateDisksView = (provider: DiskTreeProvider) => vscode.TreeView<TreeNode>;

const createDisksView: CreateDisksView = (provider) =>
  vscode.window.createTreeView(DISKS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });

export function registerDiskTree(context: vscode.ExtensionContext, deps: DiskTreeDeps, createView = createDisksView): DiskTreeApi {
  // The TreeView exists only after the provider; the presenter reaches it lazily.
  const view: { tree?: vscode.TreeView<TreeNode>; where?: string; problem?: string; filter?: string } = {};
  // Where the view looks ("cn-hangzhou · profile dev") goes in the description, which VS Code shows
  // only in a view's own header, and on the message line, which stays visible when the view is
  // alone in its container (its header is then merged into the container's title).
  const showMessage = () => {
    if (view.tree) view.tree.message = [view.where, view.problem, view.filter].filter(Boolean).join('\n') || undefined;
  };
  const provider = new DiskTreeProvider(deps, {
    setDescription: (text) => {
      view.where = text;
      if (view.tree) view.tree.description = text;
      showMessage();
    },
    setMessage: (text) => {
      view.filter = text;
      showMessage();
    },
    // The message line wraps, so a long error reads whole at any side-bar width.
    setProblem: (text) => {
      view.problem = text;
      showMessage();
    },
    setFiltered: (filtered) => void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT_KEY, filtered),
  });
  registerGrouping(context, provider); // before the view asks for its first rows
  const treeView = createView(provider);
  view.tree = treeView;
  void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT_KEY, false);

  const revealDisk = async (regionId: string, diskId: string): Promise<void> => {
    try {
      const node = await provider.findDiskNode(regionId, diskId);
      if (node) await treeView.reveal(node, { select: true, focus: true });
      else deps.log.info(`Disk ${diskId} of ${regionId} is not in the Disks view (region shown: another one, or the disk is gone).`);
    } catch (error) {
      deps.log.error(`Revealing disk ${diskId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  context.subscriptions.push(
    provider,
    treeView,
    vscode.commands.registerCommand('ecsSnapshots.refresh', () => provider.refreshAll()),
    vscode.commands.registerCommand('ecsSnapshots.filterDisks', () => filterDisks(provider)),
    vscode.commands.registerCommand('ecsSnapshots.clearFilter', () => provider.setFilter('')),
    vscode.commands.registerCommand(
      'ecsSnapshots.loadMore',
      (node?: LoadMoreNode | InstanceLoadMoreNode) => (node?.kind === 'loadMore' || node?.kind === 'instanceLoadMore') && provider.loadMore(node),
    ),
    vscode.commands.registerCommand('ecsSnapshots.copyId', (node?: TreeNode) => copyId(node ?? treeView.selection[0])),
    vscode.commands.registerCommand('ecsSnapshots.deleteSnapshot', (node?: SnapshotNode) =>
      deleteSnapshot(node ?? selectedSnapshot(treeView), { log: deps.log, deleted: (n) => provider.snapshotDeleted(n) }),
    ),
    // Called by other parts (e.g. the tracker) as (ref) or (regionId, diskId).
    vscode.commands.registerCommand('ecsSnapshots.revealDisk', (ref?: DiskRef | string, diskId?: string) => {
      if (typeof ref === 'string' && diskId) return revealDisk(ref, diskId);
      if (ref && typeof ref === 'object') return revealDisk(ref.regionId, ref.diskId);
    }),
  );

  return {
    refreshDisk: (regionId, diskId) => provider.refreshDisk(regionId, diskId),
    refreshInstance: (regionId, instanceId) => provider.refreshInstance(regionId, instanceId),
    refreshAll: () => provider.refreshAll(),
    revealDisk,
    loadedDisks: () => provider.loadedDisks(),
  };
}

function selectedSnapshot(view: vscode.TreeView<TreeNode> | undefined): SnapshotNode | undefined {
  const node = view?.selection[0];
  return node?.kind === 'snapshot' ? node : undefined;
}

// Copy ID (tree inline action): the disk's or snapshot's id to the clipboard.
import * as vscode from 'vscode';
import type { TreeNode } from '../view/nodes';

/** The id a node stands for, or undefined for rows that have none (Load more, errors). */
export function idOf(node: TreeNode | undefined): string | undefined {
  if (node?.kind === 'disk') return node.disk.diskId;
  if (node?.kind === 'snapshot') return node.snapshot.snapshotId;
  return undefined;
}

export async function copyId(node: TreeNode | undefined): Promise<void> {
  const id = idOf(node);
  if (!id) return;
  await vscode.env.clipboard.writeText(id);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id), 3000);
}

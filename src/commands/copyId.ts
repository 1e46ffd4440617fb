// Copy ID (tree inline action and context menu): the row's id to the clipboard.
import * as vscode from 'vscode';
import { idOf } from '../view/nodeIds';
import type { TreeNode } from '../view/nodes';

export async function copyId(node: TreeNode | undefined): Promise<void> {
  const id = idOf(node);
  if (!id) return;
  await vscode.env.clipboard.writeText(id);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', id), 3000);
}

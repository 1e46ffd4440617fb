// Delete Snapshot (tree inline action): a modal confirmation naming the snapshot, then
// DeleteSnapshot, then the snapshot leaves its disk's list without reloading the tree.
import * as vscode from 'vscode';
import type { SnapshotNode } from '../view/nodes';
import { diskLabel } from '../view/diskText';
import { loadErrorMessage } from '../view/errorText';
import { describeError, type TreeLog } from '../view/regionDisks';
import { snapshotLabel } from '../view/snapshotText';
import { formatDateTime } from '../view/timeText';

export interface DeleteSnapshotDeps {
  log: TreeLog;
  /** Called after ECS deleted the snapshot. */
  deleted(node: SnapshotNode): void;
  /** Asks the user; resolves true to delete. Replaceable in tests (a modal cannot be clicked there). */
  confirm?(message: string, detail: string, action: string): Promise<boolean>;
}

async function modalConfirm(message: string, detail: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
}

/** Resolves true when the snapshot was deleted. */
export async function deleteSnapshot(node: SnapshotNode | undefined, deps: DeleteSnapshotDeps): Promise<boolean> {
  if (node?.kind !== 'snapshot') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Choose a snapshot in the Disks view to delete it.'));
    return false;
  }
  const { snapshot } = node;
  const { region } = node.parent;
  const name = snapshotLabel(snapshot);
  const message = vscode.l10n.t('Delete snapshot "{0}"?', name);
  const detail = [
    vscode.l10n.t('{0} of disk {1}, created {2}.', snapshot.snapshotId, diskLabel(node.parent.disk), formatDateTime(snapshot.creationTime)),
    vscode.l10n.t('A deleted snapshot cannot be restored.'),
  ].join('\n');
  const action = vscode.l10n.t('Delete');
  if (!(await (deps.confirm ?? modalConfirm)(message, detail, action))) return false;

  try {
    await vscode.window.withProgress(
      { location: { viewId: 'ecsSnapshots.disks' }, title: vscode.l10n.t('Deleting snapshot "{0}"...', name) },
      () => region.gateway.deleteSnapshot(region.regionId, snapshot.snapshotId),
    );
  } catch (error) {
    deps.log.error(`Deleting snapshot ${snapshot.snapshotId} in ${region.regionId} failed: ${describeError(error)}`);
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Could not delete snapshot "{0}": {1}', name, loadErrorMessage(error)), showLog)
      .then((choice) => choice === showLog && vscode.commands.executeCommand('ecsSnapshots.showLog'));
    return false;
  }
  deps.log.info(`Deleted snapshot ${snapshot.snapshotId} in ${region.regionId}.`);
  deps.deleted(node);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Deleted snapshot "{0}".', name), 4000);
  return true;
}

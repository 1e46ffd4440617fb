// The server-level operations in the tracker's list: a group backup ("web-01 · 3 disks · 57%") and
// an instance rollback (its phase, per-disk progress, the whole failure), with their buttons.
import * as vscode from 'vscode';
import { isGroupBackupFinished, type GroupBackupState } from '../groups/groupBackupState';
import { describeInstanceRollbackFailure, groupBackupOutcome, groupBackupProgressText, instanceRollbackPhaseText } from '../groups/groupTexts';
import { isInstanceRollbackFinished, type InstanceRollbackState } from '../groups/instanceRollbackState';
import { formatDuration } from './statusView';

/** What a group operation's item offers. */
export type GroupItemAction = 'reveal' | 'copy' | 'retry' | 'startInstance' | 'dismiss';

/** Keys of group items start with this (creation items are keyed by their ClientToken). */
export const GROUP_KEY = 'group:';

export interface GroupItemButton extends vscode.QuickInputButton {
  action: GroupItemAction;
}

function button(action: GroupItemAction, icon: string, tooltip: string): GroupItemButton {
  return { action, iconPath: new vscode.ThemeIcon(icon), tooltip };
}

export function groupBackupItem(state: GroupBackupState, now: number): vscode.QuickPickItem & { key: string } {
  const buttons = [button('reveal', 'list-tree', vscode.l10n.t('Reveal Instance in Tree'))];
  if (state.groupId) buttons.push(button('copy', 'copy', vscode.l10n.t('Copy Snapshot Group ID')));
  if (state.phase === 'refused') buttons.push(button('retry', 'refresh', vscode.l10n.t('Retry')));
  if (isGroupBackupFinished(state.phase)) buttons.push(button('dismiss', 'close', vscode.l10n.t('Dismiss')));
  const icon = state.phase === 'ready' ? '$(check)' : state.phase === 'failed' || state.phase === 'refused' ? '$(error)' : '$(sync~spin)';
  return {
    key: GROUP_KEY + state.request.operationId,
    label: `${icon} ${state.request.instanceName}`,
    description: state.groupId ?? vscode.l10n.t('snapshot group'),
    detail: isGroupBackupFinished(state.phase)
      ? groupBackupOutcome(state)
      : vscode.l10n.t('{0} · running for {1}', groupBackupProgressText(state), formatDuration(now - state.startedAt)),
    buttons,
  };
}

export function instanceRollbackItem(state: InstanceRollbackState, now: number): vscode.QuickPickItem & { key: string } {
  const buttons = [button('reveal', 'list-tree', vscode.l10n.t('Reveal Instance in Tree'))];
  if (state.failure?.actions.includes('startInstance')) buttons.push(button('startInstance', 'play', vscode.l10n.t('Start Instance')));
  if (state.failure?.actions.includes('retry')) buttons.push(button('retry', 'refresh', vscode.l10n.t('Retry')));
  if (isInstanceRollbackFinished(state.phase)) buttons.push(button('dismiss', 'close', vscode.l10n.t('Dismiss')));
  const icon = state.phase === 'failed' ? '$(error)' : state.phase === 'done' ? '$(check)' : '$(history)';
  const detail =
    state.phase === 'failed'
      ? describeInstanceRollbackFailure(state)
      : state.phase === 'done'
        ? vscode.l10n.t('Rolled back in {0}', formatDuration((state.finishedAt ?? now) - state.startedAt))
        : vscode.l10n.t('{0} · running for {1}', instanceRollbackPhaseText(state), formatDuration(now - state.startedAt));
  return {
    key: GROUP_KEY + state.request.operationId,
    label: `${icon} ${state.request.instanceName}`,
    description: vscode.l10n.t('roll back to {0}', state.request.groupName),
    detail,
    buttons,
  };
}

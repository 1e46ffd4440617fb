// The list behind the status-bar item: every tracked snapshot creation (creating, failed,
// finished), each with buttons to reveal its disk, copy the snapshot ID, retry or dismiss.
import * as vscode from 'vscode';
import { describeRollbackFailure, rollbackPhaseText } from '../rollback/rollbackTexts';
import { isGroupBackupFinished, type GroupBackupState } from '../groups/groupBackupState';
import { isInstanceRollbackFinished, type InstanceRollbackState } from '../groups/instanceRollbackState';
import { isRollbackFinished, type RollbackState } from '../rollback/rollbackState';
import { GROUP_KEY, groupBackupItem, instanceRollbackItem, type GroupItemAction } from './groupItems';
import { NO_GROUP_OPERATIONS, type GroupOperationsView } from './groupStatusView';
import { formatDuration, outcomeText } from './statusView';
import { isOutcomeUnknown, isProblem, isTerminal, operationKey, type TrackedOperation } from './trackedOperation';

/** `rollBack`: a finished Quick Backup offers "Roll back to this backup". */
export type TrackedAction = 'reveal' | 'copy' | 'retry' | 'dismiss' | 'rollBack';
/** What a rollback's item offers. */
export type RollbackItemAction = 'reveal' | 'retry' | 'startInstance' | 'dismiss';
/** Keys of rollback items start with this (creation items are keyed by their ClientToken). */
const ROLLBACK_KEY = 'rollback:';

/** What the list needs from the tracker. */
export interface TrackedListHost {
  operations(): readonly TrackedOperation[];
  readonly onDidChange: vscode.Event<void>;
  run(action: TrackedAction, op: TrackedOperation): Promise<void>;
  dismissFinished(): void;
  now(): number;
  /** The rollback operations, newest first. */
  rollbacks?(): readonly RollbackState[];
  runRollback?(action: RollbackItemAction, state: RollbackState): Promise<void>;
  /** The server-level operations (group backups, instance rollbacks). */
  groups?(): GroupOperationsView;
  runGroup?(action: GroupItemAction, operationId: string): Promise<void>;
}

export interface TrackedItem extends vscode.QuickPickItem {
  /** The operation's key (its clientToken); absent on separators. */
  key?: string;
}

interface ActionButton extends vscode.QuickInputButton {
  action: TrackedAction | RollbackItemAction | GroupItemAction;
}

function button(action: TrackedAction | RollbackItemAction, icon: string, tooltip: string): ActionButton {
  return { action, iconPath: new vscode.ThemeIcon(icon), tooltip };
}

export function showTrackedPicker(host: TrackedListHost): vscode.QuickPick<TrackedItem> {
  const picker = vscode.window.createQuickPick<TrackedItem>();
  picker.title = vscode.l10n.t('Snapshots Being Tracked');
  picker.placeholder = vscode.l10n.t('Select a snapshot to reveal its disk, or use its buttons');
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  const clearFinished: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('clear-all'), tooltip: vscode.l10n.t('Dismiss All Finished') };
  picker.buttons = [clearFinished];

  const byKey = () => new Map(host.operations().map((op) => [operationKey(op), op]));
  const rollbackOf = (key: string | undefined) =>
    key?.startsWith(ROLLBACK_KEY) ? host.rollbacks?.().find((r) => ROLLBACK_KEY + r.request.operationId === key) : undefined;
  const refresh = () => {
    const activeKey = picker.activeItems[0]?.key;
    picker.items = buildItems(host.operations(), host.now(), host.rollbacks?.() ?? [], host.groups?.() ?? NO_GROUP_OPERATIONS);
    const active = picker.items.find((item) => item.key !== undefined && item.key === activeKey);
    if (active) {
      picker.activeItems = [active];
    }
  };
  refresh();

  const subscriptions: vscode.Disposable[] = [
    host.onDidChange(refresh),
    picker.onDidTriggerButton((b) => {
      if (b === clearFinished) {
        host.dismissFinished();
      }
    }),
    picker.onDidTriggerItemButton(({ item, button: b }) => {
      const action = (b as ActionButton).action;
      if (item.key?.startsWith(GROUP_KEY)) {
        void host.runGroup?.(action as GroupItemAction, item.key.slice(GROUP_KEY.length));
        return;
      }
      const rollback = rollbackOf(item.key);
      if (rollback) {
        void host.runRollback?.(action as RollbackItemAction, rollback);
        return;
      }
      const op = item.key ? byKey().get(item.key) : undefined;
      if (op) {
        if (action === 'rollBack') picker.hide(); // the Roll Back command takes over the screen
        void host.run(action as TrackedAction, op);
      }
    }),
    picker.onDidAccept(() => {
      const key = picker.selectedItems[0]?.key;
      if (key?.startsWith(GROUP_KEY)) {
        picker.hide();
        void host.runGroup?.('reveal', key.slice(GROUP_KEY.length));
        return;
      }
      const rollback = rollbackOf(key);
      const op = key ? byKey().get(key) : undefined;
      if (rollback || op) {
        picker.hide();
        void (rollback ? host.runRollback?.('reveal', rollback) : host.run('reveal', op as TrackedOperation));
      }
    }),
    picker.onDidHide(() => {
      vscode.Disposable.from(...subscriptions).dispose();
      picker.dispose();
    }),
  ];
  picker.show();
  return picker;
}

export function buildItems(
  ops: readonly TrackedOperation[],
  now: number,
  rollbacks: readonly RollbackState[] = [],
  groups: GroupOperationsView = NO_GROUP_OPERATIONS,
): TrackedItem[] {
  const instanceRollbacks = (keep: (s: InstanceRollbackState) => boolean) => groups.rollbacks.filter(keep).map((r) => instanceRollbackItem(r, now));
  const groupBackups = (keep: (s: GroupBackupState) => boolean) => groups.backups.filter(keep).map((b) => groupBackupItem(b, now));
  const sections: [string, TrackedItem[]][] = [
    [
      vscode.l10n.t('Rolling Back'),
      [...instanceRollbacks((r) => !isInstanceRollbackFinished(r.phase)), ...rollbacks.filter((r) => !isRollbackFinished(r.phase)).map((r) => toRollbackItem(r, now))],
    ],
    [
      vscode.l10n.t('Creating'),
      [...groupBackups((b) => !isGroupBackupFinished(b.phase)), ...ops.filter((op) => op.state === 'creating' || op.state === 'checking').map((op) => toItem(op, now))],
    ],
    [
      vscode.l10n.t('Failed'),
      [
        ...instanceRollbacks((r) => r.phase === 'failed'),
        ...groupBackups((b) => b.phase === 'failed' || b.phase === 'refused'),
        ...rollbacks.filter((r) => r.phase === 'failed').map((r) => toRollbackItem(r, now)),
        ...ops.filter((op) => isProblem(op.state)).map((op) => toItem(op, now)),
      ],
    ],
    [
      vscode.l10n.t('Finished'),
      [
        ...instanceRollbacks((r) => r.phase === 'done'),
        ...groupBackups((b) => b.phase === 'ready'),
        ...rollbacks.filter((r) => r.phase === 'done').map((r) => toRollbackItem(r, now)),
        ...ops.filter((op) => op.state === 'ready').map((op) => toItem(op, now)),
      ],
    ],
  ];
  const items: TrackedItem[] = [];
  for (const [label, members] of sections) {
    if (members.length > 0) {
      items.push({ label, kind: vscode.QuickPickItemKind.Separator });
      items.push(...members);
    }
  }
  if (items.length === 0) {
    items.push({ label: vscode.l10n.t('No snapshot is being tracked.'), description: vscode.l10n.t('Create a snapshot or a Quick Backup to see its progress here.') });
  }
  return items;
}

function toItem(op: TrackedOperation, now: number): TrackedItem {
  const buttons: ActionButton[] = [button('reveal', 'list-tree', vscode.l10n.t('Reveal Disk in Tree'))];
  if (op.snapshotId) {
    buttons.push(button('copy', 'copy', vscode.l10n.t('Copy Snapshot ID')));
  }
  if (isProblem(op.state) || op.state === 'checking') {
    buttons.push(button('retry', 'refresh', vscode.l10n.t('Retry')));
  }
  if (op.state === 'ready' && op.intent.origin === 'quickBackup' && op.snapshotId) {
    buttons.push(button('rollBack', 'history', vscode.l10n.t('Roll back to this backup')));
  }
  buttons.push(button('dismiss', 'close', isTerminal(op.state) ? vscode.l10n.t('Dismiss') : vscode.l10n.t('Stop Tracking')));
  return {
    key: operationKey(op),
    label: `${icon(op)} ${op.intent.diskName}`,
    description:
      op.snapshotId ??
      (op.state === 'checking'
        ? vscode.l10n.t('snapshot may exist, looking for it')
        : isOutcomeUnknown(op.error)
          ? vscode.l10n.t('snapshot may exist')
          : vscode.l10n.t('no snapshot created')),
    detail: detail(op, now),
    buttons,
  };
}

function icon(op: TrackedOperation): string {
  switch (op.state) {
    case 'creating':
      return op.pollError ? '$(warning)' : '$(sync~spin)';
    case 'checking':
      return op.pollError ? '$(warning)' : '$(search)';
    case 'ready':
      return '$(check)';
    case 'gone':
      return '$(warning)';
    case 'refused':
      return isOutcomeUnknown(op.error) ? '$(warning)' : '$(error)';
    default:
      return '$(error)';
  }
}

function detail(op: TrackedOperation, now: number): string {
  if (op.state === 'creating') {
    const parts = [vscode.l10n.t('{0}%', op.progress)];
    if (op.remainTime !== undefined) {
      parts.push(vscode.l10n.t('{0} left', formatDuration(op.remainTime * 1000)));
    }
    parts.push(vscode.l10n.t('running for {0}', formatDuration(now - op.startedAt)));
    if (op.pollError) {
      parts.push(vscode.l10n.t('progress unavailable: {0}', outcomeText(op)));
    }
    return parts.join(' · ');
  }
  if (op.state === 'ready') {
    return vscode.l10n.t('Ready after {0}', formatDuration((op.finishedAt ?? now) - op.startedAt));
  }
  return outcomeText(op);
}

function toRollbackItem(state: RollbackState, now: number): TrackedItem {
  const buttons: ActionButton[] = [button('reveal', 'list-tree', vscode.l10n.t('Reveal Disk in Tree'))];
  if (state.failure?.actions.includes('startInstance')) {
    buttons.push(button('startInstance', 'play', vscode.l10n.t('Start Instance')));
  }
  if (state.failure?.actions.includes('retry')) {
    buttons.push(button('retry', 'refresh', vscode.l10n.t('Retry')));
  }
  if (isRollbackFinished(state.phase)) {
    buttons.push(button('dismiss', 'close', vscode.l10n.t('Dismiss')));
  }
  const icon = state.phase === 'failed' ? '$(error)' : state.phase === 'done' ? '$(check)' : '$(history)';
  const detail =
    state.phase === 'failed'
      ? describeRollbackFailure(state)
      : state.phase === 'done'
        ? vscode.l10n.t('Rolled back in {0}', formatDuration((state.finishedAt ?? now) - state.startedAt))
        : vscode.l10n.t('{0} · running for {1}', rollbackPhaseText(state), formatDuration(now - state.startedAt));
  return {
    key: ROLLBACK_KEY + state.request.operationId,
    label: `${icon} ${state.request.diskName}`,
    description: vscode.l10n.t('roll back to {0}', state.request.snapshotName),
    detail,
    buttons,
  };
}

// The list behind the status-bar item: every tracked snapshot creation (creating, failed,
// finished), each with buttons to reveal its disk, copy the snapshot ID, retry or dismiss.
import * as vscode from 'vscode';
import { formatDuration, outcomeText } from './statusView';
import { isOutcomeUnknown, isProblem, isTerminal, operationKey, type TrackedOperation } from './trackedOperation';

export type TrackedAction = 'reveal' | 'copy' | 'retry' | 'dismiss';

/** What the list needs from the tracker. */
export interface TrackedListHost {
  operations(): readonly TrackedOperation[];
  readonly onDidChange: vscode.Event<void>;
  run(action: TrackedAction, op: TrackedOperation): Promise<void>;
  dismissFinished(): void;
  now(): number;
}

export interface TrackedItem extends vscode.QuickPickItem {
  /** The operation's key (its clientToken); absent on separators. */
  key?: string;
}

interface ActionButton extends vscode.QuickInputButton {
  action: TrackedAction;
}

function button(action: TrackedAction, icon: string, tooltip: string): ActionButton {
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
  const refresh = () => {
    const activeKey = picker.activeItems[0]?.key;
    picker.items = buildItems(host.operations(), host.now());
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
      const op = item.key ? byKey().get(item.key) : undefined;
      if (op) {
        void host.run((b as ActionButton).action, op);
      }
    }),
    picker.onDidAccept(() => {
      const op = picker.selectedItems[0]?.key ? byKey().get(picker.selectedItems[0].key) : undefined;
      if (op) {
        picker.hide();
        void host.run('reveal', op);
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

export function buildItems(ops: readonly TrackedOperation[], now: number): TrackedItem[] {
  const sections: [string, TrackedOperation[]][] = [
    [vscode.l10n.t('Creating'), ops.filter((op) => op.state === 'creating' || op.state === 'checking')],
    [vscode.l10n.t('Failed'), ops.filter((op) => isProblem(op.state))],
    [vscode.l10n.t('Finished'), ops.filter((op) => op.state === 'ready')],
  ];
  const items: TrackedItem[] = [];
  for (const [label, members] of sections) {
    if (members.length > 0) {
      items.push({ label, kind: vscode.QuickPickItemKind.Separator });
      items.push(...members.map((op) => toItem(op, now)));
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

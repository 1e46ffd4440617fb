// The one status-bar item: shows a StatusView (text, tone, Markdown tooltip), hidden when empty.
import * as vscode from 'vscode';
import type { StatusTone, StatusView } from './statusView';

export const SHOW_TRACKED_COMMAND = 'ecsSnapshots.showTracked';
const ITEM_ID = 'ecsSnapshots.tracker';

const COLOURS: Record<StatusTone, { background?: string; foreground?: string }> = {
  normal: {},
  success: {},
  warning: { background: 'statusBarItem.warningBackground', foreground: 'statusBarItem.warningForeground' },
  error: { background: 'statusBarItem.errorBackground', foreground: 'statusBarItem.errorForeground' },
};

export class TrackerStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private shown: StatusView = { visible: false, text: '', tooltip: '', tone: 'normal' };

  constructor() {
    // Left, next to other workspace activity; the id lets users hide or move it like any item.
    this.item = vscode.window.createStatusBarItem(ITEM_ID, vscode.StatusBarAlignment.Left, 10);
    this.item.name = vscode.l10n.t('ECS Snapshot Progress');
    this.item.command = SHOW_TRACKED_COMMAND;
  }

  /** What the item shows now (for tests and diagnostics). */
  get view(): StatusView {
    return this.shown;
  }

  render(view: StatusView): void {
    this.shown = view;
    if (!view.visible) {
      this.item.hide();
      return;
    }
    this.item.text = view.text;
    const tooltip = new vscode.MarkdownString(view.tooltip, true);
    tooltip.isTrusted = false;
    this.item.tooltip = tooltip;
    const colours = COLOURS[view.tone];
    this.item.backgroundColor = colours.background ? new vscode.ThemeColor(colours.background) : undefined;
    this.item.color = colours.foreground ? new vscode.ThemeColor(colours.foreground) : undefined;
    this.item.accessibilityInformation = { label: view.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

// Filter Disks... (title bar): an input box prefilled with the current filter.
import * as vscode from 'vscode';

export interface FilterTarget {
  readonly filter: string;
  setFilter(text: string): void;
}

export async function filterDisks(target: FilterTarget): Promise<void> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Filter Disks'),
    prompt: vscode.l10n.t('Disk name, disk id, instance id or tag (key=value). Several words must all match.'),
    placeHolder: vscode.l10n.t('e.g. web  or  i-bp1  or  env=prod'),
    value: target.filter,
    valueSelection: [0, target.filter.length],
  });
  if (text === undefined) return; // cancelled: keep the current filter
  target.setFilter(text);
}

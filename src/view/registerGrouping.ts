// "Group by Instance" in the Disks view's `...` menu: the toggle, remembered for every window
// (global state), and the context key that swaps the menu item for "Show Disks Ungrouped".
import * as vscode from 'vscode';

export const GROUPED_CONTEXT_KEY = 'ecsSnapshots.groupedByInstance';
/** The global-state key of the remembered choice. */
export const GROUPED_MEMORY_KEY = 'ecsSnapshots.groupByInstance';

/** The part of the tree the toggle drives. */
export interface GroupableTree {
  readonly groupedByInstance: boolean;
  setGroupedByInstance(on: boolean): void;
}

export class GroupingPreference {
  constructor(
    private readonly memory: vscode.Memento,
    private readonly tree: GroupableTree,
  ) {}

  /** Applies the remembered choice (the flat list when none). */
  restore(): void {
    this.apply(this.memory.get<boolean>(GROUPED_MEMORY_KEY, false) === true);
  }

  async set(on: boolean): Promise<void> {
    this.apply(on);
    await this.memory.update(GROUPED_MEMORY_KEY, on);
  }

  private apply(on: boolean): void {
    this.tree.setGroupedByInstance(on);
    void vscode.commands.executeCommand('setContext', GROUPED_CONTEXT_KEY, on);
  }
}

export function registerGrouping(context: vscode.ExtensionContext, tree: GroupableTree): GroupingPreference {
  const preference = new GroupingPreference(context.globalState, tree);
  preference.restore();
  context.subscriptions.push(
    vscode.commands.registerCommand('ecsSnapshots.groupByInstance', () => preference.set(true)),
    vscode.commands.registerCommand('ecsSnapshots.ungroupDisks', () => preference.set(false)),
  );
  return preference;
}

// A tree view created at activation whose data provider arrives later: VS Code asks for the
// root items only when the view is visible, and that first request loads the real provider
// (main.js). Until then, nothing but this small class exists. It has a resolveTreeItem because VS
// Code reads whether a provider has one when the view is created: the real provider's builds the
// tooltips on hover.
import * as vscode from 'vscode';

export interface LazyTreeView<T> {
  /** Hands the view its real provider and returns the view for the provider's owner. */
  attach(provider: vscode.TreeDataProvider<T>): vscode.TreeView<T>;
}

export function createLazyTreeView<T>(
  viewId: string,
  load: () => void,
  options: { showCollapseAll?: boolean } = {},
): LazyTreeView<T> & vscode.Disposable {
  const changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  let real: vscode.TreeDataProvider<T> | undefined;
  const provider = (): vscode.TreeDataProvider<T> | undefined => {
    if (!real) load();
    return real;
  };
  const stand: vscode.TreeDataProvider<T> = {
    onDidChangeTreeData: changed.event,
    getChildren: (element) => provider()?.getChildren(element) ?? [],
    // Elements come only from the real provider, so it is there when VS Code asks about one.
    getTreeItem: (element) => real?.getTreeItem(element) ?? {},
    getParent: (element) => real?.getParent?.(element),
    resolveTreeItem: (item, element, token) => (real?.resolveTreeItem ? real.resolveTreeItem(item, element, token) : item),
  };
  const view = vscode.window.createTreeView(viewId, { treeDataProvider: stand, ...options });
  const subscriptions: vscode.Disposable[] = [changed, view];
  return {
    attach(provider) {
      real = provider;
      if (provider.onDidChangeTreeData) subscriptions.push(provider.onDidChangeTreeData((e) => changed.fire(e)));
      return view;
    },
    dispose: () => subscriptions.forEach((s) => s.dispose()),
  };
}

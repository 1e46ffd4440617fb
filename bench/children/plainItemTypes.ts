// Plain classes for the `vscode` item types (TreeItem, ThemeIcon, MarkdownString...) on top of the
// bench's stand-in, as the extension host's are: the stand-in's proxies would be timed instead of
// the provider, and a plain object reads back what the provider set.
export function installPlainItemTypes(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the stand-in installed before
  const stub = require('vscode') as Record<string, unknown>;
  // Own properties, read as plainly as the real module's (an assignment would land in the stand-in's proxy).
  const vscode: Record<string, unknown> = {};
  vscode.TreeItem = class {
    constructor(
      public label: string,
      public collapsibleState: number,
    ) {}
  };
  vscode.TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 };
  vscode.ThemeIcon = class {
    constructor(
      public id: string,
      public color?: unknown,
    ) {}
  };
  vscode.ThemeColor = class {
    constructor(public id: string) {}
  };
  vscode.MarkdownString = class {
    isTrusted = false;
    constructor(
      public value: string,
      public supportThemeIcons?: boolean,
    ) {}
  };
  vscode.EventEmitter = class<T> {
    private listeners: ((e: T) => void)[] = [];
    event = (listener: (e: T) => void) => {
      this.listeners.push(listener);
      return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
    };
    fire(e: T) {
      for (const l of this.listeners) l(e);
    }
    dispose() {
      this.listeners = [];
    }
  };
  for (const [key, value] of Object.entries(vscode)) Object.defineProperty(stub, key, { value, writable: true, configurable: true, enumerable: true });
}

// Fakes and helpers for the disk-tree suites: a Connections whose region the test switches, a
// tracker the test drives, and a gateway to a sandbox over the real SDK.
import * as vscode from 'vscode';
import type { Connection, ConnectionState, Connections } from '../../src/connection/connection';
import type { EcsGateway } from '../../src/ecs/gateway';
import type { DiskRef, SnapshotTrackerApi } from '../../src/tracker/trackerApi';
import { DiskTreeProvider, type TreePresenter } from '../../src/view/diskTreeProvider';
import type { DiskNode, TreeNode } from '../../src/view/nodes';
import type { TreeLog } from '../../src/view/regionDisks';

export { sandboxGateway } from './sandboxGateway';

export function connectionTo(gateway: EcsGateway, regionId: string): Connection {
  return { gateway, regionId, sourceKey: 'sandbox', label: `${regionId} · sandbox` };
}

export class FakeConnections implements Connections {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  readonly states: { state: ConnectionState; detail?: string }[] = [];

  constructor(private connection: Connection | undefined) {}

  current(): Promise<Connection | undefined> {
    return Promise.resolve(this.connection);
  }

  forRegion(): Promise<Connection | undefined> {
    return Promise.resolve(undefined);
  }

  reportState(state: ConnectionState, detail?: string): void {
    this.states.push({ state, detail });
  }

  /** What the lead's region switch does: a new current() and an onDidChange. */
  switchTo(connection: Connection | undefined): void {
    this.connection = connection;
    this.emitter.fire();
  }
}

export class FakeTracker implements SnapshotTrackerApi {
  private readonly emitter = new vscode.EventEmitter<DiskRef>();
  readonly onDidChangeDisk = this.emitter.event;
  readonly creating = new Set<string>();

  track(): void {}
  reportCreateFailure(): void {}

  isCreating(disk: DiskRef): boolean {
    return this.creating.has(disk.diskId);
  }

  change(disk: DiskRef): void {
    this.emitter.fire(disk);
  }
}

export class RecordingPresenter implements TreePresenter {
  description: string | undefined;
  message: string | undefined;
  problem: string | undefined;
  filtered = false;
  setDescription(text: string | undefined): void {
    this.description = text;
  }
  setMessage(text: string | undefined): void {
    this.message = text;
  }
  setProblem(text: string | undefined): void {
    this.problem = text;
  }
  setFiltered(filtered: boolean): void {
    this.filtered = filtered;
  }
}

export class MemoryLog implements TreeLog {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string | Error): void {
    this.lines.push(`error ${String(message)}`);
  }
}

export function makeTree(connection: Connection | undefined, progressPollMs?: number) {
  const connections = new FakeConnections(connection);
  const tracker = new FakeTracker();
  const presenter = new RecordingPresenter();
  const log = new MemoryLog();
  const provider = new DiskTreeProvider({ connections, tracker, log, progressPollMs }, presenter);
  return { provider, connections, tracker, presenter, log };
}

export function diskNodes(children: TreeNode[]): DiskNode[] {
  return children.filter((n): n is DiskNode => n.kind === 'disk');
}

/** Root children after clicking every "Load more" until none is left. */
export async function loadAllDisks(provider: DiskTreeProvider): Promise<TreeNode[]> {
  let children = await provider.getChildren();
  for (let last = children.at(-1); last?.kind === 'loadMore'; last = children.at(-1)) {
    await provider.loadMore(last);
    children = await provider.getChildren();
  }
  return children;
}

/** The item's tooltip as a hover shows it: VS Code resolves the item when `tooltip` is undefined. */
export async function hoverTooltip(provider: DiskTreeProvider, node: TreeNode): Promise<string> {
  const item = provider.getTreeItem(node);
  const resolved = item.tooltip === undefined ? (provider.resolveTreeItem(item, node) ?? item) : item;
  const tooltip = resolved.tooltip;
  return tooltip instanceof vscode.MarkdownString ? tooltip.value : String(tooltip);
}

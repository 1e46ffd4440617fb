// Shared by the create-flow suites: the snapshot commands wired to a sandbox through the real SDK,
// a real status-bar tracker, a recording tree and notifier, and a scripted prompter.
import * as vscode from 'vscode';
import type { Connection, ConnectionState, Connections } from '../../src/connection/connection';
import { SnapshotCommands } from '../../src/commands/snapshotCommands';
import type { SnapshotCommandSeams } from '../../src/commands/snapshotCommands';
import type { Disk, EcsGateway } from '../../src/ecs/gateway';
import { SnapshotTracker } from '../../src/tracker/snapshotTracker';
import type { DiskTreeApi } from '../../src/view/diskTreeApi';
import type { PickRequest, Prompter } from '../../src/commands/createSnapshot/prompter';
import { ScriptedPrompter } from '../support/scriptedPrompter';
import type { ScriptStep } from '../support/scriptedPrompter';
import { RecordingNotifier } from '../support/snapshotFakes';
import { MemoryMemento } from './trackerHelpers';

export const SOURCE_KEY = 'sandbox:create-suite';

export { sandboxGateway } from './sandboxGateway';

export class SandboxConnections implements Connections {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  connected = true;
  constructor(private readonly gateway: EcsGateway) {}
  async current(): Promise<Connection | undefined> {
    return this.connected ? this.connection('cn-hangzhou') : undefined;
  }
  async forRegion(regionId: string, sourceKey?: string): Promise<Connection | undefined> {
    return sourceKey === undefined || sourceKey === SOURCE_KEY ? this.connection(regionId) : undefined;
  }
  reportState(_state: ConnectionState): void {}
  private connection(regionId: string): Connection {
    return { gateway: this.gateway, regionId, sourceKey: SOURCE_KEY, label: `${regionId} · sandbox` };
  }
}

export class RecordingTree implements DiskTreeApi {
  readonly refreshed: string[] = [];
  refreshDisk(regionId: string, diskId: string): void {
    this.refreshed.push(`${regionId}/${diskId}`);
  }
  refreshAll(): void {}
  async revealDisk(): Promise<void> {}
  loadedDisks(): readonly Disk[] {
    return [];
  }
}

export interface Harness {
  commands: SnapshotCommands;
  prompter: ScriptedPrompter;
  notifier: RecordingNotifier;
  tracker: SnapshotTracker;
  tree: RecordingTree;
  state: MemoryMemento;
  connections: SandboxConnections;
  announced: string[];
  /** Gives the next flow its script (the same commands object, e.g. for a second Quick Backup). */
  script(steps: ScriptStep[]): ScriptedPrompter;
}

const silentLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export function harness(gateway: EcsGateway, log: vscode.LogOutputChannel, seams: SnapshotCommandSeams = {}, disposables: vscode.Disposable[] = []): Harness {
  const connections = new SandboxConnections(gateway);
  const state = new MemoryMemento();
  const tracker = new SnapshotTracker({ connections, memento: new MemoryMemento(), log: silentLog, revealDisk: async () => undefined });
  disposables.push(tracker);
  const tree = new RecordingTree();
  const notifier = new RecordingNotifier();
  const announced: string[] = [];
  let prompter = new ScriptedPrompter([]);
  // The prompter is looked up per question, so script() can swap it between flows.
  const switching: Prompter = {
    input: (request) => prompter.input(request),
    pick: <T>(request: PickRequest<T>) => prompter.pick(request),
  };
  const commands = new SnapshotCommands({ connections, tracker, tree, log }, state, {
    prompter: switching,
    notifier,
    now: () => new Date(2026, 10, 27, 14, 30),
    announce: (m) => announced.push(m),
    gitInfo: async () => ({}),
    openUrl: () => undefined,
    copyText: () => undefined,
    ...seams,
  });
  return {
    commands,
    get prompter() {
      return prompter;
    },
    notifier,
    tracker,
    tree,
    state,
    connections,
    announced,
    script(steps) {
      prompter = new ScriptedPrompter(steps);
      return prompter;
    },
  };
}

/** The sandbox's disk as the gateway maps it (what the tree would pass). */
export async function diskNamed(gateway: EcsGateway, name: string): Promise<Disk> {
  const page = await gateway.listDisks({ regionId: 'cn-hangzhou' });
  const disk = page.items.find((d) => d.diskName === name);
  if (!disk) throw new Error(`no disk named ${name}`);
  return disk;
}

// "Try the sandbox": an ECS emulator inside the extension host, so a new user without an Alibaba
// Cloud account can see every feature. Loaded on demand; stopped with the extension.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { Sandbox } from '../sandbox/index';

/** Simulated seconds per real second: a 40 GiB snapshot finishes in well under a minute. */
const SANDBOX_TIME_SCALE = 10;

export class SandboxHost implements vscode.Disposable {
  private running?: Promise<Sandbox>;

  /** `storageDir`: where the sandbox keeps its world, so snapshots survive a window reload. */
  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly storageDir?: string,
  ) {}

  /** Starts the emulator on a free loopback port the first time it is needed. */
  endpoint(): Promise<Sandbox> {
    this.running ??= import('../sandbox/index').then(async ({ startSandbox }) => {
      const sandbox = await startSandbox({
        timeScale: SANDBOX_TIME_SCALE,
        stateFile: this.stateFile(),
        log: (line) => this.log.trace(`[sandbox] ${line}`),
      });
      this.log.info(`Sandbox ECS emulator listening on ${sandbox.endpoint} (region ${sandbox.regionId}).`);
      return sandbox;
    });
    return this.running;
  }

  /** Undefined (a world in memory only) when there is no storage or it cannot be created. */
  private stateFile(): string | undefined {
    if (this.storageDir === undefined) return undefined;
    try {
      fs.mkdirSync(this.storageDir, { recursive: true });
      return path.join(this.storageDir, 'sandbox-world.json');
    } catch (err) {
      this.log.warn(`Sandbox state will not survive a reload: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  dispose(): void {
    void this.running?.then((sandbox) => sandbox.close()).catch(() => undefined);
    this.running = undefined;
  }
}

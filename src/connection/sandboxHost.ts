// "Try the sandbox": an ECS emulator inside the extension host, so a new user without an Alibaba
// Cloud account can see every feature. Loaded on demand; stopped with the extension.
import type * as vscode from 'vscode';
import type { Sandbox } from '../sandbox/index';

/** Simulated seconds per real second: a 40 GiB snapshot finishes in well under a minute. */
const SANDBOX_TIME_SCALE = 10;

export class SandboxHost implements vscode.Disposable {
  private running?: Promise<Sandbox>;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Starts the emulator on a free loopback port the first time it is needed. */
  endpoint(): Promise<Sandbox> {
    this.running ??= import('../sandbox/index').then(async ({ startSandbox }) => {
      const sandbox = await startSandbox({ timeScale: SANDBOX_TIME_SCALE, log: (line) => this.log.trace(`[sandbox] ${line}`) });
      this.log.info(`Sandbox ECS emulator listening on ${sandbox.endpoint} (region ${sandbox.regionId}).`);
      return sandbox;
    });
    return this.running;
  }

  dispose(): void {
    void this.running?.then((sandbox) => sandbox.close()).catch(() => undefined);
    this.running = undefined;
  }
}

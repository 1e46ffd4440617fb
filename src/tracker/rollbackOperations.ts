// The tracker's rollback operations: each one a RollbackMachine with persisted phases, all saved
// together in the workspace's Memento next to the creations, resumed after a window reload.
// No `vscode` import: unit-tested with a fake clock and gateway.
import type { EcsGateway } from '../ecs/gateway';
import type { RollbackRequest } from '../rollback/rollbackApi';
import { RollbackMachine } from '../rollback/rollbackMachine';
import {
  deserializeRollbacks,
  isRollbackFinished,
  newRollbackState,
  serializeRollbacks,
  type PersistedRollbacks,
  type RollbackPhase,
  type RollbackState,
} from '../rollback/rollbackState';
import type { Clock, TrackerLog } from './trackerCore';
import type { DiskRef } from './trackerApi';

export type RollbackEvent = { kind: 'rollbackChanged'; state: RollbackState; previous?: RollbackPhase } | { kind: 'rollbackForgotten'; state: RollbackState };

export interface RollbackOperationsOptions {
  clock: Clock;
  resolveGateway: (regionId: string, sourceKey: string) => Promise<EcsGateway | undefined>;
  store: { load(): unknown; save(state: PersistedRollbacks): void | PromiseLike<void> };
  onEvent: (event: RollbackEvent) => void;
  log?: TrackerLog;
}

/** Finished rollbacks the user has seen stay listed this long. */
const FINISHED_TTL_MS = 24 * 60 * 60 * 1000;

export class RollbackOperations {
  private readonly machines = new Map<string, RollbackMachine>();
  private disposed = false;

  constructor(private readonly options: RollbackOperationsOptions) {}

  /** Loads what a previous window saved and resumes every unfinished rollback from its phase. */
  resume(): void {
    const now = this.options.clock.now();
    for (const state of deserializeRollbacks(this.options.store.load())) {
      if (isRollbackFinished(state.phase) && state.acknowledged && now - (state.finishedAt ?? state.updatedAt) > FINISHED_TTL_MS) continue;
      this.machines.set(state.request.operationId, this.build(state));
    }
    for (const machine of this.machines.values()) {
      if (!machine.finished) {
        this.options.log?.info(`Resuming the rollback of ${machine.state.request.diskId} in phase ${machine.state.phase}.`);
        void machine.run();
      }
    }
  }

  /** Persists the operation, then runs it in the background. A second start of the same id is ignored. */
  start(request: RollbackRequest): void {
    if (this.disposed || this.machines.has(request.operationId)) return;
    const machine = this.build(newRollbackState(request, this.options.clock.now()));
    this.machines.set(request.operationId, machine);
    this.save();
    this.emit({ kind: 'rollbackChanged', state: machine.state });
    void machine.run();
  }

  isRollingBack(disk: DiskRef): boolean {
    return this.active().some((s) => s.request.diskId === disk.diskId && s.request.regionId === disk.regionId);
  }

  /** Every rollback, newest first. */
  operations(): readonly RollbackState[] {
    return [...this.machines.values()].map((m) => m.state).sort((a, b) => b.startedAt - a.startedAt);
  }

  active(): RollbackState[] {
    return this.operations().filter((s) => !isRollbackFinished(s.phase));
  }

  /** Why reading the state of this rollback keeps failing, while it does. */
  readError(operationId: string): { code: string; message: string } | undefined {
    return this.machines.get(operationId)?.readError;
  }

  retry(operationId: string): Promise<void> {
    return this.machines.get(operationId)?.retry() ?? Promise.resolve();
  }

  startInstance(operationId: string): Promise<void> {
    return this.machines.get(operationId)?.startInstance() ?? Promise.resolve();
  }

  acknowledgeAll(): boolean {
    let any = false;
    for (const { state } of this.machines.values()) {
      if (state.phase === 'failed' && !state.acknowledged) {
        state.acknowledged = true;
        any = true;
      }
    }
    if (any) this.save();
    return any;
  }

  /** Forgets a finished rollback (an unfinished one keeps running: it cannot be abandoned halfway). */
  dismiss(operationId: string): void {
    const machine = this.machines.get(operationId);
    if (!machine?.finished) return;
    this.machines.delete(operationId);
    this.save();
    this.emit({ kind: 'rollbackForgotten', state: machine.state });
  }

  dismissFinished(): void {
    for (const [id, machine] of this.machines) {
      if (machine.finished) this.machines.delete(id);
    }
    this.save();
  }

  dispose(): void {
    this.disposed = true;
    for (const machine of this.machines.values()) machine.dispose();
  }

  private build(state: RollbackState): RollbackMachine {
    return new RollbackMachine(state, {
      clock: this.options.clock,
      resolveGateway: () => this.options.resolveGateway(state.request.regionId, state.request.sourceKey),
      save: () => this.save(),
      onChange: (changed, previous) => this.emit({ kind: 'rollbackChanged', state: changed, previous }),
      log: this.options.log,
    });
  }

  private save(): void {
    if (this.disposed) return;
    try {
      const result = this.options.store.save(serializeRollbacks(this.operations()));
      if (result && typeof result.then === 'function') {
        result.then(undefined, (e: unknown) => this.options.log?.warn(`Could not save the rollbacks: ${String(e)}`));
      }
    } catch (e) {
      this.options.log?.warn(`Could not save the rollbacks: ${String(e)}`);
    }
  }

  private emit(event: RollbackEvent): void {
    if (!this.disposed) this.options.onEvent(event);
  }
}

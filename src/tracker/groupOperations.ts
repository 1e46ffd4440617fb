// The tracker's server-level operations: group backups (each a GroupBackupMachine, followed by ONE
// poller that reads every group of a region in batches) and instance rollbacks (each an
// InstanceRollbackMachine). Saved together in the workspace's Memento next to the creations and
// the disk rollbacks, resumed after a window reload. No `vscode` import: unit-tested with fakes.
import type { EcsGateway } from '../ecs/gateway';
import { asEcsError, backoff } from '../rollback/phasedMachine';
import type { GroupBackupRequest, InstanceRollbackRequest } from '../groups/groupApi';
import { GroupBackupMachine } from '../groups/groupBackupMachine';
import { readGroupTick } from '../groups/groupBackupPolling';
import { isGroupBackupFinished, newGroupBackupState, readGroupBackup, type GroupBackupPhase, type GroupBackupState } from '../groups/groupBackupState';
import { InstanceRollbackMachine } from '../groups/instanceRollbackMachine';
import {
  isInstanceRollbackFinished,
  newInstanceRollbackState,
  readInstanceRollback,
  type InstanceRollbackPhase,
  type InstanceRollbackState,
} from '../groups/instanceRollbackState';
import { isRecord } from '../groups/persisted';
import type { Clock, TimerHandle, TrackerLog } from './trackerCore';

export const GROUP_PERSISTENCE_KEY = 'ecsSnapshots.tracker.groups';
export const GROUP_PERSISTENCE_VERSION = 1;

export interface PersistedGroupOperations {
  version: typeof GROUP_PERSISTENCE_VERSION;
  backups: GroupBackupState[];
  rollbacks: InstanceRollbackState[];
}

export type GroupEvent =
  | { kind: 'backupChanged'; state: GroupBackupState; previous?: GroupBackupPhase }
  | { kind: 'instanceRollbackChanged'; state: InstanceRollbackState; previous?: InstanceRollbackPhase }
  | { kind: 'forgotten'; instance: InstanceRef };

export interface InstanceRef {
  regionId: string;
  instanceId: string;
}

export interface GroupOperationsOptions {
  clock: Clock;
  resolveGateway: (regionId: string, sourceKey: string) => Promise<EcsGateway | undefined>;
  store: { load(): unknown; save(state: PersistedGroupOperations): void | PromiseLike<void> };
  onEvent: (event: GroupEvent) => void;
  log?: TrackerLog;
}

export const GROUP_POLL = {
  /** First reading after a group is known (or after a reload). */
  firstMs: 2_000,
  /** Pace while groups are being created. */
  everyMs: 5_000,
} as const;

/** Finished operations the user has seen stay listed this long. */
const FINISHED_TTL_MS = 24 * 60 * 60 * 1000;

export class GroupOperations {
  private readonly backups = new Map<string, GroupBackupMachine>();
  private readonly rollbacks = new Map<string, InstanceRollbackMachine>();
  private pollTimer: TimerHandle | undefined;
  private ticking = false;
  private pollFailures = 0;
  /** Groups a tick could not read (a busy region): read first by id next tick. Per region + source. */
  private readonly overdue = new Map<string, Set<string>>();
  private disposed = false;
  /** DescribeSnapshotGroups / DescribeSnapshots requests of the last tick (shown in tests and benchmarks). */
  lastTickRequests = { groups: 0, members: 0 };

  constructor(private readonly options: GroupOperationsOptions) {}

  /** Loads what a previous window saved and resumes every unfinished operation from its phase. */
  resume(): void {
    const now = this.options.clock.now();
    const saved = this.options.store.load();
    const stale = (finished: boolean, acknowledged: boolean, at: number) => finished && acknowledged && now - at > FINISHED_TTL_MS;
    if (isRecord(saved) && saved.version === GROUP_PERSISTENCE_VERSION) {
      for (const state of Array.isArray(saved.backups) ? saved.backups.flatMap((b: unknown) => readGroupBackup(b) ?? []) : []) {
        if (this.backups.has(state.request.operationId) || stale(isGroupBackupFinished(state.phase), state.acknowledged, state.finishedAt ?? state.updatedAt)) continue;
        this.backups.set(state.request.operationId, this.buildBackup(state));
      }
      for (const state of Array.isArray(saved.rollbacks) ? saved.rollbacks.flatMap((r: unknown) => readInstanceRollback(r) ?? []) : []) {
        if (this.rollbacks.has(state.request.operationId) || stale(isInstanceRollbackFinished(state.phase), state.acknowledged, state.finishedAt ?? state.updatedAt)) continue;
        this.rollbacks.set(state.request.operationId, this.buildRollback(state));
      }
    }
    for (const machine of this.backups.values()) {
      if (machine.state.phase === 'requesting') void machine.run();
    }
    for (const machine of this.rollbacks.values()) {
      if (!machine.finished) {
        this.options.log?.info(`Resuming the rollback of instance ${machine.state.request.instanceId} in phase ${machine.state.phase}.`);
        void machine.run();
      }
    }
    this.schedulePoll(GROUP_POLL.firstMs);
  }

  /** Persists the group backup, then sends CreateSnapshotGroup. A second start of the same id is ignored. */
  startBackup(request: GroupBackupRequest): void {
    if (this.disposed || this.backups.has(request.operationId)) return;
    const machine = this.buildBackup(newGroupBackupState(request, this.options.clock.now()));
    this.backups.set(request.operationId, machine);
    this.save();
    this.options.onEvent({ kind: 'backupChanged', state: machine.state });
    void machine.run();
  }

  /** Persists the rollback, then runs it in the background. A second start of the same id is ignored. */
  startRollback(request: InstanceRollbackRequest): void {
    if (this.disposed || this.rollbacks.has(request.operationId)) return;
    const machine = this.buildRollback(newInstanceRollbackState(request, this.options.clock.now()));
    this.rollbacks.set(request.operationId, machine);
    this.save();
    this.options.onEvent({ kind: 'instanceRollbackChanged', state: machine.state });
    void machine.run();
  }

  isBackingUp(instance: InstanceRef): boolean {
    return this.backupOperations().some((s) => !isGroupBackupFinished(s.phase) && sameInstance(s.request, instance));
  }

  isRollingBack(instance: InstanceRef): boolean {
    return this.rollbackOperations().some((s) => !isInstanceRollbackFinished(s.phase) && sameInstance(s.request, instance));
  }

  /** Every group backup, newest first. */
  backupOperations(): readonly GroupBackupState[] {
    return [...this.backups.values()].map((m) => m.state).sort((a, b) => b.startedAt - a.startedAt);
  }

  /** Every instance rollback, newest first. */
  rollbackOperations(): readonly InstanceRollbackState[] {
    return [...this.rollbacks.values()].map((m) => m.state).sort((a, b) => b.startedAt - a.startedAt);
  }

  /** Why reading the state of this operation keeps failing, while it does. */
  readError(operationId: string): { code: string; message: string } | undefined {
    return this.backups.get(operationId)?.readError ?? this.rollbacks.get(operationId)?.readError;
  }

  /** Retry: a refused backup (same ClientToken), or a failed rollback from the failed phase. */
  retry(operationId: string): Promise<void> {
    const backup = this.backups.get(operationId);
    if (backup) return backup.retry();
    return this.rollbacks.get(operationId)?.retry() ?? Promise.resolve();
  }

  startInstance(operationId: string): Promise<void> {
    return this.rollbacks.get(operationId)?.startInstance() ?? Promise.resolve();
  }

  /** The list was opened: failures are seen. */
  acknowledgeAll(): boolean {
    let any = false;
    for (const { state } of [...this.backups.values(), ...this.rollbacks.values()]) {
      if ((state.phase === 'failed' || state.phase === 'refused') && !state.acknowledged) {
        state.acknowledged = true;
        any = true;
      }
    }
    if (any) this.save();
    return any;
  }

  /** Forgets a finished operation (an unfinished one keeps running: it cannot be abandoned halfway). */
  dismiss(operationId: string): void {
    const machine = this.backups.get(operationId) ?? this.rollbacks.get(operationId);
    if (!machine?.finished) return;
    this.backups.delete(operationId);
    this.rollbacks.delete(operationId);
    this.save();
    this.options.onEvent({ kind: 'forgotten', instance: machine.state.request });
  }

  dismissFinished(): void {
    for (const map of [this.backups, this.rollbacks] as Map<string, { finished: boolean }>[]) {
      for (const [id, machine] of map) if (machine.finished) map.delete(id);
    }
    this.save();
  }

  dispose(): void {
    this.disposed = true;
    if (this.pollTimer !== undefined) this.options.clock.clearTimer(this.pollTimer);
    this.pollTimer = undefined;
    for (const machine of [...this.backups.values(), ...this.rollbacks.values()]) machine.dispose();
  }

  /** One reading of every group being created (the timer calls it; tests may too). */
  async poll(): Promise<void> {
    if (this.ticking || this.disposed) return;
    this.ticking = true;
    const requests = { groups: 0, members: 0 };
    let failed = false;
    try {
      const byRegion = new Map<string, GroupBackupMachine[]>();
      for (const machine of this.backups.values()) {
        if (machine.state.phase !== 'creating' || !machine.state.groupId) continue;
        const key = `${machine.state.request.regionId}\u0000${machine.state.request.sourceKey}`;
        byRegion.set(key, [...(byRegion.get(key) ?? []), machine]);
      }
      for (const [key, machines] of byRegion) {
        const { regionId, sourceKey } = machines[0].state.request;
        try {
          const gateway = await this.options.resolveGateway(regionId, sourceKey);
          if (!gateway || this.disposed) continue;
          const followed = machines.map((m) => ({ groupId: m.state.groupId as string, memberIds: m.state.members.map((x) => x.snapshotId) }));
          const tick = await readGroupTick(gateway, regionId, followed, this.overdue.get(key));
          requests.groups += tick.groupRequests;
          requests.members += tick.memberRequests;
          this.overdue.set(key, tick.unread);
          if (this.disposed) return;
          for (const machine of machines) {
            const id = machine.state.groupId as string;
            const group = tick.groups.get(id);
            if (group) machine.applyGroup(group);
            else if (tick.members.has(id)) machine.applyMembers(tick.members.get(id) ?? []);
            else if (tick.missing.has(id)) machine.applyMissing();
          }
        } catch (e) {
          failed = true;
          const error = asEcsError(e);
          this.options.log?.warn(`Reading the snapshot groups of ${regionId} failed (${error.code}); trying again.`);
          machines.forEach((m) => m.applyReadError(error));
        }
      }
    } finally {
      this.ticking = false;
      this.lastTickRequests = requests;
    }
    if (this.disposed) return;
    this.pollFailures = failed ? this.pollFailures + 1 : 0;
    this.schedulePoll(failed ? backoff(this.pollFailures) : GROUP_POLL.everyMs);
  }

  private schedulePoll(ms: number): void {
    // While a tick runs, its end schedules the next one: one timer, one tick at a time.
    if (this.disposed || this.ticking || this.pollTimer !== undefined) return;
    if (![...this.backups.values()].some((m) => m.state.phase === 'creating')) return;
    this.pollTimer = this.options.clock.setTimer(() => {
      this.pollTimer = undefined;
      void this.poll();
    }, ms);
  }

  private buildBackup(state: GroupBackupState): GroupBackupMachine {
    return new GroupBackupMachine(state, {
      clock: this.options.clock,
      resolveGateway: () => this.options.resolveGateway(state.request.regionId, state.request.sourceKey),
      claimedGroups: () => new Set([...this.backups.values()].flatMap((m) => (m.state !== state && m.state.groupId ? [m.state.groupId] : []))),
      save: () => this.save(),
      onChange: (changed, previous) => {
        if (changed.phase === 'creating' && previous !== 'creating') this.schedulePoll(GROUP_POLL.firstMs);
        this.emit({ kind: 'backupChanged', state: changed, previous });
      },
      log: this.options.log,
    });
  }

  private buildRollback(state: InstanceRollbackState): InstanceRollbackMachine {
    return new InstanceRollbackMachine(state, {
      clock: this.options.clock,
      resolveGateway: () => this.options.resolveGateway(state.request.regionId, state.request.sourceKey),
      save: () => this.save(),
      onChange: (changed, previous) => this.emit({ kind: 'instanceRollbackChanged', state: changed, previous }),
      log: this.options.log,
    });
  }

  private save(): void {
    if (this.disposed) return;
    const persisted: PersistedGroupOperations = {
      version: GROUP_PERSISTENCE_VERSION,
      backups: this.backupOperations().map((s) => structuredClone(s)),
      rollbacks: this.rollbackOperations().map((s) => structuredClone(s)),
    };
    try {
      const result = this.options.store.save(persisted);
      if (result && typeof result.then === 'function') {
        result.then(undefined, (e: unknown) => this.options.log?.warn(`Could not save the group operations: ${String(e)}`));
      }
    } catch (e) {
      this.options.log?.warn(`Could not save the group operations: ${String(e)}`);
    }
  }

  private emit(event: GroupEvent): void {
    if (!this.disposed) this.options.onEvent(event);
  }
}

function sameInstance(request: InstanceRef, instance: InstanceRef): boolean {
  return request.regionId === instance.regionId && request.instanceId === instance.instanceId;
}

// What every rollback machine shares (one disk, or every member disk of an instance): the loop of
// phases with one pause between steps, reads that may fail for a while, and the instance's stop
// and start, each sent at most once while it may have run (no ClientToken: the state is read back).
// Pure: no `vscode` import; a fake clock and a fake gateway drive it in unit tests.
import { EcsError, isEcsError } from '../ecs/errors';
import type { EcsGateway } from '../ecs/gateway';
import { mayHaveRun } from '../ecs/mayHaveRun';
import { toTrackedError, type TrackedError } from '../tracker/trackedOperation';
import type { Clock, TimerHandle } from '../tracker/trackerCore';
import { instanceGone, noConnectionError, stuckError, unconfirmedError } from './rollbackErrors';
import type { RollbackAction } from './rollbackState';

export const ROLLBACK_TIMING = {
  /** DescribeInstanceStatus pace while stopping or starting. */
  instancePollMs: 3_000,
  /** DescribeSnapshots pace of the safety snapshot: a quarter of its RemainTime, between these. */
  snapshotPollMinMs: 2_000,
  snapshotPollMaxMs: 15_000,
  /** A stop or start still not done after this long is stuck: an exception, not a reason to wait forever. */
  instanceCapMs: 10 * 60_000,
  /** A write whose answer was lost: the instance must show it ran within this while. */
  unconfirmedGraceMs: 60_000,
  /** ECS gives no "reset done" signal: at least this long before the disk's status is trusted. */
  resetSettleMs: 10_000,
  resetCapMs: 30 * 60_000,
  /** Refusals that mean "later" (a snapshot still finishing, a busy disk) are retried this long. */
  laterCapMs: 10 * 60_000,
  /** Reads failing (throttled, 5xx, no connection) for this long end the operation. */
  readFailureCapMs: 5 * 60_000,
  /** CreateSnapshot (same ClientToken) and ResetDisk attempts whose answers were lost, at most. */
  maxUnconfirmedAttempts: 4,
  backoffBaseMs: 2_000,
  backoffCapMs: 60_000,
  safetySnapshotMisses: 3,
} as const;

/** ResetDisk refusals that mean "not now": nothing ran, the same request can succeed later. */
export const RESET_LATER = new Set(['IncorrectDiskStatus.HasUnfinishedSnapshot', 'InvalidSnapshotId.NotReady', 'InternalError', 'Operation.Conflict']);
/** StartInstance refusals while the disk is still busy with the reset (traps 5): retried with backoff. */
const START_LATER = new Set(['DiskError', 'IncorrectDiskStatus', 'InstanceNotReady', 'InvalidOperation.Conflict', 'Operation.Conflict', 'LimitedOperation.ServiceUnavailable']);


/** The phases both machines have (each adds its own between waitingStopped and starting). */
type PowerPhase = 'stopping' | 'waitingStopped' | 'starting' | 'waitingRunning' | 'done' | 'failed';

export interface PhasedFailure<P extends string> {
  phase: P;
  error: TrackedError;
  instanceStatus?: string;
  actions: RollbackAction[];
}

/** The persisted fields the shared steps read and write. */
export interface PhasedState<P extends string, F extends PhasedFailure<P>> {
  readonly request: { regionId: string; sourceKey: string };
  phase: P;
  updatedAt: number;
  finishedAt?: number;
  phaseStartedAt: number;
  /** StopInstance sent (persisted before sending): never sent again by this operation. */
  stopSentAt?: number;
  /** The StopInstance answer was lost: whether it ran is read from the instance's status. */
  stopUnconfirmed?: boolean;
  startAttempts: number;
  /** A StartInstance that may have run (accepted, or its answer lost): never sent again. */
  startMayHaveRun?: boolean;
  instanceStatus?: string;
  failure?: F;
  /** The failure the user answered with "Start Instance": the start recovers the instance, not the rollback. */
  recoveringFrom?: F;
  acknowledged: boolean;
}

export interface PhasedMachineOptions<S> {
  clock: Clock;
  /** The gateway of the operation's (region, credential source); undefined when that source is not usable. */
  resolveGateway: () => Promise<EcsGateway | undefined>;
  /** Persists the state (called before every write request). */
  save: (state: S) => void;
  /** The phase or the visible progress changed. */
  onChange: (state: S, previous: S extends { phase: infer P } ? P : never) => void;
  log?: { info(message: string): void; warn(message: string): void };
}

export abstract class PhasedMachine<P extends string, F extends PhasedFailure<P>, S extends PhasedState<P, F>> {
  private running: Promise<void> | undefined;
  protected disposed = false;
  private timer: TimerHandle | undefined;
  private wake: (() => void) | undefined;
  /** Transient: reads failing since (undefined while they succeed). */
  private readFailingSince: number | undefined;
  private readFailures = 0;
  protected attemptsInPhase = 0;
  /** Why the last read failed, while reads keep failing (shown, not persisted). */
  readError: EcsError | undefined;

  constructor(
    readonly state: S,
    protected readonly options: PhasedMachineOptions<S>,
  ) {}

  /** "Rollback of d-1", for the log. */
  protected abstract readonly label: string;
  /** The instance stopped and started around the resets (undefined: an unattached disk). */
  protected abstract instanceIdOrNone(): string | undefined;
  /** Whether the plan starts the instance after the resets. */
  protected abstract plansStart(): boolean;
  /** The phase after the instance is Stopped. */
  protected abstract afterStopped(): P;
  /** The steps of the machine's own phases (between waitingStopped and starting). */
  protected abstract ownStep(gateway: EcsGateway): Promise<number>;
  /** The failure record of `phase` (with the disks' outcomes). */
  protected abstract failureFor(phase: P, error: TrackedError, actions: RollbackAction[]): F;
  /** Whether a failure the "Start Instance" recovered had nonetheless rolled the disks back. */
  protected abstract rolledBackDespite(failure: F): boolean;
  /** Clears transient per-phase counters of the subclass. */
  protected onEnter(): void {}

  get finished(): boolean {
    return this.state.phase === 'done' || this.state.phase === 'failed';
  }

  /** Runs the operation from its saved phase until done or failed (or disposal). */
  run(): Promise<void> {
    this.running ??= this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Resumes a failed operation where it failed (only when the failure offers Retry). */
  retry(): Promise<void> {
    const failure = this.state.failure;
    if (this.state.phase !== 'failed' || !failure?.actions.includes('retry')) return Promise.resolve();
    let phase = failure.phase;
    if (phase === 'waitingStopped' && this.state.stopUnconfirmed && failure.instanceStatus === 'Running') {
      // The lost StopInstance never took effect (the instance stayed Running): the user asks again.
      this.state.stopSentAt = undefined;
      this.state.stopUnconfirmed = undefined;
      phase = this.phase('stopping');
    }
    this.state.failure = undefined;
    this.enter(phase);
    return this.run();
  }

  /** Starts the instance a failure left Stopped (the user's explicit choice: one StartInstance). */
  startInstance(): Promise<void> {
    const failure = this.state.failure;
    if (this.state.phase !== 'failed' || !failure?.actions.includes('startInstance')) return Promise.resolve();
    this.state.recoveringFrom = failure;
    this.state.failure = undefined;
    this.state.startMayHaveRun = undefined;
    this.enter(this.phase('starting'));
    return this.run();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.options.clock.clearTimer(this.timer);
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.disposed && !this.finished) {
      const waitMs = await this.step();
      if (waitMs > 0 && !this.disposed && !this.finished) await this.sleep(waitMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = this.options.clock.setTimer(() => {
        this.timer = undefined;
        this.wake = undefined;
        resolve();
      }, ms);
    });
  }

  /** One step of the current phase; returns how long to wait before the next one. */
  private async step(): Promise<number> {
    try {
      const gateway = await this.options.resolveGateway();
      if (!gateway) throw noConnectionError(this.state.request.sourceKey);
      if (this.disposed) return 0;
      const wait = await this.stepWith(gateway);
      this.readFailingSince = undefined;
      this.readFailures = 0;
      if (this.readError) {
        this.readError = undefined;
        this.changed();
      }
      return wait;
    } catch (e) {
      // Only reads (and resolving the gateway) throw here: every write handles its own failure.
      const error = asEcsError(e);
      const now = this.now();
      this.readFailingSince ??= now;
      this.readFailures++;
      this.readError = error;
      this.options.log?.warn(`${this.label}: reading the state failed (${error.code}); trying again.`);
      if (now - this.readFailingSince > ROLLBACK_TIMING.readFailureCapMs) {
        await this.fail(error);
        return 0;
      }
      this.changed();
      return Math.max(backoff(this.readFailures), (error.retryAfterSeconds ?? 0) * 1000);
    }
  }

  private stepWith(gateway: EcsGateway): Promise<number> {
    switch (this.state.phase as string) {
      case 'stopping':
        return this.stop(gateway);
      case 'waitingStopped':
        return this.waitStopped(gateway);
      case 'starting':
        return this.start(gateway);
      case 'waitingRunning':
        return this.waitRunning(gateway);
      case 'done':
      case 'failed':
        return Promise.resolve(0);
      default:
        return this.ownStep(gateway);
    }
  }

  // ---- Stop and start: at most one of each that may have run ----------------------------------

  private async stop(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    if (s.stopSentAt !== undefined) {
      // Sent before and the window reloaded before its answer: read the status, never send it again.
      s.stopUnconfirmed = true;
      this.enter(this.phase('waitingStopped'));
      return 0;
    }
    s.stopSentAt = this.now();
    this.save();
    try {
      await gateway.stopInstance(s.request.regionId, this.instanceId());
      this.enter(this.phase('waitingStopped'));
      return ROLLBACK_TIMING.instancePollMs;
    } catch (e) {
      const error = asEcsError(e);
      if (mayHaveRunError(error)) {
        s.stopUnconfirmed = true;
        this.enter(this.phase('waitingStopped'));
        return ROLLBACK_TIMING.instancePollMs;
      }
      s.stopSentAt = undefined; // refused: it did not run, so asking again keeps "at most one stop that ran"
      this.attemptsInPhase++;
      this.save();
      if (error.kind === 'throttling' && this.now() - s.phaseStartedAt < ROLLBACK_TIMING.laterCapMs) {
        return Math.max(backoff(this.attemptsInPhase), (error.retryAfterSeconds ?? 0) * 1000);
      }
      if (error.code === 'IncorrectInstanceStatus') {
        const status = await this.readInstance(gateway);
        if (status === 'Stopped' || status === 'Stopping') {
          this.enter(this.phase('waitingStopped')); // stopped by someone else meanwhile: just as good
          return 0;
        }
      }
      await this.fail(error);
      return 0;
    }
  }

  private async waitStopped(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    const status = await this.readInstance(gateway);
    const elapsed = this.now() - s.phaseStartedAt;
    if (status === 'Stopped') {
      this.enter(this.afterStopped());
      return 0;
    }
    if (status === undefined) {
      await this.fail(instanceGone(this.instanceId()));
    } else if (status === 'Running' && s.stopUnconfirmed && elapsed > ROLLBACK_TIMING.unconfirmedGraceMs) {
      await this.fail(unconfirmedError('StopInstance', status));
    } else if (elapsed > ROLLBACK_TIMING.instanceCapMs) {
      await this.fail(stuckError('StopInstance', status, elapsed));
    }
    return ROLLBACK_TIMING.instancePollMs;
  }

  /** After the resets have settled: start the instance if the plan says so, else done. */
  protected afterResets(): void {
    if (this.plansStart()) this.enter(this.phase('starting'));
    else this.finish();
  }

  private async start(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    if (s.startMayHaveRun) {
      // A StartInstance that may have run is never sent again: read the status instead.
      this.enter(this.phase('waitingRunning'));
      return 0;
    }
    s.startAttempts++;
    s.startMayHaveRun = true; // persisted before sending
    this.attemptsInPhase++;
    this.save();
    try {
      await gateway.startInstance(s.request.regionId, this.instanceId());
      this.enter(this.phase('waitingRunning'));
      return ROLLBACK_TIMING.instancePollMs;
    } catch (e) {
      const error = asEcsError(e);
      if (mayHaveRunError(error)) {
        this.enter(this.phase('waitingRunning'));
        return ROLLBACK_TIMING.instancePollMs;
      }
      // Refused: nothing was started, so asking again later keeps "at most one start that ran".
      s.startMayHaveRun = undefined;
      this.save();
      if ((START_LATER.has(error.code) || error.kind === 'throttling') && this.now() - s.phaseStartedAt < ROLLBACK_TIMING.laterCapMs) {
        return Math.max(backoff(this.attemptsInPhase), (error.retryAfterSeconds ?? 0) * 1000);
      }
      if (error.code === 'IncorrectInstanceStatus') {
        const status = await this.readInstance(gateway);
        if (status === 'Running' || status === 'Starting') {
          this.enter(this.phase('waitingRunning')); // started by someone else meanwhile
          return 0;
        }
      }
      await this.fail(error);
      return 0;
    }
  }

  private async waitRunning(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    const status = await this.readInstance(gateway);
    const elapsed = this.now() - s.phaseStartedAt;
    if (status === 'Running') {
      this.finish();
      return 0;
    }
    if (status === undefined) {
      await this.fail(instanceGone(this.instanceId()));
    } else if (status === 'Stopped' && elapsed > ROLLBACK_TIMING.unconfirmedGraceMs) {
      await this.fail(unconfirmedError('StartInstance', status));
    } else if (elapsed > ROLLBACK_TIMING.instanceCapMs) {
      await this.fail(stuckError('StartInstance', status, elapsed));
    }
    return ROLLBACK_TIMING.instancePollMs;
  }

  // ---- Reads ---------------------------------------------------------------------------------

  protected async readInstance(gateway: EcsGateway): Promise<string | undefined> {
    const [found] = await gateway.describeInstanceStatus(this.state.request.regionId, [this.instanceId()]);
    if (found && found.status !== this.state.instanceStatus) {
      this.state.instanceStatus = found.status;
      this.save();
      this.changed();
    }
    return found?.status;
  }

  // ---- Transitions ---------------------------------------------------------------------------

  protected enter(phase: P): void {
    const previous = this.state.phase;
    const now = this.now();
    this.state.phase = phase;
    this.state.phaseStartedAt = now;
    this.state.updatedAt = now;
    this.attemptsInPhase = 0;
    this.onEnter();
    if (previous !== phase) this.options.log?.info(`${this.label}: ${previous} -> ${phase}.`);
    this.save();
    this.options.onChange(this.state, previous as never);
  }

  private finish(): void {
    const s = this.state;
    const recovering = s.recoveringFrom;
    s.recoveringFrom = undefined;
    s.finishedAt = this.now();
    s.acknowledged = false;
    if (recovering && !this.rolledBackDespite(recovering)) {
      // The instance runs again, but the rollback itself did not happen: still a failure to see.
      s.failure = { ...recovering, instanceStatus: s.instanceStatus, actions: [] };
      this.enter(this.phase('failed'));
      return;
    }
    this.enter(this.phase('done'));
  }

  /** Stops in the failed phase, saying exactly what state the disks and the instance are in. */
  protected async fail(error: EcsError): Promise<void> {
    const s = this.state;
    const phase = s.phase;
    if (this.instanceIdOrNone() !== undefined) {
      // Best effort: the notification tells the instance's status as it is now.
      try {
        const gateway = await this.options.resolveGateway();
        if (gateway) await this.readInstance(gateway);
      } catch {
        // keep the last status read
      }
    }
    s.failure = this.failureFor(phase, toTrackedError(error), this.actionsFor(phase));
    s.finishedAt = this.now();
    s.acknowledged = false;
    this.enter(this.phase('failed'));
  }

  private actionsFor(phase: P): RollbackAction[] {
    const s = this.state;
    const actions: RollbackAction[] = [];
    const late = phase === 'starting' || phase === 'waitingRunning' || s.recoveringFrom !== undefined;
    if (!late && phase !== 'waitingReset') actions.push('retry');
    // Offered when this operation stopped the instance, or meant to start it, and it is Stopped now.
    const ours = s.stopSentAt !== undefined || this.plansStart() || s.recoveringFrom !== undefined;
    if (this.instanceIdOrNone() !== undefined && ours && s.instanceStatus === 'Stopped') actions.push('startInstance');
    return actions;
  }

  protected instanceId(): string {
    const id = this.instanceIdOrNone();
    if (!id) throw new Error('This rollback has no instance.');
    return id;
  }

  /** The shared phase names, typed as the machine's own. */
  protected phase(name: PowerPhase): P {
    return name as P;
  }

  protected save(): void {
    this.state.updatedAt = this.now();
    if (!this.disposed) this.options.save(this.state);
  }

  protected changed(): void {
    if (!this.disposed) this.options.onChange(this.state, this.state.phase as never);
  }

  protected now(): number {
    return this.options.clock.now();
  }
}

export function asEcsError(e: unknown): EcsError {
  return isEcsError(e) ? e : new EcsError({ kind: 'network', code: 'Unknown', message: String(e), retryable: false, outcomeUnknown: true });
}

/** The request may have taken effect although it failed (its answer was lost, a 5xx, a timeout). */
export function mayHaveRunError(error: EcsError): boolean {
  return error.outcomeUnknown === true || mayHaveRun(error);
}

export function backoff(attempt: number): number {
  return Math.min(ROLLBACK_TIMING.backoffCapMs, ROLLBACK_TIMING.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
}

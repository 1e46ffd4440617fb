// The rollback operation as a small state machine: stop the instance, take the safety snapshot,
// reset the disk, start the instance, each phase persisted before its request is sent, so a reload
// resumes from the saved phase AND the state the cloud shows, never repeating a harmful write.
// Pure: no `vscode` import; a fake clock and a fake gateway drive it in unit tests.
import { EcsError, isEcsError } from '../ecs/errors';
import type { Disk, EcsGateway } from '../ecs/gateway';
import { mayHaveRun } from '../ecs/mayHaveRun';
import { toTrackedError } from '../tracker/trackedOperation';
import type { Clock, TimerHandle } from '../tracker/trackerCore';
import {
  instanceIdOf,
  isRollbackFinished,
  plansStart,
  type DiskOutcome,
  type RollbackAction,
  type RollbackPhase,
  type RollbackState,
} from './rollbackState';
import { diskGone, instanceGone, noConnectionError, safetySnapshotFailed, safetySnapshotGone, stuckError, unconfirmedError } from './rollbackErrors';

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
const RESET_LATER = new Set(['IncorrectDiskStatus.HasUnfinishedSnapshot', 'InvalidSnapshotId.NotReady', 'InternalError', 'Operation.Conflict']);
/** StartInstance refusals while the disk is still busy with the reset (traps 5): retried with backoff. */
const START_LATER = new Set(['DiskError', 'IncorrectDiskStatus', 'InstanceNotReady', 'InvalidOperation.Conflict', 'Operation.Conflict', 'LimitedOperation.ServiceUnavailable']);

export interface RollbackMachineOptions {
  clock: Clock;
  /** The gateway of the operation's (region, credential source); undefined when that source is not usable. */
  resolveGateway: () => Promise<EcsGateway | undefined>;
  /** Persists the state (called before every write request). */
  save: (state: RollbackState) => void;
  /** The phase or the visible progress changed. */
  onChange: (state: RollbackState, previous: RollbackPhase) => void;
  log?: { info(message: string): void; warn(message: string): void };
}

export class RollbackMachine {
  private running: Promise<void> | undefined;
  private disposed = false;
  private timer: TimerHandle | undefined;
  private wake: (() => void) | undefined;
  /** Transient: reads failing since (undefined while they succeed). */
  private readFailingSince: number | undefined;
  private readFailures = 0;
  private attemptsInPhase = 0;
  private snapshotMisses = 0;
  /** Why the last read failed, while reads keep failing (shown, not persisted). */
  readError: EcsError | undefined;

  constructor(
    readonly state: RollbackState,
    private readonly options: RollbackMachineOptions,
  ) {}

  get finished(): boolean {
    return isRollbackFinished(this.state.phase);
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
      phase = 'stopping';
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
    this.enter('starting');
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
      if (!gateway) {
        throw noConnectionError(this.state.request.sourceKey);
      }
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
      const now = this.options.clock.now();
      this.readFailingSince ??= now;
      this.readFailures++;
      this.readError = error;
      this.options.log?.warn(`Rollback of ${this.state.request.diskId}: reading the state failed (${error.code}); trying again.`);
      if (now - this.readFailingSince > ROLLBACK_TIMING.readFailureCapMs) {
        await this.fail(error);
        return 0;
      }
      this.changed();
      return Math.max(backoff(this.readFailures), (error.retryAfterSeconds ?? 0) * 1000);
    }
  }

  private stepWith(gateway: EcsGateway): Promise<number> {
    switch (this.state.phase) {
      case 'stopping':
        return this.stop(gateway);
      case 'waitingStopped':
        return this.waitStopped(gateway);
      case 'safetySnapshot':
        return this.safetySnapshot(gateway);
      case 'resetting':
        return this.reset(gateway);
      case 'waitingReset':
        return this.waitReset(gateway);
      case 'starting':
        return this.start(gateway);
      case 'waitingRunning':
        return this.waitRunning(gateway);
      case 'done':
      case 'failed':
        return Promise.resolve(0);
    }
  }

  // ---- Phases --------------------------------------------------------------------------------

  private async stop(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    if (s.stopSentAt !== undefined) {
      // Sent before and the window reloaded before its answer: read the status, never send it again.
      s.stopUnconfirmed = true;
      this.enter('waitingStopped');
      return 0;
    }
    s.stopSentAt = this.now();
    this.save();
    try {
      await gateway.stopInstance(s.request.regionId, this.instanceId());
      this.enter('waitingStopped');
      return ROLLBACK_TIMING.instancePollMs;
    } catch (e) {
      const error = asEcsError(e);
      if (mayHaveRunError(error)) {
        s.stopUnconfirmed = true;
        this.enter('waitingStopped');
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
          this.enter('waitingStopped'); // stopped by someone else meanwhile: just as good
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
      this.enter(s.request.safetySnapshot ? 'safetySnapshot' : 'resetting');
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

  private async safetySnapshot(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    const plan = s.request.safetySnapshot;
    if (!plan) {
      this.enter('resetting');
      return 0;
    }
    if (!s.safetySnapshotId) {
      // The plan's ClientToken makes every attempt (after a lost answer, after a reload) the same
      // request: ECS answers the snapshot it already made instead of making a second one.
      s.createSentAt ??= this.now();
      this.save();
      this.attemptsInPhase++;
      try {
        s.safetySnapshotId = await gateway.createSnapshot({
          regionId: s.request.regionId,
          diskId: s.request.diskId,
          clientToken: plan.clientToken,
          snapshotName: plan.name,
          ...(plan.description ? { description: plan.description } : {}),
          ...(plan.retentionDays !== undefined ? { retentionDays: plan.retentionDays } : {}),
          tags: plan.tags,
        });
        s.safetyProgress = 0;
        this.changed();
        return ROLLBACK_TIMING.snapshotPollMinMs;
      } catch (e) {
        const error = asEcsError(e);
        if ((mayHaveRunError(error) || error.kind === 'throttling') && this.attemptsInPhase < ROLLBACK_TIMING.maxUnconfirmedAttempts) {
          return Math.max(backoff(this.attemptsInPhase), (error.retryAfterSeconds ?? 0) * 1000);
        }
        await this.fail(error);
        return 0;
      }
    }
    const [snapshot] = await gateway.describeSnapshots(s.request.regionId, [s.safetySnapshotId]);
    if (!snapshot) {
      // A snapshot just created can lag behind in DescribeSnapshots: a few misses before "gone".
      if (++this.snapshotMisses >= ROLLBACK_TIMING.safetySnapshotMisses) {
        await this.fail(safetySnapshotGone(s.safetySnapshotId));
      }
      return ROLLBACK_TIMING.snapshotPollMinMs;
    }
    this.snapshotMisses = 0;
    if (snapshot.status === 'failed') {
      await this.fail(safetySnapshotFailed(snapshot.snapshotId));
      return 0;
    }
    // Reset only once the snapshot can serve: accomplished, or instant access available.
    if (snapshot.status === 'accomplished' || snapshot.available === true) {
      s.safetyProgress = snapshot.status === 'accomplished' ? 100 : snapshot.progress;
      this.enter('resetting');
      return 0;
    }
    if (snapshot.progress !== s.safetyProgress) {
      s.safetyProgress = snapshot.progress;
      this.save();
      this.changed();
    }
    const byRemain = snapshot.remainTime !== undefined ? (snapshot.remainTime * 1000) / 4 : ROLLBACK_TIMING.snapshotPollMinMs;
    return Math.min(ROLLBACK_TIMING.snapshotPollMaxMs, Math.max(ROLLBACK_TIMING.snapshotPollMinMs, byRemain));
  }

  private async reset(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    const earlierMayHaveRun = s.resetMayHaveRun === true;
    if (earlierMayHaveRun) {
      // An earlier ResetDisk may have run (its answer was lost, or the window reloaded mid-request).
      // Sending it again is harmless only if nothing can have written to the disk since: its
      // instance is still Stopped (or the disk still unattached). Then a second reset to the same
      // snapshot writes the same content again, or is refused as DiskResetInProgress while the
      // first one runs. Otherwise it would roll back the new writes: stop and say so.
      if (!(await this.diskIsQuiet(gateway))) {
        await this.fail(unconfirmedError('ResetDisk', s.instanceStatus));
        return 0;
      }
      if (this.attemptsInPhase >= ROLLBACK_TIMING.maxUnconfirmedAttempts) {
        await this.fail(unconfirmedError('ResetDisk', s.instanceStatus));
        return 0;
      }
    }
    s.resetAttempts++;
    s.resetMayHaveRun = true; // persisted before sending: a reload mid-request reads the state back
    this.attemptsInPhase++;
    this.save();
    try {
      await gateway.resetDisk(s.request.regionId, s.request.diskId, s.request.snapshotId);
      s.resetAcceptedAt = this.now();
      this.enter('waitingReset');
      return ROLLBACK_TIMING.resetSettleMs;
    } catch (e) {
      const error = asEcsError(e);
      if (mayHaveRunError(error)) {
        this.save();
        return backoff(this.attemptsInPhase);
      }
      s.resetMayHaveRun = earlierMayHaveRun || undefined;
      if (error.code === 'InvalidOperation.DiskResetInProgress' && earlierMayHaveRun) {
        // Our earlier attempt did run and is still resetting.
        s.resetAcceptedAt = this.now();
        this.enter('waitingReset');
        return ROLLBACK_TIMING.resetSettleMs;
      }
      if ((RESET_LATER.has(error.code) || error.kind === 'throttling') && this.now() - s.phaseStartedAt < ROLLBACK_TIMING.laterCapMs) {
        this.save();
        return Math.max(backoff(this.attemptsInPhase), (error.retryAfterSeconds ?? 0) * 1000);
      }
      await this.fail(error);
      return 0;
    }
  }

  private async waitReset(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    const settledAt = (s.resetAcceptedAt ?? s.phaseStartedAt) + ROLLBACK_TIMING.resetSettleMs;
    if (this.now() < settledAt) return settledAt - this.now();
    const disk = await this.readDisk(gateway);
    if (!disk) {
      await this.fail(diskGone(s.request.diskId));
      return 0;
    }
    if (disk.status === 'In_use' || disk.status === 'Available') {
      if (plansStart(s.request.instance)) {
        this.enter('starting');
      } else {
        this.finish();
      }
      return 0;
    }
    if (this.now() - s.phaseStartedAt > ROLLBACK_TIMING.resetCapMs) {
      await this.fail(stuckError('ResetDisk', disk.status, this.now() - s.phaseStartedAt));
      return 0;
    }
    return ROLLBACK_TIMING.instancePollMs;
  }

  private async start(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    if (s.startMayHaveRun) {
      // A StartInstance that may have run is never sent again: read the status instead.
      this.enter('waitingRunning');
      return 0;
    }
    s.startAttempts++;
    s.startMayHaveRun = true; // persisted before sending
    this.attemptsInPhase++;
    this.save();
    try {
      await gateway.startInstance(s.request.regionId, this.instanceId());
      this.enter('waitingRunning');
      return ROLLBACK_TIMING.instancePollMs;
    } catch (e) {
      const error = asEcsError(e);
      if (mayHaveRunError(error)) {
        this.enter('waitingRunning');
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
          this.enter('waitingRunning'); // started by someone else meanwhile
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

  private async readInstance(gateway: EcsGateway): Promise<string | undefined> {
    const [found] = await gateway.describeInstanceStatus(this.state.request.regionId, [this.instanceId()]);
    if (found && found.status !== this.state.instanceStatus) {
      this.state.instanceStatus = found.status;
      this.save();
      this.changed();
    }
    return found?.status;
  }

  private async readDisk(gateway: EcsGateway): Promise<Disk | undefined> {
    const page = await gateway.listDisks({ regionId: this.state.request.regionId, diskIds: [this.state.request.diskId] });
    return page.items.find((d) => d.diskId === this.state.request.diskId);
  }

  /** Nothing can have written to the disk: its instance is Stopped, or it is still unattached. */
  private async diskIsQuiet(gateway: EcsGateway): Promise<boolean> {
    if (instanceIdOf(this.state.request.instance) !== undefined) {
      return (await this.readInstance(gateway)) === 'Stopped';
    }
    const disk = await this.readDisk(gateway);
    return disk !== undefined && disk.status === 'Available' && !disk.instanceId;
  }

  // ---- Transitions ---------------------------------------------------------------------------

  private enter(phase: RollbackPhase): void {
    const previous = this.state.phase;
    const now = this.now();
    this.state.phase = phase;
    this.state.phaseStartedAt = now;
    this.state.updatedAt = now;
    this.attemptsInPhase = 0;
    this.snapshotMisses = 0;
    if (previous !== phase) this.options.log?.info(`Rollback of ${this.state.request.diskId}: ${previous} -> ${phase}.`);
    this.save();
    this.options.onChange(this.state, previous);
  }

  private finish(): void {
    const s = this.state;
    const recovering = s.recoveringFrom;
    s.recoveringFrom = undefined;
    s.finishedAt = this.now();
    s.acknowledged = false;
    if (recovering && recovering.disk !== 'rolledBack') {
      // The instance runs again, but the rollback itself did not happen: still a failure to see.
      s.failure = { ...recovering, instanceStatus: s.instanceStatus, actions: [] };
      this.enter('failed');
      return;
    }
    this.enter('done');
  }

  /** Stops in the failed phase, saying exactly what state the disk and the instance are in. */
  private async fail(error: EcsError): Promise<void> {
    const s = this.state;
    const phase = s.phase;
    if (instanceIdOf(s.request.instance) !== undefined) {
      // Best effort: the notification tells the instance's status as it is now.
      try {
        const gateway = await this.options.resolveGateway();
        if (gateway) await this.readInstance(gateway);
      } catch {
        // keep the last status read
      }
    }
    s.failure = { phase, error: toTrackedError(error), disk: this.diskOutcome(), instanceStatus: s.instanceStatus, actions: this.actionsFor(phase) };
    s.finishedAt = this.now();
    s.acknowledged = false;
    this.enter('failed');
  }

  private diskOutcome(): DiskOutcome {
    if (this.state.resetAcceptedAt !== undefined) return 'rolledBack';
    return this.state.resetMayHaveRun ? 'maybeRolledBack' : 'untouched';
  }

  private actionsFor(phase: RollbackPhase): RollbackAction[] {
    const s = this.state;
    const actions: RollbackAction[] = [];
    const late = phase === 'starting' || phase === 'waitingRunning' || s.recoveringFrom !== undefined;
    if (!late && phase !== 'waitingReset') actions.push('retry');
    // Offered when this operation stopped the instance, or meant to start it, and it is Stopped now.
    const ours = s.stopSentAt !== undefined || plansStart(s.request.instance) || s.recoveringFrom !== undefined;
    if (instanceIdOf(s.request.instance) !== undefined && ours && s.instanceStatus === 'Stopped') actions.push('startInstance');
    return actions;
  }

  private instanceId(): string {
    const id = instanceIdOf(this.state.request.instance);
    if (!id) throw new Error('This rollback has no instance.');
    return id;
  }

  private save(): void {
    this.state.updatedAt = this.now();
    if (!this.disposed) this.options.save(this.state);
  }

  private changed(): void {
    if (!this.disposed) this.options.onChange(this.state, this.state.phase);
  }

  private now(): number {
    return this.options.clock.now();
  }
}

function asEcsError(e: unknown): EcsError {
  return isEcsError(e) ? e : new EcsError({ kind: 'network', code: 'Unknown', message: String(e), retryable: false, outcomeUnknown: true });
}

/** The request may have taken effect although it failed (its answer was lost, a 5xx, a timeout). */
function mayHaveRunError(error: EcsError): boolean {
  return error.outcomeUnknown === true || mayHaveRun(error);
}

function backoff(attempt: number): number {
  return Math.min(ROLLBACK_TIMING.backoffCapMs, ROLLBACK_TIMING.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
}

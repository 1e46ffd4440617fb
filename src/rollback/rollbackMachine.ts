// The rollback of one disk as a small state machine: stop the instance, take the safety snapshot,
// reset the disk, start the instance, each phase persisted before its request is sent, so a reload
// resumes from the saved phase AND the state the cloud shows, never repeating a harmful write.
// The loop, the stop and the start are shared with the instance rollback (phasedMachine.ts).
// Pure: no `vscode` import; a fake clock and a fake gateway drive it in unit tests.
import type { Disk, EcsGateway } from '../ecs/gateway';
import type { TrackedError } from '../tracker/trackedOperation';
import { asEcsError, backoff, mayHaveRunError, PhasedMachine, RESET_LATER, ROLLBACK_TIMING, type PhasedMachineOptions } from './phasedMachine';
import {
  instanceIdOf,
  plansStart,
  type DiskOutcome,
  type RollbackAction,
  type RollbackFailure,
  type RollbackPhase,
  type RollbackState,
} from './rollbackState';
import { diskGone, safetySnapshotFailed, safetySnapshotGone, stuckError, unconfirmedError } from './rollbackErrors';

export { ROLLBACK_TIMING };

export type RollbackMachineOptions = PhasedMachineOptions<RollbackState>;

export class RollbackMachine extends PhasedMachine<RollbackPhase, RollbackFailure, RollbackState> {
  private snapshotMisses = 0;
  protected readonly label: string;

  constructor(state: RollbackState, options: RollbackMachineOptions) {
    super(state, options);
    this.label = `Rollback of ${state.request.diskId}`;
  }

  protected instanceIdOrNone(): string | undefined {
    return instanceIdOf(this.state.request.instance);
  }

  protected plansStart(): boolean {
    return plansStart(this.state.request.instance);
  }

  protected afterStopped(): RollbackPhase {
    return this.state.request.safetySnapshot ? 'safetySnapshot' : 'resetting';
  }

  protected override onEnter(): void {
    this.snapshotMisses = 0;
  }

  protected ownStep(gateway: EcsGateway): Promise<number> {
    switch (this.state.phase) {
      case 'safetySnapshot':
        return this.safetySnapshot(gateway);
      case 'resetting':
        return this.reset(gateway);
      case 'waitingReset':
        return this.waitReset(gateway);
      default:
        return Promise.resolve(0);
    }
  }

  protected failureFor(phase: RollbackPhase, error: TrackedError, actions: RollbackAction[]): RollbackFailure {
    return { phase, error, disk: this.diskOutcome(), instanceStatus: this.state.instanceStatus, actions };
  }

  protected rolledBackDespite(failure: RollbackFailure): boolean {
    return failure.disk === 'rolledBack';
  }

  // ---- Phases --------------------------------------------------------------------------------

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
      this.afterResets();
      return 0;
    }
    if (this.now() - s.phaseStartedAt > ROLLBACK_TIMING.resetCapMs) {
      await this.fail(stuckError('ResetDisk', disk.status, this.now() - s.phaseStartedAt));
      return 0;
    }
    return ROLLBACK_TIMING.instancePollMs;
  }

  // ---- Reads ---------------------------------------------------------------------------------

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

  private diskOutcome(): DiskOutcome {
    if (this.state.resetAcceptedAt !== undefined) return 'rolledBack';
    return this.state.resetMayHaveRun ? 'maybeRolledBack' : 'untouched';
  }
}

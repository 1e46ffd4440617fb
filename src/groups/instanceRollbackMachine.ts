// The rollback of an instance to a snapshot group: stop it once, take a safety group of the same
// disks, reset each member disk (N ResetDisk: there is no group reset, Trap 11), start it once.
// The loop, the stop and the start are the single-disk rollback's (phasedMachine.ts); each member's
// reset follows the same rule: re-sent only while nothing can have written since (instance Stopped).
// Pure: no `vscode` import; a fake clock and a fake gateway drive it in unit tests.
import type { EcsGateway } from '../ecs/gateway';
import { asEcsError, backoff, mayHaveRunError, PhasedMachine, RESET_LATER, ROLLBACK_TIMING, type PhasedMachineOptions } from '../rollback/phasedMachine';
import { diskGone, stuckError, unconfirmedError } from '../rollback/rollbackErrors';
import type { RollbackAction } from '../rollback/rollbackState';
import type { TrackedError } from '../tracker/trackedOperation';
import { safetyGroupFailed, safetyGroupGone } from './groupErrors';
import type { InstanceRollbackFailure, InstanceRollbackPhase, InstanceRollbackState } from './instanceRollbackState';

export type InstanceRollbackMachineOptions = PhasedMachineOptions<InstanceRollbackState>;

export class InstanceRollbackMachine extends PhasedMachine<InstanceRollbackPhase, InstanceRollbackFailure, InstanceRollbackState> {
  protected readonly label: string;
  private safetyMisses = 0;
  /** The disk being reset, its attempts and since when (transient: a reload starts them again). */
  private currentDisk: string | undefined;
  private diskAttempts = 0;
  /** Attempts of this disk whose answer was lost (refusals do not count: they did not run). */
  private diskUnanswered = 0;
  private diskStartedAt = 0;

  constructor(state: InstanceRollbackState, options: InstanceRollbackMachineOptions) {
    super(state, options);
    this.label = `Rollback of instance ${state.request.instanceId}`;
  }

  protected instanceIdOrNone(): string {
    return this.state.request.instanceId;
  }

  protected plansStart(): boolean {
    return this.state.request.startAfter;
  }

  protected afterStopped(): InstanceRollbackPhase {
    return this.state.request.safetyGroup ? 'safetyGroup' : 'resetting';
  }

  protected override onEnter(): void {
    this.safetyMisses = 0;
    this.currentDisk = undefined;
  }

  protected ownStep(gateway: EcsGateway): Promise<number> {
    switch (this.state.phase) {
      case 'safetyGroup':
        return this.safetyGroup(gateway);
      case 'resetting':
        return this.reset(gateway);
      case 'waitingReset':
        return this.waitReset(gateway);
      default:
        return Promise.resolve(0);
    }
  }

  protected failureFor(phase: InstanceRollbackPhase, error: TrackedError, actions: RollbackAction[]): InstanceRollbackFailure {
    return { phase, error, disks: this.state.disks.map((d) => ({ diskId: d.diskId, outcome: d.outcome })), instanceStatus: this.state.instanceStatus, actions };
  }

  protected rolledBackDespite(failure: InstanceRollbackFailure): boolean {
    return failure.disks.length > 0 && failure.disks.every((d) => d.outcome === 'rolledBack');
  }

  // ---- Phases --------------------------------------------------------------------------------

  private async safetyGroup(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    const plan = s.request.safetyGroup;
    if (!plan) {
      this.enter('resetting');
      return 0;
    }
    if (!s.safetyGroupId) {
      // The plan's ClientToken makes every attempt (after a lost answer, after a reload) the same
      // request: ECS answers the group it already made instead of making a second one.
      s.safetySentAt ??= this.now();
      this.save();
      this.attemptsInPhase++;
      try {
        s.safetyGroupId = await gateway.createSnapshotGroup({
          regionId: s.request.regionId,
          diskIds: s.disks.map((d) => d.diskId),
          name: plan.name,
          ...(plan.description ? { description: plan.description } : {}),
          tags: plan.tags,
          clientToken: plan.clientToken,
        });
        s.safetyProgress = 0;
        this.save();
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
    const { items } = await gateway.describeSnapshotGroups({ regionId: s.request.regionId, groupIds: [s.safetyGroupId] });
    const group = items.find((g) => g.snapshotGroupId === s.safetyGroupId);
    if (!group) {
      // A group just created can lag behind in DescribeSnapshotGroups: a few misses before "gone".
      if (++this.safetyMisses >= ROLLBACK_TIMING.safetySnapshotMisses) await this.fail(safetyGroupGone(s.safetyGroupId));
      return ROLLBACK_TIMING.snapshotPollMinMs;
    }
    this.safetyMisses = 0;
    if (group.status === 'failed') {
      await this.fail(safetyGroupFailed(group.snapshotGroupId));
      return 0;
    }
    const progress = group.members.length > 0 ? Math.floor(group.members.reduce((sum, m) => sum + m.progress, 0) / group.members.length) : 0;
    // Reset only once every member can serve (instant access) or the group is accomplished (Trap 10).
    const everyMember = group.members.length >= s.disks.length && group.members.every((m) => m.available);
    if (group.status === 'accomplished' || everyMember) {
      s.safetyProgress = group.status === 'accomplished' ? 100 : progress;
      this.enter('resetting');
      return 0;
    }
    if (progress !== s.safetyProgress) {
      s.safetyProgress = progress;
      this.save();
      this.changed();
    }
    return ROLLBACK_TIMING.snapshotPollMinMs;
  }

  private async reset(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    const disk = s.disks.find((d) => d.acceptedAt === undefined);
    if (!disk) {
      this.enter('waitingReset');
      return 0;
    }
    if (this.currentDisk !== disk.diskId) {
      this.currentDisk = disk.diskId;
      this.diskAttempts = 0;
      this.diskUnanswered = 0;
      this.diskStartedAt = this.now();
    }
    const earlierMayHaveRun = disk.outcome === 'maybeRolledBack';
    if (earlierMayHaveRun) {
      // An earlier ResetDisk of this disk may have run. Sending it again is harmless only while
      // nothing can have written to it since: its instance is still Stopped (see rollbackMachine).
      if ((await this.readInstance(gateway)) !== 'Stopped' || this.diskUnanswered >= ROLLBACK_TIMING.maxUnconfirmedAttempts) {
        await this.fail(unconfirmedError('ResetDisk', s.instanceStatus));
        return 0;
      }
    }
    disk.attempts++;
    disk.outcome = 'maybeRolledBack'; // persisted before sending: a reload mid-request reads the state back
    this.diskAttempts++;
    this.save();
    try {
      await gateway.resetDisk(s.request.regionId, disk.diskId, disk.snapshotId);
      this.accepted(disk);
      return 0;
    } catch (e) {
      const error = asEcsError(e);
      if (mayHaveRunError(error)) {
        this.diskUnanswered++;
        this.save();
        return backoff(this.diskAttempts);
      }
      disk.outcome = earlierMayHaveRun ? 'maybeRolledBack' : 'untouched';
      if (error.code === 'InvalidOperation.DiskResetInProgress' && earlierMayHaveRun) {
        this.accepted(disk); // our earlier attempt did run and is still resetting
        return 0;
      }
      if ((RESET_LATER.has(error.code) || error.kind === 'throttling') && this.now() - this.diskStartedAt < ROLLBACK_TIMING.laterCapMs) {
        this.save();
        return Math.max(backoff(this.diskAttempts), (error.retryAfterSeconds ?? 0) * 1000);
      }
      await this.fail(error);
      return 0;
    }
  }

  private accepted(disk: InstanceRollbackState['disks'][number]): void {
    disk.outcome = 'rolledBack';
    disk.acceptedAt = this.now();
    this.save();
    this.changed();
  }

  private async waitReset(gateway: EcsGateway): Promise<number> {
    const s = this.state;
    const lastAccepted = Math.max(s.phaseStartedAt, ...s.disks.map((d) => d.acceptedAt ?? 0));
    const settledAt = lastAccepted + ROLLBACK_TIMING.resetSettleMs;
    if (this.now() < settledAt) return settledAt - this.now();
    const ids = s.disks.map((d) => d.diskId);
    const { items } = await gateway.listDisks({ regionId: s.request.regionId, diskIds: ids, maxResults: 100 });
    const missing = ids.find((id) => !items.some((d) => d.diskId === id));
    if (missing) {
      await this.fail(diskGone(missing));
      return 0;
    }
    const busy = items.find((d) => ids.includes(d.diskId) && d.status !== 'In_use' && d.status !== 'Available');
    if (!busy) {
      this.afterResets();
      return 0;
    }
    if (this.now() - s.phaseStartedAt > ROLLBACK_TIMING.resetCapMs) {
      await this.fail(stuckError('ResetDisk', busy.status, this.now() - s.phaseStartedAt));
      return 0;
    }
    return ROLLBACK_TIMING.instancePollMs;
  }
}

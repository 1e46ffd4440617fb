// One group backup as a small state machine. It sends CreateSnapshotGroup itself (requesting);
// once the group exists, the tracker's one poller reads every group in batches and hands each
// machine its reading (creating), so tracking many groups never costs a request per group.
// Pure: no `vscode` import; a fake clock and a fake gateway drive it in unit tests.
import type { EcsError } from '../ecs/errors';
import type { EcsGateway, Snapshot, SnapshotGroup, SnapshotGroupMember } from '../ecs/gateway';
import { asEcsError, backoff, mayHaveRunError } from '../rollback/phasedMachine';
import { noConnectionError } from '../rollback/rollbackErrors';
import { LOOKUP } from '../tracker/createLookup';
import { toTrackedError, type TrackedError } from '../tracker/trackedOperation';
import type { Clock, TimerHandle } from '../tracker/trackerCore';
import { groupFailed, groupGone, groupNotFound } from './groupErrors';
import { lookForGroup } from './groupLookup';
import { isGroupBackupFinished, type GroupBackupPhase, type GroupBackupState, type GroupMemberProgress } from './groupBackupState';

export const GROUP_BACKUP_TIMING = {
  /** A group missing from this many readings in a row is gone (absorbs a lag right after creation). */
  missesBeforeGone: 3,
  /** Throttled CreateSnapshotGroup: asked again (same ClientToken) for this long. */
  throttledCapMs: 10 * 60_000,
  /** Looks failing to read for this long end the lookup: the group may exist, Retry finds it. */
  lookupReadCapMs: 10 * 60_000,
} as const;

export interface GroupBackupMachineOptions {
  clock: Clock;
  resolveGateway: () => Promise<EcsGateway | undefined>;
  /** Groups other operations already follow (a lookup never claims one of them). */
  claimedGroups: () => ReadonlySet<string>;
  save: (state: GroupBackupState) => void;
  onChange: (state: GroupBackupState, previous: GroupBackupPhase) => void;
  log?: { info(message: string): void; warn(message: string): void };
}

export class GroupBackupMachine {
  private running: Promise<void> | undefined;
  private disposed = false;
  private timer: TimerHandle | undefined;
  private wake: (() => void) | undefined;
  private attempts = 0;
  private readFailingSince: number | undefined;
  /** Why the last reading failed, while readings keep failing (shown, not persisted). */
  readError: EcsError | undefined;

  constructor(
    readonly state: GroupBackupState,
    private readonly options: GroupBackupMachineOptions,
  ) {}

  get finished(): boolean {
    return isGroupBackupFinished(this.state.phase);
  }

  /** Sends (or, after a lost answer or a reload, looks for) the group until it is known. */
  run(): Promise<void> {
    if (this.state.phase !== 'requesting') return Promise.resolve();
    this.running ??= this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  /** A refused backup asks again with the SAME ClientToken: ECS answers the group if it made one. */
  retry(): Promise<void> {
    if (this.state.phase !== 'refused') return Promise.resolve();
    this.state.error = undefined;
    this.state.lookup = undefined;
    this.state.createSentAt = undefined; // this session sends it: a lost answer then looks again
    this.enter('requesting');
    return this.run();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.options.clock.clearTimer(this.timer);
    this.wake?.();
  }

  // ---- Creating: readings from the tracker's poller ------------------------------------------

  /** The group as DescribeSnapshotGroups showed it. */
  applyGroup(group: SnapshotGroup): void {
    if (this.state.phase !== 'creating') return;
    this.readOk();
    this.state.misses = 0;
    this.state.groupStatus = group.status;
    if (group.members.length > 0) this.state.members = group.members.map((m) => this.memberOf(m));
    this.afterReading(group.status === 'failed', group.status === 'accomplished');
  }

  /** The members as DescribeSnapshots showed them (the group no longer lists as progressing). */
  applyMembers(snapshots: readonly Snapshot[]): void {
    if (this.state.phase !== 'creating') return;
    const byId = new Map(snapshots.map((s) => [s.snapshotId, s]));
    const seen = this.state.members.filter((m) => byId.has(m.snapshotId));
    if (seen.length === 0) {
      this.applyMissing();
      return;
    }
    this.readOk();
    this.state.misses = 0;
    for (const member of seen) {
      const s = byId.get(member.snapshotId) as Snapshot;
      member.progress = s.status === 'accomplished' ? 100 : s.progress;
      member.available = s.available === true || s.status === 'accomplished';
    }
    const failed = seen.some((m) => byId.get(m.snapshotId)?.status === 'failed');
    const accomplished = seen.length === this.state.members.length && seen.every((m) => byId.get(m.snapshotId)?.status === 'accomplished');
    this.afterReading(failed, accomplished);
  }

  /** The group was absent from a reading that should have shown it. */
  applyMissing(): void {
    if (this.state.phase !== 'creating') return;
    this.readOk();
    if (++this.state.misses >= GROUP_BACKUP_TIMING.missesBeforeGone) {
      this.finish('failed', groupGone(this.state.groupId ?? ''));
      return;
    }
    this.save();
  }

  /** Reading failed (throttled, 5xx, no connection): shown; the poller tries again later. */
  applyReadError(error: EcsError): void {
    if (this.state.phase !== 'creating') return;
    this.readError = error;
    this.changed();
  }

  private afterReading(failed: boolean, accomplished: boolean): void {
    const s = this.state;
    const previous = s.progress;
    s.progress = s.members.length > 0 ? Math.floor(s.members.reduce((sum, m) => sum + m.progress, 0) / s.members.length) : 0;
    if (failed) {
      this.finish('failed', groupFailed(s.groupId ?? ''));
      return;
    }
    // Usable once every member is Available (instant access), long before "accomplished" (Trap 10).
    const complete = s.members.length > 0 && (s.request.allDisks || s.members.length >= s.request.disks.length);
    if (accomplished || (complete && s.members.every((m) => m.available))) {
      if (accomplished) s.members.forEach((m) => ((m.progress = 100), (m.available = true)));
      if (accomplished) s.progress = 100;
      this.finish('ready');
      return;
    }
    this.save();
    if (s.progress !== previous) this.changed();
  }

  private memberOf(m: SnapshotGroupMember): GroupMemberProgress {
    return { diskId: m.sourceDiskId, snapshotId: m.snapshotId, diskType: m.sourceDiskType, progress: m.progress, available: m.available };
  }

  private readOk(): void {
    if (this.readError) {
      this.readError = undefined;
      this.changed();
    }
  }

  // ---- Requesting ----------------------------------------------------------------------------

  private async loop(): Promise<void> {
    if (this.state.createSentAt !== undefined && !this.state.lookup) {
      // Sent by an earlier window whose answer never came: the group may exist. Look, never resend.
      this.state.lookup = { startedAt: this.now(), answers: 0 };
      this.save();
    }
    while (!this.disposed && this.state.phase === 'requesting') {
      const waitMs = this.state.lookup ? await this.look() : await this.send();
      if (waitMs > 0 && !this.disposed && this.state.phase === 'requesting') await this.sleep(waitMs);
    }
  }

  private async send(): Promise<number> {
    const s = this.state;
    const r = s.request;
    const gateway = await this.gateway();
    if (!gateway) return 0;
    s.createSentAt ??= this.now();
    s.createAttempts++;
    this.attempts++;
    this.save(); // persisted before sending: a reload mid-request looks for the group
    try {
      const groupId = await gateway.createSnapshotGroup({
        regionId: r.regionId,
        ...(r.allDisks ? { instanceId: r.instanceId, excludeDiskIds: r.excludedDiskIds ?? [] } : { diskIds: r.disks.map((d) => d.diskId) }),
        ...(r.name ? { name: r.name } : {}),
        ...(r.description ? { description: r.description } : {}),
        tags: r.tags,
        clientToken: r.clientToken,
      });
      this.created(groupId);
      return 0;
    } catch (e) {
      const error = asEcsError(e);
      if (mayHaveRunError(error)) {
        // The group may exist (or ECS is still making it: IdempotentProcessing): look for it.
        this.options.log?.warn(`Group backup of ${r.instanceId}: no answer to CreateSnapshotGroup (${error.code}); looking for the group.`);
        s.lookup = { startedAt: this.now(), answers: 0 };
        s.error = toTrackedError(error);
        this.save();
        this.changed();
        return LOOKUP.firstAfterMs;
      }
      if (error.kind === 'throttling' && this.now() - s.startedAt < GROUP_BACKUP_TIMING.throttledCapMs) {
        s.createSentAt = undefined; // refused: nothing ran
        this.save();
        return Math.max(backoff(this.attempts), (error.retryAfterSeconds ?? 0) * 1000);
      }
      this.finish('refused', error);
      return 0;
    }
  }

  private async look(): Promise<number> {
    const s = this.state;
    const lookup = s.lookup as NonNullable<GroupBackupState['lookup']>;
    const gateway = await this.gateway();
    if (!gateway) return 0;
    try {
      const found = await lookForGroup(gateway, s.request, this.options.claimedGroups());
      this.readFailingSince = undefined;
      this.readOk();
      if (found) {
        this.options.log?.info(`Group backup of ${s.request.instanceId}: found ${found.snapshotGroupId} after the lost answer.`);
        this.created(found.snapshotGroupId, found);
        return 0;
      }
      lookup.answers++;
      if (lookup.answers >= LOOKUP.minAnswers && this.now() - lookup.startedAt >= LOOKUP.windowMs) {
        this.finish('refused', groupNotFound(s.request.instanceName));
        return 0;
      }
      this.save();
      return LOOKUP.everyMs;
    } catch (e) {
      const error = asEcsError(e);
      this.readFailingSince ??= this.now();
      this.readError = error;
      this.changed();
      if (this.now() - this.readFailingSince > GROUP_BACKUP_TIMING.lookupReadCapMs) {
        // Still unknown: the group may exist. Refused "may exist", Retry (same token) settles it.
        this.finish('refused', { ...toTrackedError(error), outcomeUnknown: true });
        return 0;
      }
      return Math.max(backoff(++this.attempts), (error.retryAfterSeconds ?? 0) * 1000);
    }
  }

  private created(groupId: string, group?: SnapshotGroup): void {
    const s = this.state;
    s.groupId = groupId;
    s.lookup = undefined;
    s.error = undefined;
    s.misses = 0;
    this.enter('creating');
    if (group) this.applyGroup(group);
  }

  private async gateway(): Promise<EcsGateway | undefined> {
    try {
      const gateway = await this.options.resolveGateway();
      if (gateway) return gateway;
      this.finish('refused', noConnectionError(this.state.request.sourceKey));
    } catch (e) {
      this.finish('refused', asEcsError(e));
    }
    return undefined;
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

  // ---- Transitions ---------------------------------------------------------------------------

  private finish(phase: 'ready' | 'failed' | 'refused', error?: EcsError | TrackedError): void {
    this.state.error = error ? toTrackedError(error as EcsError) : undefined;
    this.state.finishedAt = this.now();
    this.state.acknowledged = false;
    this.enter(phase);
  }

  private enter(phase: GroupBackupPhase): void {
    const previous = this.state.phase;
    this.state.phase = phase;
    this.attempts = 0;
    if (previous !== phase) this.options.log?.info(`Group backup of ${this.state.request.instanceId}: ${previous} -> ${phase}.`);
    this.save();
    if (!this.disposed) this.options.onChange(this.state, previous);
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

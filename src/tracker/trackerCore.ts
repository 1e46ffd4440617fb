// The tracker's engine: the set of tracked snapshot creations, ONE timer that polls them all with
// DescribeSnapshots (at most 100 ids a request, grouped by region and credential source), the
// adaptive schedule, retries and persistence. No `vscode` import: a fake clock and a fake gateway
// drive it in unit tests; src/tracker/snapshotTracker.ts wires it to VS Code.
import * as l10n from '@vscode/l10n';
import { EcsError, isEcsError } from '../ecs/errors';
import type { EcsGateway, Snapshot } from '../ecs/gateway';
import { lookForSnapshot, lookupSettlesNotCreated, nextLookupDelayMs, LOOKUP, startLookup } from './createLookup';
import { backoffDelayMs, chunk, groupDelayMs, SCHEDULE } from './pollSchedule';
import {
  deserialize,
  deserializePending,
  isOutcomeUnknown,
  isProblem,
  isTerminal,
  NOT_FOUND_CODE,
  operationKey,
  serialize,
  toTrackedError,
  type OperationState,
  type PendingRequest,
  type PersistedState,
  type TrackedError,
  type TrackedOperation,
  UNANSWERED_CODE,
} from './trackedOperation';
import type { DiskRef, SnapshotIntent } from './trackerApi';

export type TimerHandle = unknown;

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  setTimer(callback: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface TrackerStore {
  load(): unknown;
  save(state: PersistedState): void | PromiseLike<void>;
}

/** The gateway of a (region, credential source), or undefined when that source is no longer usable. */
export type GatewayResolver = (regionId: string, sourceKey: string) => Promise<EcsGateway | undefined>;

export type TrackerEvent =
  /** Something visible changed (progress, list): re-render. */
  | { kind: 'changed' }
  /** An operation's state changed (or it started): refresh its disk, maybe notify. */
  | { kind: 'stateChanged'; op: TrackedOperation; previous?: OperationState }
  /** The user stopped tracking an operation (its disk may no longer count as creating). */
  | { kind: 'forgotten'; op: TrackedOperation };

export interface TrackerLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

export interface TrackerCoreOptions {
  clock: Clock;
  resolveGateway: GatewayResolver;
  store: TrackerStore;
  newClientToken: () => string;
  onEvent: (event: TrackerEvent) => void;
  log?: TrackerLog;
}

export type RetryOutcome =
  | { kind: 'tracking'; snapshotId: string }
  | { kind: 'refused'; error: EcsError }
  | { kind: 'noConnection' }
  | { kind: 'notRetryable' };

/** Acknowledged outcomes and finished snapshots stay listed this long, then are forgotten. */
const FINISHED_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * Beyond this many finished operations, the oldest successes make room. Nothing unresolved or
 * unseen is ever evicted: a snapshot that may exist must not vanish before the user saw it.
 */
const MAX_FINISHED = 50;
const DUE_SLACK_MS = 20;

/** Per (source, region): when it is next due and how its last polls went. In memory only. */
interface RequestGroup {
  regionId: string;
  sourceKey: string;
  dueAt: number;
  failures: number;
}

/** Per operation in its "checking" phase: when it looks next and how its last looks went. In memory only. */
interface LookupSchedule {
  dueAt: number;
  failures: number;
}

export class TrackerCore {
  /** Change only through put/remove/setState: they keep `creatingDisks` right. */
  private readonly ops = new Map<string, TrackedOperation>();
  /** How many creating operations each disk has: the tree asks per item, so no scan of `ops`. */
  private readonly creatingDisks = new Map<string, number>();
  /** The same index as disk ids per region: the tree reads one set per refresh, not a key per disk. */
  private readonly creatingByRegion = new Map<string, Set<string>>();
  private readonly groups = new Map<string, RequestGroup>();
  private readonly lookups = new Map<string, LookupSchedule>();
  /** CreateSnapshot requests on their way, by clientToken; persisted so a reload cannot lose one. */
  private readonly pending = new Map<string, PendingRequest>();
  /** Retries on their way, by operation key: a second click joins the first (one request, not two). */
  private readonly retrying = new Map<string, Promise<RetryOutcome>>();
  private timer: TimerHandle | undefined;
  private timerDueAt: number | undefined;
  private ticking = false;
  /** A tick changed something not yet saved: it is saved once when the tick ends (not per operation). */
  private unsaved = false;
  private disposed = false;
  /** DescribeSnapshots requests sent by the last tick (for logs and tests). */
  lastTickRequests = 0;

  constructor(private readonly options: TrackerCoreOptions) {}

  /** Loads what a previous window stored and resumes polling. */
  resume(): void {
    const now = this.options.clock.now();
    const stored = this.options.store.load();
    let upgraded = false;
    for (const op of deserialize(stored)) {
      if (op.state === 'refused' && isOutcomeUnknown(op.error)) {
        // Saved by a version that left "may exist" to the user: look for it now.
        this.put(operationKey(op), checkingOperation(op.intent, op.startedAt, op.startedAt, op.error, now));
        upgraded = true;
      } else {
        this.put(operationKey(op), op);
      }
    }
    // Sent before the window closed, never answered: ECS may have created the snapshot. Look for it.
    const unanswered = deserializePending(stored);
    for (const request of unanswered) {
      const error: TrackedError = {
        kind: 'timeout',
        code: UNANSWERED_CODE,
        message: 'The window closed before ECS answered CreateSnapshot, so the snapshot may already exist. Retry sends the same ClientToken: it finds that snapshot rather than creating a second one.',
        action: 'CreateSnapshot',
      };
      this.put(request.intent.request.clientToken, checkingOperation(request.intent, request.startedAt, request.startedAt, error, now));
    }
    if (this.prune(now) || unanswered.length || upgraded) {
      this.save();
    }
    for (const op of this.creating()) {
      this.groupOf(op, now + SCHEDULE.resumeDelayMs);
    }
    for (const op of this.checking()) {
      this.lookups.set(operationKey(op), { dueAt: now + SCHEDULE.resumeDelayMs, failures: 0 });
    }
    this.emit({ kind: 'changed' });
    this.schedule();
  }

  /** Records a CreateSnapshot about to be sent, before it is sent (answered by track or reportCreateFailure). */
  begin(intent: SnapshotIntent): void {
    this.pending.set(intent.request.clientToken, { intent: structuredClone(intent), startedAt: this.options.clock.now() });
    this.save();
  }

  track(intent: SnapshotIntent, snapshotId: string): void {
    const now = this.options.clock.now();
    const key = intent.request.clientToken;
    this.pending.delete(key);
    const existing = this.ops.get(key);
    const previous = existing?.state;
    const same = existing?.snapshotId === snapshotId ? existing : undefined; // e.g. an idempotent retry
    const op: TrackedOperation = {
      intent: structuredClone(intent),
      snapshotId,
      state: 'creating',
      progress: same?.progress ?? 0,
      startedAt: same?.startedAt ?? now,
      updatedAt: now,
      acknowledged: false,
      polls: 0,
      misses: 0,
    };
    this.put(key, op);
    const group = this.groupOf(op, now + SCHEDULE.quickMs);
    if (group.failures === 0) {
      // A new snapshot gets its first look soon, unless its region is backing off (never hammer).
      group.dueAt = Math.min(group.dueAt, now + SCHEDULE.quickMs);
    }
    this.changed(op, previous);
    this.schedule();
  }

  /**
   * Records a failed CreateSnapshot. A definite refusal ends as "not created"; an outcome that is
   * not known (the answer was lost) enters the checking phase, which looks for the snapshot.
   */
  reportCreateFailure(intent: SnapshotIntent, error: EcsError): void {
    const now = this.options.clock.now();
    const key = intent.request.clientToken;
    const sent = this.pending.get(key);
    this.pending.delete(key);
    const existing = this.ops.get(key);
    const tracked = toTrackedError(error);
    if (existing?.snapshotId !== undefined && (existing.state === 'creating' || existing.state === 'ready')) {
      // This ClientToken's snapshot exists (found by looking): a later attempt's failure cannot undo it.
      this.options.log?.info(`CreateSnapshot for ${existing.snapshotId} answered ${tracked.code} again; the snapshot exists, kept.`);
      this.save();
      return;
    }
    if (isOutcomeUnknown(tracked)) {
      // The snapshot may come from any attempt with this token, the earliest included.
      const requestedAt = Math.min(sent?.startedAt ?? now, existing?.lookup?.requestedAt ?? now, existing?.startedAt ?? now);
      const op = checkingOperation(intent, existing?.startedAt ?? requestedAt, requestedAt, tracked, now);
      this.put(key, op);
      this.lookups.set(key, { dueAt: now + LOOKUP.firstAfterMs, failures: 0 });
      this.changed(op, existing?.state);
      this.schedule();
      return;
    }
    const op: TrackedOperation = {
      intent: structuredClone(intent),
      snapshotId: undefined,
      state: 'refused',
      progress: 0,
      startedAt: existing?.startedAt ?? now,
      updatedAt: now,
      finishedAt: now,
      error: tracked,
      acknowledged: false,
      polls: 0,
      misses: 0,
    };
    this.put(key, op);
    this.changed(op, existing?.state);
    this.schedule();
  }

  isCreating(disk: DiskRef): boolean {
    return this.creatingDisks.has(diskKey(disk.regionId, disk.diskId));
  }

  /** The ids of the region's disks with a snapshot being created: one live set, kept up to date in place (read it, never change it). */
  creatingDisksIn(regionId: string): ReadonlySet<string> {
    return this.regionCreating(regionId);
  }

  private regionCreating(regionId: string): Set<string> {
    let set = this.creatingByRegion.get(regionId);
    if (!set) this.creatingByRegion.set(regionId, (set = new Set()));
    return set;
  }

  /** Every tracked operation, newest first. */
  operations(): readonly TrackedOperation[] {
    return [...this.ops.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  get(key: string): TrackedOperation | undefined {
    return this.ops.get(key);
  }

  /** The user looked at the list: failures stop colouring the item. */
  acknowledgeAll(): void {
    let any = false;
    for (const op of this.ops.values()) {
      if (isProblem(op.state) && !op.acknowledged) {
        op.acknowledged = true;
        any = true;
      }
    }
    if (any) {
      this.save();
      this.emit({ kind: 'changed' });
    }
  }

  /** Forgets one operation (stops tracking it if it is still creating). */
  dismiss(key: string): void {
    const op = this.ops.get(key);
    if (op) {
      this.remove(key);
      this.save();
      this.emit({ kind: 'forgotten', op });
      this.emit({ kind: 'changed' });
      this.schedule();
    }
  }

  /** Forgets every finished operation. */
  dismissFinished(): void {
    for (const [key, op] of this.ops) {
      if (isTerminal(op.state)) {
        this.remove(key);
      }
    }
    this.save();
    this.emit({ kind: 'changed' });
  }

  /**
   * Tries a failed creation again. Refused (no snapshot was ever created): the same intent, so
   * the SAME clientToken and ECS cannot create it twice. A snapshot that failed or vanished: a new
   * intent with a new token (reusing the old one would just return the failed snapshot). While
   * checking, Retry is the same request again: ECS answers the snapshot if it made one.
   */
  retry(key: string): Promise<RetryOutcome> {
    let pending = this.retrying.get(key);
    if (!pending) {
      pending = this.retryOnce(key).finally(() => this.retrying.delete(key));
      this.retrying.set(key, pending);
    }
    return pending;
  }

  private async retryOnce(key: string): Promise<RetryOutcome> {
    const op = this.ops.get(key);
    if (!op || !(isProblem(op.state) || op.state === 'checking')) {
      return { kind: 'notRetryable' };
    }
    const intent: SnapshotIntent =
      op.snapshotId === undefined
        ? structuredClone(op.intent)
        : { ...structuredClone(op.intent), request: { ...structuredClone(op.intent.request), clientToken: this.options.newClientToken() } };
    const gateway = await this.options.resolveGateway(intent.request.regionId, intent.sourceKey).catch(() => undefined);
    if (!gateway) {
      return { kind: 'noConnection' };
    }
    if (this.disposed) {
      return { kind: 'notRetryable' };
    }
    if (operationKey(op) !== intent.request.clientToken) {
      // The failed attempt is replaced by the new intent, whatever happens to it.
      this.remove(key);
    }
    this.begin(intent);
    try {
      const snapshotId = await gateway.createSnapshot(intent.request);
      this.track(intent, snapshotId);
      return { kind: 'tracking', snapshotId };
    } catch (e) {
      const error = isEcsError(e) ? e : new EcsError({ kind: 'network', code: 'Unknown', message: String(e), retryable: false });
      this.reportCreateFailure(intent, error);
      return { kind: 'refused', error };
    }
  }

  /** True while the single poll timer is armed (false means no requests will be sent). */
  get polling(): boolean {
    return this.timer !== undefined || this.ticking;
  }

  /** Milliseconds until the next poll, if one is scheduled. */
  nextPollInMs(): number | undefined {
    return this.timerDueAt === undefined ? undefined : Math.max(0, this.timerDueAt - this.options.clock.now());
  }

  dispose(): void {
    if (this.unsaved) {
      this.save(); // a tick still waiting on another region must not lose the outcomes it already has
    }
    this.disposed = true;
    this.clearTimer();
  }

  // ---- Polling ------------------------------------------------------------------------------

  private creating(): TrackedOperation[] {
    return [...this.ops.values()].filter((op) => op.state === 'creating');
  }

  private checking(): TrackedOperation[] {
    return [...this.ops.values()].filter((op) => op.state === 'checking');
  }

  private creatingIn(group: RequestGroup): TrackedOperation[] {
    return this.creating().filter((op) => op.intent.request.regionId === group.regionId && op.intent.sourceKey === group.sourceKey);
  }

  private groupOf(op: TrackedOperation, dueAt: number): RequestGroup {
    const key = groupKey(op.intent.request.regionId, op.intent.sourceKey);
    let group = this.groups.get(key);
    if (!group) {
      group = { regionId: op.intent.request.regionId, sourceKey: op.intent.sourceKey, dueAt, failures: 0 };
      this.groups.set(key, group);
    }
    return group;
  }

  /** Arms the one timer for the earliest due group or lookup; none at all when nothing is in progress. */
  private schedule(): void {
    if (this.disposed || this.ticking) {
      return; // the running tick reschedules when it ends
    }
    const active = new Set(this.creating().map((op) => groupKey(op.intent.request.regionId, op.intent.sourceKey)));
    for (const key of this.groups.keys()) {
      if (!active.has(key)) {
        this.groups.delete(key);
      }
    }
    for (const key of this.lookups.keys()) {
      if (this.ops.get(key)?.state !== 'checking') {
        this.lookups.delete(key);
      }
    }
    const dueAt = Math.min(...[...this.groups.values(), ...this.lookups.values()].map((g) => g.dueAt));
    if (!Number.isFinite(dueAt)) {
      this.clearTimer();
      return;
    }
    if (this.timer !== undefined && this.timerDueAt !== undefined && this.timerDueAt <= dueAt) {
      return;
    }
    this.clearTimer();
    const now = this.options.clock.now();
    this.timerDueAt = dueAt;
    this.timer = this.options.clock.setTimer(() => void this.tick(), Math.max(0, dueAt - now));
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.options.clock.clearTimer(this.timer);
    }
    this.timer = undefined;
    this.timerDueAt = undefined;
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.timerDueAt = undefined;
    this.ticking = true;
    this.lastTickRequests = 0;
    try {
      const now = this.options.clock.now();
      // A little slack: a timer firing a hair early must not make an empty tick.
      const due = [...this.groups.values()].filter((g) => g.dueAt <= now + DUE_SLACK_MS);
      const looks = [...this.lookups.entries()].filter(([, l]) => l.dueAt <= now + DUE_SLACK_MS).map(([key]) => key);
      await Promise.all([...due.map((group) => this.pollGroup(group)), ...looks.map((key) => this.lookUp(key))]);
    } finally {
      this.ticking = false;
    }
    if (!this.disposed) {
      if (this.prune(this.options.clock.now()) || this.unsaved) {
        this.save(); // once for the whole tick, however many operations changed in it
      }
      this.emit({ kind: 'changed' });
      this.schedule();
    }
  }

  private async pollGroup(group: RequestGroup): Promise<void> {
    const ops = this.creatingIn(group);
    if (ops.length === 0) {
      return;
    }
    try {
      const gateway = await this.options.resolveGateway(group.regionId, group.sourceKey);
      if (!gateway) {
        throw new EcsError({
          kind: 'credentials',
          code: 'NoConnection',
          message: l10n.t('The credential source "{0}" that started these snapshots is not usable now', group.sourceKey),
          retryable: true,
          action: 'DescribeSnapshots',
        });
      }
      // One request per 100 ids: ceil(K/100) requests. Sequential, so a throttled group stops at once.
      for (const batch of chunk(ops)) {
        this.lastTickRequests++;
        const found = await gateway.describeSnapshots(group.regionId, batch.map((op) => op.snapshotId as string));
        if (this.disposed) {
          return;
        }
        this.applyAnswer(batch, found);
      }
      group.failures = 0;
      const now = this.options.clock.now();
      group.dueAt = now + groupDelayMs(this.creatingIn(group), now);
    } catch (e) {
      if (this.disposed) {
        return;
      }
      const error = isEcsError(e) ? e : new EcsError({ kind: 'network', code: 'Unknown', message: String(e), retryable: true });
      group.failures++;
      const now = this.options.clock.now();
      const delay = backoffDelayMs(groupDelayMs(this.creatingIn(group), now), group.failures, error.retryAfterSeconds);
      group.dueAt = now + delay;
      const tracked = toTrackedError(error);
      for (const op of this.creatingIn(group)) {
        op.pollError = tracked;
      }
      this.options.log?.warn(
        `DescribeSnapshots in ${group.regionId} failed (${error.code}${error.requestId ? `, RequestId ${error.requestId}` : ''}); next try in ${Math.round(delay / 1000)} s.`,
      );
    }
  }

  // ---- The checking phase: a snapshot that may exist ------------------------------------------

  private async lookUp(key: string): Promise<void> {
    const op = this.ops.get(key);
    const schedule = this.lookups.get(key);
    if (!op || op.state !== 'checking' || !op.lookup || !schedule) {
      this.lookups.delete(key);
      return;
    }
    const lookup = op.lookup;
    const { regionId } = op.intent.request;
    try {
      const gateway = await this.options.resolveGateway(regionId, op.intent.sourceKey);
      if (!gateway) {
        throw new EcsError({
          kind: 'credentials',
          code: 'NoConnection',
          message: l10n.t('The credential source "{0}" that started these snapshots is not usable now', op.intent.sourceKey),
          retryable: true,
          action: 'DescribeSnapshots',
        });
      }
      const claimed = new Set([...this.ops.values()].flatMap((o) => (o.snapshotId ? [o.snapshotId] : [])));
      const found = await lookForSnapshot(gateway, op.intent.request, lookup.requestedAt, claimed);
      if (this.disposed || this.ops.get(key) !== op || op.state !== 'checking') {
        return; // retried, dismissed or closed meanwhile
      }
      const now = this.options.clock.now();
      schedule.failures = 0;
      op.pollError = undefined;
      op.updatedAt = now;
      if (found) {
        this.lookups.delete(key);
        this.adopt(op, found, now);
        return;
      }
      lookup.answers++;
      if (lookupSettlesNotCreated(lookup, now)) {
        this.lookups.delete(key);
        this.settleNotCreated(op, now);
        return;
      }
      schedule.dueAt = now + nextLookupDelayMs(0);
      this.unsaved = true; // saved when the tick ends
    } catch (e) {
      if (this.disposed) {
        return;
      }
      const error = isEcsError(e) ? e : new EcsError({ kind: 'network', code: 'Unknown', message: String(e), retryable: true });
      schedule.failures++;
      const delay = nextLookupDelayMs(schedule.failures, error.retryAfterSeconds);
      schedule.dueAt = this.options.clock.now() + delay;
      op.pollError = toTrackedError(error);
      this.options.log?.warn(
        `Looking for the snapshot of ${op.intent.request.diskId} in ${regionId} failed (${error.code}${error.requestId ? `, RequestId ${error.requestId}` : ''}); next try in ${Math.round(delay / 1000)} s.`,
      );
    }
  }

  /** Found: from here on a normal tracked creation (progress, then ready and its notification). */
  private adopt(op: TrackedOperation, snapshot: Snapshot, now: number): void {
    const key = operationKey(op);
    this.options.log?.info(`The snapshot of ${op.intent.request.diskId} that may have existed does: ${snapshot.snapshotId}.`);
    const creating: TrackedOperation = {
      intent: op.intent,
      snapshotId: snapshot.snapshotId,
      state: 'creating',
      progress: snapshot.progress,
      remainTime: snapshot.remainTime,
      sourceDiskSizeGiB: snapshot.sourceDiskSizeGiB,
      ...(snapshot.available ? { available: true } : {}),
      startedAt: op.startedAt,
      updatedAt: now,
      progressAt: now,
      firstReading: { progress: snapshot.progress, at: now },
      acknowledged: false,
      polls: 0,
      misses: 0,
    };
    this.put(key, creating);
    const group = this.groupOf(creating, now + SCHEDULE.quickMs);
    if (group.failures === 0) {
      group.dueAt = Math.min(group.dueAt, now + SCHEDULE.quickMs);
    }
    this.changed(creating, 'checking', true);
  }

  /** Not found after looking long enough: ECS did not create it; Retry (same ClientToken) is safe. */
  private settleNotCreated(op: TrackedOperation, now: number): void {
    const minutes = Math.max(1, Math.round((now - (op.lookup?.startedAt ?? now)) / 60_000));
    this.setState(op, 'refused');
    op.finishedAt = now;
    op.acknowledged = false;
    op.lookup = undefined;
    op.error = {
      kind: 'api',
      code: NOT_FOUND_CODE,
      message: l10n.t('No snapshot from this request appeared on the disk in {0} min of looking, so ECS did not create it.', minutes),
      action: 'CreateSnapshot',
    };
    this.changed(op, 'checking', true);
  }

  // ---- The creating phase: progress ----------------------------------------------------------

  private applyAnswer(ops: TrackedOperation[], found: Snapshot[]): void {
    const now = this.options.clock.now();
    const byId = new Map(found.map((s) => [s.snapshotId, s]));
    for (const op of ops) {
      if (op.state !== 'creating' || this.ops.get(operationKey(op)) !== op) {
        continue; // dismissed or replaced meanwhile
      }
      op.pollError = undefined;
      op.polls++;
      op.updatedAt = now;
      const snapshot = byId.get(op.snapshotId as string);
      if (!snapshot) {
        op.misses++;
        if (op.misses >= SCHEDULE.missesBeforeGone) {
          this.finish(op, 'gone', now);
        }
        continue;
      }
      op.misses = 0;
      op.firstReading ??= { progress: snapshot.progress, at: now };
      op.progressAt = now;
      op.progress = snapshot.progress;
      op.remainTime = snapshot.remainTime;
      op.sourceDiskSizeGiB = snapshot.sourceDiskSizeGiB ?? op.sourceDiskSizeGiB;
      if (snapshot.available) op.available = true;
      if (snapshot.status === 'accomplished') {
        op.progress = 100;
        op.remainTime = 0;
        this.finish(op, 'ready', now);
      } else if (snapshot.status === 'failed') {
        this.finish(op, 'failed', now);
      }
    }
  }

  private finish(op: TrackedOperation, state: OperationState, now: number): void {
    const previous = op.state;
    this.setState(op, state);
    op.finishedAt = now;
    op.acknowledged = false;
    this.changed(op, previous, true);
  }

  // ---- Bookkeeping --------------------------------------------------------------------------

  /**
   * Forgets what the user no longer needs: seen outcomes after a day, and beyond MAX_FINISHED the
   * oldest successes. Never an unseen failure, never an unresolved "may exist" (only the user's
   * Dismiss removes those). True when it removed something (the caller saves).
   */
  private prune(now: number): boolean {
    const finishedAt = (op: TrackedOperation) => op.finishedAt ?? op.updatedAt;
    const seen = (op: TrackedOperation) => op.state === 'ready' || (isProblem(op.state) && op.acknowledged && !isOutcomeUnknown(op.error));
    let removed = 0;
    for (const [key, op] of this.ops) {
      if (isTerminal(op.state) && seen(op) && now - finishedAt(op) > FINISHED_TTL_MS) {
        this.remove(key);
        removed++;
      }
    }
    const finished = [...this.ops.values()].filter((op) => isTerminal(op.state));
    const successes = finished.filter((op) => op.state === 'ready').sort((a, b) => finishedAt(a) - finishedAt(b));
    for (const op of successes.slice(0, Math.max(0, finished.length - MAX_FINISHED))) {
      this.remove(operationKey(op));
      removed++;
    }
    return removed > 0;
  }

  /** `byTick`: a poll's answer changed it; the tick saves once when it ends. Anything else saves now. */
  private changed(op: TrackedOperation, previous: OperationState | undefined, byTick = false): void {
    if (byTick) {
      this.unsaved = true;
    } else {
      this.save();
    }
    this.emit({ kind: 'stateChanged', op, previous });
    if (!this.ticking) {
      this.emit({ kind: 'changed' }); // a tick tells once at its end, when every answer is applied
    }
  }

  private save(): void {
    if (this.disposed) {
      return;
    }
    this.unsaved = false;
    try {
      const result = this.options.store.save(serialize([...this.ops.values()], [...this.pending.values()]));
      if (result && typeof result.then === 'function') {
        result.then(undefined, (e: unknown) => this.options.log?.warn(`Could not save tracked snapshots: ${String(e)}`));
      }
    } catch (e) {
      this.options.log?.warn(`Could not save tracked snapshots: ${String(e)}`);
    }
  }

  // ---- The operations and the index of creating disks ----------------------------------------

  private put(key: string, op: TrackedOperation): void {
    this.remove(key);
    this.ops.set(key, op);
    this.countCreating(op, op.state, 1);
  }

  private remove(key: string): void {
    const op = this.ops.get(key);
    if (op) {
      this.countCreating(op, op.state, -1);
      this.ops.delete(key);
    }
  }

  private setState(op: TrackedOperation, state: OperationState): void {
    const counted = this.ops.get(operationKey(op)) === op; // one dismissed meanwhile is no longer counted
    if (counted) this.countCreating(op, op.state, -1);
    op.state = state;
    if (counted) this.countCreating(op, state, 1);
  }

  private countCreating(op: TrackedOperation, state: OperationState, delta: 1 | -1): void {
    if (state !== 'creating') {
      return;
    }
    const { regionId, diskId } = op.intent.request;
    const key = diskKey(regionId, diskId);
    const count = (this.creatingDisks.get(key) ?? 0) + delta;
    if (count > 0) {
      this.creatingDisks.set(key, count);
      this.regionCreating(regionId).add(diskId);
    } else {
      this.creatingDisks.delete(key);
      this.creatingByRegion.get(regionId)?.delete(diskId);
    }
  }

  private emit(event: TrackerEvent): void {
    if (!this.disposed) {
      this.options.onEvent(event);
    }
  }
}

/** A create operation in its checking phase: the snapshot may exist and is being looked for. */
function checkingOperation(intent: SnapshotIntent, startedAt: number, requestedAt: number, error: TrackedError | undefined, now: number): TrackedOperation {
  return {
    intent: structuredClone(intent),
    snapshotId: undefined,
    state: 'checking',
    progress: 0,
    startedAt,
    updatedAt: now,
    error,
    lookup: startLookup(requestedAt, now),
    acknowledged: false,
    polls: 0,
    misses: 0,
  };
}

function groupKey(regionId: string, sourceKey: string): string {
  return `${sourceKey}\u0000${regionId}`;
}

function diskKey(regionId: string, diskId: string): string {
  return `${regionId}\u0000${diskId}`;
}

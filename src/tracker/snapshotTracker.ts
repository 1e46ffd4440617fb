// The status-bar tracker as VS Code sees it: the core (one timer, DescribeSnapshots in batches)
// persisted in a Memento, rendered in one status-bar item, with notifications and the list.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Connections } from '../connection/connection';
import type { EcsError } from '../ecs/errors';
import type { GroupBackupRequest, GroupTrackerApi, InstanceRollbackRequest } from '../groups/groupApi';
import type { GroupBackupState } from '../groups/groupBackupState';
import type { InstanceRollbackState } from '../groups/instanceRollbackState';
import type { RollbackRequest, RollbackTrackerApi } from '../rollback/rollbackApi';
import { ROLLBACK_PERSISTENCE_KEY, type RollbackState } from '../rollback/rollbackState';
import { describeRollbackFailure, rollbackDoneText } from '../rollback/rollbackTexts';
import { describeTrackedError } from './errorText';
import { EstimateTicker } from './estimateTicker';
import type { InstanceRef } from './groupOperations';
import { GroupTracking } from './groupTracking';
import { isEstimateMoving } from './progressEstimate';
import { TrackerStatusItem } from './statusBarItem';
import { describeStatus, outcomeText, type StatusView } from './statusView';
import { RollbackOperations, type RollbackEvent } from './rollbackOperations';
import { ROLLBACK_SUCCESS_MS } from './statusView';
import { showTrackedPicker, type RollbackItemAction, type TrackedAction, type TrackedItem } from './trackedPicker';
import { diskOf, isOutcomeUnknown, PERSISTENCE_KEY, type TrackedOperation } from './trackedOperation';
import { systemClock, TrackerCore, type Clock, type RetryOutcome, type TrackerEvent, type TrackerLog } from './trackerCore';
import type { DiskRef, SnapshotIntent, SnapshotTrackerApi } from './trackerApi';

/** How long "$(check) Snapshot ready" stays before the item hides (or returns to progress). */
const SUCCESS_STATE_MS = 5_000;
/** The command of the Roll Back flow (src/commands/rollback/), given `{ regionId, diskId, snapshotId, sourceKey }`. */
export const ROLLBACK_TO_SNAPSHOT_COMMAND = 'ecsSnapshots.rollbackToSnapshot';

export interface SnapshotTrackerOptions {
  connections: Pick<Connections, 'forRegion'>;
  /** Where tracking is persisted (the extension passes context.workspaceState). */
  memento: vscode.Memento;
  log: TrackerLog;
  revealDisk: (regionId: string, diskId: string) => Promise<void>;
  clock?: Clock;
  /** The clock of the once-a-second redraw of estimates (defaults to `clock`; suites that count poll timers give it its own). */
  redrawClock?: Clock;
}

export class SnapshotTracker implements SnapshotTrackerApi, RollbackTrackerApi, GroupTrackerApi, vscode.Disposable {
  private readonly diskEmitter = new vscode.EventEmitter<DiskRef>();
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeDisk = this.diskEmitter.event;
  /** Anything visible changed (the list refreshes on it). */
  readonly onDidChange = this.changeEmitter.event;
  private readonly item = new TrackerStatusItem();
  private readonly core: TrackerCore;
  /** The rollback operations, each a machine with persisted phases, saved next to the creations. */
  private readonly rollbacks: RollbackOperations;
  /** Group backups and instance rollbacks (issue 16), saved next to the others. */
  private readonly groups: GroupTracking;
  /** An instance whose group backup or rollback changed phase. */
  readonly onDidChangeInstance: vscode.Event<InstanceRef>;
  private readonly clock: Clock;
  /** Redraws the estimate between polls ("~62%"), about once a second, only while something moves. */
  private readonly ticker: EstimateTicker;
  private recentlyReady = 0;
  private successTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly options: SnapshotTrackerOptions) {
    this.clock = options.clock ?? systemClock;
    this.ticker = new EstimateTicker(options.redrawClock ?? this.clock, () => isEstimateMoving(this.core.operations(), this.clock.now()), () => this.render());
    this.core = new TrackerCore({
      clock: this.clock,
      store: {
        load: () => options.memento.get(PERSISTENCE_KEY),
        save: (state) => options.memento.update(PERSISTENCE_KEY, state),
      },
      resolveGateway: async (regionId, sourceKey) => (await options.connections.forRegion(regionId, sourceKey))?.gateway,
      newClientToken: () => randomUUID(),
      onEvent: (event) => this.onCoreEvent(event),
      log: options.log,
    });
    this.rollbacks = new RollbackOperations({
      clock: this.clock,
      store: {
        load: () => options.memento.get(ROLLBACK_PERSISTENCE_KEY),
        save: (state) => options.memento.update(ROLLBACK_PERSISTENCE_KEY, state),
      },
      resolveGateway: async (regionId, sourceKey) => (await options.connections.forRegion(regionId, sourceKey))?.gateway,
      onEvent: (event) => this.onRollbackEvent(event),
      log: options.log,
    });
    this.groups = new GroupTracking({
      clock: this.clock,
      memento: options.memento,
      connections: options.connections,
      log: options.log,
      revealDisk: options.revealDisk,
      onChanged: () => {
        this.render();
        this.changeEmitter.fire();
      },
      onDiskChanged: (disk) => this.diskEmitter.fire(disk),
      showPicker: () => void this.showPicker(),
    });
    this.onDidChangeInstance = this.groups.onDidChangeInstance;
    this.core.resume();
    this.rollbacks.resume();
    this.render();
  }

  startGroupBackup(request: GroupBackupRequest): void {
    this.groups.startGroupBackup(request);
  }

  isBackingUpInstance(instance: InstanceRef): boolean {
    return this.groups.isBackingUpInstance(instance);
  }

  startInstanceRollback(request: InstanceRollbackRequest): void {
    this.groups.startInstanceRollback(request);
  }

  isRollingBackInstance(instance: InstanceRef): boolean {
    return this.groups.isRollingBackInstance(instance);
  }

  /** Every group backup, newest first. */
  groupBackupOperations(): readonly GroupBackupState[] {
    return this.groups.operations.backupOperations();
  }

  /** Every instance rollback, newest first. */
  instanceRollbackOperations(): readonly InstanceRollbackState[] {
    return this.groups.operations.rollbackOperations();
  }

  /** DescribeSnapshotGroups / DescribeSnapshots requests of the last group tick. */
  get groupPollStats(): { groups: number; members: number } {
    return this.groups.operations.lastTickRequests;
  }

  startRollback(request: RollbackRequest): void {
    this.options.log.info(`Rolling back disk ${request.diskId} (${request.regionId}) to ${request.snapshotId}.`);
    this.rollbacks.start(request);
  }

  isRollingBack(disk: DiskRef): boolean {
    return this.rollbacks.isRollingBack(disk);
  }

  /** Every rollback operation, newest first. */
  rollbackOperations(): readonly RollbackState[] {
    return this.rollbacks.operations();
  }

  begin(intent: SnapshotIntent): void {
    this.core.begin(intent);
  }

  track(intent: SnapshotIntent, snapshotId: string): void {
    this.options.log.debug(`Tracking snapshot ${snapshotId} of disk ${intent.request.diskId} (${intent.request.regionId}).`);
    this.core.track(intent, snapshotId);
  }

  reportCreateFailure(intent: SnapshotIntent, error: EcsError): void {
    this.core.reportCreateFailure(intent, error);
  }

  isCreating(disk: DiskRef): boolean {
    return this.core.isCreating(disk);
  }

  creatingDisksIn(regionId: string): ReadonlySet<string> {
    return this.core.creatingDisksIn(regionId);
  }

  /** Every tracked operation, newest first. */
  operations(): readonly TrackedOperation[] {
    return this.core.operations();
  }

  /** What the status-bar item shows now. */
  get status(): StatusView {
    return this.item.view;
  }

  /** DescribeSnapshots requests of the last poll, and whether a poll is scheduled at all. */
  get pollStats(): { lastTickRequests: number; polling: boolean } {
    return { lastTickRequests: this.core.lastTickRequests, polling: this.core.polling };
  }

  /** Opens the list; looking at it acknowledges failures, so the item leaves its error colours. */
  showPicker(): vscode.QuickPick<TrackedItem> {
    this.core.acknowledgeAll();
    const rollbacksSeen = this.rollbacks.acknowledgeAll();
    if (this.groups.operations.acknowledgeAll() || rollbacksSeen) this.render();
    return showTrackedPicker({
      operations: () => this.core.operations(),
      onDidChange: this.onDidChange,
      run: (action, op) => this.run(action, op),
      dismissFinished: () => {
        this.groups.operations.dismissFinished();
        this.rollbacks.dismissFinished();
        this.core.dismissFinished();
      },
      now: () => this.clock.now(),
      rollbacks: () => this.rollbacks.operations(),
      runRollback: (action, state) => this.runRollback(action, state),
      groups: () => this.groups.view(),
      runGroup: (action, operationId) => this.groups.run(action, operationId),
    });
  }

  async runRollback(action: RollbackItemAction, state: RollbackState): Promise<void> {
    const id = state.request.operationId;
    switch (action) {
      case 'reveal':
        await this.options.revealDisk(state.request.regionId, state.request.diskId);
        return;
      case 'retry':
        await this.rollbacks.retry(id);
        return;
      case 'startInstance':
        await this.rollbacks.startInstance(id);
        return;
      case 'dismiss':
        this.rollbacks.dismiss(id);
        this.render();
        this.changeEmitter.fire();
        return;
    }
  }

  async run(action: TrackedAction, op: TrackedOperation): Promise<void> {
    const key = op.intent.request.clientToken;
    switch (action) {
      case 'reveal':
        await this.options.revealDisk(op.intent.request.regionId, op.intent.request.diskId);
        return;
      case 'copy':
        if (op.snapshotId) {
          await vscode.env.clipboard.writeText(op.snapshotId);
          vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', op.snapshotId), 3_000);
        }
        return;
      case 'dismiss':
        this.core.dismiss(key);
        return;
      case 'retry':
        this.reportRetry(op, await this.core.retry(key));
        return;
      case 'rollBack':
        if (op.snapshotId) {
          const { regionId, diskId } = op.intent.request;
          await vscode.commands.executeCommand(ROLLBACK_TO_SNAPSHOT_COMMAND, { regionId, diskId, snapshotId: op.snapshotId, sourceKey: op.intent.sourceKey });
        }
        return;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.core.dispose();
    this.rollbacks.dispose();
    this.groups.dispose();
    this.ticker.dispose();
    clearTimeout(this.successTimer);
    this.item.dispose();
    this.diskEmitter.dispose();
    this.changeEmitter.dispose();
  }

  private onCoreEvent(event: TrackerEvent): void {
    if (this.disposed) {
      return;
    }
    if (event.kind === 'changed') {
      this.render();
      this.changeEmitter.fire();
      return;
    }
    const { op } = event;
    if (event.kind === 'forgotten') {
      if (op.state === 'creating') {
        this.diskEmitter.fire(diskOf(op));
      }
      return;
    }
    const previous = event.previous;
    this.diskEmitter.fire(diskOf(op));
    if (previous !== undefined && previous !== op.state) {
      this.options.log.info(`Snapshot ${op.snapshotId ?? '-'} of disk ${op.intent.request.diskId}: ${previous} -> ${op.state}.`);
    }
    if (previous === 'checking' && op.state === 'refused') {
      this.notifyProblem(op); // looked for long enough: not created
      return;
    }
    if (previous !== 'creating') {
      return; // a start, a snapshot found by looking, or a refusal the creating flow already reported
    }
    if (op.state === 'ready') {
      this.showSuccess();
      this.notifyReady(op);
    } else if (op.state === 'failed' || op.state === 'gone') {
      this.notifyProblem(op);
    }
  }

  private render(): void {
    if (this.disposed) {
      return;
    }
    this.item.render(describeStatus(this.core.operations(), this.clock.now(), this.recentlyReady, this.rollbacks?.operations() ?? [], this.groups?.view()));
    this.ticker.update();
  }

  private onRollbackEvent(event: RollbackEvent): void {
    if (this.disposed) {
      return;
    }
    const { state } = event;
    if (event.kind === 'rollbackForgotten' || event.previous !== state.phase) {
      // Phase changes only: the tree refreshes the disk, not on every progress reading.
      this.diskEmitter.fire({ regionId: state.request.regionId, diskId: state.request.diskId });
    }
    this.render();
    this.changeEmitter.fire();
    if (event.kind !== 'rollbackChanged' || event.previous === undefined || event.previous === state.phase) {
      return;
    }
    if (state.phase === 'done') {
      clearTimeout(this.successTimer);
      this.successTimer = setTimeout(() => this.render(), ROLLBACK_SUCCESS_MS);
      this.notifyRolledBack(state);
    } else if (state.phase === 'failed') {
      this.notifyRollbackFailed(state);
    }
  }

  private notifyRolledBack(state: RollbackState): void {
    const reveal = vscode.l10n.t('Reveal in Tree');
    void vscode.window
      .showInformationMessage(rollbackDoneText(state), reveal)
      .then((choice) => (choice === reveal ? this.runRollback('reveal', state) : undefined));
  }

  private notifyRollbackFailed(state: RollbackState): void {
    const start = vscode.l10n.t('Start Instance');
    const retry = vscode.l10n.t('Retry');
    const show = vscode.l10n.t('Show Snapshot Progress');
    const offered = [
      ...(state.failure?.actions.includes('startInstance') ? [start] : []),
      ...(state.failure?.actions.includes('retry') ? [retry] : []),
      show,
    ];
    const message = vscode.l10n.t('Rollback of disk {0} to {1}: {2}', state.request.diskName, state.request.snapshotName, describeRollbackFailure(state));
    void vscode.window.showErrorMessage(message, ...offered).then((choice) => {
      if (choice === start) return this.runRollback('startInstance', state);
      if (choice === retry) return this.runRollback('retry', state);
      if (choice === show) this.showPicker();
      return undefined;
    });
  }

  private showSuccess(): void {
    this.recentlyReady++;
    clearTimeout(this.successTimer);
    this.successTimer = setTimeout(() => {
      this.recentlyReady = 0;
      this.render();
    }, SUCCESS_STATE_MS);
  }

  private notifyReady(op: TrackedOperation): void {
    if (!vscode.workspace.getConfiguration('ecsSnapshots.tracker').get<boolean>('notifyOnCompletion', true)) {
      return;
    }
    const reveal = vscode.l10n.t('Reveal in Tree');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Snapshot {0} of disk {1} is ready.', op.snapshotId ?? '', op.intent.diskName), reveal)
      .then((choice) => (choice === reveal ? this.run('reveal', op) : undefined));
  }

  private notifyProblem(op: TrackedOperation): void {
    const retry = vscode.l10n.t('Retry');
    const show = vscode.l10n.t('Show Snapshot Progress');
    const message = op.snapshotId
      ? vscode.l10n.t('Snapshot {0} of disk {1}: {2}', op.snapshotId, op.intent.diskName, outcomeText(op))
      : vscode.l10n.t('Snapshot of disk {0}: {1}', op.intent.diskName, outcomeText(op));
    const shown = op.state === 'gone' ? vscode.window.showWarningMessage(message, retry, show) : vscode.window.showErrorMessage(message, retry, show);
    void shown.then((choice) => {
      if (choice === retry) {
        return this.run('retry', op);
      }
      if (choice === show) {
        this.showPicker();
      }
    });
  }

  private reportRetry(op: TrackedOperation, outcome: RetryOutcome): void {
    switch (outcome.kind) {
      case 'tracking':
        this.options.log.debug(`Retry of the snapshot of disk ${op.intent.request.diskId} accepted: ${outcome.snapshotId}.`);
        return;
      case 'refused':
        void vscode.window.showErrorMessage(
          // EcsError carries every TrackedError field: a lost answer must not be told as "not created".
          isOutcomeUnknown(outcome.error)
            ? vscode.l10n.t(
                'The retry for disk {0} got no answer; the snapshot may exist, and the tracker is looking for it: {1}',
                op.intent.diskName,
                describeTrackedError(outcome.error),
              )
            : vscode.l10n.t('The snapshot of disk {0} was not created: {1}', op.intent.diskName, describeTrackedError(outcome.error)),
        );
        return;
      case 'noConnection':
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Cannot retry: the credential source "{0}" that created this snapshot is not usable now.', op.intent.sourceKey),
        );
        return;
      case 'notRetryable':
        return;
    }
  }
}

// The server-level operations as VS Code sees them: GroupOperations persisted in the workspace's
// Memento, the list's actions on them, and the notifications when a group backup is ready or an
// instance rollback is done, or either failed. SnapshotTracker delegates GroupTrackerApi here.
import * as vscode from 'vscode';
import type { Connections } from '../connection/connection';
import type { GroupBackupRequest, GroupTrackerApi, InstanceRollbackRequest } from '../groups/groupApi';
import type { GroupBackupState } from '../groups/groupBackupState';
import { describeInstanceRollbackFailure, groupBackupOutcome, instanceRollbackDoneText } from '../groups/groupTexts';
import type { InstanceRollbackState } from '../groups/instanceRollbackState';
import type { GroupItemAction } from './groupItems';
import { GROUP_PERSISTENCE_KEY, GroupOperations, type GroupEvent, type InstanceRef } from './groupOperations';
import type { GroupOperationsView } from './groupStatusView';
import { ROLLBACK_SUCCESS_MS } from './statusView';
import type { Clock, TrackerLog } from './trackerCore';
import type { DiskRef } from './trackerApi';

export interface GroupTrackingOptions {
  clock: Clock;
  memento: vscode.Memento;
  connections: Pick<Connections, 'forRegion'>;
  log: TrackerLog;
  revealDisk: (regionId: string, diskId: string) => Promise<void>;
  /** Something visible changed: re-render the item, refresh the list. */
  onChanged: () => void;
  /** A disk of an operation changed phase (the tree refreshes it). */
  onDiskChanged: (disk: DiskRef) => void;
  showPicker: () => void;
}

export class GroupTracking implements GroupTrackerApi, vscode.Disposable {
  private readonly instanceEmitter = new vscode.EventEmitter<InstanceRef>();
  /** An instance whose group backup or rollback changed phase (the tree refreshes it). */
  readonly onDidChangeInstance = this.instanceEmitter.event;
  readonly operations: GroupOperations;
  private disposed = false;
  /** Re-renders once the short success state ("web-01 backed up") has passed. */
  private successTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: GroupTrackingOptions) {
    this.operations = new GroupOperations({
      clock: options.clock,
      store: {
        load: () => options.memento.get(GROUP_PERSISTENCE_KEY),
        save: (state) => options.memento.update(GROUP_PERSISTENCE_KEY, state),
      },
      resolveGateway: async (regionId, sourceKey) => (await options.connections.forRegion(regionId, sourceKey))?.gateway,
      onEvent: (event) => this.onEvent(event),
      log: options.log,
    });
    this.operations.resume();
  }

  startGroupBackup(request: GroupBackupRequest): void {
    this.options.log.info(`Backing up instance ${request.instanceId} (${request.regionId}) as one snapshot group of ${request.disks.length} disks.`);
    this.operations.startBackup(request);
  }

  isBackingUpInstance(instance: InstanceRef): boolean {
    return this.operations.isBackingUp(instance);
  }

  startInstanceRollback(request: InstanceRollbackRequest): void {
    this.options.log.info(`Rolling back instance ${request.instanceId} (${request.regionId}) to group ${request.groupId}.`);
    this.operations.startRollback(request);
  }

  isRollingBackInstance(instance: InstanceRef): boolean {
    return this.operations.isRollingBack(instance);
  }

  view(): GroupOperationsView {
    return { backups: this.operations.backupOperations(), rollbacks: this.operations.rollbackOperations() };
  }

  async run(action: GroupItemAction, operationId: string): Promise<void> {
    const backup = this.operations.backupOperations().find((s) => s.request.operationId === operationId);
    const rollback = this.operations.rollbackOperations().find((s) => s.request.operationId === operationId);
    const state = backup ?? rollback;
    if (!state) return;
    switch (action) {
      case 'reveal': {
        const diskId = backup ? (backup.members[0]?.diskId ?? backup.request.disks[0]?.diskId) : rollback?.request.members[0]?.diskId;
        if (diskId) await this.options.revealDisk(state.request.regionId, diskId);
        return;
      }
      case 'copy':
        if (backup?.groupId) {
          await vscode.env.clipboard.writeText(backup.groupId);
          vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', backup.groupId), 3_000);
        }
        return;
      case 'retry':
        await this.operations.retry(operationId);
        return;
      case 'startInstance':
        await this.operations.startInstance(operationId);
        return;
      case 'dismiss':
        this.operations.dismiss(operationId);
        this.options.onChanged();
        return;
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.successTimer);
    this.operations.dispose();
    this.instanceEmitter.dispose();
  }

  private onEvent(event: GroupEvent): void {
    if (this.disposed) return;
    if (event.kind === 'forgotten') {
      this.instanceEmitter.fire(event.instance);
      this.options.onChanged();
      return;
    }
    const { state, previous } = event;
    const phaseChanged = previous === undefined || previous !== state.phase;
    if (phaseChanged) {
      this.instanceEmitter.fire({ regionId: state.request.regionId, instanceId: state.request.instanceId });
      const disks = event.kind === 'backupChanged' ? event.state.request.disks : event.state.request.members;
      disks.forEach((d) => this.options.onDiskChanged({ regionId: state.request.regionId, diskId: d.diskId }));
    }
    this.options.onChanged();
    if (previous === undefined || !phaseChanged) return;
    if (state.phase === 'ready' || state.phase === 'done') {
      clearTimeout(this.successTimer);
      this.successTimer = setTimeout(() => this.options.onChanged(), ROLLBACK_SUCCESS_MS);
    }
    if (event.kind === 'backupChanged') this.notifyBackup(event.state);
    else this.notifyRollback(event.state);
  }

  private notifyBackup(state: GroupBackupState): void {
    if (state.phase === 'ready') {
      if (!vscode.workspace.getConfiguration('ecsSnapshots.tracker').get<boolean>('notifyOnCompletion', true)) return;
      const reveal = vscode.l10n.t('Reveal in Tree');
      void vscode.window.showInformationMessage(groupBackupOutcome(state), reveal).then((choice) => (choice === reveal ? this.run('reveal', state.request.operationId) : undefined));
    } else if (state.phase === 'failed' || state.phase === 'refused') {
      const retry = vscode.l10n.t('Retry');
      const show = vscode.l10n.t('Show Snapshot Progress');
      const offered = state.phase === 'refused' ? [retry, show] : [show];
      const message = vscode.l10n.t('Group backup of {0}: {1}', state.request.instanceName, groupBackupOutcome(state));
      void vscode.window.showErrorMessage(message, ...offered).then((choice) => {
        if (choice === retry) return this.run('retry', state.request.operationId);
        if (choice === show) this.options.showPicker();
        return undefined;
      });
    }
  }

  private notifyRollback(state: InstanceRollbackState): void {
    if (state.phase === 'done') {
      const reveal = vscode.l10n.t('Reveal in Tree');
      void vscode.window.showInformationMessage(instanceRollbackDoneText(state), reveal).then((choice) => (choice === reveal ? this.run('reveal', state.request.operationId) : undefined));
    } else if (state.phase === 'failed') {
      const start = vscode.l10n.t('Start Instance');
      const retry = vscode.l10n.t('Retry');
      const show = vscode.l10n.t('Show Snapshot Progress');
      const offered = [...(state.failure?.actions.includes('startInstance') ? [start] : []), ...(state.failure?.actions.includes('retry') ? [retry] : []), show];
      const message = vscode.l10n.t('Rollback of instance {0} to {1}: {2}', state.request.instanceName, state.request.groupName, describeInstanceRollbackFailure(state));
      void vscode.window.showErrorMessage(message, ...offered).then((choice) => {
        if (choice === start) return this.run('startInstance', state.request.operationId);
        if (choice === retry) return this.run('retry', state.request.operationId);
        if (choice === show) this.options.showPicker();
        return undefined;
      });
    }
  }
}

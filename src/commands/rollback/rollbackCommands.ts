// "Roll Back Disk to This Snapshot..." and "Roll Back Disk...": find the connection, run the
// flow, say why nothing was sent. Thin: the flow and its rules live in pure modules.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Connection, Connections } from '../../connection/connection';
import { describeEcsProblem, formatForUser } from '../../snapshot/catalog';
import { diskChoicePages } from '../createSnapshot/diskChoices';
import { asEcsError } from '../createSnapshot/failure';
import type { Prompter } from '../createSnapshot/prompter';
import type { Notifier } from '../createSnapshot/submit';
import { VscodePrompter } from '../createSnapshot/vscodePrompter';
import { vscodeNotifier } from '../vscodeNotifier';
import { rollbackTargetOf } from './rollbackArgument';
import type { RollbackTarget } from './rollbackArgument';
import { runRollbackFlow } from './rollbackFlow';
import type { RollbackResult, RollbackTracker } from './rollbackFlow';
import { markRollingBack } from './rollingBackDisks';
import { readRollbackSettings } from './rollbackSettings';
import { modalConfirm } from './vscodeConfirm';

export interface RollbackCommandDeps {
  connections: Connections;
  /** Undefined when the status-bar tracker cannot follow a rollback: nothing is then started. */
  tracker: RollbackTracker | undefined;
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn'>;
}

/** Replaceable parts, for tests (the defaults are VS Code's own). */
export interface RollbackCommandSeams {
  prompter?: Prompter;
  confirm?: (message: string, detail: string, action: string) => Promise<boolean>;
  notifier?: Notifier;
  now?: () => Date;
  newId?: () => string;
}

export class RollbackCommands {
  constructor(
    private readonly deps: RollbackCommandDeps,
    private readonly seams: RollbackCommandSeams = {},
  ) {}

  /** From a snapshot node or the tracker's "Roll back to this backup": starts at the options. */
  rollbackToSnapshot(arg?: unknown): Promise<RollbackResult> {
    return this.run(rollbackTargetOf(arg));
  }

  /** From a disk node (asks the snapshot) or the palette (asks the disk first). */
  rollbackDisk(arg?: unknown): Promise<RollbackResult> {
    const target = rollbackTargetOf(arg);
    return this.run({ ...target, snapshotId: undefined });
  }

  private async run(target: RollbackTarget): Promise<RollbackResult> {
    const { tracker } = this.deps;
    this.deps.log.info(`Roll Back: started on ${target.diskId ? `disk ${target.diskId}` : 'no disk yet'}${target.snapshotId ? `, snapshot ${target.snapshotId}` : ''}.`);
    if (!tracker) {
      const reason = vscode.l10n.t('Rolling back is not available: the status bar tracker of this version cannot follow a rollback.');
      (this.seams.notifier ?? vscodeNotifier).warn(reason);
      return { kind: 'notSent', reason };
    }
    const connection = await this.connectionFor(target.regionId, target.sourceKey);
    if (!connection) return { kind: 'notSent', reason: 'notConnected' };
    const result = await runRollbackFlow(
      {
        prompter: this.seams.prompter ?? new VscodePrompter(),
        confirm: this.seams.confirm ?? modalConfirm,
        gateway: connection.gateway,
        regionId: connection.regionId,
        sourceKey: connection.sourceKey,
        tracker,
        diskChoices: () =>
          markRollingBack(
            diskChoicePages({ gateway: connection.gateway, regionId: connection.regionId, isCreating: (diskId) => tracker.isCreating({ regionId: connection.regionId, diskId }) }),
            (diskId) => tracker.isRollingBack({ regionId: connection.regionId, diskId }),
          ),
        settings: readRollbackSettings(),
        now: this.seams.now ?? (() => new Date()),
        newId: this.seams.newId ?? randomUUID,
      },
      target,
    );
    const notifier = this.seams.notifier ?? vscodeNotifier;
    if (result.kind === 'refused' || result.kind === 'notSent') notifier.warn(result.reason);
    if (result.kind === 'started') {
      const { request } = result;
      this.deps.log.info(`Rollback ${request.operationId}: disk ${request.diskId} to snapshot ${request.snapshotId} in ${request.regionId} (instance ${request.instance.kind}, safety snapshot ${request.safetySnapshot ? 'on' : 'off'}).`);
    }
    return result;
  }

  private async connectionFor(regionId?: string, sourceKey?: string): Promise<Connection | undefined> {
    const notifier = this.seams.notifier ?? vscodeNotifier;
    try {
      const current = await this.deps.connections.current();
      if (current && (!regionId || regionId === current.regionId) && (!sourceKey || sourceKey === current.sourceKey)) return current;
      const other = regionId ? await this.deps.connections.forRegion(regionId, sourceKey) : undefined;
      if (!other) {
        notifier.warn(
          current || regionId
            ? vscode.l10n.t('Cannot reach region {0} with the current credentials. Connect to it in the ECS Snapshots view first.', regionId ?? '')
            : vscode.l10n.t('Connect to Alibaba Cloud first: choose a profile, enter an AccessKey or try the sandbox in the ECS Snapshots view.'),
        );
      }
      return other;
    } catch (error) {
      notifier.warn(vscode.l10n.t('Cannot connect to ECS: {0}', formatForUser(describeEcsProblem(asEcsError(error, 'DescribeDisks')))));
      return undefined;
    }
  }
}

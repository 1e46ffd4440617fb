// The server-level commands: Back Up Instance..., Set Quick Backup Instance..., Quick Backup of
// the remembered instance, and Roll Back Instance.... Thin: they find the connection and the
// instance, run the pure flows and say why nothing was sent; the tracker (GroupTrackerApi) runs
// the operations. Disks that cannot join a group go through the shared BackupService.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { BackupService } from '../../automation/backupApi';
import type { Connection, Connections } from '../../connection/connection';
import type { Disk, Instance } from '../../ecs/gateway';
import { describeEcsProblem, formatForUser } from '../../snapshot/catalog';
import { defaultSnapshotName } from '../../snapshot/naming';
import { asEcsError } from '../../commands/createSnapshot/failure';
import type { Notifier } from '../../commands/createSnapshot/submit';
import type { GitInfoSource } from '../../commands/gitInfo';
import { gitInfoFromVscode } from '../../commands/gitInfo';
import type { StateStore } from '../../commands/quickBackupDisk';
import { readRollbackSettings } from '../../commands/rollback/rollbackSettings';
import { modalConfirm } from '../../commands/rollback/vscodeConfirm';
import { readSnapshotSettings } from '../../commands/snapshotSettings';
import { vscodeNotifier } from '../../commands/vscodeNotifier';
import { diskLabel } from '../../view/diskText';
import { instanceLabel } from '../../view/instanceText';
import type { GroupTrackerApi } from '../groupApi';
import type { BackUpInstanceResult } from './backUpInstanceFlow';
import { runBackUpInstanceFlow } from './backUpInstanceFlow';
import type { GroupPrompter } from './groupPrompter';
import { instanceFromArgument } from './instanceArgument';
import { instanceChoicePages } from './instancePicker';
import { planInstanceQuickBackup, readQuickBackupInstance, rememberQuickBackupInstance, type QuickBackupInstance } from './quickBackupInstance';
import type { InstanceRollbackResult } from './rollBackInstanceFlow';
import { runRollBackInstanceFlow } from './rollBackInstanceFlow';
import { VscodeGroupPrompter } from './vscodeGroupPrompter';

export interface InstanceCommandDeps {
  connections: Connections;
  /** The tracker's server-level side; undefined while this version's tracker cannot run groups. */
  groups(): GroupTrackerApi | undefined;
  /** A snapshot of the disk is being created or requested (tracker, in flight). */
  isCreating(disk: { regionId: string; diskId: string }): boolean;
  /** A single-disk rollback of it is running. */
  isRollingBackDisk(disk: { regionId: string; diskId: string }): boolean;
  backups: BackupService;
  state: StateStore;
  log: Pick<vscode.LogOutputChannel, 'info' | 'warn'>;
  /** The tree shows a new group under its instance. */
  refreshInstance?(regionId: string, instanceId: string): void;
}

export interface InstanceCommandSeams {
  prompter?: GroupPrompter;
  confirm?: (message: string, detail: string, action: string) => Promise<boolean>;
  notifier?: Notifier;
  gitInfo?: GitInfoSource;
  now?: () => Date;
  newId?: () => string;
  announce?: (message: string) => void;
}

export type QuickBackupInstanceResult = { kind: 'started'; operationId: string } | { kind: 'notSent'; reason: string };

export class InstanceCommands {
  private readonly prompter: GroupPrompter;
  private readonly notifier: Notifier;
  private readonly now: () => Date;
  private readonly newId: () => string;

  constructor(
    private readonly deps: InstanceCommandDeps,
    private readonly seams: InstanceCommandSeams = {},
  ) {
    this.prompter = seams.prompter ?? new VscodeGroupPrompter();
    this.notifier = seams.notifier ?? vscodeNotifier;
    this.now = seams.now ?? (() => new Date());
    this.newId = seams.newId ?? randomUUID;
  }

  /** "Back Up Instance...": from an instance node, or the palette (asks the instance first). */
  async backUpInstance(arg?: unknown): Promise<BackUpInstanceResult> {
    const groups = this.groupsOrTell();
    if (!groups) return { kind: 'notSent', reason: 'noTracker' };
    const target = await this.instanceTarget(arg, vscode.l10n.t('Back Up Instance'), vscode.l10n.t('Instance to back up: all its disks at the same instant'));
    if ('kind' in target) return target;
    const { connection, instance, disks } = target;
    const result = await runBackUpInstanceFlow(
      {
        prompter: this.prompter,
        regionId: connection.regionId,
        sourceKey: connection.sourceKey,
        groups,
        isCreating: (diskId) => this.deps.isCreating({ regionId: connection.regionId, diskId }),
        snapshotAlone: (disk) => this.snapshotAlone(connection, disk),
        defaultTags: Object.entries(readSnapshotSettings().defaultTags ?? {}).map(([key, value]) => ({ key, value: String(value) })),
        now: this.now,
        newId: this.newId,
      },
      instance,
      disks,
    );
    if (result.kind === 'notSent') this.notifier.warn(result.reason);
    if (result.kind === 'started') {
      const { request, alone } = result;
      if (request) {
        this.deps.log.info(`Group backup ${request.operationId} of ${request.instanceId} in ${request.regionId}: ${request.disks.length} disks (ClientToken ${request.clientToken}).`);
        this.deps.refreshInstance?.(connection.regionId, instance.instanceId);
      }
      for (const { disk, outcome } of alone) {
        if (outcome.ok) this.deps.log.info(`Snapshot ${outcome.snapshotId} of ${disk.diskId} (cannot join the group of ${instance.instanceId}).`);
        else this.notifier.warn(vscode.l10n.t('Could not snapshot {0} on its own: {1}', diskLabel(disk), outcome.message));
      }
      this.announce(
        request
          ? vscode.l10n.t('Backup of {0} started: {1} disks at the same instant', instanceLabel(instance), request.disks.length)
          : vscode.l10n.t('Snapshots of {0} started', instanceLabel(instance)),
      );
    }
    return result;
  }

  /** "Set Quick Backup Instance...": Quick Backup then takes a group of this instance's disks. */
  async setQuickBackupInstance(arg?: unknown): Promise<QuickBackupInstance | undefined> {
    const target = await this.instanceTarget(arg, vscode.l10n.t('Set Quick Backup Instance'), vscode.l10n.t('Instance that Quick Backup backs up in this workspace (all its disks at once)'), false);
    if ('kind' in target) return undefined;
    const remembered = await rememberQuickBackupInstance(this.deps.state, target.instance, target.connection.regionId, target.connection.sourceKey);
    this.notifier.info(vscode.l10n.t('Quick Backup will take a snapshot group of {0} ({1}) in {2}.', remembered.instanceName, remembered.instanceId, remembered.regionId));
    return remembered;
  }

  /** True when Quick Backup is to back up an instance (Set Quick Backup Instance... was the last choice). */
  hasQuickBackupInstance(): boolean {
    return readQuickBackupInstance(this.deps.state) !== undefined;
  }

  /** Quick Backup of the remembered instance: one group, no questions. */
  async quickBackupInstance(): Promise<QuickBackupInstanceResult> {
    const stored = readQuickBackupInstance(this.deps.state);
    if (!stored) return this.notSent(vscode.l10n.t('No Quick Backup instance is set. Choose one with "Set Quick Backup Instance...".'));
    const groups = this.groupsOrTell();
    if (!groups) return { kind: 'notSent', reason: 'noTracker' };
    const connection = await this.connectionFor(stored.regionId, stored.sourceKey);
    if (!connection) return { kind: 'notSent', reason: 'notConnected' };
    const loaded = await this.loadInstance(connection, stored.instanceId);
    if ('kind' in loaded) return loaded;
    if (!loaded.instance) {
      return this.notSent(vscode.l10n.t('The Quick Backup instance {0} ({1}) no longer exists in {2}. Choose another with "Set Quick Backup Instance...".', stored.instanceName, stored.instanceId, stored.regionId));
    }
    if (groups.isBackingUpInstance({ regionId: connection.regionId, instanceId: stored.instanceId })) {
      return this.notSent(vscode.l10n.t('A group backup of {0} is already being created; wait until the status bar says it is ready.', stored.instanceName));
    }
    const plan = planInstanceQuickBackup({
      instance: loaded.instance,
      disks: loaded.disks,
      isCreating: (diskId) => this.deps.isCreating({ regionId: connection.regionId, diskId }),
      regionId: connection.regionId,
      sourceKey: connection.sourceKey,
      nameTemplate: readSnapshotSettings().quickBackupNameTemplate,
      git: await (this.seams.gitInfo ?? gitInfoFromVscode)(),
      now: this.now(),
      operationId: this.newId(),
      clientToken: this.newId(),
    });
    if (!plan.ok) return this.notSent(plan.message);
    groups.startGroupBackup(plan.request);
    this.deps.log.info(`Quick Backup group ${plan.request.operationId} of ${stored.instanceId}: ${plan.request.disks.length} disks (ClientToken ${plan.request.clientToken}).`);
    this.deps.refreshInstance?.(connection.regionId, stored.instanceId);
    const left = plan.leftOut.length ? ' ' + vscode.l10n.t('Left out: {0}.', plan.leftOut.map((e) => `${e.disk.diskName ?? e.disk.diskId} (${e.message})`).join('; ')) : '';
    this.announce(vscode.l10n.t('Quick Backup of {0} started: {1}', stored.instanceName, plan.request.name ?? plan.request.instanceName) + left);
    if (left) this.notifier.info(vscode.l10n.t('Quick Backup of {0} started.', stored.instanceName) + left);
    return { kind: 'started', operationId: plan.request.operationId };
  }

  /** "Roll Back Instance...": from a group node (starts at the options), an instance node (asks the group) or the palette. */
  async rollbackInstance(arg?: unknown): Promise<InstanceRollbackResult> {
    const groups = this.groupsOrTell();
    if (!groups) return { kind: 'notSent', reason: 'noTracker' };
    const given = instanceFromArgument(arg);
    const connection = await this.connectionFor(given.regionId);
    if (!connection) return { kind: 'notSent', reason: 'notConnected' };
    const result = await runRollBackInstanceFlow(
      {
        prompter: this.prompter,
        confirm: this.seams.confirm ?? modalConfirm,
        gateway: connection.gateway,
        regionId: connection.regionId,
        sourceKey: connection.sourceKey,
        groups,
        isRollingBackDisk: (diskId) => this.deps.isRollingBackDisk({ regionId: connection.regionId, diskId }),
        isCreating: (diskId) => this.deps.isCreating({ regionId: connection.regionId, diskId }),
        safetyDefault: readRollbackSettings().safetySnapshot,
        now: this.now,
        newId: this.newId,
      },
      { groupId: given.groupId, instanceId: given.instanceId },
    );
    if (result.kind === 'refused' || result.kind === 'notSent') this.notifier.warn(result.reason);
    if (result.kind === 'started') {
      const r = result.request;
      this.deps.log.info(`Instance rollback ${r.operationId}: ${r.instanceId} to group ${r.groupId} in ${r.regionId} (${r.members.length} disks, safety group ${r.safetyGroup ? 'on' : 'off'}, start after ${r.startAfter}).`);
    }
    return result;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async snapshotAlone(connection: Connection, disk: Disk): Promise<{ ok: true; snapshotId: string } | { ok: false; message: string }> {
    const result = await this.deps.backups.backup(
      { region: connection.regionId, disk: disk.diskId, name: defaultSnapshotName(diskLabel(disk), this.now()), retentionDays: null },
      { origin: 'command' },
    );
    return result.ok ? { ok: true, snapshotId: result.snapshotId } : { ok: false, message: result.message };
  }

  /** The instance (given or picked) read fresh with its disks: state, locks and disks as ECS has them now. */
  private async instanceTarget(
    arg: unknown,
    title: string,
    placeholder: string,
    withDisks = true,
  ): Promise<{ connection: Connection; instance: Instance; disks: Disk[] } | { kind: 'cancelled' } | { kind: 'notSent'; reason: string }> {
    const given = instanceFromArgument(arg);
    const connection = await this.connectionFor(given.regionId);
    if (!connection) return { kind: 'notSent', reason: 'notConnected' };
    let instanceId = given.instanceId;
    if (!instanceId) {
      const picked = await this.prompter.pick<Instance>({ title, step: 1, totalSteps: 1, placeholder, choices: [], more: instanceChoicePages(connection.gateway, connection.regionId), matchOnDetails: true });
      if (typeof picked === 'symbol') return { kind: 'cancelled' };
      instanceId = picked.instanceId;
    }
    if (!withDisks && given.instance) return { connection, instance: given.instance, disks: [] };
    const loaded = await this.loadInstance(connection, instanceId);
    if ('kind' in loaded) return loaded;
    if (!loaded.instance) return this.notSent(vscode.l10n.t('ECS did not find instance {0} in {1}; refresh the Disks view.', instanceId, connection.regionId));
    return { connection, instance: loaded.instance, disks: loaded.disks };
  }

  private async loadInstance(connection: Connection, instanceId: string): Promise<{ instance?: Instance; disks: Disk[] } | { kind: 'notSent'; reason: string }> {
    const { gateway, regionId } = connection;
    let action = 'DescribeInstances';
    try {
      const instance = (await gateway.describeInstances(regionId, [instanceId])).find((i) => i.instanceId === instanceId);
      const disks: Disk[] = [];
      if (instance) {
        action = 'DescribeDisks';
        let nextToken: string | undefined;
        do {
          const page = await gateway.listDisks({ regionId, instanceId, nextToken });
          disks.push(...page.items.filter((d) => d.instanceId === instanceId));
          nextToken = page.nextToken;
        } while (nextToken);
      }
      return { instance, disks };
    } catch (error) {
      return this.notSent(vscode.l10n.t('Could not load instance {0}: {1}', instanceId, formatForUser(describeEcsProblem(asEcsError(error, action)))));
    }
  }

  private groupsOrTell(): GroupTrackerApi | undefined {
    const groups = this.deps.groups();
    if (!groups) this.notifier.warn(vscode.l10n.t('Backing up or rolling back a whole instance is not available: the status bar tracker of this version cannot follow a snapshot group.'));
    return groups;
  }

  private async connectionFor(regionId?: string, sourceKey?: string): Promise<Connection | undefined> {
    try {
      const current = await this.deps.connections.current();
      if (current && (!regionId || regionId === current.regionId) && (!sourceKey || sourceKey === current.sourceKey)) return current;
      const other = regionId ? await this.deps.connections.forRegion(regionId, sourceKey) : undefined;
      if (!other) {
        this.notifier.warn(
          current || regionId
            ? vscode.l10n.t('Cannot reach region {0} with the current credentials. Connect to it in the ECS Snapshots view first.', regionId ?? '')
            : vscode.l10n.t('Connect to Alibaba Cloud first: choose a profile, enter an AccessKey or try the sandbox in the ECS Snapshots view.'),
        );
      }
      return other;
    } catch (error) {
      this.notifier.warn(vscode.l10n.t('Cannot connect to ECS: {0}', formatForUser(describeEcsProblem(asEcsError(error, 'DescribeInstances')))));
      return undefined;
    }
  }

  private notSent(reason: string): { kind: 'notSent'; reason: string } {
    this.notifier.warn(reason);
    return { kind: 'notSent', reason };
  }

  private announce(message: string): void {
    if (this.seams.announce) this.seams.announce(message);
    else vscode.window.setStatusBarMessage(`$(history) ${message}`, 5000);
  }
}

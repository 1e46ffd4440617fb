// The three snapshot commands: Create Snapshot... (guided), Quick Backup (no questions once the
// workspace has its disk) and Set Quick Backup Disk.... Thin: the flow, the guards and the names
// live in pure modules; this class finds the connection and the disk and hands them over.
// Called with an argument object (a keybinding's args, a script), the two creating commands check
// it with the same rules and take the backup through the BackupService they share with tasks,
// agent tools and the extension API (one in-flight set, one tracker).
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { BackupArguments, BackupResult, BackupService } from '../automation/backupApi';
import { backupName, parseBackupArguments, tagsOf } from '../automation/backupArguments';
import { createBackupService } from '../automation/backupService';
import type { BackupTracker } from '../automation/backupTracker';
import { resolveDisk } from '../automation/resolveDisk';
import type { Connection, Connections } from '../connection/connection';
import type { Disk } from '../ecs/gateway';
import { describeEcsProblem, formatForUser } from '../snapshot/catalog';
import type { SnapshotTrackerApi } from '../tracker/trackerApi';
import type { DiskTreeApi } from '../view/diskTreeApi';
import { runCreateFlow } from './createSnapshot/createFlow';
import type { CreateFlowResult } from './createSnapshot/createFlow';
import { diskChoicePages } from './createSnapshot/diskChoices';
import { asEcsError } from './createSnapshot/failure';
import { initialState } from './createSnapshot/flowState';
import type { DiskChoice } from './createSnapshot/flowState';
import { InFlightRequests } from './createSnapshot/inFlight';
import type { Prompter } from './createSnapshot/prompter';
import { runSteps } from './createSnapshot/stepMachine';
import { diskStep } from './createSnapshot/steps/diskStep';
import type { DiskFacts, Notifier, SubmitOutcome, SubmitPorts } from './createSnapshot/submit';
import { submitIntent } from './createSnapshot/submit';
import { VscodePrompter } from './createSnapshot/vscodePrompter';
import { argumentObjectOf, diskFromArgument } from './diskArgument';
import { snapshotNamesOfDisk } from './diskSnapshotNames';
import type { GitInfoSource } from './gitInfo';
import { gitInfoFromVscode } from './gitInfo';
import { planQuickBackup } from './quickBackupIntent';
import { uniqueSnapshotName } from './quickBackupName';
import { forgetQuickBackupInstance } from '../groups/commands/quickBackupInstance';
import { readQuickBackupDisk, rememberQuickBackupDisk } from './quickBackupDisk';
import type { QuickBackupDisk, StateStore } from './quickBackupDisk';
import { readSnapshotSettings } from './snapshotSettings';
import { vscodeNotifier } from './vscodeNotifier';

export interface SnapshotCommandDeps {
  connections: Connections;
  /** The status-bar tracker; its operations and change signal let a backup wait until usable. */
  tracker: SnapshotTrackerApi & Pick<BackupTracker, 'operations' | 'onDidChange'>;
  tree: DiskTreeApi;
  log: vscode.LogOutputChannel;
}

/** Replaceable parts, for tests (the defaults are VS Code's own). */
export interface SnapshotCommandSeams {
  prompter?: Prompter;
  notifier?: Notifier;
  gitInfo?: GitInfoSource;
  now?: () => Date;
  newClientToken?: () => string;
  openUrl?: (url: string) => void;
  copyText?: (text: string) => Thenable<void> | void;
  /** A short "started" note for Quick Backup (status bar message by default). */
  announce?: (message: string) => void;
}

export type QuickBackupResult =
  | SubmitOutcome
  | { kind: 'cancelled' }
  /** The remembered instance's snapshot group was handed to the tracker (Quick Backup of an instance). */
  | { kind: 'groupStarted'; operationId: string }
  /** Nothing sent; the user was told why (no connection, disk gone, bad setting). */
  | { kind: 'notSent'; reason: string };

interface Target {
  connection: Connection;
  facts: DiskFacts;
}

export class SnapshotCommands {
  /** Shared by both commands: one request per disk at a time. */
  readonly inFlight = new InFlightRequests();
  /** Backups for commands with arguments, tasks, agent tools and the extension API. */
  readonly backups: BackupService;
  private readonly prompter: Prompter;
  private readonly notifier: Notifier;
  private readonly gitInfo: GitInfoSource;
  private readonly now: () => Date;
  private readonly newClientToken: () => string;
  /** Quick Backup of an instance (issue 16): used when the workspace remembers an instance instead of a disk. */
  instanceQuickBackup?: { hasQuickBackupInstance(): boolean; quickBackupInstance(): Promise<{ kind: 'started'; operationId: string } | { kind: 'notSent'; reason: string }> };

  constructor(
    private readonly deps: SnapshotCommandDeps,
    private readonly state: StateStore,
    private readonly seams: SnapshotCommandSeams = {},
  ) {
    this.prompter = seams.prompter ?? new VscodePrompter();
    this.notifier = seams.notifier ?? vscodeNotifier;
    this.gitInfo = seams.gitInfo ?? gitInfoFromVscode;
    this.now = seams.now ?? (() => new Date());
    this.newClientToken = seams.newClientToken ?? randomUUID;
    this.backups = createBackupService({
      connections: deps.connections,
      tracker: deps.tracker,
      tree: deps.tree,
      inFlight: this.inFlight,
      log: deps.log,
      settings: readSnapshotSettings,
      gitInfo: this.gitInfo,
      quickBackupDisk: () => readQuickBackupDisk(this.state),
      now: this.now,
      newClientToken: this.newClientToken,
    });
  }

  /** "Create Snapshot...": from a disk node it starts at the name; from the palette it asks for the disk first. */
  async createSnapshot(arg?: unknown): Promise<CreateFlowResult | undefined> {
    const argumentObject = argumentObjectOf(arg);
    if (argumentObject) return this.createWithArguments(argumentObject);
    const given = diskFromArgument(arg);
    const connection = await this.connectionFor(given?.regionId);
    if (!connection) return undefined;
    const settings = readSnapshotSettings();
    return runCreateFlow(
      {
        prompter: this.prompter,
        ports: this.ports(connection),
        regionId: connection.regionId,
        sourceKey: connection.sourceKey,
        defaults: { retentionDays: settings.defaultRetentionDays, tags: settings.defaultTags },
        diskChoices: () => this.diskChoices(connection),
        now: this.now,
        newClientToken: this.newClientToken,
      },
      given && { disk: given.disk, instanceLocks: given.instanceLocks, seenCreating: given.seenCreating },
    );
  }

  /**
   * "Create Snapshot..." with arguments: refused with the rule's message when they break one;
   * with skipPrompts and a disk, taken at once; otherwise the flow starts prefilled with them.
   */
  private async createWithArguments(raw: Record<string, unknown>): Promise<CreateFlowResult | undefined> {
    const checked = parseBackupArguments(raw);
    if (!checked.ok) {
      this.notifier.warn(checked.message);
      return undefined;
    }
    const args = checked.value;
    if (args.skipPrompts && args.disk) return this.toldOutcome(await this.backups.backup(args, { origin: 'command' }));
    const connection = await this.connectionFor(args.region);
    if (!connection) return undefined;
    const given = args.disk === undefined ? undefined : await this.givenDisk(connection, args.disk);
    if (given === null) return undefined;
    const settings = readSnapshotSettings();
    const tags = tagsOf(args);
    return runCreateFlow(
      {
        prompter: this.prompter,
        ports: this.ports(connection),
        regionId: connection.regionId,
        sourceKey: connection.sourceKey,
        defaults: {
          retentionDays: args.retentionDays !== undefined ? args.retentionDays : settings.defaultRetentionDays,
          tags: tags ? Object.fromEntries(tags.map((t) => [t.key, t.value])) : settings.defaultTags,
          name: args.name && (await this.expandedName(args, given?.disk)),
          description: args.description,
        },
        diskChoices: () => this.diskChoices(connection),
        now: this.now,
        newClientToken: this.newClientToken,
      },
      given,
    );
  }

  /** The disk the arguments name, with its instance's locks; null (and a warning) when it cannot be found. */
  private async givenDisk(connection: Connection, disk: string): Promise<DiskChoice | null> {
    try {
      const found = await resolveDisk(connection.gateway, connection.regionId, disk);
      if (!found.ok) {
        this.notifier.warn(found.message);
        return null;
      }
      const instanceId = found.disk.instanceId;
      const locks = instanceId ? ((await connection.gateway.describeInstances(connection.regionId, [instanceId]))[0]?.lockReasons ?? []) : [];
      return { disk: found.disk, instanceLocks: locks };
    } catch (error) {
      this.notifier.warn(vscode.l10n.t('Cannot connect to ECS: {0}', formatForUser(describeEcsProblem(asEcsError(error, 'DescribeDisks')))));
      return null;
    }
  }

  /** A name template from the arguments, expanded for the prefilled name box. */
  private async expandedName(args: BackupArguments, disk: Disk | undefined): Promise<string | undefined> {
    if (!args.name) return undefined;
    const git = /\{(branch|commit)\}/.test(args.name) ? await this.gitInfo() : {};
    return backupName(args.name, { disk: disk ? disk.diskName.trim() || disk.diskId : 'disk', now: this.now(), ...git });
  }

  /** A backup result told the user as a command does (the service itself stays quiet). */
  private toldOutcome(result: BackupResult): SubmitOutcome {
    if (result.ok) return { kind: 'created', snapshotId: result.snapshotId };
    this.notifier.warn(result.message);
    return { kind: 'blocked', reason: result.message };
  }

  /** "Quick Backup": the node's disk, else the workspace's Quick Backup disk (asked once). */
  async quickBackup(arg?: unknown): Promise<QuickBackupResult> {
    const argumentObject = argumentObjectOf(arg);
    if (argumentObject) return this.quickWithArguments(argumentObject);
    if (arg === undefined && this.instanceQuickBackup?.hasQuickBackupInstance()) {
      const result = await this.instanceQuickBackup.quickBackupInstance();
      return result.kind === 'started' ? { kind: 'groupStarted', operationId: result.operationId } : result;
    }
    const target = await this.quickBackupTarget(arg);
    if ('kind' in target) return target;
    const { connection, facts } = target;
    const settings = readSnapshotSettings();
    const plan = planQuickBackup({
      disk: facts.disk,
      regionId: connection.regionId,
      sourceKey: connection.sourceKey,
      clientToken: this.newClientToken(),
      nameTemplate: settings.quickBackupNameTemplate,
      retentionDays: settings.quickBackupRetentionDays,
      git: await this.gitInfo(),
      now: this.now(),
    });
    if (!plan.ok) return this.notSent(plan.message);
    const request = plan.intent.request;
    request.snapshotName = await this.nameOfItsOwn(connection, request.diskId, request.snapshotName);
    const outcome = await submitIntent(this.ports(connection), plan.intent, facts);
    if (outcome.kind === 'created') {
      this.announce(vscode.l10n.t('Quick Backup of {0} started: {1}', plan.intent.diskName, plan.intent.request.snapshotName ?? outcome.snapshotId));
    }
    return outcome;
  }

  /**
   * "Quick Backup" with arguments: the given disk (else the workspace's Quick Backup disk, asked
   * once unless skipPrompts), name template, retention and tags, through the backup service.
   */
  private async quickWithArguments(raw: Record<string, unknown>): Promise<QuickBackupResult> {
    const checked = parseBackupArguments(raw);
    if (!checked.ok) return this.notSent(checked.message);
    let args = checked.value;
    if (!args.disk && !readQuickBackupDisk(this.state)) {
      if (args.skipPrompts) return this.notSent(vscode.l10n.t("Say which disk to back up: '{0}' takes a disk id (d-…) or a disk name.", 'disk'));
      const picked = await this.pickTarget(
        vscode.l10n.t('Quick Backup'),
        vscode.l10n.t('Disk to back up before changes (remembered for this workspace; change it with "Set Quick Backup Disk...")'),
      );
      if (!picked) return { kind: 'cancelled' };
      await rememberQuickBackupDisk(this.state, picked.facts.disk, picked.connection.regionId, picked.connection.sourceKey);
      args = { ...args, disk: picked.facts.disk.diskId, region: picked.connection.regionId };
    }
    const result = await this.backups.backup(args, { origin: 'command', quick: true });
    if (!result.ok) return this.notSent(result.message);
    this.announce(vscode.l10n.t('Quick Backup of {0} started: {1}', result.diskName, result.snapshotName ?? result.snapshotId));
    return { kind: 'created', snapshotId: result.snapshotId };
  }

  /** The planned name, numbered when the disk already has a snapshot of that name. */
  private async nameOfItsOwn(connection: Connection, diskId: string, name: string | undefined): Promise<string | undefined> {
    if (name === undefined) return undefined;
    try {
      return uniqueSnapshotName(name, await snapshotNamesOfDisk(connection.gateway, connection.regionId, diskId));
    } catch (error) {
      // A duplicate name is confusing, not harmful: the backup matters more than the check.
      this.deps.log.warn(`Could not list the snapshots of ${diskId} to keep the Quick Backup name unique: ${asEcsError(error, 'DescribeSnapshots').message}`);
      return name;
    }
  }

  /** "Set Quick Backup Disk...": the node's disk, else picked from the region's disks. */
  async setQuickBackupDisk(arg?: unknown): Promise<QuickBackupDisk | undefined> {
    const given = diskFromArgument(arg);
    let chosen: Target | undefined;
    if (given) {
      const connection = await this.connectionFor(given.regionId);
      chosen = connection && { connection, facts: given };
    } else {
      chosen = await this.pickTarget(vscode.l10n.t('Set Quick Backup Disk'), vscode.l10n.t('Disk that Quick Backup snapshots in this workspace'));
    }
    if (!chosen) return undefined;
    const remembered = await rememberQuickBackupDisk(this.state, chosen.facts.disk, chosen.connection.regionId, chosen.connection.sourceKey);
    await forgetQuickBackupInstance(this.state); // the disk, not an instance, from now on
    this.notifier.info(vscode.l10n.t('Quick Backup will snapshot {0} ({1}) in {2}.', remembered.diskName, remembered.diskId, remembered.regionId));
    return remembered;
  }

  private async quickBackupTarget(arg: unknown): Promise<Target | QuickBackupResult> {
    const given = diskFromArgument(arg);
    if (given) {
      const connection = await this.connectionFor(given.regionId);
      return connection ? { connection, facts: given } : { kind: 'notSent', reason: 'notConnected' };
    }
    const stored = readQuickBackupDisk(this.state);
    if (!stored) {
      // First Quick Backup in this workspace: ask once, remember.
      const picked = await this.pickTarget(
        vscode.l10n.t('Quick Backup'),
        vscode.l10n.t('Disk to back up before changes (remembered for this workspace; change it with "Set Quick Backup Disk...")'),
      );
      if (!picked) return { kind: 'cancelled' };
      await rememberQuickBackupDisk(this.state, picked.facts.disk, picked.connection.regionId, picked.connection.sourceKey);
      return picked;
    }
    const connection = await this.connectionFor(stored.regionId, stored.sourceKey);
    if (!connection) return { kind: 'notSent', reason: 'notConnected' };
    let disk: Disk | undefined;
    try {
      disk = (await connection.gateway.listDisks({ regionId: stored.regionId, diskIds: [stored.diskId] })).items.find((d) => d.diskId === stored.diskId);
    } catch (error) {
      const problem = describeEcsProblem(asEcsError(error, 'DescribeDisks'));
      return this.notSent(vscode.l10n.t('Could not load the Quick Backup disk {0}: {1}', stored.diskName, formatForUser(problem)));
    }
    if (!disk) {
      return this.notSent(
        vscode.l10n.t('The Quick Backup disk {0} ({1}) no longer exists in {2}. Choose another with "Set Quick Backup Disk...".', stored.diskName, stored.diskId, stored.regionId),
      );
    }
    return { connection, facts: { disk, instanceLocks: [], seenCreating: false } };
  }

  private async pickTarget(title: string, placeholder: string): Promise<Target | undefined> {
    const connection = await this.connectionFor();
    if (!connection) return undefined;
    const state = initialState(undefined, {});
    const outcome = await runSteps(title, [diskStep(() => this.diskChoices(connection), placeholder)], state, this.prompter);
    const target: DiskChoice | undefined = outcome === 'completed' ? state.target : undefined;
    return target && { connection, facts: { disk: target.disk, instanceLocks: target.instanceLocks, seenCreating: false } };
  }

  private diskChoices(connection: Connection) {
    return diskChoicePages({
      gateway: connection.gateway,
      regionId: connection.regionId,
      isCreating: (diskId) =>
        this.inFlight.has(connection.regionId, diskId) || this.deps.tracker.isCreating({ regionId: connection.regionId, diskId }),
    });
  }

  /** The current connection, or the one for another region / credential source when asked. */
  private async connectionFor(regionId?: string, sourceKey?: string): Promise<Connection | undefined> {
    try {
      return await this.findConnection(regionId, sourceKey);
    } catch (error) {
      // A connection that cannot be made (a malformed region or endpoint setting): say why, send nothing.
      this.notifier.warn(vscode.l10n.t('Cannot connect to ECS: {0}', formatForUser(describeEcsProblem(asEcsError(error, 'DescribeDisks')))));
      return undefined;
    }
  }

  private async findConnection(regionId?: string, sourceKey?: string): Promise<Connection | undefined> {
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
  }

  private ports(connection: Connection): SubmitPorts {
    const { log } = this.deps;
    return {
      gateway: connection.gateway,
      tracker: this.deps.tracker,
      tree: this.deps.tree,
      notifier: this.notifier,
      inFlight: this.inFlight,
      log: { info: (m) => log.info(m), error: (m) => log.error(m) },
      showLog: () => log.show(),
      openUrl: this.seams.openUrl ?? ((url) => void vscode.env.openExternal(vscode.Uri.parse(url))),
      copyText: this.seams.copyText ?? ((text) => vscode.env.clipboard.writeText(text)),
    };
  }

  private notSent(reason: string): QuickBackupResult {
    this.notifier.warn(reason);
    return { kind: 'notSent', reason };
  }

  private announce(message: string): void {
    if (this.seams.announce) this.seams.announce(message);
    else vscode.window.setStatusBarMessage(`$(history) ${message}`, 5000);
  }
}

// The one way other parts of VS Code take a backup: tasks (ecs-snapshot), agent tools, commands
// with arguments and the extension API all go through a BackupService. It applies the same rules,
// ClientToken and tracker as the Create Snapshot flow, so a backup started from a task or by an
// agent is tracked in the status bar, survives a reload and is created at most once.
// Pure types with no imports at all: another extension can copy this file as it is to type
// `vscode.extensions.getExtension<EcsSnapshotsApi>(...)`. The service lives in backupService.ts,
// the object activate() returns in extensionApi.ts.

/** The argument object of ecsSnapshots.createSnapshot / quickBackup, tasks and tools (all optional). */
export interface BackupArguments {
  /** Region id; default: the configured region. */
  region?: string;
  /** Disk id (d-…) or disk name; a name must match exactly one disk of the region. */
  disk?: string;
  /** Snapshot name; Quick Backup placeholders ({disk}, {date}, {time}, {branch}, {commit}) are expanded. */
  name?: string;
  description?: string;
  /** 1..65536 days; null keeps the snapshot until deleted; absent: the setting's default. */
  retentionDays?: number | null;
  /** Tags as an object ({ "env": "prod" }) or a list ([{ key, value }]); JSON callers may also list "key=value" texts. */
  tags?: Record<string, string> | { key: string; value?: string }[];
  /** Commands only: when everything needed is given, take the backup without any prompt. */
  skipPrompts?: boolean;
}

/** Where a backup was asked for (shown in the log and the tracker's tooltip). */
export type BackupOrigin = 'command' | 'task' | 'agent' | 'api';

/** What to wait for: the request accepted (a snapshot id exists) or the snapshot usable. */
export type BackupWait = 'created' | 'ready';

export type BackupFailureKind =
  /** The arguments break a rule; nothing was sent. `message` is the rule's own message. */
  | 'invalidArguments'
  /** No connection (not configured, credentials missing, region unreachable); nothing sent. */
  | 'notConnected'
  /** No disk, or several disks, match `disk`; nothing sent. */
  | 'diskNotFound'
  | 'diskAmbiguous'
  /** Judged locally as impossible now (disk state, a snapshot in progress, a lock); nothing sent. */
  | 'blocked'
  /** ECS refused CreateSnapshot (the catalog's message), or the snapshot failed / vanished. */
  | 'refused'
  /** Waiting was cancelled; the snapshot (if any) stays tracked in the status bar. */
  | 'cancelled';

export type BackupResult =
  | {
      ok: true;
      snapshotId: string;
      snapshotName?: string;
      diskId: string;
      diskName: string;
      regionId: string;
      /** What was reached: 'created' (accepted, progressing) or 'ready' (instant access or accomplished). */
      reached: BackupWait;
    }
  | {
      ok: false;
      kind: BackupFailureKind;
      /** One sentence for the user / agent (localised; never a secret). */
      message: string;
      /** The snapshot id when one exists although the wait failed or was cancelled. */
      snapshotId?: string;
      /** ECS error code when ECS said no. */
      code?: string;
    };

/** The status of one snapshot, as the read-only tool and the API report it. */
export interface SnapshotStatusReport {
  snapshotId: string;
  regionId: string;
  /** progressing | accomplished | failed | notFound */
  status: string;
  /** 0..100 */
  progress: number;
  /** Instant access available: usable for rollback before accomplished. */
  usable: boolean;
  snapshotName?: string;
  diskId?: string;
  createdAt?: string;
  retentionDays?: number;
}

export interface BackupCallOptions {
  origin: BackupOrigin;
  /** Quick Backup: the name template, the Quick Backup tag and retention when not given. */
  quick?: boolean;
  /** Default 'created'. */
  wait?: BackupWait;
  /** One line per step, for a task's terminal ("Resolving disk web-data…", "Snapshot s-… 42%"). */
  onStep?: (line: string) => void;
  /** Ends the wait (not the snapshot: a created snapshot stays tracked). */
  cancellation?: { readonly isCancellationRequested: boolean; onCancellationRequested(listener: () => void): { dispose(): void } };
}

export interface BackupService {
  /** Checks an argument object against the rules without sending anything. */
  check(args: unknown): { ok: true; value: BackupArguments } | { ok: false; message: string };
  /**
   * Validates, resolves the disk, sends CreateSnapshot once (one ClientToken), hands it to the
   * tracker, and waits as asked. Never throws for a user-level failure: returns ok:false.
   */
  backup(args: BackupArguments, options: BackupCallOptions): Promise<BackupResult>;
  /** Waits until a tracked or existing snapshot is usable (or failed / cancelled). */
  waitUntilReady(regionId: string, snapshotId: string, options?: Pick<BackupCallOptions, 'onStep' | 'cancellation'>): Promise<BackupResult>;
  /** DescribeSnapshots only. */
  status(snapshotId: string, region?: string): Promise<SnapshotStatusReport>;
  /** The status-bar tracker's operations, newest first (present on the extension's own service). */
  trackedOperations?(): TrackedBackup[];
}

/** One snapshot creation the status-bar tracker follows (or followed, for about a day). */
export interface TrackedBackup {
  /** Absent while ECS has not confirmed the snapshot yet (state 'checking') or when it was refused. */
  snapshotId?: string;
  regionId: string;
  diskId: string;
  diskName: string;
  snapshotName?: string;
  /** checking | creating | ready | failed | refused | gone */
  state: string;
  /** 0..100 */
  progress: number;
  /** Instant access available or accomplished: usable for a rollback. */
  usable: boolean;
  /** ISO 8601. */
  startedAt: string;
  finishedAt?: string;
  /** Why it was refused or failed (the error catalog's sentence). */
  error?: string;
}

/**
 * What `activate()` of ECS Snapshots returns (extension id in package.json: publisher.name):
 *   const api = await vscode.extensions.getExtension<EcsSnapshotsApi>(id)?.activate();
 *   if (api?.apiVersion === 1) await api.backup({ disk: 'web-data' }, { wait: 'ready' });
 * A new major version gets a new apiVersion; fields are only ever added within one.
 */
export interface EcsSnapshotsApi {
  readonly apiVersion: 1;
  /** Takes a backup (the same rules, ClientToken and tracker as Create Snapshot). Never throws for a user-level failure. */
  backup(args: BackupArguments, options?: { wait?: BackupWait; quick?: boolean; cancellation?: BackupCallOptions['cancellation'] }): Promise<BackupResult>;
  /** Waits until the snapshot is usable (instant access or accomplished), failed, or the wait is cancelled. */
  waitUntilReady(regionId: string, snapshotId: string, options?: { cancellation?: BackupCallOptions['cancellation'] }): Promise<BackupResult>;
  /** What the status-bar tracker follows now, newest first. */
  trackedOperations(): Promise<TrackedBackup[]>;
}

// An `ecs-snapshot` task as tasks.json writes it (package.json contributes.taskDefinitions), read
// into the BackupService's arguments. Only the shape is checked here (a string where a string
// belongs, `wait` one of its two values); the snapshot rules are the BackupService's, so a task
// is refused with the same message as the Create Snapshot flow.
import * as l10n from '@vscode/l10n';
import type { BackupArguments, BackupWait } from '../automation/backupApi';

export interface SnapshotTaskDefinition {
  type: string;
  /** Disk id (d-…) or a name matching exactly one disk. */
  disk?: string;
  region?: string;
  /** Quick Backup placeholders ({disk}, {date}, {time}, {branch}, {commit}) work. */
  name?: string;
  description?: string;
  retentionDays?: number | null;
  tags?: Record<string, string>;
  wait?: BackupWait;
  /** Quick Backup defaults: the name template, retention and tag of the Quick Backup settings. */
  quick?: boolean;
}

export interface SnapshotTaskRequest {
  args: BackupArguments;
  wait: BackupWait;
  quick: boolean;
}

/** Where a task without `disk` may take it from (the workspace's Quick Backup disk, for `quick` tasks). */
export interface DefaultDisk {
  diskId: string;
  regionId: string;
}

export type ReadTask = { ok: true; request: SnapshotTaskRequest } | { ok: false; message: string };

export function readSnapshotTask(definition: Readonly<Record<string, unknown>>, quickBackupDisk?: DefaultDisk): ReadTask {
  const wrong = (property: string, expected: string): ReadTask => ({
    ok: false,
    message: l10n.t('The task\'s "{0}" must be {1}.', property, expected),
  });
  const { disk, region, name, description, retentionDays, tags, wait, quick } = definition;
  for (const [property, value] of Object.entries({ disk, region, name, description })) {
    if (value !== undefined && typeof value !== 'string') return wrong(property, l10n.t('a string'));
  }
  if (wait !== undefined && wait !== 'created' && wait !== 'ready') return wrong('wait', '"created" | "ready"');
  if (quick !== undefined && typeof quick !== 'boolean') return wrong('quick', 'true | false');
  if (retentionDays !== undefined && retentionDays !== null && typeof retentionDays !== 'number') return wrong('retentionDays', l10n.t('a number of days'));
  if (tags !== undefined && !isStringRecord(tags)) return wrong('tags', l10n.t('an object of strings, e.g. {0}', '{ "env": "prod" }'));

  const isQuick = quick === true;
  const args: BackupArguments = {};
  if (typeof disk === 'string' && disk.trim() !== '') {
    args.disk = disk.trim();
    if (typeof region === 'string' && region.trim() !== '') args.region = region.trim();
  } else if (isQuick && quickBackupDisk) {
    args.disk = quickBackupDisk.diskId;
    args.region = typeof region === 'string' && region.trim() !== '' ? region.trim() : quickBackupDisk.regionId;
  } else {
    return {
      ok: false,
      message: isQuick
        ? l10n.t('No Quick Backup disk is set for this workspace: set the task\'s "disk", or run Set Quick Backup Disk... first.')
        : l10n.t('The task does not say which disk to back up: set its "disk" to a disk ID or name.'),
    };
  }
  if (typeof name === 'string') args.name = name;
  if (typeof description === 'string') args.description = description;
  if (retentionDays !== undefined) args.retentionDays = retentionDays as number | null;
  if (tags !== undefined) args.tags = tags as Record<string, string>;
  return { ok: true, request: { args, wait: (wait as BackupWait | undefined) ?? 'created', quick: isQuick } };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}

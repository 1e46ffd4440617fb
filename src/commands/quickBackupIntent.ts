// What Quick Backup sends: a name from the template, the Quick Backup retention, a marker tag and
// a description saying where it came from. Pure, so every setting's effect is unit-tested.
import * as l10n from '@vscode/l10n';
import type { Disk } from '../ecs/gateway';
import { truncateCodePoints } from '../snapshot/characters';
import { checkDescription, checkRetentionDays, DESCRIPTION_MAX } from '../snapshot/rules';
import type { SnapshotIntent } from '../tracker/trackerApi';
import { diskLabel } from '../view/diskText';
import type { GitInfo } from './gitInfo';
import { quickBackupName, unknownPlaceholder } from './quickBackupName';

/** Marks Quick Backup snapshots (a tag CreateSnapshot accepts: no "aliyun"/"acs:" prefix). */
export const QUICK_BACKUP_TAG = { key: 'ecs-snapshots:quick-backup', value: 'true' } as const;

export interface QuickBackupInput {
  disk: Disk;
  regionId: string;
  sourceKey: string;
  clientToken: string;
  nameTemplate: string;
  /** null: keep until deleted. */
  retentionDays: number | null;
  git: GitInfo;
  now: Date;
}

export type QuickBackupPlan = { ok: true; intent: SnapshotIntent } | { ok: false; message: string };

export function planQuickBackup(input: QuickBackupInput): QuickBackupPlan {
  const days = input.retentionDays === null ? '' : String(input.retentionDays);
  const wrongDays = checkRetentionDays(days);
  if (wrongDays) {
    return { ok: false, message: l10n.t("The setting 'ecsSnapshots.quickBackup.retentionDays' {0}. Fix it, or clear it to keep Quick Backups until deleted.", wrongDays.message) };
  }
  const typo = unknownPlaceholder(input.nameTemplate);
  if (typo) {
    return {
      ok: false,
      message: l10n.t(
        "The setting 'ecsSnapshots.quickBackup.nameTemplate' has \"{0}\", which is not a placeholder. Use {1}, or plain text.",
        typo,
        '{disk}, {date}, {time}, {branch}, {commit}',
      ),
    };
  }
  const diskName = diskLabel(input.disk);
  const name = quickBackupName(input.nameTemplate, { disk: diskName, now: input.now, branch: input.git.branch, commit: input.git.commit });
  return {
    ok: true,
    intent: {
      request: {
        regionId: input.regionId,
        diskId: input.disk.diskId,
        clientToken: input.clientToken,
        snapshotName: name,
        description: describeOrigin(input.git),
        retentionDays: input.retentionDays ?? undefined,
        tags: [{ ...QUICK_BACKUP_TAG }],
      },
      diskName,
      sourceKey: input.sourceKey,
      origin: 'quickBackup',
    },
  };
}

/** "Quick Backup from VS Code (branch main, commit 1a2b3c4)"; left out if it would not be valid. */
export function describeOrigin(git: GitInfo): string | undefined {
  const where = [git.branch && l10n.t('branch {0}', git.branch), git.commit && l10n.t('commit {0}', git.commit.slice(0, 7))].filter(Boolean).join(', ');
  const text = truncateCodePoints(where ? l10n.t('Quick Backup from VS Code ({0})', where) : l10n.t('Quick Backup from VS Code'), DESCRIPTION_MAX);
  return checkDescription(text) ? undefined : text;
}

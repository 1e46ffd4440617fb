// The settings the create flow and Quick Backup read (see package.json "configuration").
import * as vscode from 'vscode';
import { DEFAULT_NAME_TEMPLATE } from './quickBackupName';

export interface SnapshotSettings {
  /** ecsSnapshots.snapshot.defaultRetentionDays; null: keep until deleted. */
  defaultRetentionDays: number | null;
  /** ecsSnapshots.snapshot.defaultTags. */
  defaultTags: Record<string, string>;
  /** ecsSnapshots.quickBackup.nameTemplate. */
  quickBackupNameTemplate: string;
  /** ecsSnapshots.quickBackup.retentionDays; null: keep until deleted. */
  quickBackupRetentionDays: number | null;
}

export function readSnapshotSettings(): SnapshotSettings {
  const config = vscode.workspace.getConfiguration('ecsSnapshots');
  const tags = config.get<unknown>('snapshot.defaultTags');
  return {
    defaultRetentionDays: numberOrNull(config.get('snapshot.defaultRetentionDays'), null),
    defaultTags:
      tags && typeof tags === 'object' && !Array.isArray(tags)
        ? Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]))
        : {},
    quickBackupNameTemplate: textOr(config.get<unknown>('quickBackup.nameTemplate'), DEFAULT_NAME_TEMPLATE),
    quickBackupRetentionDays: numberOrNull(config.get('quickBackup.retentionDays'), 7),
  };
}

// A cleared or hand-edited setting arrives as "" or any JSON value: only non-blank text counts.
function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

// A number as set (range problems are reported where it is used); anything else: the fallback.
function numberOrNull(value: unknown, fallback: number | null): number | null {
  if (value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

// The settings the Roll Back commands read (see package.json "configuration").
import * as vscode from 'vscode';
import type { RollbackSettings } from './rollbackFlow';

export const DEFAULT_SAFETY_RETENTION_DAYS = 7;

export function readRollbackSettings(): RollbackSettings {
  const config = vscode.workspace.getConfiguration('ecsSnapshots.rollback');
  return {
    safetySnapshot: config.get<unknown>('safetySnapshot') !== false,
    safetySnapshotRetentionDays: retention(config.get<unknown>('safetySnapshotRetentionDays')),
  };
}

// null keeps the safety snapshot until deleted; a hand-edited value ECS would refuse falls back to the default.
function retention(value: unknown): number | null {
  if (value === null) return null;
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65536 ? value : DEFAULT_SAFETY_RETENTION_DAYS;
}

// The cheap check activation makes: has this workspace tracked operations (snapshots being created,
// roll-backs, group backups and instance rollbacks, finished ones not yet dismissed) that the tracker
// must resume or show after a reload?
// It reads workspaceState's tracker keys without loading the tracker.
import type * as vscode from 'vscode';

const TRACKER_KEY_PREFIX = 'ecsSnapshots.tracker';

export function hasTrackedWork(state: vscode.Memento): boolean {
  return state
    .keys()
    .filter((key) => key.startsWith(TRACKER_KEY_PREFIX))
    .some((key) => holdsAnything(state.get<unknown>(key)));
}

/** A persisted tracker state holds work when any of its lists (operations, pending, ...) is non-empty. */
function holdsAnything(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some((field) => Array.isArray(field) && field.length > 0);
}

// What the create flow, Quick Backup and the tree need from the status-bar tracker.
import type * as vscode from 'vscode';
import type { CreateSnapshotRequest } from '../ecs/gateway';
import type { EcsError } from '../ecs/errors';

export interface SnapshotIntent {
  /** The request as sent (its clientToken identifies the intent; a retry reuses it). */
  request: CreateSnapshotRequest;
  /** Display name of the disk (its name, or its id when unnamed). */
  diskName: string;
  /** Secret-free key of the credential source (Connection.sourceKey). */
  sourceKey: string;
  /** "create" (guided flow) or "quickBackup". */
  origin: 'create' | 'quickBackup';
}

export interface DiskRef {
  regionId: string;
  diskId: string;
}

export interface SnapshotTrackerApi {
  /**
   * Records a CreateSnapshot about to be sent, so a window closed before the answer leaves the
   * intent behind (shown as "may exist", retried with the same ClientToken) rather than nothing.
   */
  begin?(intent: SnapshotIntent): void;
  /** Starts tracking a snapshot that ECS accepted. */
  track(intent: SnapshotIntent, snapshotId: string): void;
  /** Records a creation that ECS refused (or that failed for good), so the item shows the error. */
  reportCreateFailure(intent: SnapshotIntent, error: EcsError): void;
  /** True while a tracked snapshot of this disk is still being created. */
  isCreating(disk: DiskRef): boolean;
  /**
   * The ids of the region's disks with a tracked snapshot still being created, as one set kept up
   * to date in place: a caller asking about every disk of a region (the tree, 100,000 rows) reads
   * it once instead of calling `isCreating` per disk. Optional: without it, callers ask `isCreating`.
   */
  creatingDisksIn?(regionId: string): ReadonlySet<string>;
  /** Fires for the disk whose tracked snapshot changed state (tree refreshes only that disk). */
  readonly onDidChangeDisk: vscode.Event<DiskRef>;
}

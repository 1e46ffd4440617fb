// The sandbox's data model: one account's regions, instances, disks and snapshots, held in memory.
// Actions read and change it synchronously, so concurrent requests never interleave a check with
// a write (Node runs one request handler at a time between awaits, and actions never await).

import { idSuffix, seeded, type Random } from './random';
import { progressAt, released, workSeconds, type Progress } from './snapshotsClock';
import type { DiskContent, DiskReset } from './diskContent';
import type { StoppedMode, Transition } from './instanceClock';

export interface Tag {
  key: string;
  value: string;
}

export interface RegionRecord {
  regionId: string;
  localName: string;
  status: 'available' | 'soldOut';
  /** Prefix of resource IDs in this region, e.g. "bp1" for cn-hangzhou. */
  idPrefix: string;
  zones: string[];
}

export interface InstanceRecord {
  instanceId: string;
  instanceName: string;
  regionId: string;
  zoneId: string;
  /** The stable state, or the transitional one while `transition` runs (see instanceClock.ts). */
  status: 'Running' | 'Stopped' | 'Starting' | 'Stopping';
  locks: Array<{ reason: string; message: string }>;
  creationTime: number;
  /** Default PostPaid; only pay-as-you-go instances can stop in economical mode. */
  chargeType?: 'PostPaid' | 'PrePaid';
  /** Set by the last stop; reported while Stopping or Stopped. */
  stoppedMode?: StoppedMode;
  transition?: Transition;
}

export interface DiskRecord {
  diskId: string;
  diskName: string;
  description: string;
  regionId: string;
  zoneId: string;
  sizeGiB: number;
  category: string;
  performanceLevel?: string;
  status: string;
  type: 'system' | 'data';
  instanceId?: string;
  device?: string;
  portable: boolean;
  encrypted: boolean;
  chargeType: 'PostPaid' | 'PrePaid';
  creationTime: number;
  attachedTime?: number;
  detachedTime?: number;
  expiredTime?: number;
  /** The disk's own OperationLocks, e.g. "financial" while in arrears. */
  locks: string[];
  /** Created but never written to: nothing to snapshot yet. */
  neverUsed: boolean;
  tags: Tag[];
  /** What a test wrote (absent: never written, version 0). Never shown in an ECS answer. */
  content?: DiskContent;
  /** The last ResetDisk; busy until it ends (see diskContent.ts). */
  reset?: DiskReset;
  /** Attached to several instances at once (NVMe sharing): refused by snapshot groups. */
  multiAttach?: boolean;
}

export interface SnapshotRecord {
  snapshotId: string;
  snapshotName: string;
  description: string;
  regionId: string;
  sourceDiskId: string;
  sourceDiskSizeGiB: number;
  sourceDiskType: 'system' | 'data';
  sourceDiskCategory: string;
  snapshotType: 'user' | 'auto';
  startedAt: number;
  workSeconds: number;
  failAt?: number;
  retentionDays?: number;
  tags: Tag[];
  resourceGroupId?: string;
  /** The disk's content when the snapshot was created (absent: version 0). */
  content?: DiskContent;
  /** The snapshot-consistent group it belongs to (see snapshotGroups.ts). */
  snapshotGroupId?: string;
  /** Instant access (ESSD group members): usable after these simulated seconds, before it completes. */
  instantAccessSeconds?: number;
  /** A custom image made from it: DeleteSnapshotGroup keeps it (SnapshotCreatedImage). */
  imageId?: string;
}

/** A snapshot-consistent group: member snapshots taken at one instant (CreateSnapshotGroup). */
export interface SnapshotGroupRecord {
  snapshotGroupId: string;
  name: string;
  description: string;
  regionId: string;
  creationTime: number;
  /** Set only when every member came from one instance. */
  instanceId?: string;
  resourceGroupId?: string;
  tags: Tag[];
  /** Members in the order they were taken (system disk first). */
  snapshotIds: string[];
}

/** How many disks and how much capacity one group may hold, by region. */
export interface GroupLimits {
  standard: { disks: number; tib: number };
  large: { disks: number; tib: number };
  /** Regions with the large limits (the published list; it changes, so it is configurable). */
  largeRegions: Set<string>;
  /** Regions without snapshot groups at all (InvalidRegion.NotSupport). */
  unsupportedRegions: Set<string>;
}

export interface ResourceGroupRecord {
  resourceGroupId: string;
  name: string;
}

/** The account's resource groups: the default one every resource starts in, and one more. */
export const RESOURCE_GROUPS: readonly ResourceGroupRecord[] = [
  { resourceGroupId: 'rg-acfmsandbox0default', name: 'default resource group' },
  { resourceGroupId: 'rg-acfmsandbox0webteam', name: 'web-team' },
];

export interface Account {
  snapshotServiceEnabled: boolean;
  enoughBalance: boolean;
  /** The console's "economical mode by default": a stop without StoppedMode releases compute. */
  economicalModeByDefault: boolean;
}

export interface WorldOptions {
  seed: number;
  clock: () => number;
  timeScale: number;
  /** Share (0..1) of new snapshots that fail. */
  failRate: number;
}

/** A snapshot as seen at a moment: its record plus computed progress. */
export interface SnapshotView extends SnapshotRecord {
  progress: Progress;
  /** Usable to roll back or create disks: accomplished, or early through instant access. */
  available: boolean;
}

function usable(s: SnapshotRecord, progress: Progress, now: number, timeScale: number): boolean {
  if (progress.status !== 'progressing') return progress.status === 'accomplished';
  return s.instantAccessSeconds !== undefined && ((now - s.startedAt) / 1000) * timeScale >= s.instantAccessSeconds;
}

export class World {
  readonly regions: RegionRecord[] = [];
  readonly instances = new Map<string, InstanceRecord>();
  readonly disks = new Map<string, DiskRecord>();
  readonly snapshots = new Map<string, SnapshotRecord>();
  readonly account: Account = { snapshotServiceEnabled: true, enoughBalance: true, economicalModeByDefault: true };
  /** Zones out of stock: an instance stopped in economical mode cannot start there. */
  readonly noStockZones = new Set<string>();
  readonly resourceGroups = new Map<string, ResourceGroupRecord>(RESOURCE_GROUPS.map((g) => [g.resourceGroupId, g]));
  readonly snapshotGroups = new Map<string, SnapshotGroupRecord>();
  readonly groupLimits: GroupLimits = {
    standard: { disks: 16, tib: 32 },
    large: { disks: 128, tib: 256 },
    largeRegions: new Set(['cn-huhehaote', 'cn-hongkong', 'ap-southeast-1', 'ap-northeast-1', 'us-east-1', 'us-west-1']),
    unsupportedRegions: new Set(),
  };
  /** ClientToken -> the request it answered (fingerprint) and the snapshot (or group) it made. */
  readonly clientTokens = new Map<string, { fingerprint: string; snapshotId: string }>();
  readonly random: Random;
  clock: () => number;
  timeScale: number;
  failRate: number;
  private readonly disksByRegion = new Map<string, DiskRecord[]>();
  private readonly snapshotsByDisk = new Map<string, SnapshotRecord[]>();

  constructor(options: WorldOptions) {
    this.random = seeded(options.seed);
    this.clock = options.clock;
    this.timeScale = options.timeScale;
    this.failRate = options.failRate;
  }

  now(): number {
    return this.clock();
  }

  region(regionId: string): RegionRecord | undefined {
    return this.regions.find((r) => r.regionId === regionId);
  }

  newId(kind: 'd' | 'i' | 's' | 'ssg', regionId: string): string {
    const prefix = this.region(regionId)?.idPrefix ?? 'xx0';
    for (;;) {
      const id = `${kind}-${prefix}${idSuffix(this.random)}`;
      if (!this.disks.has(id) && !this.instances.has(id) && !this.snapshots.has(id) && !this.snapshotGroups.has(id)) return id;
    }
  }

  addInstance(instance: InstanceRecord): InstanceRecord {
    this.instances.set(instance.instanceId, instance);
    return instance;
  }

  addDisk(disk: DiskRecord): DiskRecord {
    this.disks.set(disk.diskId, disk);
    let list = this.disksByRegion.get(disk.regionId);
    if (!list) this.disksByRegion.set(disk.regionId, (list = []));
    list.push(disk);
    return disk;
  }

  disksIn(regionId: string): readonly DiskRecord[] {
    return this.disksByRegion.get(regionId) ?? [];
  }

  addSnapshot(snapshot: SnapshotRecord): SnapshotRecord {
    this.snapshots.set(snapshot.snapshotId, snapshot);
    let list = this.snapshotsByDisk.get(snapshot.sourceDiskId);
    if (!list) this.snapshotsByDisk.set(snapshot.sourceDiskId, (list = []));
    list.push(snapshot);
    return snapshot;
  }

  /** Starts a new manual snapshot of `disk` now; a `failRate` share of them will fail midway. */
  startSnapshot(
    disk: DiskRecord,
    fields: Pick<SnapshotRecord, 'snapshotName' | 'description' | 'retentionDays' | 'tags' | 'resourceGroupId'> &
      Partial<Pick<SnapshotRecord, 'snapshotGroupId' | 'instantAccessSeconds'>>,
    startedAt = this.now(),
  ): SnapshotRecord {
    const fails = this.failRate > 0 && this.random() < this.failRate;
    return this.addSnapshot({
      ...fields,
      snapshotId: this.newId('s', disk.regionId),
      regionId: disk.regionId,
      sourceDiskId: disk.diskId,
      sourceDiskSizeGiB: disk.sizeGiB,
      sourceDiskType: disk.type,
      sourceDiskCategory: disk.category,
      snapshotType: 'user',
      startedAt,
      workSeconds: workSeconds(disk.sizeGiB),
      failAt: fails ? 0.2 + this.random() * 0.6 : undefined,
      // A snapshot is the disk as it was when the snapshot was created.
      content: disk.content && { ...disk.content },
    });
  }

  deleteSnapshot(snapshotId: string): void {
    const snapshot = this.snapshots.get(snapshotId);
    if (!snapshot) return;
    this.snapshots.delete(snapshotId);
    const list = this.snapshotsByDisk.get(snapshot.sourceDiskId);
    if (list) list.splice(list.indexOf(snapshot), 1);
  }

  /** The snapshot as of now, or undefined once released by its RetentionDays. */
  view(snapshot: SnapshotRecord): SnapshotView | undefined {
    const now = this.now();
    if (released(snapshot.startedAt, snapshot.retentionDays, now, this.timeScale)) return undefined;
    const progress = progressAt(snapshot, now, this.timeScale);
    return { ...snapshot, progress, available: usable(snapshot, progress, now, this.timeScale) };
  }

  /** Live snapshots of a disk, newest first. */
  snapshotsOf(diskId: string): SnapshotView[] {
    const list = this.snapshotsByDisk.get(diskId) ?? [];
    const views: SnapshotView[] = [];
    // Reversed first so that, the sort being stable, ties stay newest-first too.
    for (let i = list.length - 1; i >= 0; i--) {
      const v = this.view(list[i]);
      if (v) views.push(v);
    }
    return views.sort((a, b) => b.startedAt - a.startedAt);
  }

  /** Every live snapshot in a region, newest first. */
  snapshotsIn(regionId: string): SnapshotView[] {
    const views: SnapshotView[] = [];
    const all = [...this.snapshots.values()];
    for (let i = all.length - 1; i >= 0; i--) {
      if (all[i].regionId !== regionId) continue;
      const v = this.view(all[i]);
      if (v) views.push(v);
    }
    return views.sort((a, b) => b.startedAt - a.startedAt);
  }

  /** For tests and the sandbox's users: how many manual snapshots a disk keeps. */
  manualSnapshotCount(diskId: string): number {
    return this.snapshotsOf(diskId).filter((s) => s.snapshotType === 'user').length;
  }
}

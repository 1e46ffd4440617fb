// The product's view of ECS: a small typed interface in the user's words. Everything that talks
// to Alibaba Cloud implements this; views, commands and the tracker depend only on it.

export interface Region {
  regionId: string;
  localName: string;
  endpoint?: string;
  status?: string;
}

export interface Tag {
  key: string;
  value: string;
}

export type DiskStatus = 'In_use' | 'Available' | 'Attaching' | 'Detaching' | 'Creating' | 'ReIniting' | string;

export interface Disk {
  diskId: string;
  diskName: string;
  description: string;
  sizeGiB: number;
  category: string;
  performanceLevel?: string;
  status: DiskStatus;
  type: string; // system | data
  instanceId?: string;
  device?: string;
  zoneId: string;
  portable?: boolean;
  encrypted?: boolean;
  creationTime: string;
  tags: Tag[];
  /** LockReason values of the disk's own OperationLocks. */
  lockReasons: string[];
  /** Attached to several instances at once (MultiAttach=Enabled): no snapshot group takes it. */
  multiAttach?: boolean;
  /** Available and never attached (no attach or detach time): ECS snapshots it neither alone nor in a group. */
  neverAttached?: boolean;
}

export type SnapshotStatus = 'progressing' | 'accomplished' | 'failed' | string;

export interface Snapshot {
  snapshotId: string;
  snapshotName: string;
  description: string;
  status: SnapshotStatus;
  /** 0..100, parsed from the API's "42%". */
  progress: number;
  /** Seconds left, when the API tells. */
  remainTime?: number;
  /** Instant-access readiness. */
  available?: boolean;
  sourceDiskId: string;
  sourceDiskSizeGiB?: number;
  snapshotType?: string;
  retentionDays?: number;
  creationTime: string;
  lastModifiedTime?: string;
  tags: Tag[];
}

export type SnapshotGroupStatus = 'progressing' | 'accomplished' | 'failed' | string;

/** One member snapshot of a snapshot-consistent group (an ordinary s-… snapshot). */
export interface SnapshotGroupMember {
  snapshotId: string;
  /** Kept after the disk is released. */
  sourceDiskId: string;
  /** system | data */
  sourceDiskType: string;
  /** 0..100, parsed from the API's "42%". */
  progress: number;
  /** Usable to roll back before the group is accomplished (instant access, Trap 10). */
  available: boolean;
  /** Includes `acs:ecs:createFrom` = the source instance (the group's own InstanceId can be empty). */
  tags: Tag[];
}

/** A snapshot-consistent group (CreateSnapshotGroup): one instant across several disks. */
export interface SnapshotGroup {
  snapshotGroupId: string;
  name: string;
  description: string;
  status: SnapshotGroupStatus;
  creationTime: string;
  /** Only when every member comes from one instance. */
  instanceId?: string;
  tags: Tag[];
  members: SnapshotGroupMember[];
}

export interface Instance {
  instanceId: string;
  instanceName: string;
  /** Pending | Starting | Running | Stopping | Stopped */
  status: string;
  /** LockReason values of the instance's OperationLocks ("security" forbids every operation). */
  lockReasons: string[];
  /** KeepCharging | StopCharging | Not-applicable, when DescribeInstances tells. */
  stoppedMode?: string;
  /** When DescribeInstances tells (every listInstances answer does). */
  zoneId?: string;
}

export interface InstanceQuery {
  regionId: string;
  nextToken?: string;
  /** Up to 100 (the default, the API's largest page); ECS answers at least 10. */
  maxResults?: number;
}

export interface InstanceStatus {
  instanceId: string;
  /** Pending | Starting | Running | Stopping | Stopped */
  status: string;
}

export interface Page<T> {
  items: T[];
  /** Present when more pages follow. */
  nextToken?: string;
}

export interface DiskQuery {
  regionId: string;
  nextToken?: string;
  /** Defaults to the largest page the API allows. */
  maxResults?: number;
  diskIds?: string[];
  status?: string;
  instanceId?: string;
}

export interface CreateSnapshotRequest {
  regionId: string;
  diskId: string;
  /** One token per user intent; every retry of that intent reuses it. */
  clientToken: string;
  snapshotName?: string;
  description?: string;
  retentionDays?: number;
  tags?: Tag[];
  resourceGroupId?: string;
}

export interface SnapshotsOfDiskQuery {
  regionId: string;
  diskId: string;
  nextToken?: string;
  maxResults?: number;
}

export interface CreateSnapshotGroupRequest {
  regionId: string;
  /** All its disks (or those of `diskIds`), less `excludeDiskIds`. */
  instanceId?: string;
  /** Disks of one zone, possibly of several instances. Not together with excludeDiskIds. */
  diskIds?: string[];
  /** With instanceId: the disks to leave out. */
  excludeDiskIds?: string[];
  name?: string;
  description?: string;
  tags?: Tag[];
  /** One token per user intent; every retry of that intent reuses it. */
  clientToken: string;
}

export interface SnapshotGroupQuery {
  regionId: string;
  instanceId?: string;
  /** Any number; sent 10 at a time (the API's limit), following every page of each. */
  groupIds?: string[];
  /** progressing | accomplished | failed */
  statuses?: string[];
  nextToken?: string;
  /** 1..100 (default 100). */
  maxResults?: number;
}

/** What happened to one member snapshot when its group was deleted. */
export interface SnapshotGroupDeletion {
  snapshotId: string;
  deleted: boolean;
  /** Why not, when ECS says (e.g. SnapshotCreatedImage: it backs a custom image). */
  errorCode?: string;
  errorMessage?: string;
}

export interface EcsGateway {
  listRegions(): Promise<Region[]>;
  listDisks(query: DiskQuery): Promise<Page<Disk>>;
  /** Returns the new SnapshotId. */
  createSnapshot(request: CreateSnapshotRequest): Promise<string>;
  /** Any number of ids; sent in batches of at most 100. Ids unknown to ECS are simply absent. */
  describeSnapshots(regionId: string, snapshotIds: string[]): Promise<Snapshot[]>;
  listSnapshotsOfDisk(query: SnapshotsOfDiskQuery): Promise<Page<Snapshot>>;
  /** Any number of ids; sent in batches of at most 100. */
  describeInstances(regionId: string, instanceIds: string[]): Promise<Instance[]>;
  /** Every instance of the region locked for `lockReason` (DescribeInstances' LockReason filter, paged at 100). */
  listLockedInstances(regionId: string, lockReason: string): Promise<Instance[]>;
  /** One page of the region's instances (DescribeInstances). Their disks come from listDisks (by InstanceId). */
  listInstances(query: InstanceQuery): Promise<Page<Instance>>;
  deleteSnapshot(regionId: string, snapshotId: string, force?: boolean): Promise<void>;

  // Rollback (issue 11). ResetDisk, StopInstance and StartInstance have no ClientToken: the gateway
  // never re-sends one whose earlier attempt may have run; the error then carries outcomeUnknown
  // and the caller reads the state back instead.
  /** ResetDisk: starts rolling `diskId` back to `snapshotId` (a snapshot of that disk). */
  resetDisk(regionId: string, diskId: string, snapshotId: string): Promise<void>;
  /** StopInstance with StoppedMode=KeepCharging (so it can start again) and no ForceStop. */
  stopInstance(regionId: string, instanceId: string): Promise<void>;
  /** StartInstance. */
  startInstance(regionId: string, instanceId: string): Promise<void>;
  /** DescribeInstanceStatus for any number of ids (paged at 50, the API's maximum). */
  describeInstanceStatus(regionId: string, instanceIds: string[]): Promise<InstanceStatus[]>;

  // Snapshot-consistent groups (issue 16).
  /** CreateSnapshotGroup; returns the group id (ssg-…). Retried on the same ClientToken. */
  createSnapshotGroup(request: CreateSnapshotGroupRequest): Promise<string>;
  /**
   * DescribeSnapshotGroups. Without groupIds: one page (nextToken continues). With groupIds: every
   * group found, in batches of 10 with all their pages; nextToken is then never set.
   */
  describeSnapshotGroups(query: SnapshotGroupQuery): Promise<Page<SnapshotGroup>>;
  /** DeleteSnapshotGroup: one outcome per member (some may stay, e.g. those backing an image). Never re-sent once an attempt may have run. */
  deleteSnapshotGroup(regionId: string, groupId: string): Promise<SnapshotGroupDeletion[]>;
  /** ModifySnapshotGroup: a new name and/or description. */
  modifySnapshotGroup(regionId: string, groupId: string, change: { name?: string; description?: string }): Promise<void>;
}

// One tick of following G group backups of one region: at most ceil(G/100) DescribeSnapshotGroups
// requests (their ids, 10 a request, when G <= 10; else the region's `progressing` groups, pages of
// 100), plus DescribeSnapshots batches (100 ids) for the members of groups that stopped
// progressing. Never one request per group or per member. Pure: a fake gateway counts it.
import type { EcsGateway, Snapshot, SnapshotGroup } from '../ecs/gateway';

/** DescribeSnapshotGroups takes at most 10 SnapshotGroupId.N; a page holds at most 100 groups. */
const IDS_PER_REQUEST = 10;
const PAGE_SIZE = 100;

export interface FollowedGroup {
  groupId: string;
  /** Member snapshots seen in an earlier reading (empty: not seen yet). */
  memberIds: readonly string[];
}

export interface GroupTick {
  /** Groups read with DescribeSnapshotGroups. */
  groups: Map<string, SnapshotGroup>;
  /** Groups no longer progressing, read through their members (DescribeSnapshots). */
  members: Map<string, Snapshot[]>;
  /** Groups the reading should have shown but did not (deleted, or a lag after creation). */
  missing: Set<string>;
  /** Not read this tick (the region has more progressing groups than the budget): read first next tick. */
  unread: Set<string>;
  /** DescribeSnapshotGroups requests sent / DescribeSnapshots requests sent. */
  groupRequests: number;
  memberRequests: number;
}

/**
 * @param overdue groups left unread by the previous tick: one request of the budget reads up to 10
 * of them by id, so a busy region cannot starve them.
 */
export async function readGroupTick(gateway: EcsGateway, regionId: string, followed: readonly FollowedGroup[], overdue: ReadonlySet<string> = new Set()): Promise<GroupTick> {
  const tick: GroupTick = { groups: new Map(), members: new Map(), missing: new Set(), unread: new Set(), groupRequests: 0, memberRequests: 0 };
  if (followed.length === 0) return tick;
  const byIds = async (ids: string[]) => {
    for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
      const batch = ids.slice(i, i + IDS_PER_REQUEST);
      tick.groupRequests++;
      const page = await gateway.describeSnapshotGroups({ regionId, groupIds: batch });
      const found = new Set(page.items.map((g) => g.snapshotGroupId));
      page.items.forEach((g) => tick.groups.set(g.snapshotGroupId, g));
      batch.filter((id) => !found.has(id)).forEach((id) => tick.missing.add(id));
    }
  };
  if (followed.length <= IDS_PER_REQUEST) {
    await byIds(followed.map((f) => f.groupId));
    return tick;
  }

  const budget = Math.ceil(followed.length / PAGE_SIZE);
  const ours = new Set(followed.map((f) => f.groupId));
  const firstByIds = [...overdue].filter((id) => ours.has(id)).slice(0, IDS_PER_REQUEST);
  if (firstByIds.length > 0) await byIds(firstByIds);
  let nextToken: string | undefined;
  let complete = false;
  let paged = false;
  while (tick.groupRequests < budget) {
    tick.groupRequests++;
    paged = true;
    const page = await gateway.describeSnapshotGroups({ regionId, statuses: ['progressing'], maxResults: PAGE_SIZE, nextToken });
    page.items.filter((g) => ours.has(g.snapshotGroupId)).forEach((g) => tick.groups.set(g.snapshotGroupId, g));
    nextToken = page.nextToken;
    if (!nextToken) {
      complete = true;
      break;
    }
    if (followed.every((f) => tick.groups.has(f.groupId))) break;
  }
  const unseen = followed.filter((f) => !tick.groups.has(f.groupId) && !tick.missing.has(f.groupId));
  if (!complete) {
    if (paged) unseen.forEach((f) => tick.unread.add(f.groupId));
    // A tick spent on overdue ids alone: the rest of them next, then the listing again.
    else [...overdue].filter((id) => ours.has(id) && !firstByIds.includes(id)).forEach((id) => tick.unread.add(id));
    return tick;
  }
  // The listing ended without them: they stopped progressing (accomplished, failed) or are gone.
  // Their members say which, 100 snapshots a request; groups never seen go by id within the budget.
  const known = unseen.filter((f) => f.memberIds.length > 0);
  const memberIds = known.flatMap((f) => f.memberIds);
  const snapshots = new Map<string, Snapshot>();
  for (let i = 0; i < memberIds.length; i += PAGE_SIZE) {
    tick.memberRequests++;
    (await gateway.describeSnapshots(regionId, memberIds.slice(i, i + PAGE_SIZE))).forEach((s) => snapshots.set(s.snapshotId, s));
  }
  for (const f of known) tick.members.set(f.groupId, f.memberIds.flatMap((id) => (snapshots.has(id) ? [snapshots.get(id) as Snapshot] : [])));
  const neverSeen = unseen.filter((f) => f.memberIds.length === 0).map((f) => f.groupId);
  const room = (budget - tick.groupRequests) * IDS_PER_REQUEST;
  await byIds(neverSeen.slice(0, Math.max(0, room)));
  neverSeen.slice(Math.max(0, room)).forEach((id) => tick.unread.add(id));
  return tick;
}

// A group backup whose CreateSnapshotGroup answer was lost: the group may exist. Look among the
// instance's groups for the one the request would have made (as the create tracker's "checking"
// does for one snapshot), instead of asking again for a group that could be a second one.
import type { EcsGateway, SnapshotGroup } from '../ecs/gateway';
import { LOOKUP } from '../tracker/createLookup';
import type { GroupBackupRequest } from './groupApi';

/** Pages of the instance's groups read per look, at most. */
const MAX_PAGES = 3;

/**
 * The group this request would have made: created no earlier than the request (minus clock
 * skew), the name, description and tags asked for, and the disks asked for (exactly, or at least
 * those when the whole instance was asked for).
 */
export function matchesGroupRequest(group: SnapshotGroup, request: GroupBackupRequest): boolean {
  const created = Date.parse(group.creationTime);
  if (!Number.isFinite(created) || created < request.requestedAt - LOOKUP.clockSkewMs) return false;
  if (request.name && group.name !== request.name) return false;
  if (request.description && group.description !== request.description) return false;
  if (!request.tags.every((asked) => group.tags.some((t) => t.key === asked.key && t.value === asked.value))) return false;
  const members = new Set(group.members.map((m) => m.sourceDiskId));
  if (members.size === 0) return group.instanceId === request.instanceId; // members not listed yet
  const asked = request.disks.map((d) => d.diskId);
  if (!asked.every((id) => members.has(id))) return false;
  if ((request.excludedDiskIds ?? []).some((id) => members.has(id))) return false;
  return request.allDisks || members.size === asked.length;
}

/** One look: the instance's groups; the oldest match wins; groups other operations follow are skipped. */
export async function lookForGroup(gateway: EcsGateway, request: GroupBackupRequest, claimed: ReadonlySet<string>): Promise<SnapshotGroup | undefined> {
  const matches: SnapshotGroup[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await gateway.describeSnapshotGroups({ regionId: request.regionId, instanceId: request.instanceId, nextToken, maxResults: 100 });
    matches.push(...answer.items.filter((g) => !claimed.has(g.snapshotGroupId) && matchesGroupRequest(g, request)));
    nextToken = answer.nextToken;
    if (!nextToken) break;
  }
  return matches.sort((a, b) => Date.parse(a.creationTime) - Date.parse(b.creationTime))[0];
}

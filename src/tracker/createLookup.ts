// The "checking" phase of a create operation: CreateSnapshot's answer was lost, so the snapshot may
// exist. Look among the disk's snapshots (newest first) for one matching the intent; found, it is
// tracked like any other; still absent after a bounded while, ECS did not create it.
// No `vscode` import: unit-tested with a fake gateway and clock.
import type { CreateSnapshotRequest, EcsGateway, Snapshot } from '../ecs/gateway';
import { backoffDelayMs } from './pollSchedule';
import type { LookupState } from './trackedOperation';

export const LOOKUP = {
  /** First look after the answer was lost (ECS may still be processing the ClientToken). */
  firstAfterMs: 2_000,
  /** Pace of the following looks while nothing is found. */
  everyMs: 10_000,
  /** Looking this long (and at least minAnswers times) without finding it settles "not created". */
  windowMs: 3 * 60_000,
  minAnswers: 3,
  /** Our clock and ECS's may disagree: a snapshot this much older than the request still counts. */
  clockSkewMs: 2 * 60_000,
  /** Pages of the disk's snapshots read per look, at most (newest first, so one page nearly always). */
  maxPages: 5,
  pageSize: 100,
} as const;

export function startLookup(requestedAt: number, now: number): LookupState {
  return { requestedAt, startedAt: now, answers: 0 };
}

/**
 * The snapshot this request would have made: same disk, created no earlier than the request
 * (minus clock skew), and the name, description and tags asked for, when they were asked for.
 */
export function matchesIntent(snapshot: Snapshot, request: CreateSnapshotRequest, requestedAt: number): boolean {
  const created = Date.parse(snapshot.creationTime);
  if (snapshot.sourceDiskId !== request.diskId || !Number.isFinite(created) || created < requestedAt - LOOKUP.clockSkewMs) {
    return false;
  }
  if (request.snapshotName && snapshot.snapshotName !== request.snapshotName) {
    return false;
  }
  if (request.description && snapshot.description !== request.description) {
    return false;
  }
  return (request.tags ?? []).every((asked) => snapshot.tags.some((t) => t.key === asked.key && t.value === asked.value));
}

/**
 * One look: the disk's snapshots, newest first, until they are older than the request. The oldest
 * match wins (the nearest to the request); snapshots another operation already tracks are skipped.
 */
export async function lookForSnapshot(
  gateway: EcsGateway,
  request: CreateSnapshotRequest,
  requestedAt: number,
  claimed: ReadonlySet<string>,
): Promise<Snapshot | undefined> {
  const matches: Snapshot[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < LOOKUP.maxPages; page++) {
    const answer = await gateway.listSnapshotsOfDisk({ regionId: request.regionId, diskId: request.diskId, nextToken, maxResults: LOOKUP.pageSize });
    matches.push(...answer.items.filter((s) => !claimed.has(s.snapshotId) && matchesIntent(s, request, requestedAt)));
    const oldest = Math.min(...answer.items.map((s) => Date.parse(s.creationTime)).filter(Number.isFinite));
    nextToken = answer.nextToken;
    if (!nextToken || oldest < requestedAt - LOOKUP.clockSkewMs) {
      break;
    }
  }
  return matches.sort((a, b) => Date.parse(a.creationTime) - Date.parse(b.creationTime))[0];
}

/** True when looking longer is pointless: the window passed and enough answers said "absent". */
export function lookupSettlesNotCreated(lookup: LookupState, now: number): boolean {
  return lookup.answers >= LOOKUP.minAnswers && now - lookup.startedAt >= LOOKUP.windowMs;
}

/** When to look again after `failures` consecutive failed looks (0 = the last look answered). */
export function nextLookupDelayMs(failures: number, retryAfterSeconds?: number): number {
  return failures === 0 ? LOOKUP.everyMs : backoffDelayMs(LOOKUP.everyMs / 2, failures, retryAfterSeconds);
}

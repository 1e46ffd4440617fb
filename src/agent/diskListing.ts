// The disks the read-only tool reports: one bounded page of a region's disks matching a filter,
// each with its most recent snapshots. Describe calls only (DescribeDisks, DescribeSnapshots), and
// a bounded number of them per call, so an agent can never make the tool scan a whole account.
import type { Disk, EcsGateway, Snapshot } from '../ecs/gateway';
import { diskMatches, parseFilter } from '../view/diskFilter';
import { newestFirst } from '../view/snapshotText';

/** DescribeDisks pages read per call at most (each up to the API's largest page). */
export const MAX_DISK_PAGES_PER_CALL = 5;
/** Snapshots shown per disk, newest first. */
export const RECENT_SNAPSHOTS = 3;
/** DescribeSnapshots' smallest MaxResults (10..100): one page holds more than is shown. */
const SNAPSHOT_PAGE_MIN = 10;
/** DescribeSnapshots requests in flight at once. */
const SNAPSHOT_CONCURRENCY = 4;

export interface DiskListQuery {
  regionId: string;
  filter?: string;
  limit: number;
  cursor?: string;
}

export interface ListedDisk {
  disk: Disk;
  /** Newest first, at most RECENT_SNAPSHOTS. */
  recent: Snapshot[];
  /** The disk has more snapshots than `recent` shows. */
  moreSnapshots: boolean;
}

export interface DiskList {
  regionId: string;
  disks: ListedDisk[];
  /** Present when more disks may match: pass it back as `cursor`. */
  cursor?: string;
}

type DiskReader = Pick<EcsGateway, 'listDisks' | 'listSnapshotsOfDisk'>;

export async function listDisks(gateway: DiskReader, query: DiskListQuery): Promise<DiskList> {
  const found = await findDisks(gateway, query);
  const disks = await mapLimited(found.disks, SNAPSHOT_CONCURRENCY, async (disk) => {
    const page = await gateway.listSnapshotsOfDisk({ regionId: query.regionId, diskId: disk.diskId, maxResults: SNAPSHOT_PAGE_MIN });
    const recent = newestFirst(page.items).slice(0, RECENT_SNAPSHOTS);
    return { disk, recent, moreSnapshots: page.nextToken !== undefined || page.items.length > RECENT_SNAPSHOTS };
  });
  return { regionId: query.regionId, disks, cursor: found.cursor };
}

async function findDisks(gateway: DiskReader, query: DiskListQuery): Promise<{ disks: Disk[]; cursor?: string }> {
  const terms = parseFilter(query.filter ?? '');
  // A filter that is one disk ID is answered by one DescribeDisks for that ID.
  const diskIds = terms.length === 1 && /^d-[a-z0-9]+$/.test(terms[0]) ? [terms[0]] : undefined;
  let { token, skip } = decodeCursor(query.cursor);
  const disks: Disk[] = [];
  for (let pages = 0; pages < MAX_DISK_PAGES_PER_CALL; pages++) {
    const page = await gateway.listDisks({ regionId: query.regionId, nextToken: token, diskIds });
    for (let i = skip; i < page.items.length; i++) {
      if (!diskMatches(page.items[i], terms)) continue;
      // One more match than asked for: the next call starts exactly there.
      if (disks.length === query.limit) return { disks, cursor: encodeCursor(token, i) };
      disks.push(page.items[i]);
    }
    if (!page.nextToken) return { disks };
    token = page.nextToken;
    skip = 0;
    if (disks.length === query.limit) break;
  }
  // The page budget (or the limit) ended the scan with pages left: more may match.
  return { disks, cursor: encodeCursor(token, 0) };
}

/** `<skip>:<DescribeDisks NextToken>`: the page to read and how many of its disks were already reported. */
export function encodeCursor(token: string | undefined, skip: number): string {
  return `${skip}:${token ?? ''}`;
}

export function decodeCursor(cursor: string | undefined): { token?: string; skip: number } {
  const match = /^(\d+):(.*)$/s.exec(cursor ?? '');
  if (!match) return { skip: 0 };
  return { skip: Number(match[1]), token: match[2] || undefined };
}

async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

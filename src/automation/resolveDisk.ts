// Finds the disk an automation caller named: a disk id (d-…) or a disk name that matches exactly
// one disk of the region. A name is never guessed: none or several matches are errors that list
// what was found, and nothing is sent.
import * as l10n from '@vscode/l10n';
import type { Disk, EcsGateway } from '../ecs/gateway';

export type DiskResolution =
  | { ok: true; disk: Disk }
  | { ok: false; kind: 'diskNotFound' | 'diskAmbiguous'; message: string };

const DISK_ID = /^d-[a-z0-9]+$/i;
/** DescribeDisks pages of 100: 50 pages is far more disks than a region holds in practice. */
const MAX_PAGES = 50;
/** Ambiguous names list at most this many ids. */
const MAX_LISTED = 10;

export async function resolveDisk(gateway: EcsGateway, regionId: string, given: string): Promise<DiskResolution> {
  if (DISK_ID.test(given)) {
    const byId = (await gateway.listDisks({ regionId, diskIds: [given] })).items.find((d) => d.diskId === given);
    if (byId) return { ok: true, disk: byId };
  }
  const named: Disk[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await gateway.listDisks({ regionId, nextToken });
    named.push(...result.items.filter((d) => d.diskName === given));
    nextToken = result.nextToken;
    if (!nextToken) break;
  }
  if (named.length === 1) return { ok: true, disk: named[0] };
  if (named.length === 0) {
    return { ok: false, kind: 'diskNotFound', message: l10n.t('No disk with the id or name "{0}" in {1}.', given, regionId) };
  }
  const ids = named.slice(0, MAX_LISTED).map((d) => d.diskId).join(', ');
  return {
    ok: false,
    kind: 'diskAmbiguous',
    message: l10n.t('{0} disks in {1} are named "{2}" ({3}): give the disk id instead.', named.length, regionId, given, ids),
  };
}

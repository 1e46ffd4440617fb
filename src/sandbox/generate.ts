// Many plain, healthy disks for scale tests (up to 100,000 in well under a second), deterministic
// from the world's seed: mixed categories and sizes, about two thirds attached.

import { pick } from './random';
import type { DiskRecord, World } from './world';

const CATEGORIES: ReadonlyArray<[string, string | undefined]> = [
  ['cloud_essd', 'PL0'],
  ['cloud_essd', 'PL1'],
  ['cloud_auto', undefined],
  ['cloud_efficiency', undefined],
  ['cloud_ssd', undefined],
];
const SIZES = [20, 40, 40, 50, 100, 100, 200, 500, 1024];
const DAY = 86_400_000;

/** Adds `count` disks to `regionId`, numbering their names after the region's existing disks. */
export function generateDisks(world: World, regionId: string, count: number, now: number): DiskRecord[] {
  const region = world.region(regionId);
  const zones = region?.zones ?? [`${regionId}-a`];
  const first = world.disksIn(regionId).length + 1;
  const width = Math.max(4, String(first + count).length);
  const added: DiskRecord[] = [];
  for (let i = first; i < first + count; i++) {
    const [category, performanceLevel] = pick(world.random, CATEGORIES);
    const attached = world.random() < 0.66;
    added.push(world.addDisk({
      diskId: world.newId('d', regionId),
      diskName: `gen-disk-${String(i).padStart(width, '0')}`,
      description: '',
      regionId,
      zoneId: pick(world.random, zones),
      sizeGiB: pick(world.random, SIZES),
      category,
      performanceLevel,
      status: attached ? 'In_use' : 'Available',
      type: 'data',
      // Generated attachments name no real instance: they exist to be listed and snapshotted.
      instanceId: attached ? `i-gen${String(i).padStart(width, '0')}` : undefined,
      device: attached ? '/dev/xvdb' : undefined,
      portable: true,
      encrypted: false,
      chargeType: 'PostPaid',
      creationTime: now - (1 + (i % 365)) * DAY,
      attachedTime: now - (i % 365) * DAY,
      detachedTime: attached ? undefined : now - DAY,
      locks: [],
      neverUsed: false,
      tags: i % 10 === 0 ? [{ key: 'batch', value: String(Math.ceil(i / 1000)) }] : [],
    }));
  }
  return added;
}

// Many plain, healthy disks for scale tests (up to 100,000 in well under a second), deterministic
// from the world's seed: mixed categories and sizes, about two thirds attached. And many instances,
// each with an ESSD system disk and up to two data disks of mixed categories in its zone.

import { pick } from './random';
import type { DiskRecord, InstanceRecord, World } from './world';

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

/** Adds `count` running instances to `regionId`, each with its system disk and 0-2 data disks. */
export function generateInstances(world: World, regionId: string, count: number, now: number): InstanceRecord[] {
  const zones = world.region(regionId)?.zones ?? [`${regionId}-a`];
  const first = [...world.instances.values()].filter((i) => i.regionId === regionId).length + 1;
  const width = Math.max(4, String(first + count).length);
  const added: InstanceRecord[] = [];
  for (let n = first; n < first + count; n++) {
    const name = `gen-instance-${String(n).padStart(width, '0')}`;
    const instance = world.addInstance({
      instanceId: world.newId('i', regionId),
      instanceName: name,
      regionId,
      zoneId: pick(world.random, zones),
      status: 'Running',
      locks: [],
      creationTime: now - (1 + (n % 365)) * DAY,
    });
    const dataDisks = Math.floor(world.random() * 3);
    for (let k = 0; k <= dataDisks; k++) {
      const [category, performanceLevel] = k === 0 ? (['cloud_essd', 'PL0'] as const) : pick(world.random, CATEGORIES);
      world.addDisk({
        diskId: world.newId('d', regionId),
        diskName: k === 0 ? `${name}-system` : `${name}-data${k}`,
        description: '',
        regionId,
        zoneId: instance.zoneId,
        sizeGiB: k === 0 ? 40 : pick(world.random, SIZES),
        category,
        performanceLevel,
        status: 'In_use',
        type: k === 0 ? 'system' : 'data',
        instanceId: instance.instanceId,
        device: k === 0 ? '/dev/xvda' : `/dev/xvd${String.fromCharCode(97 + k)}`,
        portable: k !== 0,
        encrypted: false,
        chargeType: 'PostPaid',
        creationTime: instance.creationTime,
        attachedTime: instance.creationTime,
        locks: [],
        neverUsed: false,
        tags: [],
      });
    }
    added.push(instance);
  }
  return added;
}

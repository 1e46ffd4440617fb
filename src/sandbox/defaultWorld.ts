// The world a newcomer explores: three regions and, in cn-hangzhou, a dozen-odd disks chosen so
// that every CreateSnapshot outcome can be met (ready disks, one still snapshotting, one on a
// security-locked instance, one never attached, one at the 256-snapshot quota, ...).

import { generateDisks, generateInstances } from './generate';
import { World, type DiskRecord, type InstanceRecord, type RegionRecord, type Tag } from './world';
import { workSeconds } from './snapshotsClock';

export const HOME_REGION = 'cn-hangzhou';

const REGIONS: RegionRecord[] = [
  { regionId: 'cn-hangzhou', localName: '华东1（杭州）', status: 'available', idPrefix: 'bp1', zones: ['cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j'] },
  { regionId: 'cn-shanghai', localName: '华东2（上海）', status: 'available', idPrefix: 'uf6', zones: ['cn-shanghai-l', 'cn-shanghai-m'] },
  { regionId: 'ap-southeast-1', localName: '新加坡', status: 'available', idPrefix: 't4n', zones: ['ap-southeast-1a', 'ap-southeast-1b'] },
];

const DAY = 86_400_000;

type DiskSketch = Partial<DiskRecord> & Pick<DiskRecord, 'diskName' | 'sizeGiB' | 'category'>;

/**
 * Builds the default world; with `diskCount`, the home region holds exactly that many disks; with
 * `instanceCount`, it holds that many instances (at least the curated ones), the generated ones
 * with their own disks on top.
 */
export function buildWorld(world: World, diskCount?: number, instanceCount?: number): World {
  world.regions.push(...REGIONS);
  const now = world.now();
  const instance = (regionId: string, zoneId: string, instanceName: string, extra: Partial<InstanceRecord> = {}) =>
    world.addInstance({
      instanceId: world.newId('i', regionId),
      instanceName,
      regionId,
      zoneId,
      status: 'Running',
      locks: [],
      creationTime: now - 120 * DAY,
      ...extra,
    });
  const zone = 'cn-hangzhou-h';
  // Sold out: an instance stopped in economical mode there cannot start again (the StoppedMode trap).
  world.noStockZones.add(zone);
  const web = instance(HOME_REGION, zone, 'web-01');
  const db = instance(HOME_REGION, zone, 'db-01');
  const legacy = instance(HOME_REGION, zone, 'legacy-app', {
    locks: [{ reason: 'security', message: 'The instance is locked for a security incident; contact support.' }],
  });

  let devices = 0;
  const disk = (sketch: DiskSketch, regionId = HOME_REGION, zoneId = zone): DiskRecord => {
    const attached = sketch.instanceId !== undefined;
    return world.addDisk({
      diskId: world.newId('d', regionId),
      description: '',
      regionId,
      zoneId,
      status: attached ? 'In_use' : 'Available',
      type: 'data',
      device: attached ? `/dev/xvd${String.fromCharCode(98 + (devices++ % 24))}` : undefined,
      portable: true,
      encrypted: false,
      chargeType: 'PostPaid',
      creationTime: now - 90 * DAY,
      attachedTime: attached ? now - 89 * DAY : undefined,
      locks: [],
      neverUsed: false,
      tags: [],
      ...sketch,
    });
  };
  const done = (d: DiskRecord, daysAgo: number, name: string, tags: Tag[] = [], type: 'user' | 'auto' = 'user') =>
    world.addSnapshot({
      snapshotId: world.newId('s', d.regionId),
      snapshotName: name,
      description: '',
      regionId: d.regionId,
      sourceDiskId: d.diskId,
      sourceDiskSizeGiB: d.sizeGiB,
      sourceDiskType: d.type,
      sourceDiskCategory: d.category,
      snapshotType: type,
      startedAt: now - daysAgo * DAY,
      workSeconds: workSeconds(d.sizeGiB),
      tags,
    });

  const curated: Array<() => DiskRecord> = [
    () => {
      const d = disk({ diskName: 'web-01-system', sizeGiB: 40, category: 'cloud_essd', performanceLevel: 'PL0', type: 'system', instanceId: web.instanceId, device: '/dev/xvda', portable: false });
      done(d, 30, 'web-01-before-upgrade', [{ key: 'purpose', value: 'upgrade' }]);
      done(d, 2, 'web-01-weekly');
      return d;
    },
    () => {
      const d = disk({ diskName: 'web-01-data', description: 'Uploads and static assets', sizeGiB: 200, category: 'cloud_essd', performanceLevel: 'PL1', instanceId: web.instanceId, tags: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'web' }] });
      done(d, 7, 'auto_20261120_1', [], 'auto');
      done(d, 3, 'web-data-pre-migration', [{ key: 'env', value: 'prod' }]);
      return d;
    },
    () => disk({ diskName: 'db-01-system', sizeGiB: 40, category: 'cloud_efficiency', type: 'system', instanceId: db.instanceId, device: '/dev/xvda', portable: false }),
    () => {
      // A snapshot started five (simulated) minutes ago is still copying this large disk.
      const d = disk({ diskName: '数据库数据盘', description: 'MySQL 数据目录', sizeGiB: 2000, category: 'cloud_ssd', instanceId: db.instanceId, tags: [{ key: 'env', value: 'prod' }] });
      const s = done(d, 0, 'db-nightly');
      s.startedAt = now - (300 * 1000) / world.timeScale;
      return d;
    },
    () => disk({ diskName: '', sizeGiB: 40, category: 'cloud_efficiency', instanceId: db.instanceId }),
    () => disk({ diskName: 'backup-archive', description: 'Detached after the 2025 migration', sizeGiB: 500, category: 'cloud_efficiency', attachedTime: now - 80 * DAY, detachedTime: now - 20 * DAY }),
    () => {
      const d = disk({ diskName: '12data-disk', sizeGiB: 30, category: 'cloud_essd', performanceLevel: 'PL0', attachedTime: now - 60 * DAY, detachedTime: now - 10 * DAY });
      done(d, 12, 'before-detach', [{ key: 'owner', value: 'alice' }, { key: 'ticket', value: 'OPS-1234' }]);
      return d;
    },
    () => disk({ diskName: 'scratch-new', description: 'Created, never attached', sizeGiB: 100, category: 'cloud_auto', creationTime: now - DAY }),
    () => disk({ diskName: 'fresh-data', description: 'Attached yesterday, nothing written yet', sizeGiB: 20, category: 'cloud_essd', performanceLevel: 'PL0', instanceId: web.instanceId, neverUsed: true, creationTime: now - DAY }),
    () => disk({ diskName: 'legacy-app-system', sizeGiB: 40, category: 'cloud_efficiency', type: 'system', instanceId: legacy.instanceId, device: '/dev/xvda', portable: false }),
    () => {
      const d = disk({ diskName: 'logs-ssd', description: 'Hourly snapshots filled the quota', sizeGiB: 100, category: 'cloud_essd', performanceLevel: 'PL1', instanceId: web.instanceId });
      for (let i = 256; i >= 1; i--) done(d, i / 24, `logs-hourly-${String(i).padStart(3, '0')}`);
      return d;
    },
    () => disk({ diskName: 'billing-lapsed', description: 'Pay-as-you-go disk in arrears', sizeGiB: 60, category: 'cloud_essd', performanceLevel: 'PL0', instanceId: web.instanceId, locks: ['financial'] }),
    () => disk({ diskName: 'prepaid-expired', description: 'Subscription expired; still snapshottable', sizeGiB: 80, category: 'cloud_efficiency', instanceId: db.instanceId, chargeType: 'PrePaid', expiredTime: now - 3 * DAY }),
    () => disk({ diskName: 'ephemeral-cache', sizeGiB: 64, category: 'elastic_ephemeral_disk_standard', instanceId: web.instanceId }),
    () => disk({ diskName: 'attaching-data', sizeGiB: 20, category: 'cloud_essd', performanceLevel: 'PL0', status: 'Attaching', attachedTime: now - 5 * DAY, detachedTime: now - DAY }),
  ];
  const count = diskCount ?? curated.length;
  for (const make of curated.slice(0, count)) make();
  if (count > curated.length) generateDisks(world, HOME_REGION, count - curated.length, now);

  const sh = instance('cn-shanghai', 'cn-shanghai-l', 'api-sh-01');
  disk({ diskName: 'api-sh-01-system', sizeGiB: 40, category: 'cloud_essd', performanceLevel: 'PL0', type: 'system', instanceId: sh.instanceId, device: '/dev/xvda', portable: false }, 'cn-shanghai', 'cn-shanghai-l');
  disk({ diskName: 'api-sh-01-data', sizeGiB: 100, category: 'cloud_auto', instanceId: sh.instanceId }, 'cn-shanghai', 'cn-shanghai-l');
  disk({ diskName: 'sg-archive', sizeGiB: 50, category: 'cloud_essd', performanceLevel: 'PL0', attachedTime: now - 40 * DAY, detachedTime: now - 30 * DAY }, 'ap-southeast-1', 'ap-southeast-1a');

  // Snapshot-consistent groups: an instance whose disks all qualify (ESSD family, one zone) and one
  // whose data disk does not (cloud_efficiency). Added last, so every earlier ID stays as it was;
  // in Singapore, so the home region's counts stay too (and Singapore has the large group limits).
  const sg = 'ap-southeast-1';
  const sgZone = 'ap-southeast-1a';
  const app = instance(sg, sgZone, 'app-sg-01');
  disk({ diskName: 'app-sg-01-system', sizeGiB: 40, category: 'cloud_essd', performanceLevel: 'PL0', type: 'system', instanceId: app.instanceId, device: '/dev/xvda', portable: false }, sg, sgZone);
  disk({ diskName: 'app-sg-01-data', description: 'Application data', sizeGiB: 100, category: 'cloud_essd', performanceLevel: 'PL1', instanceId: app.instanceId, tags: [{ key: 'env', value: 'prod' }] }, sg, sgZone);
  disk({ diskName: 'app-sg-01-logs', sizeGiB: 50, category: 'cloud_auto', instanceId: app.instanceId }, sg, sgZone);
  const mixed = instance(sg, sgZone, 'legacy-sg-02');
  disk({ diskName: 'legacy-sg-02-system', sizeGiB: 40, category: 'cloud_essd', performanceLevel: 'PL0', type: 'system', instanceId: mixed.instanceId, device: '/dev/xvda', portable: false }, sg, sgZone);
  disk({ diskName: 'legacy-sg-02-data', description: 'Not ESSD: cannot join a snapshot group', sizeGiB: 200, category: 'cloud_efficiency', instanceId: mixed.instanceId }, sg, sgZone);

  const homeInstances = [...world.instances.values()].filter((i) => i.regionId === HOME_REGION).length;
  if (instanceCount !== undefined && instanceCount > homeInstances) generateInstances(world, HOME_REGION, instanceCount - homeInstances, now);
  return world;
}

// The documented fields of disks, snapshots and instances that the sandbox's world does not model
// but clients expect to find (IOPS, image, VPC, serial numbers, ...). Plausible and deterministic:
// each is derived from the resource's own record, so the same world always answers the same.

import { createHash } from 'node:crypto';
import { isoTime, tagsOut } from './actionContext';
import { RESOURCE_GROUPS, type DiskRecord, type InstanceRecord, type SnapshotView } from './world';

const DEFAULT_RESOURCE_GROUP = RESOURCE_GROUPS[0].resourceGroupId;
const SYSTEM_IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd';
/** What ECS reports as the expiry of a pay-as-you-go resource: never. */
const NEVER = '2099-12-31T15:59Z';

/** A number from 0 to max-1 drawn from `seed`'s hash: stable across runs and machines. */
function hashNumber(seed: string, max: number): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % max;
}

/** Baseline IOPS by category, performance level and size (the published formulas, capped). */
export function diskIops(d: Pick<DiskRecord, 'category' | 'performanceLevel' | 'sizeGiB'>): number {
  const size = d.sizeGiB;
  if (d.category === 'cloud_essd') {
    const cap = { PL0: 10_000, PL1: 50_000, PL2: 100_000, PL3: 1_000_000 }[d.performanceLevel ?? 'PL1'] ?? 50_000;
    return Math.min(1800 + 50 * size, cap);
  }
  if (d.category === 'cloud_auto') return Math.min(3000 + 50 * size, 1_000_000);
  if (d.category === 'cloud_ssd') return Math.min(1800 + 30 * size, 25_000);
  if (d.category === 'cloud_efficiency') return Math.min(1800 + 8 * size, 5000);
  if (d.category === 'cloud') return Math.min(100 + 2 * size, 600);
  return Math.min(1000 + 10 * size, 100_000);
}

export function diskFields(d: DiskRecord): Record<string, unknown> {
  const iops = diskIops(d);
  return {
    IOPS: iops,
    IOPSRead: Math.floor(iops / 2),
    IOPSWrite: Math.floor(iops / 2),
    ImageId: d.type === 'system' ? SYSTEM_IMAGE : '',
    SourceSnapshotId: '',
    AutoSnapshotPolicyId: '',
    KMSKeyId: '',
    MountInstanceNum: d.instanceId ? 1 : 0,
    ProductCode: '',
    StorageSetId: '',
    StorageSetPartitionNumber: 0,
    BdfId: '',
    BurstingEnabled: false,
    ResourceGroupId: DEFAULT_RESOURCE_GROUP,
  };
}

export function snapshotFields(s: SnapshotView, instantAccess: boolean): Record<string, unknown> {
  const n = (salt: string, max: number) => hashNumber(`${s.snapshotId}/${salt}`, max);
  return {
    InstantAccessRetentionDays: instantAccess ? 1 : 0,
    KMSKeyId: '',
    // ECS serial numbers look like 64472-116742336-61976.
    SnapshotSN: `${10_000 + n('a', 90_000)}-${100_000_000 + n('b', 900_000_000)}-${10_000 + n('c', 90_000)}`,
    ProductCode: '',
    ResourceGroupId: s.resourceGroupId ?? DEFAULT_RESOURCE_GROUP,
  };
}

export function instanceFields(i: InstanceRecord, idPrefix: string): Record<string, unknown> {
  const n = (salt: string, max: number) => hashNumber(`${i.instanceId}/${salt}`, max);
  const regionHash = (salt: string) => hashNumber(`${i.regionId}/${salt}`, 36 ** 6).toString(36).padStart(6, '0');
  const prepaid = i.chargeType === 'PrePaid';
  return {
    HostName: `iZ${i.instanceId.slice(2)}Z`,
    Description: '',
    ImageId: SYSTEM_IMAGE.replace(/\.vhd$/, ''),
    OSName: 'Alibaba Cloud Linux  3.2104 LTS 64位',
    OSNameEn: 'Alibaba Cloud Linux  3.2104 LTS 64 bit',
    OSType: 'linux',
    Cpu: 2,
    Memory: 8192,
    InstanceTypeFamily: 'ecs.g7',
    InstanceNetworkType: 'vpc',
    InternetChargeType: 'PayByTraffic',
    InternetMaxBandwidthOut: 0,
    ExpiredTime: prepaid ? isoTime(i.creationTime + 365 * 86_400_000).replace(/:\d{2}Z$/, 'Z') : NEVER,
    SerialNumber: createHash('sha256').update(i.instanceId).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5'),
    ResourceGroupId: DEFAULT_RESOURCE_GROUP,
    DeletionProtection: false,
    Tags: tagsOut([]),
    VpcAttributes: {
      VpcId: `vpc-${idPrefix}${regionHash('vpc')}`,
      VSwitchId: `vsw-${idPrefix}${hashNumber(`${i.zoneId}/vsw`, 36 ** 6).toString(36).padStart(6, '0')}`,
      PrivateIpAddress: { IpAddress: [`172.16.${n('ip3', 256)}.${1 + n('ip4', 253)}`] },
      NatIpAddress: '',
    },
    SecurityGroupIds: { SecurityGroupId: [`sg-${idPrefix}${regionHash('sg')}`] },
    PublicIpAddress: { IpAddress: [] },
    EipAddress: { AllocationId: '', IpAddress: '', InternetChargeType: '' },
  };
}

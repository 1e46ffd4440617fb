// The tree by instance as pure rules: state and lock of an instance, the order of its disks, what
// a filter keeps, and the region model's cost (pages, and one request per instance at most).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Disk, DiskQuery, EcsGateway, Instance, InstanceQuery } from '../../src/ecs/gateway';
import { parseFilter } from '../../src/view/diskFilter';
import {
  compareInstanceDisks,
  disksByInstance,
  filterInstance,
  instanceContextValue,
  instanceLock,
  instanceState,
} from '../../src/view/instanceGrouping';
import { instanceDescription, instanceIcon, instanceTooltipMarkdown } from '../../src/view/instanceText';
import { RegionInstances } from '../../src/view/regionInstances';

function disk(id: string, fields: Partial<Disk> = {}): Disk {
  return {
    diskId: id, diskName: id, description: '', sizeGiB: 40, category: 'cloud_essd', status: 'In_use', type: 'data',
    zoneId: 'z-a', creationTime: '', tags: [], lockReasons: [], ...fields,
  };
}

function instance(id: string, fields: Partial<Instance> = {}): Instance {
  return { instanceId: id, instanceName: id, status: 'Running', lockReasons: [], zoneId: 'z-a', ...fields };
}

test('instance states: Running, Stopped, everything else is between states', () => {
  assert.equal(instanceState('Running'), 'running');
  assert.equal(instanceState('Stopped'), 'stopped');
  for (const status of ['Starting', 'Stopping', 'Pending', '']) assert.equal(instanceState(status), 'transitory');
});

test('locks: security wins over an overdue payment; the context value carries state and lock', () => {
  assert.equal(instanceLock({ lockReasons: [] }), undefined);
  assert.equal(instanceLock({ lockReasons: ['financial'] }), 'financial');
  assert.equal(instanceLock({ lockReasons: ['financial', 'security'] }), 'security');
  assert.equal(instanceContextValue({ status: 'Running', lockReasons: [] }), 'instance.running');
  assert.equal(instanceContextValue({ status: 'Stopping', lockReasons: [] }), 'instance.transitory');
  assert.equal(instanceContextValue({ status: 'Stopped', lockReasons: ['security'] }), 'instance.stopped.securityLock');
  assert.equal(instanceContextValue({ status: 'Running', lockReasons: ['financial'] }), 'instance.running.financialLock');
});

test('icons by state and lock; the description names status, id (under a name), zone and lock', () => {
  assert.equal(instanceIcon(instance('i-1')).id, 'vm-running');
  assert.equal(instanceIcon(instance('i-1', { status: 'Stopped' })).id, 'vm-outline');
  assert.equal(instanceIcon(instance('i-1', { status: 'Starting' })).id, 'sync~spin');
  assert.deepEqual(instanceIcon(instance('i-1', { lockReasons: ['security'] })), { id: 'lock', color: 'problemsErrorIcon.foreground' });
  assert.deepEqual(instanceIcon(instance('i-1', { lockReasons: ['financial'] })), { id: 'lock', color: 'problemsWarningIcon.foreground' });
  assert.equal(instanceDescription(instance('i-1', { instanceName: 'web-01' })), 'Running · i-1 · z-a');
  assert.equal(instanceDescription(instance('i-1', { instanceName: '' })), 'Running · z-a', 'the label is the id already');
  assert.equal(instanceDescription(instance('i-1', { instanceName: 'db', status: 'Stopped', lockReasons: ['security'] })), 'Stopped · i-1 · z-a · security lock');
  const tooltip = instanceTooltipMarkdown(instance('i-1', { instanceName: 'web_01', lockReasons: ['financial'] }), 3);
  assert.match(tooltip, /^\*\*web\\_01\*\*/);
  assert.match(tooltip, /Disks: 3/);
  assert.match(tooltip, /overdue payment/);
});

test('disks of an instance: system first, then data by device (numeric), then name', () => {
  const disks = [
    disk('d-c', { device: '/dev/xvdc' }),
    disk('d-b10', { device: '/dev/vdb10' }),
    disk('d-sys', { type: 'system', device: '/dev/xvda' }),
    disk('d-none', { device: undefined, diskName: 'a' }),
    disk('d-b2', { device: '/dev/vdb2' }),
  ];
  assert.deepEqual([...disks].sort(compareInstanceDisks).map((d) => d.diskId), ['d-sys', 'd-b2', 'd-b10', 'd-c', 'd-none']);
  const groups = disksByInstance([
    disk('d-2', { instanceId: 'i-1', device: '/dev/xvdb' }),
    disk('d-free', { status: 'Available' }),
    disk('d-1', { instanceId: 'i-1', type: 'system' }),
    disk('d-3', { instanceId: 'i-2' }),
  ]);
  assert.deepEqual([...groups.keys()], ['i-1', 'i-2']);
  assert.deepEqual(groups.get('i-1')?.map((d) => d.diskId), ['d-1', 'd-2']);
});

test('filter: an instance matched by name or id keeps all its disks; by a disk, only the matching ones', () => {
  const web = instance('i-web1', { instanceName: 'web-01' });
  const disks = [disk('d-sys', { diskName: 'web-system', type: 'system' }), disk('d-data', { diskName: 'web-data' })];
  assert.deepEqual(filterInstance(web, disks, parseFilter('WEB-01')).disks?.map((d) => d.diskId), ['d-sys', 'd-data']);
  assert.deepEqual(filterInstance(web, disks, parseFilter('i-web1')), { visible: true, disks });
  assert.deepEqual(filterInstance(web, disks, parseFilter('data')).disks?.map((d) => d.diskId), ['d-data']);
  assert.equal(filterInstance(web, disks, parseFilter('data')).visible, true);
  assert.deepEqual(filterInstance(web, disks, parseFilter('web-01 system')).disks?.map((d) => d.diskId), ['d-sys'], 'terms split over instance and disk');
  assert.equal(filterInstance(web, disks, parseFilter('db')).visible, false);
  assert.deepEqual(filterInstance(web, undefined, parseFilter('web-01')), { visible: true, disks: undefined }, 'disks not known yet');
  assert.equal(filterInstance(web, undefined, parseFilter('data')).visible, false, 'unknown disks cannot match');
  assert.deepEqual(filterInstance(web, disks, []).disks, disks);
});

// ---- RegionInstances over a counting gateway ----------------------------------------------

function countingGateway(instances: Instance[], disks: Disk[]) {
  const calls = { instances: [] as InstanceQuery[], disks: [] as DiskQuery[] };
  const page = <T>(items: T[], token: string | undefined, size: number) => {
    const start = token ? Number(token) : 0;
    return { items: items.slice(start, start + size), nextToken: start + size < items.length ? String(start + size) : undefined };
  };
  const gateway = {
    listInstances: async (q: InstanceQuery) => {
      calls.instances.push(q);
      return page(instances, q.nextToken, q.maxResults ?? 100);
    },
    listDisks: async (q: DiskQuery) => {
      calls.disks.push(q);
      const of = q.instanceId ? disks.filter((d) => d.instanceId === q.instanceId) : disks;
      return page(of, q.nextToken, q.maxResults ?? 100);
    },
  } as unknown as EcsGateway;
  return { gateway, calls };
}

const quietLog = { info() {}, warn() {}, error() {} };

function world(n: number) {
  const instances = Array.from({ length: n }, (_, i) => instance(`i-${i}`));
  const disks = instances.flatMap((inst, i) => [
    disk(`d-${i}-data`, { instanceId: inst.instanceId, device: '/dev/xvdb' }),
    disk(`d-${i}-sys`, { instanceId: inst.instanceId, type: 'system', device: '/dev/xvda' }),
  ]);
  disks.push(disk('d-free', { status: 'Available' }), disk('d-orphan', { instanceId: 'i-gone' }));
  return { instances, disks };
}

test('a full load costs ceil(N/100) DescribeInstances plus ceil(D/500) DescribeDisks, pages side by side', async () => {
  const { instances, disks } = world(1000);
  const { gateway, calls } = countingGateway(instances, disks);
  const data = new RegionInstances(gateway, 'r', quietLog);
  while (data.hasMore) await data.loadNext();
  assert.equal(calls.instances.length, 10);
  assert.equal(calls.disks.length, Math.ceil(2002 / 500));
  assert.ok(calls.instances.every((q) => q.maxResults === 100));
  assert.equal(data.instances.items.length, 1000);
  assert.deepEqual(data.knownDisksOf('i-7')?.map((d) => d.diskId), ['d-7-sys', 'd-7-data'], 'from the pages, no request');
  assert.deepEqual(data.unattached().map((d) => d.diskId), ['d-free', 'd-orphan'], 'a disk of an unlisted instance is not lost');
  assert.equal(calls.disks.length, 5);
});

test('while disk pages are missing, an instance\'s disks cost exactly one DescribeDisks by InstanceId', async () => {
  const { instances, disks } = world(1000);
  const { gateway, calls } = countingGateway(instances, disks);
  const data = new RegionInstances(gateway, 'r', quietLog);
  await data.loadNext();
  assert.equal(data.knownDisksOf('i-900'), undefined);
  assert.deepEqual(data.unattached().map((d) => d.diskId), [], 'the free disk is on a later page');
  const before = calls.disks.length;
  await Promise.all([data.ownDisksOf('i-900').loadNext(), data.ownDisksOf('i-900').loadNext()]);
  assert.equal(calls.disks.length - before, 1);
  assert.equal(calls.disks.at(-1)?.instanceId, 'i-900');
  assert.deepEqual(data.knownDisksOf('i-900')?.map((d) => d.diskId), ['d-900-sys', 'd-900-data']);
});

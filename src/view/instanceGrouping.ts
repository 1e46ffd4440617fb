// The tree by instance, as pure rules: which state and lock an instance shows, the order of its
// disks, and what a filter keeps. No `vscode`, so it is unit-tested alone.
import type { Disk, Instance } from '../ecs/gateway';
import { diskMatches } from './diskFilter';

export type InstanceState = 'running' | 'stopped' | 'transitory';
/** Security forbids every operation; financial (arrears) stops the instance's billing actions. */
export type InstanceLock = 'security' | 'financial';

export function instanceState(status: string): InstanceState {
  if (status === 'Running') return 'running';
  if (status === 'Stopped') return 'stopped';
  return 'transitory'; // Pending, Starting, Stopping (and anything new: not a settled state)
}

/** The lock worth showing: security first (it blocks everything), then arrears. */
export function instanceLock(instance: Pick<Instance, 'lockReasons'>): InstanceLock | undefined {
  if (instance.lockReasons.includes('security')) return 'security';
  if (instance.lockReasons.includes('financial')) return 'financial';
  return undefined;
}

/** `instance.<state>` plus `.securityLock` / `.financialLock`: menus match `viewItem =~ /^instance\./`. */
export function instanceContextValue(instance: Pick<Instance, 'status' | 'lockReasons'>): string {
  const lock = instanceLock(instance);
  return `instance.${instanceState(instance.status)}${lock ? `.${lock}Lock` : ''}`;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** System disk first, then data disks by device (/dev/xvdb before /dev/xvdc), then name, then id. */
export function compareInstanceDisks(a: Disk, b: Disk): number {
  const system = Number(b.type === 'system') - Number(a.type === 'system');
  if (system !== 0) return system;
  if (a.device && b.device && a.device !== b.device) return collator.compare(a.device, b.device);
  if (Boolean(a.device) !== Boolean(b.device)) return a.device ? -1 : 1;
  return collator.compare(a.diskName, b.diskName) || collator.compare(a.diskId, b.diskId);
}

/** The loaded disks by the instance they are attached to, each group in display order. */
export function disksByInstance(disks: readonly Disk[]): Map<string, Disk[]> {
  const groups = new Map<string, Disk[]>();
  for (const disk of disks) {
    if (!disk.instanceId) continue;
    let group = groups.get(disk.instanceId);
    if (!group) groups.set(disk.instanceId, (group = []));
    group.push(disk);
  }
  for (const group of groups.values()) group.sort(compareInstanceDisks);
  return groups;
}

/**
 * What a filter keeps of one instance. Each term must be found in the instance (name, id) or in
 * the disk (see diskMatches): "web-01" keeps every disk of web-01, "web-01 data" only its disks
 * that also match "data". An instance stays when it matches alone or keeps a disk.
 */
export function filterInstance(
  instance: Pick<Instance, 'instanceId' | 'instanceName'>,
  disks: readonly Disk[] | undefined,
  terms: readonly string[],
): { visible: boolean; disks: Disk[] | undefined } {
  if (terms.length === 0) return { visible: true, disks: disks && [...disks] };
  const fields = [instance.instanceName.toLowerCase(), instance.instanceId.toLowerCase()];
  const left = terms.filter((term) => !fields.some((field) => field.includes(term)));
  const kept = disks?.filter((disk) => diskMatches(disk, left));
  return { visible: left.length === 0 || (kept?.length ?? 0) > 0, disks: kept };
}

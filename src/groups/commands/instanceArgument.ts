// What a server-level command was invoked on: an instance node of the tree, a snapshot group node
// (or one of its member rows), a plain object { regionId?, instanceId?, groupId? } (scripts,
// tests), or nothing (palette). Duck-typed, as diskArgument.ts, so the tree can evolve alone.
import type { Instance } from '../../ecs/gateway';

export interface GivenInstance {
  regionId?: string;
  instanceId?: string;
  /** The instance as the tree loaded it (state, locks), when the node carried it. */
  instance?: Instance;
  groupId?: string;
}

export function instanceFromArgument(arg: unknown): GivenInstance {
  if (!arg || typeof arg !== 'object') return {};
  const node = arg as { region?: { regionId?: unknown }; instance?: unknown; group?: { snapshotGroupId?: unknown }; parent?: unknown; regionId?: unknown; instanceId?: unknown; groupId?: unknown };
  // A member row of a group: its group decides.
  if (node.parent && typeof node.parent === 'object' && (node.parent as { group?: unknown }).group) return instanceFromArgument(node.parent);
  const regionId = typeof node.region?.regionId === 'string' ? node.region.regionId : typeof node.regionId === 'string' ? node.regionId : undefined;
  const instance = isInstance(node.instance) ? node.instance : undefined;
  const instanceId = instance?.instanceId ?? (typeof node.instanceId === 'string' ? node.instanceId : undefined);
  const groupId = typeof node.group?.snapshotGroupId === 'string' ? node.group.snapshotGroupId : typeof node.groupId === 'string' ? node.groupId : undefined;
  return { regionId, instanceId, instance, groupId };
}

function isInstance(value: unknown): value is Instance {
  if (!value || typeof value !== 'object') return false;
  const i = value as Partial<Instance>;
  return typeof i.instanceId === 'string' && typeof i.status === 'string' && Array.isArray(i.lockReasons);
}

// What the create flow has gathered so far. Steps read it to prefill their box and write the
// answer back, which is how Back keeps what was typed.
import type { Disk } from '../../ecs/gateway';
import type { SnapshotTag } from '../../snapshot/rules';

export interface DiskChoice {
  disk: Disk;
  /** Name of the instance the disk is attached to, when known (helps recognise the disk). */
  instanceName?: string;
  /** LockReason values of that instance (empty when detached or unknown). */
  instanceLocks: readonly string[];
}

export interface CreateFlowState {
  /** Given by the tree, or picked in the first step. */
  target?: DiskChoice;
  /** True when the disk came with the command (the tree), so the disk step is left out. */
  diskGiven: boolean;
  /** The snapshot name; the proposal for the disk until the user types something else. */
  name: string;
  /** The name proposed for the current disk; when `name` still equals it, a new disk gets a new one. */
  proposedName: string;
  description: string;
  /** As typed: '' keeps the snapshot until deleted. */
  retentionDays: string;
  tags: SnapshotTag[];
}

export interface FlowDefaults {
  /** ecsSnapshots.snapshot.defaultRetentionDays (undefined/null: keep until deleted). */
  retentionDays?: number | null;
  /** ecsSnapshots.snapshot.defaultTags, in the order the settings list them. */
  tags?: Readonly<Record<string, string>>;
  /** Given by a command's arguments: prefilled instead of the proposal. */
  name?: string;
  description?: string;
}

export function initialState(target: DiskChoice | undefined, defaults: FlowDefaults): CreateFlowState {
  return {
    target,
    diskGiven: target !== undefined,
    name: defaults.name ?? '',
    proposedName: '',
    description: defaults.description ?? '',
    retentionDays: defaults.retentionDays == null ? '' : String(defaults.retentionDays),
    tags: Object.entries(defaults.tags ?? {}).map(([key, value]) => ({ key, value: String(value) })),
  };
}

// How a disk reads in the tree: label, one-line description, tooltip and whether a snapshot can
// be made right now. Pure (no `vscode`), so the rules are unit-tested and reused by the create flow.
import * as l10n from '@vscode/l10n';
import type { Disk } from '../ecs/gateway';
import { formatDateTime } from './timeText';
import { diskIcon, type IconSpec } from './treeIcons';

/** ECS's category ids in the words of the console. */
export function categoryName(category: string, performanceLevel?: string): string {
  switch (category) {
    case 'cloud_essd':
      return performanceLevel ? `ESSD ${performanceLevel}` : 'ESSD';
    case 'cloud_auto':
      return 'ESSD AutoPL';
    case 'cloud_essd_entry':
      return 'ESSD Entry';
    case 'cloud_regional_disk_auto':
      return l10n.t('Regional ESSD');
    case 'cloud_efficiency':
      return l10n.t('Ultra Disk');
    case 'cloud_ssd':
      return l10n.t('Standard SSD');
    case 'cloud':
      return l10n.t('Basic Disk');
    case 'elastic_ephemeral_disk_standard':
      return l10n.t('Elastic Ephemeral Disk (Standard)');
    case 'elastic_ephemeral_disk_premium':
      return l10n.t('Elastic Ephemeral Disk (Premium)');
    case 'ephemeral_ssd':
    case 'local_ssd_pro':
      return l10n.t('Local SSD');
    case 'local_hdd_pro':
      return l10n.t('Local HDD');
    default:
      return category || l10n.t('Unknown category');
  }
}

/** ECS's status ids as words; transitional states end with an ellipsis. */
export function diskStatusWord(status: string): string {
  switch (status) {
    case 'In_use':
      return l10n.t('In use');
    case 'Available':
      return l10n.t('Available');
    case 'Attaching':
      return l10n.t('Attaching...');
    case 'Detaching':
      return l10n.t('Detaching...');
    case 'Creating':
      return l10n.t('Creating...');
    case 'ReIniting':
      return l10n.t('Re-initializing...');
    default:
      return status || l10n.t('Unknown status');
  }
}

/** The disk's name, or its id when it has none. */
export function diskLabel(disk: Pick<Disk, 'diskId' | 'diskName'>): string {
  return disk.diskName.trim() || disk.diskId;
}

export type BlockerKind = 'securityLock' | 'status' | 'creating';

/** Why CreateSnapshot would be refused for this disk now. */
export interface DiskBlocker {
  kind: BlockerKind;
  /** A sentence for tooltips and messages. */
  reason: string;
  /** A few words for the description line; empty when the status word already says it. */
  short: string;
}

const SECURITY = 'security';

/**
 * The reason CreateSnapshot cannot work on `disk` now, or undefined when it can.
 * @param instanceLocks LockReason values of the instance the disk is attached to (empty when
 *   detached or unknown).
 * @param creating a snapshot of this disk is still being created (tracked, or seen as progressing).
 */
export function diskBlocker(disk: Disk, instanceLocks: readonly string[], creating: boolean): DiskBlocker | undefined {
  if (disk.lockReasons.includes(SECURITY)) {
    return { kind: 'securityLock', reason: l10n.t('The disk is locked for security reasons; ECS refuses every operation on it.'), short: l10n.t('security lock') };
  }
  if (instanceLocks.includes(SECURITY)) {
    return {
      kind: 'securityLock',
      reason: l10n.t('Instance {0} is locked for security reasons; ECS refuses every operation on its disks.', disk.instanceId ?? ''),
      short: l10n.t('instance security lock'),
    };
  }
  if (disk.status !== 'In_use' && disk.status !== 'Available') {
    return {
      kind: 'status',
      reason: l10n.t('The disk is {0}; a snapshot needs it In use or Available.', diskStatusWord(disk.status)),
      short: '',
    };
  }
  if (creating) {
    return { kind: 'creating', reason: l10n.t('A snapshot of this disk is still being created; ECS allows one at a time.'), short: l10n.t('snapshot in progress') };
  }
  return undefined;
}

/** The reason text only (what the create flow shows before sending anything). */
export function snapshotBlocker(disk: Disk, instanceLocks: readonly string[], creating: boolean): string | undefined {
  return diskBlocker(disk, instanceLocks, creating)?.reason;
}

/** `disk.ready` (menus offer Create Snapshot inline) or `disk.blocked.<kind>`. */
export function diskContextValue(blocker: DiskBlocker | undefined): string {
  return blocker ? `disk.blocked.${blocker.kind}` : 'disk.ready';
}

/** e.g. `40 GiB · ESSD PL1 · In use · i-bp1...` (+ the blocker in a few words). */
export function diskDescription(disk: Disk, blocker?: DiskBlocker): string {
  const parts = [l10n.t('{0} GiB', disk.sizeGiB), categoryName(disk.category, disk.performanceLevel), diskStatusWord(disk.status)];
  if (disk.instanceId) parts.push(disk.instanceId);
  if (blocker?.short) parts.push(blocker.short);
  return parts.join(' · ');
}

/**
 * What a disk's row shows. A refresh asks for every loaded disk's row (100,000 in a big region),
 * so the texts are built once per disk object and blocker state, and reused while neither changes.
 */
export interface DiskRow {
  readonly disk: Disk;
  readonly creating: boolean;
  readonly instanceLocked: boolean;
  readonly blocker: DiskBlocker | undefined;
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
  readonly icon: IconSpec;
  /** What a screen reader says: label, description and the blocker's reason. */
  readonly accessibilityLabel: string;
}

/** `previous` when it still describes `disk` in this state, else the row built anew. */
export function diskRow(previous: DiskRow | undefined, disk: Disk, instanceLocks: readonly string[], creating: boolean): DiskRow {
  const instanceLocked = instanceLocks.includes(SECURITY);
  if (previous && previous.disk === disk && previous.creating === creating && previous.instanceLocked === instanceLocked) return previous;
  const blocker = diskBlocker(disk, instanceLocks, creating);
  const label = diskLabel(disk);
  const description = diskDescription(disk, blocker);
  return {
    disk,
    creating,
    instanceLocked,
    blocker,
    label,
    description,
    contextValue: diskContextValue(blocker),
    icon: diskIcon(disk, blocker),
    accessibilityLabel: `${label}, ${description}${blocker ? `, ${blocker.reason}` : ''}`,
  };
}

/** Markdown for the tooltip: every field a user might look up, plus why a snapshot is blocked. */
export function diskTooltipMarkdown(disk: Disk, blocker?: DiskBlocker): string {
  const rows: [string, string][] = [
    [l10n.t('ID'), code(disk.diskId)],
    [l10n.t('Type'), disk.type === 'system' ? l10n.t('System disk') : l10n.t('Data disk')],
    [l10n.t('Category'), categoryName(disk.category, disk.performanceLevel)],
    [l10n.t('Size'), l10n.t('{0} GiB', disk.sizeGiB)],
    [l10n.t('Status'), diskStatusWord(disk.status)],
    [l10n.t('Zone'), code(disk.zoneId)],
  ];
  if (disk.instanceId) {
    rows.push([l10n.t('Instance'), disk.device ? `${code(disk.instanceId)} ${l10n.t('as')} ${code(disk.device)}` : code(disk.instanceId)]);
  }
  if (disk.encrypted !== undefined) rows.push([l10n.t('Encrypted'), disk.encrypted ? l10n.t('Yes') : l10n.t('No')]);
  if (disk.portable !== undefined) rows.push([l10n.t('Detachable'), disk.portable ? l10n.t('Yes') : l10n.t('No')]);
  if (disk.creationTime) rows.push([l10n.t('Created'), formatDateTime(disk.creationTime)]);
  if (disk.tags.length) rows.push([l10n.t('Tags'), disk.tags.map((t) => code(t.value ? `${t.key}=${t.value}` : t.key)).join(' ')]);
  if (disk.lockReasons.length) rows.push([l10n.t('Locks'), disk.lockReasons.map(code).join(' ')]);
  if (disk.description.trim()) rows.push([l10n.t('Description'), escapeMarkdown(disk.description.trim())]);

  const lines = [`**${escapeMarkdown(diskLabel(disk))}**`, ''];
  for (const [name, value] of rows) lines.push(`${name}: ${value}  `);
  lines.push('');
  lines.push(blocker ? `$(circle-slash) ${escapeMarkdown(blocker.reason)}` : `$(check) ${l10n.t('A snapshot can be created now.')}`);
  return lines.join('\n');
}

/** Inline code that survives backticks in the value. */
export function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  return `${fence}${value.replace(/[\r\n]+/g, ' ')}${fence}`;
}

/** Escapes the characters that would turn user text (names, descriptions) into markup. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_{}[\]()#+\-.!|<>$~]/g, (ch) => `\\${ch}`).replace(/[\r\n]+/g, ' ');
}

// How an instance and the "Unattached disks" group read in the tree by instance. Pure (no
// `vscode`), so the texts are unit-tested; the provider turns them into TreeItems.
import * as l10n from '@vscode/l10n';
import type { Instance } from '../ecs/gateway';
import { code, escapeMarkdown } from './diskText';
import { instanceLock, instanceState } from './instanceGrouping';
import type { IconSpec } from './treeIcons';

/** ECS's instance states as words; transitional ones end with an ellipsis. */
export function instanceStatusWord(status: string): string {
  switch (status) {
    case 'Running':
      return l10n.t('Running');
    case 'Stopped':
      return l10n.t('Stopped');
    case 'Starting':
      return l10n.t('Starting...');
    case 'Stopping':
      return l10n.t('Stopping...');
    case 'Pending':
      return l10n.t('Pending...');
    default:
      return status || l10n.t('Unknown status');
  }
}

export function instanceLabel(instance: Pick<Instance, 'instanceId' | 'instanceName'>): string {
  return instance.instanceName.trim() || instance.instanceId;
}

function lockWords(instance: Pick<Instance, 'lockReasons'>): string | undefined {
  switch (instanceLock(instance)) {
    case 'security':
      return l10n.t('security lock');
    case 'financial':
      return l10n.t('overdue payment lock');
    default:
      return undefined;
  }
}

/** e.g. `Running · i-bp1… · cn-hangzhou-h` (+ a lock in a few words). The id shows when a name hides it. */
export function instanceDescription(instance: Instance): string {
  const parts = [instanceStatusWord(instance.status)];
  if (instance.instanceName.trim()) parts.push(instance.instanceId);
  if (instance.zoneId) parts.push(instance.zoneId);
  const lock = lockWords(instance);
  if (lock) parts.push(lock);
  return parts.join(' · ');
}

/** Markdown with every fact the row has; `diskCount` when its disks are known. */
export function instanceTooltipMarkdown(instance: Instance, diskCount: number | undefined): string {
  const rows: [string, string][] = [
    [l10n.t('ID'), code(instance.instanceId)],
    [l10n.t('Status'), instanceStatusWord(instance.status)],
  ];
  if (instance.zoneId) rows.push([l10n.t('Zone'), code(instance.zoneId)]);
  if (diskCount !== undefined) rows.push([l10n.t('Disks'), String(diskCount)]);
  if (instance.lockReasons.length) rows.push([l10n.t('Locks'), instance.lockReasons.map(code).join(' ')]);
  const lines = [`**${escapeMarkdown(instanceLabel(instance))}**`, ''];
  for (const [name, value] of rows) lines.push(`${name}: ${value}  `);
  switch (instanceLock(instance)) {
    case 'security':
      lines.push('', `$(lock) ${l10n.t('Locked for security reasons: ECS refuses every operation on this instance and its disks.')}`);
      break;
    case 'financial':
      lines.push('', `$(lock) ${l10n.t('Locked for an overdue payment: ECS refuses changes to this instance until the account is settled.')}`);
      break;
  }
  return lines.join('\n');
}

export function instanceIcon(instance: Pick<Instance, 'status' | 'lockReasons'>): IconSpec {
  const lock = instanceLock(instance);
  if (lock === 'security') return { id: 'lock', color: 'problemsErrorIcon.foreground' };
  if (lock === 'financial') return { id: 'lock', color: 'problemsWarningIcon.foreground' };
  switch (instanceState(instance.status)) {
    case 'running':
      return { id: 'vm-running', color: 'testing.iconPassed' };
    case 'stopped':
      return { id: 'vm-outline', color: 'disabledForeground' };
    default:
      return { id: 'sync~spin', color: 'charts.blue' };
  }
}

export function unattachedLabel(): string {
  return l10n.t('Unattached disks');
}

/** `3` or `3+` when more disk pages may hold others. */
export function unattachedDescription(count: number, more: boolean): string {
  return more ? l10n.t('{0}+ loaded', count) : String(count);
}

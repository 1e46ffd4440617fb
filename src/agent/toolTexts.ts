// What the agent tools say: short, factual text an agent can act on (ids, states, the next step),
// and the confirmation the user sees before a snapshot is created. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { BackupArguments, BackupResult, SnapshotStatusReport } from '../automation/backupApi';
import { hasPlaceholders } from '../automation/backupArguments';
import { diskBlocker, diskDescription, diskLabel } from '../view/diskText';
import { retentionText, snapshotDescription, snapshotLabel } from '../view/snapshotText';
import { formatDateTime } from '../view/timeText';
import type { DiskList } from './diskListing';
import { CREATE_SNAPSHOT_TOOL, LIST_DISKS_TOOL, SNAPSHOT_STATUS_TOOL } from './toolNames';

/** The settings that fill in what the agent left out (ecsSnapshots.snapshot.* and quickBackup.*). */
export interface CreateDefaults {
  defaultRetentionDays: number | null;
  quickBackupRetentionDays: number | null;
  quickBackupNameTemplate: string;
  /** The configured region, when known. */
  regionId?: string;
}

export interface Confirmation {
  title: string;
  /** Markdown. */
  message: string;
}

/** Names the disk, the snapshot's name and its retention exactly as they will be sent. */
export function createConfirmation(args: BackupArguments, quick: boolean, defaults: CreateDefaults): Confirmation {
  const disk = args.disk ?? '';
  const region = args.region ?? defaults.regionId;
  const retention = args.retentionDays !== undefined ? args.retentionDays : quick ? defaults.quickBackupRetentionDays : defaults.defaultRetentionDays;
  const name = args.name
    ? hasPlaceholders(args.name)
      ? l10n.t('Name: {0} (placeholders filled in when sent)', code(args.name))
      : l10n.t('Name: {0}', code(args.name))
    : quick
      ? l10n.t('Name: from the Quick Backup template {0}', code(defaults.quickBackupNameTemplate))
      : l10n.t('Name: none (ECS shows the snapshot ID)');
  const lines = [
    region ? l10n.t('Disk: {0} in {1}', code(disk), region) : l10n.t('Disk: {0}', code(disk)),
    name,
    l10n.t('Retention: {0}', retentionText(retention ?? undefined)),
  ];
  if (args.description) lines.push(l10n.t('Description: {0}', args.description));
  const tags = tagList(args.tags);
  if (tags.length) lines.push(l10n.t('Tags: {0}', tags.map(code).join(' ')));
  if (quick) lines.push(l10n.t('Tagged as a Quick Backup.'));
  lines.push('', l10n.t('One CreateSnapshot request is sent (one ClientToken) and the snapshot is tracked in the status bar.'));
  return {
    title: quick ? l10n.t('Take a Quick Backup of disk {0}?', disk) : l10n.t('Create a snapshot of disk {0}?', disk),
    message: lines.join('  \n'),
  };
}

export function creatingMessage(args: BackupArguments, quick: boolean): string {
  return quick ? l10n.t('Taking a Quick Backup of disk {0}', args.disk ?? '') : l10n.t('Creating a snapshot of disk {0}', args.disk ?? '');
}

export function invalidInputText(message: string): string {
  return l10n.t('Nothing was sent: {0}', message);
}

export function backupResultText(result: BackupResult): string {
  if (result.ok) {
    const name = result.snapshotName ? ` (${result.snapshotName})` : '';
    const state =
      result.reached === 'ready'
        ? l10n.t('It is usable now (instant access or accomplished).')
        : l10n.t('ECS accepted it and is creating it; it is tracked in the status bar.');
    return [
      l10n.t('Snapshot {0}{1} of disk {2} ({3}) in {4}.', result.snapshotId, name, result.diskName, result.diskId, result.regionId),
      state,
      result.reached === 'ready'
        ? l10n.t('Next: go ahead with the change.')
        : l10n.t('Next: call {0} with snapshotId {1} until it says usable, before starting a risky change.', SNAPSHOT_STATUS_TOOL, result.snapshotId),
    ].join('\n');
  }
  const code = result.code ? ` (${result.code})` : '';
  switch (result.kind) {
    case 'invalidArguments':
    case 'notConnected':
    case 'blocked':
      return invalidInputText(result.message);
    case 'diskNotFound':
    case 'diskAmbiguous':
      return `${invalidInputText(result.message)}\n${l10n.t('Next: call {0} to find the disk, then pass its ID.', LIST_DISKS_TOOL)}`;
    case 'refused':
      return result.snapshotId
        ? l10n.t('Snapshot {0} failed: {1}{2}', result.snapshotId, result.message, code)
        : l10n.t('ECS refused the snapshot: {0}{1}', result.message, code);
    case 'cancelled':
      return result.snapshotId
        ? l10n.t('Stopped waiting; snapshot {0} is still being created and stays tracked in the status bar.', result.snapshotId)
        : l10n.t('Cancelled: {0}', result.message);
  }
}

export function statusText(report: SnapshotStatusReport): string {
  if (report.status === 'notFound') {
    return l10n.t('No snapshot {0} in region {1}. Check the ID and the region.', report.snapshotId, report.regionId);
  }
  const name = report.snapshotName ? ` (${report.snapshotName})` : '';
  const lines = [l10n.t('Snapshot {0}{1} in {2}:', report.snapshotId, name, report.regionId)];
  const facts = [statusWord(report)];
  facts.push(report.usable ? l10n.t('usable (instant access or accomplished)') : l10n.t('not usable yet'));
  facts.push(retentionText(report.retentionDays));
  if (report.diskId) facts.push(l10n.t('disk {0}', report.diskId));
  if (report.createdAt) facts.push(l10n.t('created {0}', formatDateTime(report.createdAt)));
  lines.push(facts.join('; ') + '.');
  if (report.status === 'failed') lines.push(l10n.t('Next: take a new snapshot with {0}.', CREATE_SNAPSHOT_TOOL));
  else if (!report.usable) lines.push(l10n.t('Next: ask again in a minute.'));
  return lines.join('\n');
}

function statusWord(report: SnapshotStatusReport): string {
  switch (report.status) {
    case 'progressing':
      return l10n.t('progressing, {0}%', Math.round(report.progress));
    case 'accomplished':
      return l10n.t('accomplished');
    case 'failed':
      return l10n.t('failed');
    default:
      return report.status;
  }
}

export function diskListText(list: DiskList, filter: string | undefined): string {
  const lines: string[] = [];
  if (list.disks.length === 0) {
    lines.push(filter ? l10n.t('No disk in {0} matches "{1}".', list.regionId, filter) : l10n.t('No disks in {0}.', list.regionId));
  } else {
    lines.push(
      filter
        ? l10n.t('{0} disks in {1} matching "{2}":', list.disks.length, list.regionId, filter)
        : l10n.t('{0} disks in {1}:', list.disks.length, list.regionId),
    );
  }
  for (const { disk, recent, moreSnapshots } of list.disks) {
    const creating = recent.some((s) => s.status === 'progressing');
    const blocker = diskBlocker(disk, [], creating);
    lines.push(`- ${diskLabel(disk)} (${disk.diskId}, ${disk.type}): ${diskDescription(disk)}`);
    if (blocker) lines.push(`  ${l10n.t('Cannot be snapshotted now: {0}', blocker.reason)}`);
    if (recent.length === 0) lines.push(`  ${l10n.t('No snapshots.')}`);
    for (const snapshot of recent) lines.push(`  ${snapshotLabel(snapshot)} (${snapshot.snapshotId}): ${snapshotDescription(snapshot)}`);
    if (moreSnapshots) lines.push(`  ${l10n.t('(older snapshots not shown)')}`);
  }
  if (list.cursor !== undefined) {
    lines.push(l10n.t('Truncated: more disks may match. Call {0} again with cursor "{1}" (and the same region and filter).', LIST_DISKS_TOOL, list.cursor));
  }
  return lines.join('\n');
}

function tagList(tags: BackupArguments['tags']): string[] {
  if (!tags) return [];
  const pairs = Array.isArray(tags) ? tags.map((t) => [t.key, t.value ?? ''] as const) : Object.entries(tags);
  return pairs.map(([key, value]) => (value ? `${key}=${value}` : key));
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

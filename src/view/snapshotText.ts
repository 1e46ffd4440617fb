// How a snapshot reads under its disk. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { Snapshot } from '../ecs/gateway';
import { code, escapeMarkdown } from './diskText';
import { formatDateTime, timeValue } from './timeText';

export function snapshotLabel(snapshot: Pick<Snapshot, 'snapshotId' | 'snapshotName'>): string {
  return snapshot.snapshotName.trim() || snapshot.snapshotId;
}

export function snapshotStatusWord(snapshot: Pick<Snapshot, 'status' | 'progress'>): string {
  switch (snapshot.status) {
    case 'progressing':
      return l10n.t('Creating {0}%', Math.max(0, Math.min(100, Math.round(snapshot.progress))));
    case 'accomplished':
      return l10n.t('Ready');
    case 'failed':
      return l10n.t('Failed');
    default:
      return snapshot.status || l10n.t('Unknown status');
  }
}

export function retentionText(retentionDays: number | undefined): string {
  return retentionDays ? l10n.t('kept {0} days', retentionDays) : l10n.t('kept until deleted');
}

/** e.g. `Ready · instant access · kept 7 days · Nov 27, 2026, 3:05 PM`. */
export function snapshotDescription(snapshot: Snapshot): string {
  const parts = [snapshotStatusWord(snapshot)];
  if (snapshot.available) parts.push(l10n.t('instant access'));
  parts.push(retentionText(snapshot.retentionDays));
  if (snapshot.creationTime) parts.push(formatDateTime(snapshot.creationTime));
  return parts.join(' · ');
}

/** A snapshot still being created cannot be deleted (ECS refuses); menus offer Delete only on the rest. */
export function snapshotContextValue(snapshot: Pick<Snapshot, 'status'>): string {
  return snapshot.status === 'progressing' ? 'snapshot.busy' : 'snapshot.deletable';
}

export function snapshotTooltipMarkdown(snapshot: Snapshot): string {
  const rows: [string, string][] = [
    [l10n.t('ID'), code(snapshot.snapshotId)],
    [l10n.t('Status'), snapshotStatusWord(snapshot)],
  ];
  if (snapshot.status === 'progressing' && snapshot.remainTime !== undefined) {
    rows.push([l10n.t('Time left'), l10n.t('about {0} s', snapshot.remainTime)]);
  }
  if (snapshot.available !== undefined) rows.push([l10n.t('Instant access'), snapshot.available ? l10n.t('Yes') : l10n.t('Not yet')]);
  rows.push([l10n.t('Retention'), retentionText(snapshot.retentionDays)]);
  if (snapshot.snapshotType) rows.push([l10n.t('Type'), snapshot.snapshotType === 'auto' ? l10n.t('Automatic') : l10n.t('Manual')]);
  rows.push([l10n.t('Source disk'), code(snapshot.sourceDiskId)]);
  if (snapshot.sourceDiskSizeGiB !== undefined) rows.push([l10n.t('Source size'), l10n.t('{0} GiB', snapshot.sourceDiskSizeGiB)]);
  if (snapshot.creationTime) rows.push([l10n.t('Created'), formatDateTime(snapshot.creationTime)]);
  if (snapshot.tags.length) rows.push([l10n.t('Tags'), snapshot.tags.map((t) => code(t.value ? `${t.key}=${t.value}` : t.key)).join(' ')]);
  if (snapshot.description.trim()) rows.push([l10n.t('Description'), escapeMarkdown(snapshot.description.trim())]);
  const lines = [`**${escapeMarkdown(snapshotLabel(snapshot))}**`, ''];
  for (const [name, value] of rows) lines.push(`${name}: ${value}  `);
  return lines.join('\n');
}

/** Newest first; snapshots without a readable time go last, ties keep the API's order. */
export function newestFirst(snapshots: readonly Snapshot[]): Snapshot[] {
  return snapshots
    .map((s, i) => ({ s, i, t: timeValue(s.creationTime) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map((x) => x.s);
}

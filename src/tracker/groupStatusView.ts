// The server-level operations' share of the status-bar item: "$(sync~spin) web-01 · 3 disks · 57%"
// for a group backup, "$(history) web-01 · resetting 2/3" for an instance rollback, their failures
// and short success states, and their tooltip section. Pure, so every form is unit-tested.
import * as l10n from '@vscode/l10n';
import { isGroupBackupFinished, type GroupBackupState } from '../groups/groupBackupState';
import { describeInstanceRollbackFailure, groupBackupOutcome, groupBackupProgressText, instanceRollbackPhaseText } from '../groups/groupTexts';
import { isInstanceRollbackFinished, type InstanceRollbackState } from '../groups/instanceRollbackState';
import { formatDuration, md, ROLLBACK_SUCCESS_MS, shorten, type StatusLead } from './statusView';

export interface GroupOperationsView {
  backups: readonly GroupBackupState[];
  rollbacks: readonly InstanceRollbackState[];
}

export const NO_GROUP_OPERATIONS: GroupOperationsView = { backups: [], rollbacks: [] };

const MAX_ROWS = 10;

export function describeGroupLead(groups: GroupOperationsView, now: number): StatusLead | undefined {
  const { backups, rollbacks } = groups;
  if (backups.length === 0 && rollbacks.length === 0) return undefined;
  const activeRollbacks = rollbacks.filter((r) => !isInstanceRollbackFinished(r.phase));
  const activeBackups = backups.filter((b) => !isGroupBackupFinished(b.phase));
  const failed = [
    ...rollbacks.filter((r) => r.phase === 'failed' && !r.acknowledged).map((r) => l10n.t('$(error) {0}: rollback failed', shorten(r.request.instanceName))),
    ...backups.filter((b) => (b.phase === 'failed' || b.phase === 'refused') && !b.acknowledged).map((b) => l10n.t('$(error) {0}: group backup failed', shorten(b.request.instanceName))),
  ];
  const recent = (at: number | undefined) => now - (at ?? 0) < ROLLBACK_SUCCESS_MS;
  const done = [
    ...rollbacks.filter((r) => r.phase === 'done' && recent(r.finishedAt)).map((r) => l10n.t('$(check) {0} rolled back', shorten(r.request.instanceName))),
    ...backups.filter((b) => b.phase === 'ready' && recent(b.finishedAt)).map((b) => l10n.t('$(check) {0} backed up', shorten(b.request.instanceName))),
  ];
  const parts: string[] = [];
  if (activeRollbacks.length > 0) {
    const first = activeRollbacks[0];
    parts.push(withMore(l10n.t('$(history) {0} · {1}', shorten(first.request.instanceName), instanceRollbackPhaseText(first)), activeRollbacks.length));
  }
  if (activeBackups.length > 0) {
    const first = activeBackups[0];
    parts.push(withMore(l10n.t('$(sync~spin) {0} · {1}', shorten(first.request.instanceName), groupBackupProgressText(first)), activeBackups.length));
  }
  if (parts.length === 0 && failed.length > 0) parts.push(failed.length === 1 ? failed[0] : l10n.t('$(error) {0} server operations failed', failed.length));
  if (parts.length === 0 && done.length > 0) parts.push(done[0]);
  return {
    text: parts.length > 0 ? parts.reduce((all, next) => l10n.t('{0} · {1}', all, next)) : undefined,
    tooltip: tooltip(groups, now),
    failed: failed.length > 0,
    active: activeRollbacks.length + activeBackups.length > 0,
    justDone: done.length > 0,
  };
}

function withMore(text: string, count: number): string {
  return count > 1 ? l10n.t('{0} · +{1}', text, count - 1) : text;
}

function tooltip(groups: GroupOperationsView, now: number): string {
  const parts: string[] = [];
  if (groups.rollbacks.length > 0) {
    parts.push(`**${l10n.t('Instance rollbacks')}**`);
    parts.push(
      groups.rollbacks
        .slice(0, MAX_ROWS)
        .map((r) => {
          const head = `**${md(r.request.instanceName)}** → ${md(r.request.groupName)}`;
          if (r.phase === 'failed') return `- $(error) ${head}: ${md(describeInstanceRollbackFailure(r))}`;
          if (r.phase === 'done') return `- $(check) ${head}: ${md(l10n.t('rolled back in {0}', formatDuration((r.finishedAt ?? now) - r.startedAt)))}`;
          return `- $(history) ${head}: ${md(instanceRollbackPhaseText(r))} · ${formatDuration(now - r.startedAt)}`;
        })
        .join('\n'),
    );
  }
  if (groups.backups.length > 0) {
    parts.push(`**${l10n.t('Group backups')}**`);
    parts.push(
      groups.backups
        .slice(0, MAX_ROWS)
        .map((b) => {
          const head = `**${md(b.request.instanceName)}**${b.groupId ? ` · \`${b.groupId}\`` : ''}`;
          if (b.phase === 'ready') return `- $(check) ${head}: ${md(l10n.t('ready in {0}', formatDuration((b.finishedAt ?? now) - b.startedAt)))}`;
          if (b.phase === 'failed' || b.phase === 'refused') return `- $(error) ${head}: ${md(groupBackupOutcome(b))}`;
          return `- $(sync~spin) ${head}: ${md(groupBackupProgressText(b))} · ${formatDuration(now - b.startedAt)}`;
        })
        .join('\n'),
    );
  }
  return parts.join('\n\n');
}

// What the status-bar item says: text, tone and Markdown tooltip, computed from the tracked
// operations. Pure, so every form of the text is unit-tested.
import * as l10n from '@vscode/l10n';
import { describeTrackedError, isSeriousPollError } from './errorText';
import { shownProgress, shownRemainTime } from './progressEstimate';
import { isOutcomeUnknown, isProblem, NOT_FOUND_CODE, type TrackedOperation } from './trackedOperation';
import { describeRollbackFailure, rollbackPhaseText } from '../rollback/rollbackTexts';
import { isRollbackFinished, type RollbackState } from '../rollback/rollbackState';
import { describeGroupLead, NO_GROUP_OPERATIONS, type GroupOperationsView } from './groupStatusView';

export type StatusTone = 'normal' | 'success' | 'warning' | 'error';

export interface StatusView {
  visible: boolean;
  text: string;
  /** Markdown (with $(icon) syntax). */
  tooltip: string;
  tone: StatusTone;
}

const MAX_NAME = 24;
const MAX_ROWS = 10;

/** A finished rollback shows "$(check) … rolled back" this long. */
export const ROLLBACK_SUCCESS_MS = 5_000;

/** One kind of operation's share of the item: its leading text, its tooltip section and its state. */
export interface StatusLead {
  text?: string;
  tooltip: string;
  failed: boolean;
  active: boolean;
  justDone: boolean;
}

/**
 * @param recentlyReady snapshots that completed in the last few seconds (the short success state).
 * @param rollbacks the rollback operations: one in progress leads the text with its phase.
 * @param groups the server-level operations (group backups, instance rollbacks): they lead first.
 */
export function describeStatus(
  ops: readonly TrackedOperation[],
  now: number,
  recentlyReady = 0,
  rollbacks: readonly RollbackState[] = [],
  groups: GroupOperationsView = NO_GROUP_OPERATIONS,
): StatusView {
  const snapshots = describeSnapshotStatus(ops, now, recentlyReady);
  const leads = [describeGroupLead(groups, now), rollbacks.length > 0 ? describeRollbackLead(rollbacks, now) : undefined].filter((l): l is StatusLead => l !== undefined);
  if (leads.length === 0) {
    return snapshots;
  }
  const tooltipText = [...leads.map((l) => l.tooltip), snapshots.tooltip].join('\n\n');
  const texts = leads.flatMap((l) => (l.text ? [l.text] : []));
  if (texts.length === 0) {
    return { ...snapshots, tooltip: tooltipText };
  }
  let text = texts.reduce((all, next) => l10n.t('{0} · {1}', all, next));
  if (snapshots.visible && snapshots.text) {
    text = l10n.t('{0} · {1}', text, snapshots.text);
  }
  const failed = leads.some((l) => l.failed);
  const active = leads.some((l) => l.active);
  const justDone = leads.some((l) => l.justDone);
  const tone: StatusTone = failed || snapshots.tone === 'error' ? 'error' : snapshots.tone === 'warning' ? 'warning' : !active && justDone ? 'success' : 'normal';
  return { visible: true, text, tooltip: tooltipText, tone };
}

function describeRollbackLead(rollbacks: readonly RollbackState[], now: number): StatusLead {
  const active = rollbacks.filter((r) => !isRollbackFinished(r.phase));
  const failed = rollbacks.filter((r) => r.phase === 'failed' && !r.acknowledged);
  const justDone = rollbacks.filter((r) => r.phase === 'done' && now - (r.finishedAt ?? 0) < ROLLBACK_SUCCESS_MS);
  let text: string | undefined;
  if (active.length > 0) {
    text = l10n.t('$(history) {0} · {1}', shorten(active[0].request.diskName), rollbackPhaseText(active[0]));
    if (active.length > 1) text = l10n.t('{0} · +{1}', text, active.length - 1);
  } else if (failed.length > 0) {
    text = failed.length === 1 ? l10n.t('$(error) {0}: rollback failed', shorten(failed[0].request.diskName)) : l10n.t('$(error) {0} rollbacks failed', failed.length);
  } else if (justDone.length > 0) {
    text = l10n.t('$(check) {0} rolled back', shorten(justDone[0].request.diskName));
  }
  return { text, tooltip: rollbackTooltip(rollbacks, now), failed: failed.length > 0, active: active.length > 0, justDone: justDone.length > 0 };
}

function rollbackTooltip(rollbacks: readonly RollbackState[], now: number): string {
  const parts: string[] = [`**${l10n.t('Rollbacks')}**`];
  parts.push(
    rollbacks
      .slice(0, MAX_ROWS)
      .map((r) => {
        const head = `**${md(r.request.diskName)}** → ${md(r.request.snapshotName)}`;
        if (r.phase === 'failed') return `- $(error) ${head}: ${md(describeRollbackFailure(r))}`;
        if (r.phase === 'done') return `- $(check) ${head}: ${md(l10n.t('rolled back in {0}', formatDuration((r.finishedAt ?? now) - r.startedAt)))}`;
        return `- $(history) ${head}: ${md(rollbackPhaseText(r))} · ${formatDuration(now - r.startedAt)}`;
      })
      .join('\n'),
  );
  return parts.join('\n\n');
}

function describeSnapshotStatus(ops: readonly TrackedOperation[], now: number, recentlyReady: number): StatusView {
  const creating = ops.filter((op) => op.state === 'creating');
  const checking = ops.filter((op) => op.state === 'checking');
  const attention = ops.filter(needsAttention);
  const tone: StatusTone = attention.some((op) => op.state !== 'gone')
    ? 'error'
    : attention.length > 0
      ? 'warning'
      : creating.length === 0 && checking.length === 0 && recentlyReady > 0
        ? 'success'
        : 'normal';
  const visible = creating.length > 0 || checking.length > 0 || attention.length > 0 || recentlyReady > 0;
  return { visible, text: visible ? statusText(creating, checking, attention, recentlyReady, now) : '', tooltip: tooltip(ops, now), tone };
}

/** Unseen failures, and operations in progress that cannot be followed for a reason the user must fix. */
export function needsAttention(op: TrackedOperation): boolean {
  return (isProblem(op.state) && !op.acknowledged) || ((op.state === 'creating' || op.state === 'checking') && isSeriousPollError(op.pollError));
}

/**
 * Overall progress of several snapshots, weighted by disk size when ECS reported every size
 * (a 2 TiB disk at 10% is not "half done" next to a 20 GiB disk at 90%), else the plain average.
 */
export function overallProgress(creating: readonly TrackedOperation[], progressOf: (op: TrackedOperation) => number = (op) => op.progress): number {
  if (creating.length === 0) {
    return 0;
  }
  const sized = creating.every((op) => (op.sourceDiskSizeGiB ?? 0) > 0);
  const weight = (op: TrackedOperation) => (sized ? (op.sourceDiskSizeGiB as number) : 1);
  const total = creating.reduce((sum, op) => sum + weight(op), 0);
  return Math.floor(creating.reduce((sum, op) => sum + progressOf(op) * weight(op), 0) / total);
}

/** "62%", or "~62%" when it is an estimate between polls. */
function percent(value: number, estimated: boolean): string {
  return estimated ? l10n.t('~{0}%', value) : l10n.t('{0}%', value);
}

function statusText(creating: TrackedOperation[], checking: TrackedOperation[], attention: TrackedOperation[], recentlyReady: number, now: number): string {
  const problems = attention.filter((op) => op.state !== 'checking');
  const withProblems = (text: string) => (problems.length > 0 ? l10n.t('{0} · $(error) {1}', text, problems.length) : text);
  if (creating.length > 0) {
    const shown = creating.map((op) => shownProgress(op, now));
    const estimated = shown.some((p) => p.estimated);
    const value = creating.length === 1 ? shown[0].progress : overallProgress(creating, (op) => shown[creating.indexOf(op)].progress);
    const disk = shorten(creating[0].intent.diskName);
    let progress =
      creating.length === 1
        ? estimated
          ? l10n.t('$(sync~spin) {0} ~{1}%', disk, value)
          : l10n.t('$(sync~spin) {0} {1}%', disk, value)
        : estimated
          ? l10n.t('$(sync~spin) {0} snapshots · ~{1}%', creating.length, value)
          : l10n.t('$(sync~spin) {0} snapshots · {1}%', creating.length, value);
    if (checking.length > 0) {
      progress = l10n.t('{0} · $(search) {1}', progress, checking.length);
    }
    return withProblems(progress);
  }
  if (checking.length > 0) {
    const looking =
      checking.length === 1
        ? l10n.t('$(search) {0}: looking for the snapshot', shorten(checking[0].intent.diskName))
        : l10n.t('$(search) Looking for {0} snapshots', checking.length);
    return withProblems(looking);
  }
  if (attention.length === 1) {
    const op = attention[0];
    const disk = shorten(op.intent.diskName);
    switch (op.state) {
      case 'failed':
        return l10n.t('$(error) {0}: snapshot failed', disk);
      case 'refused':
        return isOutcomeUnknown(op.error) ? l10n.t('$(warning) {0}: snapshot may exist', disk) : l10n.t('$(error) {0}: snapshot not created', disk);
      case 'gone':
        return l10n.t('$(warning) {0}: snapshot no longer exists', disk);
    }
  }
  if (attention.length > 1) {
    return l10n.t('$(error) {0} snapshots need attention', attention.length);
  }
  return recentlyReady > 1 ? l10n.t('$(check) {0} snapshots ready', recentlyReady) : l10n.t('$(check) Snapshot ready');
}

function tooltip(ops: readonly TrackedOperation[], now: number): string {
  const creating = ops.filter((op) => op.state === 'creating');
  const checking = ops.filter((op) => op.state === 'checking');
  const problems = ops.filter((op) => isProblem(op.state));
  const ready = ops.filter((op) => op.state === 'ready');
  const parts: string[] = [];
  let anyEstimate = false;
  if (creating.length > 0) {
    parts.push(`**${l10n.t('Creating')}**`);
    parts.push(
      [
        `| ${l10n.t('Disk')} | ${l10n.t('Snapshot')} | ${l10n.t('Progress')} | ${l10n.t('Remaining')} | ${l10n.t('Elapsed')} |`,
        '|---|---|--:|--:|--:|',
        ...creating.slice(0, MAX_ROWS).map((op) => {
          const shown = shownProgress(op, now);
          const left = shownRemainTime(op, now);
          anyEstimate ||= shown.estimated || left?.estimated === true;
          const remaining = left ? `${left.estimated ? '~' : ''}${formatDuration(left.seconds * 1000)}` : '…';
          return `| ${md(op.intent.diskName)} | ${code(op.snapshotId)} | ${md(percent(shown.progress, shown.estimated))} | ${md(remaining)} | ${formatDuration(now - op.startedAt)} |`;
        }),
      ].join('\n'),
    );
    if (anyEstimate) {
      parts.push(`_${md(l10n.t('~ estimate from the last reading and the remaining time ECS gave; the next check corrects it.'))}_`);
    }
    const pollErrors = creating.filter((op) => op.pollError);
    if (pollErrors.length > 0) {
      parts.push(
        `$(warning) ${l10n.t('Progress could not be read: {0}. Retrying with growing pauses.', md(describeTrackedError(pollErrors[0].pollError!)))}`,
      );
    }
  }
  if (checking.length > 0) {
    parts.push(`**${l10n.t('Looking for')}**`);
    parts.push(checking.slice(0, MAX_ROWS).map((op) => `- $(search) **${md(op.intent.diskName)}**: ${md(outcomeText(op))}`).join('\n'));
  }
  if (problems.length > 0) {
    parts.push(`**${l10n.t('Failed')}**`);
    parts.push(problems.slice(0, MAX_ROWS).map((op) => `- ${problemLine(op)}`).join('\n'));
  }
  if (ready.length > 0) {
    parts.push(`**${l10n.t('Finished')}**`);
    parts.push(
      ready
        .slice(0, MAX_ROWS)
        .map((op) => `- $(check) **${md(op.intent.diskName)}** · ${code(op.snapshotId)} · ${l10n.t('ready in {0}', formatDuration((op.finishedAt ?? now) - op.startedAt))}`)
        .join('\n'),
    );
  }
  const hidden = Math.max(0, creating.length - MAX_ROWS) + Math.max(0, checking.length - MAX_ROWS) + Math.max(0, problems.length - MAX_ROWS) + Math.max(0, ready.length - MAX_ROWS);
  if (hidden > 0) {
    parts.push(l10n.t('…and {0} more.', hidden));
  }
  parts.push(`_${l10n.t('Click to see all tracked snapshots.')}_`);
  return parts.join('\n\n');
}

function problemLine(op: TrackedOperation): string {
  const head = `**${md(op.intent.diskName)}**${op.snapshotId ? ` · ${code(op.snapshotId)}` : ''}`;
  return `${op.state === 'gone' ? '$(warning)' : '$(error)'} ${head}: ${md(outcomeText(op))}`;
}

/** The one-line reason of a terminal outcome (also used by the list and notifications). */
export function outcomeText(op: TrackedOperation): string {
  switch (op.state) {
    case 'ready':
      return l10n.t('Snapshot ready.');
    case 'failed':
      return l10n.t('ECS reports the snapshot as failed.');
    case 'gone':
      return l10n.t('The snapshot no longer exists (deleted elsewhere, or its disk was released).');
    case 'refused':
      if (op.error?.code === NOT_FOUND_CODE) {
        return l10n.t('Not created: {0} Retry sends the same ClientToken.', op.error.message);
      }
      if (op.error && isOutcomeUnknown(op.error)) {
        return l10n.t('Not confirmed, the snapshot may exist; Retry reuses the same ClientToken and finds it: {0}', describeTrackedError(op.error));
      }
      return op.error ? l10n.t('Not created: {0}', describeTrackedError(op.error)) : l10n.t('Not created.');
    case 'creating':
      return op.pollError ? describeTrackedError(op.pollError) : l10n.t('{0}% done', op.progress);
    case 'checking':
      return op.pollError
        ? l10n.t('The answer to CreateSnapshot was lost; looking for the snapshot failed, trying again: {0}', describeTrackedError(op.pollError))
        : l10n.t("The answer to CreateSnapshot was lost; looking for the snapshot among the disk's snapshots.");
  }
}

/** "42 s", "3 min 20 s", "2 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) {
    return l10n.t('{0} s', seconds);
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return seconds % 60 === 0 ? l10n.t('{0} min', minutes) : l10n.t('{0} min {1} s', minutes, seconds % 60);
  }
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? l10n.t('{0} h', hours) : l10n.t('{0} h {1} min', hours, minutes % 60);
}

export function shorten(name: string): string {
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
}

/** Escapes Markdown so a disk name or message renders as typed (and `|` cannot break the table). */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]|<>~$]/g, '\\$&');
}

function code(id: string | undefined): string {
  return id ? `\`${id.replace(/`/g, '')}\`` : '—';
}

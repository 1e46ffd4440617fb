// What the user is told before anything happens: the disk, the snapshot, the instance and its
// state, what will be done, and in plain words what is lost. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { Disk, Instance, Snapshot } from '../../ecs/gateway';
import type { InstanceHandling } from '../../rollback/rollbackApi';
import { diskLabel } from '../../view/diskText';
import { retentionText, snapshotLabel } from '../../view/snapshotText';
import { formatDateTime } from '../../view/timeText';
import { instanceStatusWord } from '../../view/instanceText';

export interface BriefingFacts {
  disk: Disk;
  snapshot: Snapshot;
  instance?: Instance;
}

/** The modal's question, naming disk and snapshot. */
export function confirmationQuestion(facts: BriefingFacts): string {
  return l10n.t('Roll back disk "{0}" to snapshot "{1}"?', diskLabel(facts.disk), snapshotLabel(facts.snapshot));
}

/** One line each: disk, snapshot, instance. */
export function factLines({ disk, snapshot, instance }: BriefingFacts): string[] {
  const kind = disk.type === 'system' ? l10n.t('system disk') : l10n.t('data disk');
  return [
    l10n.t('Disk: {0} ({1}), {2}, {3} GiB.', diskLabel(disk), disk.diskId, kind, disk.sizeGiB),
    l10n.t('Snapshot: {0} ({1}), taken {2}.', snapshotLabel(snapshot), snapshot.snapshotId, formatDateTime(snapshot.creationTime)),
    instance
      ? l10n.t('Instance: {0} ({1}), {2}.', instance.instanceName.trim() || instance.instanceId, instance.instanceId, instanceStatusWord(instance.status))
      : l10n.t('Instance: none, the disk is not attached.'),
  ];
}

/** What is lost, in plain words; a system disk also takes the OS settings back. */
export function lossLines({ disk, snapshot }: BriefingFacts): string[] {
  const when = formatDateTime(snapshot.creationTime);
  const lines = [l10n.t('Everything written to this disk after {0} is lost: files added, changed or deleted since then.', when)];
  if (disk.type === 'system') {
    lines.push(
      l10n.t('This is a system disk: the operating system and its settings (hostname, SSH, network, installed packages) go back to {0} too. The login key pair or password stays as it is now.', when),
    );
  }
  return lines;
}

/** What will be done, step by step, in one sentence per step. */
export function planLines(handling: InstanceHandling, safety: { name: string; retentionDays?: number } | undefined): string[] {
  const lines: string[] = [];
  if (handling.kind === 'running') {
    lines.push(l10n.t('Instance {0} is stopped first (keeping its resources reserved); it cannot be reached until it runs again.', handling.instanceName || handling.instanceId));
  }
  lines.push(
    safety
      ? l10n.t('A safety snapshot "{0}" of the disk as it is now is taken first ({1}), so this rollback can be undone.', safety.name, retentionText(safety.retentionDays))
      : l10n.t('No safety snapshot: the disk as it is now cannot be brought back.'),
  );
  lines.push(l10n.t('Then the disk is rolled back.'));
  if (handling.kind === 'running') {
    lines.push(handling.keepStopped ? l10n.t('The instance stays stopped afterwards.') : l10n.t('Then the instance is started again.'));
  } else if (handling.kind === 'stopped') {
    lines.push(handling.start ? l10n.t('Then the instance is started.') : l10n.t('The instance stays stopped.'));
  }
  return lines;
}

/** The modal's detail: facts, what is lost, what will be done. */
export function confirmationDetail(facts: BriefingFacts, handling: InstanceHandling, safety: { name: string; retentionDays?: number } | undefined): string {
  return [...factLines(facts), '', ...lossLines(facts), '', ...planLines(handling, safety)].join('\n');
}

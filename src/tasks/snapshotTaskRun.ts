// What an `ecs-snapshot` task does in its terminal: one line per step (the disk, the service's own
// steps: request sent, snapshot id, progress), then the outcome. The exit code is what dependsOn and
// preLaunchTask read: 0 only when the backup happened (and was ready, when asked to wait for that).
import * as l10n from '@vscode/l10n';
import type { BackupCallOptions, BackupResult, BackupService } from '../automation/backupApi';
import type { ReadTask } from './snapshotTaskDefinition';

export const TASK_EXIT = {
  done: 0,
  /** ECS refused, the disk could not be found or snapshotted, no connection, the snapshot failed. */
  failed: 1,
  /** The task's definition breaks a rule: nothing was sent. */
  invalid: 2,
  /** The task was terminated while waiting (128 + SIGINT, as a shell reports Ctrl+C). */
  cancelled: 130,
} as const;

type Tone = 'plain' | 'success' | 'failure';

const COLOUR: Record<Tone, [string, string]> = {
  plain: ['', ''],
  success: ['\x1b[32m', '\x1b[0m'],
  failure: ['\x1b[31m', '\x1b[0m'],
};

/** One terminal line: a pseudoterminal needs \r\n, and colour only on the outcome. */
export function terminalLine(text: string, tone: Tone = 'plain'): string {
  const [open, close] = COLOUR[tone];
  return `${open}${text.replace(/\r?\n/g, '\r\n')}${close}\r\n`;
}

export async function runSnapshotTask(
  backups: BackupService,
  read: ReadTask,
  write: (text: string) => void,
  cancellation?: BackupCallOptions['cancellation'],
): Promise<number> {
  if (!read.ok) {
    write(terminalLine(read.message, 'failure'));
    return TASK_EXIT.invalid;
  }
  const { args, wait, quick } = read.request;
  write(terminalLine(args.region ? l10n.t('Backing up disk {0} in {1}…', args.disk ?? '', args.region) : l10n.t('Backing up disk {0}…', args.disk ?? '')));
  let last: string | undefined;
  const onStep = (line: string) => {
    // Progress is reported per poll; an unchanged line says nothing new.
    if (line === last) return;
    last = line;
    write(terminalLine(line));
  };
  let result: BackupResult;
  try {
    result = await backups.backup(args, { origin: 'task', quick, wait, onStep, cancellation });
  } catch (error) {
    write(terminalLine(error instanceof Error ? error.message : String(error), 'failure'));
    return TASK_EXIT.failed;
  }
  if (result.ok) {
    const snapshot = result.snapshotName ? `${result.snapshotId} (${result.snapshotName})` : result.snapshotId;
    write(
      terminalLine(
        result.reached === 'ready'
          ? l10n.t('Snapshot {0} of disk {1} is ready.', snapshot, result.diskName)
          : l10n.t('Snapshot {0} of disk {1} was created; the status bar follows it until it is ready.', snapshot, result.diskName),
        'success',
      ),
    );
    return TASK_EXIT.done;
  }
  if (result.kind === 'cancelled') {
    // The service's message already says the snapshot stays in the status bar.
    write(terminalLine(result.message));
    return TASK_EXIT.cancelled;
  }
  write(terminalLine(result.message, 'failure'));
  if (result.snapshotId) write(terminalLine(l10n.t('Snapshot {0} is still tracked in the status bar.', result.snapshotId)));
  return result.kind === 'invalidArguments' ? TASK_EXIT.invalid : TASK_EXIT.failed;
}

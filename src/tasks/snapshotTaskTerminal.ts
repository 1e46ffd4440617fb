// The pseudoterminal of one `ecs-snapshot` task run: it starts the backup when VS Code opens it and
// closes with the run's exit code. Terminating the task ends the wait, not the snapshot: the
// BackupService leaves it tracked in the status bar.
import * as vscode from 'vscode';
import type { BackupService } from '../automation/backupApi';
import type { ReadTask } from './snapshotTaskDefinition';
import { runSnapshotTask, TASK_EXIT } from './snapshotTaskRun';

export class SnapshotTaskTerminal implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number>();
  private readonly cancellation = new vscode.CancellationTokenSource();
  private ended = false;
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;

  constructor(
    private readonly backups: BackupService,
    private readonly read: ReadTask,
  ) {}

  open(): void {
    void runSnapshotTask(this.backups, this.read, (text) => this.written.fire(text), this.cancellation.token).then((code) => this.end(code));
  }

  /** The task was terminated (or its terminal closed): stop waiting. */
  close(): void {
    this.cancellation.cancel();
    this.end(TASK_EXIT.cancelled);
  }

  private end(code: number): void {
    if (this.ended) return;
    this.ended = true;
    this.closed.fire(code);
    this.cancellation.dispose();
    this.written.dispose();
    this.closed.dispose();
  }
}

// A Notifier that shows nothing: automation callers (tasks, agent tools, scripts, other
// extensions) get the message in their ok:false result and decide how to tell the user. What it
// was told still reaches the log, so nothing happens silently.
import type { Notifier } from '../commands/createSnapshot/submit';

export interface QuietLog {
  info(message: string): void;
  warn(message: string): void;
}

export class QuietNotifier implements Notifier {
  /** The last warning or error, for the caller's result. */
  last: string | undefined;

  constructor(private readonly log: QuietLog) {}

  info(message: string): void {
    this.log.info(message);
  }

  warn(message: string): void {
    this.last = message;
    this.log.warn(message);
  }

  /** No buttons to press: Retry is the caller's own choice (same arguments, new request). */
  async error(message: string): Promise<string | undefined> {
    this.last = message;
    this.log.warn(message);
    return undefined;
  }
}

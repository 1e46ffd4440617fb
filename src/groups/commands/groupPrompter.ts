// The create flow's Prompter plus the one question a server-level backup adds: several choices
// ticked at once (the disks of an instance). Pure: tests answer with a script.
import type { Back, Cancel, PickChoice, Prompter, StepPosition } from '../../commands/createSnapshot/prompter';

export interface PickManyRequest<T> extends StepPosition {
  placeholder: string;
  /** A choice with `blockedReason` is shown as an untickable line saying why. */
  choices: readonly PickChoice<T>[];
  /** Ticked when the pick opens (kept from the last answer when going Back). */
  isPicked(value: T): boolean;
  /** Why these ticks cannot be accepted (e.g. none); the pick stays open and says so. */
  validate?(picked: readonly T[]): string | undefined;
}

export interface GroupPrompter extends Prompter {
  pickMany<T>(request: PickManyRequest<T>): Promise<T[] | Back | Cancel>;
}

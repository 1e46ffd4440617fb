// The few questions the create flow asks, as a port: the real implementation shows VS Code's
// quick input (vscodePrompter.ts), tests answer with a script. No `vscode` import here, so the
// steps and the step machine run in plain Node.

/** The user pressed the Back button (or picked "Back"): the previous step runs again. */
export const BACK = Symbol('back');
/** The user pressed Escape or the box lost focus: the whole flow ends, nothing is created. */
export const CANCEL = Symbol('cancel');
export type Back = typeof BACK;
export type Cancel = typeof CANCEL;

/** Where a step sits in the flow, shown as "2/5" and deciding whether Back is offered. */
export interface StepPosition {
  title: string;
  step: number;
  totalSteps: number;
}

export interface InputRequest extends StepPosition {
  /** What was typed before (kept when going back), or the proposed default. */
  value: string;
  prompt: string;
  placeholder?: string;
  /** Runs on every change; a message blocks Enter until the text is fixed. */
  validate(value: string): string | undefined;
}

export interface PickChoice<T> {
  label: string;
  description?: string;
  detail?: string;
  /** When set, the choice is shown but picking it only tells this reason; the pick stays open. */
  blockedReason?: string;
  value: T;
}

export interface PickRequest<T> extends StepPosition {
  placeholder: string;
  /** Shown at once; more may follow from `more` while the pick is busy. */
  choices: readonly PickChoice<T>[];
  /** Further choices arriving page by page (e.g. disks); the pick shows a busy bar meanwhile. */
  more?: AsyncIterable<readonly PickChoice<T>[]>;
  /** Search the description and detail too (disk id, instance). */
  matchOnDetails?: boolean;
  /** Which choice to highlight first (e.g. the disk picked before going Back). */
  isActive?(value: T): boolean;
}

export interface Prompter {
  input(request: InputRequest): Promise<string | Back | Cancel>;
  pick<T>(request: PickRequest<T>): Promise<T | Back | Cancel>;
}

/**
 * A row that only informs (e.g. "Could not load more disks"): always blocked, so it is never
 * returned and needs no value.
 */
export function notice<T>(text: string, reason = text): PickChoice<T> {
  return { label: `$(error) ${text}`, blockedReason: reason, value: undefined as unknown as T };
}

export function isBack(value: unknown): value is Back {
  return value === BACK;
}

export function isCancel(value: unknown): value is Cancel {
  return value === CANCEL;
}

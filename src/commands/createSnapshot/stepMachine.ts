// Runs a multi-step flow the way VS Code's quickinput sample and Azure's wizard do: each step
// asks one thing and writes the answer into a shared state, so going Back shows what was typed.
import type { Back, Cancel, Prompter, StepPosition } from './prompter';
import { isBack, isCancel } from './prompter';

export type StepResult = 'next' | Back | Cancel;

export interface FlowStep<S> {
  /** Left out (and not counted in "2/5") when false, e.g. the disk step when the disk is given. */
  shouldPrompt?(state: S): boolean;
  prompt(state: S, position: StepPosition, prompter: Prompter): Promise<StepResult>;
}

export type FlowOutcome = 'completed' | 'cancelled';

/**
 * Prompts the steps in order. Back re-runs the previous step (the first step has no Back; if a
 * prompter still answers Back there, the step is simply asked again); Cancel ends the flow at once.
 * Which steps apply is decided once, from the starting state, so "2/5" never jumps.
 */
export async function runSteps<S>(
  title: string,
  steps: readonly FlowStep<S>[],
  state: S,
  prompter: Prompter,
): Promise<FlowOutcome> {
  const active = steps.filter((step) => step.shouldPrompt?.(state) ?? true);
  let index = 0;
  while (index < active.length) {
    const result = await active[index].prompt(state, { title, step: index + 1, totalSteps: active.length }, prompter);
    if (isCancel(result)) return 'cancelled';
    index = isBack(result) ? Math.max(0, index - 1) : index + 1;
  }
  return 'completed';
}

// A Prompter that answers from a script, as a user at the keyboard would: typed text that fails
// validation is refused (and recorded) exactly like the real input box refuses Enter, and picking
// a blocked choice records its reason and leaves the pick open. Pure: used by unit and host tests.
import type { Back, Cancel, InputRequest, PickChoice, PickRequest, Prompter } from '../../src/commands/createSnapshot/prompter';
import { BACK, CANCEL } from '../../src/commands/createSnapshot/prompter';

export type Seen =
  | { kind: 'input'; request: InputRequest }
  | { kind: 'pick'; request: PickRequest<unknown>; choices: PickChoice<unknown>[] };

/** One user action: type text (string), pick the choice whose label contains `pick`, Back or Escape. */
export type Answer = string | { pick: string } | Back | Cancel;
export type ScriptStep = Answer | ((seen: Seen) => Answer);

export class ScriptedPrompter implements Prompter {
  /** Every question asked, in order (re-asked questions appear once per asking). */
  readonly seen: Seen[] = [];
  /** Validation messages shown for refused text, in order. */
  readonly refused: { value: string; message: string }[] = [];
  /** Reasons shown for blocked choices picked. */
  readonly blocked: string[] = [];
  private readonly script: ScriptStep[];

  constructor(script: ScriptStep[]) {
    this.script = [...script];
  }

  get remaining(): number {
    return this.script.length;
  }

  async input(request: InputRequest): Promise<string | Back | Cancel> {
    const seen: Seen = { kind: 'input', request };
    this.seen.push(seen);
    for (;;) {
      const answer = this.next(seen);
      if (answer === BACK || answer === CANCEL) return answer;
      if (typeof answer !== 'string') throw new Error(`script picks "${answer.pick}" but an input box is open (${request.prompt})`);
      const message = request.validate(answer);
      if (message === undefined) return answer;
      this.refused.push({ value: answer, message });
    }
  }

  async pick<T>(request: PickRequest<T>): Promise<T | Back | Cancel> {
    const choices: PickChoice<T>[] = [...request.choices];
    if (request.more) for await (const page of request.more) choices.push(...page);
    const seen: Seen = { kind: 'pick', request: request as PickRequest<unknown>, choices: choices as PickChoice<unknown>[] };
    this.seen.push(seen);
    for (;;) {
      const answer = this.next(seen);
      if (answer === BACK || answer === CANCEL) return answer;
      if (typeof answer === 'string') throw new Error(`script types "${answer}" but a pick is open (${request.placeholder})`);
      const choice = choices.find((c) => c.label.includes(answer.pick));
      if (!choice) throw new Error(`no choice contains "${answer.pick}" in: ${choices.map((c) => c.label).join(' | ')}`);
      if (choice.blockedReason === undefined) return choice.value;
      this.blocked.push(choice.blockedReason);
    }
  }

  /** The questions asked so far, as "input 2/5 <value>" / "pick 1/6", for readable assertions. */
  trail(): string[] {
    return this.seen.map((s) => (s.kind === 'input' ? `input ${s.request.step}/${s.request.totalSteps} ${s.request.value}` : `pick ${s.request.step}/${s.request.totalSteps}`));
  }

  private next(seen: Seen): Answer {
    const step = this.script.shift();
    if (step === undefined) throw new Error(`script ended but the flow asked: ${describe(seen)}`);
    return typeof step === 'function' ? step(seen) : step;
  }
}


function describe(seen: Seen): string {
  return seen.kind === 'input' ? `input "${seen.request.prompt}"` : `pick "${seen.request.placeholder}"`;
}

export { BACK, CANCEL };

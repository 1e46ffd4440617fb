// The scripted Prompter with the group flows' multi-select: input and single picks come from the
// ScriptedPrompter's script; each multi-select takes the next `ticks` answer, refused (and
// recorded) like the real pick refuses Enter when validate says no. Pure: unit and host tests.
import type { Back, Cancel, PickChoice } from '../../src/commands/createSnapshot/prompter';
import { BACK, CANCEL } from '../../src/commands/createSnapshot/prompter';
import type { GroupPrompter, PickManyRequest } from '../../src/groups/commands/groupPrompter';
import { ScriptedPrompter, type ScriptStep } from './scriptedPrompter';

/** Keep what is ticked when the pick opens, tick exactly the rows whose labels contain these, add / remove some, Back or Escape. */
export type TickAnswer = 'asShown' | { only: string[] } | { add?: string[]; remove?: string[] } | Back | Cancel;

export class ScriptedGroupPrompter extends ScriptedPrompter implements GroupPrompter {
  /** Each multi-select shown: its request and choices, and the labels ticked when it opened. */
  readonly manySeen: { request: PickManyRequest<unknown>; choices: PickChoice<unknown>[]; tickedAtOpen: string[] }[] = [];
  /** Messages shown for tick sets the pick refused. */
  readonly refusedTicks: string[] = [];
  private readonly ticks: TickAnswer[];

  constructor(script: ScriptStep[], ticks: TickAnswer[] = []) {
    super(script);
    this.ticks = [...ticks];
  }

  async pickMany<T>(request: PickManyRequest<T>): Promise<T[] | Back | Cancel> {
    const choices = request.choices.filter((c) => c.blockedReason === undefined);
    const opened = choices.filter((c) => request.isPicked(c.value));
    this.manySeen.push({ request: request as PickManyRequest<unknown>, choices: [...request.choices] as PickChoice<unknown>[], tickedAtOpen: opened.map((c) => c.label) });
    for (;;) {
      const answer = this.ticks.shift();
      if (answer === undefined) throw new Error(`no tick answer left for "${request.placeholder}"`);
      if (answer === BACK || answer === CANCEL) return answer;
      const has = (c: PickChoice<T>, texts: readonly string[] = []) => texts.some((t) => c.label.includes(t));
      const picked =
        answer === 'asShown'
          ? opened
          : 'only' in answer
            ? choices.filter((c) => has(c, answer.only))
            : choices.filter((c) => (opened.includes(c) || has(c, answer.add)) && !has(c, answer.remove));
      const values = picked.map((c) => c.value);
      const problem = request.validate?.(values);
      if (problem === undefined) return values;
      this.refusedTicks.push(problem);
    }
  }
}

export { BACK, CANCEL };

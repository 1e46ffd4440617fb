// The three free-text steps: name, description, retention days. Each validates with the
// snapshot rules on every keystroke, so what reaches the confirm step is always acceptable.
import * as l10n from '@vscode/l10n';
import { defaultSnapshotName } from '../../../snapshot/naming';
import { checkDescription, checkRetentionDays, checkSnapshotName, RETENTION_DAYS_MAX, RETENTION_DAYS_MIN } from '../../../snapshot/rules';
import type { RuleProblem } from '../../../snapshot/rules';
import type { CreateFlowState } from '../flowState';
import { isBack, isCancel } from '../prompter';
import type { FlowStep, StepResult } from '../stepMachine';

/** "Name: at least 2 characters (now 1)": the rule's phrase after the field's label. */
export function fieldMessage(label: string, problem: RuleProblem | undefined): string | undefined {
  return problem && l10n.t('{0}: {1}', label, problem.message);
}

export function nameStep(now: () => Date): FlowStep<CreateFlowState> {
  return {
    async prompt(state, position, prompter): Promise<StepResult> {
      // Keep what the user typed; refresh the proposal (new disk, later minute) if they kept ours.
      const proposal = state.target ? defaultSnapshotName(state.target.disk.diskName, now()) : '';
      if (state.name === state.proposedName) state.name = proposal;
      state.proposedName = proposal;
      const answer = await prompter.input({
        ...position,
        value: state.name,
        prompt: l10n.t('Snapshot name: 2-128 characters, starting with a letter; letters, digits 0-9, ":", "_", ".", "-". Empty: no name.'),
        placeholder: l10n.t('e.g. {0}', proposal || 'web-data-20261127-1430'),
        validate: (value) => fieldMessage(l10n.t('Name'), checkSnapshotName(value)),
      });
      if (isBack(answer) || isCancel(answer)) return answer;
      state.name = answer;
      return 'next';
    },
  };
}

export function descriptionStep(): FlowStep<CreateFlowState> {
  return {
    async prompt(state, position, prompter): Promise<StepResult> {
      const answer = await prompter.input({
        ...position,
        value: state.description,
        prompt: l10n.t('Description (optional): 2-256 characters, not starting with http:// or https://.'),
        placeholder: l10n.t('e.g. before upgrading PostgreSQL to 17'),
        validate: (value) => fieldMessage(l10n.t('Description'), checkDescription(value)),
      });
      if (isBack(answer) || isCancel(answer)) return answer;
      state.description = answer;
      return 'next';
    },
  };
}

export function retentionStep(): FlowStep<CreateFlowState> {
  return {
    async prompt(state, position, prompter): Promise<StepResult> {
      const answer = await prompter.input({
        ...position,
        value: state.retentionDays,
        prompt: l10n.t(
          'Retention days ({0}-{1}): ECS releases the snapshot after them. Empty: keep it until you delete it.',
          RETENTION_DAYS_MIN,
          RETENTION_DAYS_MAX,
        ),
        placeholder: l10n.t('Empty: keep until deleted'),
        validate: (value) => fieldMessage(l10n.t('Retention days'), checkRetentionDays(value)),
      });
      if (isBack(answer) || isCancel(answer)) return answer;
      state.retentionDays = answer;
      return 'next';
    },
  };
}

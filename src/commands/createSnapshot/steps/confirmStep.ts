// The last step: what will be sent, in one line, and "Create snapshot" / "Back".
import * as l10n from '@vscode/l10n';
import { formatTag } from '../../../snapshot/tagInput';
import { diskLabel } from '../../../view/diskText';
import type { CreateFlowState } from '../flowState';
import type { Back, PickChoice } from '../prompter';
import { BACK, isBack, isCancel } from '../prompter';
import type { FlowStep, StepResult } from '../stepMachine';

type ConfirmAction = 'create' | Back;

/** The name, then what else will be set, in one line (the disk is in the title). */
export function summaryOf(state: CreateFlowState): { name: string; detail: string } {
  const parts: string[] = [];
  parts.push(state.retentionDays === '' ? l10n.t('kept until deleted') : l10n.t('kept {0} days', Number(state.retentionDays)));
  if (state.tags.length) parts.push(l10n.t('tags {0}', state.tags.map(formatTag).join(', ')));
  if (state.description) parts.push(l10n.t('description "{0}"', state.description));
  return { name: state.name || l10n.t('(no name)'), detail: parts.join(' · ') };
}

/**
 * @param blocker why the snapshot cannot be requested right now (disk state, one already being
 *   created or requested); the Create choice then tells it instead of closing.
 */
export function confirmStep(blocker: (state: CreateFlowState) => string | undefined): FlowStep<CreateFlowState> {
  return {
    async prompt(state, position, prompter): Promise<StepResult> {
      const summary = summaryOf(state);
      const choices: PickChoice<ConfirmAction>[] = [
        {
          label: `$(device-camera) ${l10n.t('Create snapshot')}`,
          description: summary.name,
          detail: summary.detail,
          value: 'create',
          blockedReason: blocker(state),
        },
        { label: `$(arrow-left) ${l10n.t('Back')}`, description: l10n.t('change something'), value: BACK },
      ];
      const picked = await prompter.pick<ConfirmAction>({
        ...position,
        title: state.target ? l10n.t('Create Snapshot of {0} ({1})', diskLabel(state.target.disk), state.target.disk.diskId) : position.title,
        placeholder: l10n.t('Disk I/O may slow by up to 10% while the snapshot is being created.'),
        choices,
        matchOnDetails: true,
      });
      if (isBack(picked) || isCancel(picked)) return picked;
      return 'next';
    },
  };
}

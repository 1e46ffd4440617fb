// The first step from the palette: which disk. Choices arrive page by page; disks that cannot be
// snapshotted now are listed with the reason and cannot be picked.
import * as l10n from '@vscode/l10n';
import type { DiskChoice, CreateFlowState } from '../flowState';
import type { PickChoice } from '../prompter';
import { isBack, isCancel } from '../prompter';
import type { FlowStep, StepResult } from '../stepMachine';

export type DiskChoices = () => AsyncIterable<readonly PickChoice<DiskChoice>[]>;

export function diskStep(choices: DiskChoices, placeholder = l10n.t('Disk to snapshot: type to search by name, ID or instance')): FlowStep<CreateFlowState> {
  return {
    shouldPrompt: (state) => !state.diskGiven,
    async prompt(state, position, prompter): Promise<StepResult> {
      const picked = await prompter.pick<DiskChoice>({
        ...position,
        placeholder,
        choices: [],
        more: choices(),
        matchOnDetails: true,
        isActive: (choice) => choice?.disk.diskId === state.target?.disk.diskId,
      });
      if (isBack(picked) || isCancel(picked)) return picked;
      state.target = picked;
      return 'next';
    },
  };
}

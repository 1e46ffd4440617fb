// Tags, one `key=value` at a time: a list with "Add tag...", the tags so far (pick one to edit
// or remove it) and "Done". Every edit is checked against the whole list (limit, reserved
// prefixes, duplicate keys), and "Done" is refused while the list would be refused by ECS.
import * as l10n from '@vscode/l10n';
import { checkTags, TAGS_MAX } from '../../../snapshot/rules';
import type { RuleProblem, SnapshotTag } from '../../../snapshot/rules';
import { formatTag, parseTagInput } from '../../../snapshot/tagInput';
import type { CreateFlowState } from '../flowState';
import type { Back, Cancel, PickChoice, Prompter, StepPosition } from '../prompter';
import { isBack, isCancel } from '../prompter';
import type { FlowStep, StepResult } from '../stepMachine';

type TagAction = { kind: 'add' } | { kind: 'edit'; index: number } | { kind: 'done' };
/** The rule a tag list must pass (a snapshot's by default; a snapshot group adds its own). */
export type TagsCheck = (tags: readonly SnapshotTag[]) => RuleProblem | undefined;

/** @param placeholder the pick's line for `count` tags (a snapshot group says "of the group"). */
export function tagsStep<S extends { tags: SnapshotTag[] } = CreateFlowState>(
  check: TagsCheck = checkTags,
  placeholder = (count: number) => l10n.t('Tags of the snapshot ({0} of {1}). Add, pick one to edit or remove it, or Done.', count, TAGS_MAX),
): FlowStep<S> {
  return {
    async prompt(state, position, prompter): Promise<StepResult> {
      let active: TagAction['kind'] = state.tags.length ? 'done' : 'add';
      for (;;) {
        const choices = tagChoices(state.tags, check);
        const picked = await prompter.pick<TagAction>({
          ...position,
          placeholder: placeholder(state.tags.length),
          choices,
          isActive: (action) => action.kind === active,
        });
        if (isBack(picked) || isCancel(picked)) return picked;
        if (picked.kind === 'done') return 'next';
        const index = picked.kind === 'edit' ? picked.index : state.tags.length;
        const edited = await editTag(state.tags, index, position, prompter, check);
        if (isCancel(edited)) return edited;
        if (!isBack(edited)) state.tags = edited;
        active = picked.kind === 'add' ? 'add' : 'done';
      }
    },
  };
}

/** The choices of the tag list; "Done" carries the reason when the list cannot be sent. */
export function tagChoices(tags: readonly SnapshotTag[], check: TagsCheck = checkTags): PickChoice<TagAction>[] {
  const problem = check(tags);
  const choices: PickChoice<TagAction>[] = [
    {
      label: `$(add) ${l10n.t('Add tag...')}`,
      description: l10n.t('key=value'),
      value: { kind: 'add' },
      blockedReason: tags.length >= TAGS_MAX ? l10n.t('A snapshot has at most {0} tags: remove one first.', TAGS_MAX) : undefined,
    },
    ...tags.map((tag, index) => ({
      label: `$(tag) ${formatTag(tag)}`,
      description: l10n.t('edit or remove'),
      value: { kind: 'edit' as const, index },
    })),
    {
      label: `$(check) ${l10n.t('Done')}`,
      description: tags.length === 0 ? l10n.t('no tags') : tags.length === 1 ? l10n.t('1 tag') : l10n.t('{0} tags', tags.length),
      value: { kind: 'done' },
      blockedReason: problem && l10n.t('Tags: {0}', problem.message),
    },
  ];
  return choices;
}

/**
 * Asks for the tag at `index` (a new one when index == tags.length). Returns the whole new list,
 * Back (list unchanged) or Cancel. Clearing the box of an existing tag removes it.
 */
export async function editTag(
  tags: readonly SnapshotTag[],
  index: number,
  position: StepPosition,
  prompter: Prompter,
  check: TagsCheck = checkTags,
): Promise<SnapshotTag[] | Back | Cancel> {
  const adding = index >= tags.length;
  const apply = (text: string): SnapshotTag[] | string => {
    if (!adding && text.trim() === '') return tags.filter((_, i) => i !== index);
    const parsed = parseTagInput(text);
    if (!parsed.ok) return l10n.t('Tag: {0}', parsed.message);
    const next = [...tags];
    next[adding ? tags.length : index] = parsed.tag;
    const problem = check(next);
    return problem ? l10n.t('Tag: {0}', problem.message) : next;
  };
  const answer = await prompter.input({
    ...position,
    value: adding ? '' : formatTag(tags[index]),
    prompt: adding
      ? l10n.t('Tag as key=value (the value may be empty). Keys must not start with "aliyun" or "acs:".')
      : l10n.t('Edit the tag as key=value, or clear the box to remove it.'),
    placeholder: l10n.t('e.g. env=staging'),
    validate: (text) => {
      const result = apply(text);
      return typeof result === 'string' ? result : undefined;
    },
  });
  if (isBack(answer) || isCancel(answer)) return answer;
  const result = apply(answer);
  // The prompter only accepts valid text; a string here would be a prompter bug, so keep the list.
  return typeof result === 'string' ? [...tags] : result;
}

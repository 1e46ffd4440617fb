// What CreateSnapshotGroup and ModifySnapshotGroup accept for a group's Name, Description and tags,
// checked before sending (restore spec, CreateSnapshotGroup / ModifySnapshotGroup, Trap 14).
// A snapshot's rules (rules.ts) where the two agree, with the group's own error codes; differences:
// - a group name may start with "auto" (only automatic SNAPSHOTS are named so);
// - a group description has 2-256 characters when given (as our snapshot rule, unlike
//   ModifySnapshotAttribute, which takes an empty one): empty means "not given", the caller omits it;
// - a tag value must not start with "acs:" (lowercase, as the reserved key prefix).
// There is no retention: group snapshots are kept until deleted.
import * as l10n from '@vscode/l10n';
import { printable } from './characters';
import { checkDescriptionText, checkNameText, checkTagKey, checkTags, checkTagValue, TAGS_MAX, type RuleProblem, type SnapshotTag } from './rules';

export const GROUP_ERROR_CODES = {
  name: 'InvalidParameter.Name',
  description: 'InvalidParameter.Description',
  tagValue: 'InvalidTagValue.Malformed',
} as const;

/** Name -> InvalidParameter.Name: the snapshot name rules without the "auto" reservation. */
export function checkGroupName(value: string): RuleProblem | undefined {
  return checkNameText(value, GROUP_ERROR_CODES.name, 'Name', false);
}

/** Description -> InvalidParameter.Description: 2-256 characters, not starting with http(s)://. */
export function checkGroupDescription(value: string): RuleProblem | undefined {
  return checkDescriptionText(value, GROUP_ERROR_CODES.description, 'Description');
}

/** The snapshot tag rules, in their order (each tag's key, then its value), plus the "acs:" value prefix. */
export function checkGroupTags(tags: ReadonlyArray<SnapshotTag>): RuleProblem | undefined {
  if (tags.length > TAGS_MAX) return checkTags(tags);
  for (let i = 0; i < tags.length; i++) {
    const wrong = checkTagKey(tags[i].key, i + 1) ?? checkTagValue(tags[i], i + 1) ?? checkGroupTagValuePrefix(tags[i], i + 1);
    if (wrong) return wrong;
  }
  return checkTags(tags);
}

function checkGroupTagValuePrefix(tag: SnapshotTag, position: number): RuleProblem | undefined {
  if (!tag.value.startsWith('acs:')) return undefined;
  return {
    code: GROUP_ERROR_CODES.tagValue,
    field: `Tag.${position}.Value`,
    message: l10n.t("tag {0} (key '{1}'): the value must not start with 'acs:' (reserved for Alibaba Cloud)", position, clip(tag.key)),
  };
}

/** The first problem of a whole request: name, then description, then tags. */
export function checkGroupRequest(request: { name?: string; description?: string; tags?: ReadonlyArray<SnapshotTag> }): RuleProblem | undefined {
  return checkGroupName(request.name ?? '') ?? checkGroupDescription(request.description ?? '') ?? checkGroupTags(request.tags ?? []);
}

// As rules.ts: only the start of a huge key is shown, and it stays printable.
function clip(text: string): string {
  const chars = Array.from(text.slice(0, 82));
  return printable(chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text);
}

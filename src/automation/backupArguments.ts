// Reads the argument object that commands, tasks, agent tools and the extension API receive
// (JSON from a keybinding, tasks.json, a model or another extension: anything may arrive).
// Each field is checked with the create flow's own rule and message, so "Name: at least 2
// characters (now 1)" reads the same whether typed in the flow or sent by a script. Pure: no vscode.
import * as l10n from '@vscode/l10n';
import { fieldMessage } from '../commands/createSnapshot/steps/inputSteps';
import { expandNameTemplate, unknownPlaceholder } from '../commands/quickBackupName';
import type { NameValues } from '../commands/quickBackupName';
import { sanitizeSnapshotName } from '../snapshot/naming';
import { checkDescription, checkRetentionDays, checkSnapshotName, checkTags, parseRetentionDays } from '../snapshot/rules';
import type { SnapshotTag } from '../snapshot/rules';
import { parseTagInput } from '../snapshot/tagInput';
import type { BackupArguments } from './backupApi';

export type ArgumentsCheck = { ok: true; value: BackupArguments } | { ok: false; message: string };

const KNOWN_KEYS: readonly (keyof BackupArguments)[] = ['region', 'disk', 'name', 'description', 'retentionDays', 'tags', 'skipPrompts'];
const PLACEHOLDER = /\{(disk|date|time|branch|commit)\}/;
/** Stand-in values to judge a template's own text (its placeholders always expand to valid text). */
const SAMPLE: NameValues = { disk: 'disk', now: new Date(2026, 0, 1, 12, 0), branch: 'main', commit: 'abcdef0' };

class Refusal extends Error {}

/** The arguments as given, checked; tags come back as a list of { key, value }. */
export function parseBackupArguments(input: unknown): ArgumentsCheck {
  if (input === undefined || input === null) return { ok: true, value: {} };
  if (!isRecord(input)) {
    return { ok: false, message: l10n.t('The backup arguments must be an object such as {0}.', '{ "disk": "d-…", "name": "pre-deploy-{date}" }') };
  }
  try {
    return { ok: true, value: readArguments(input) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message };
    throw error;
  }
}

/** The tags of checked arguments as SnapshotTags, or undefined when none were given. */
export function tagsOf(args: Pick<BackupArguments, 'tags'>): SnapshotTag[] | undefined {
  if (args.tags === undefined) return undefined;
  if (Array.isArray(args.tags)) return args.tags.map((t) => ({ key: t.key, value: t.value ?? '' }));
  return Object.entries(args.tags).map(([key, value]) => ({ key, value }));
}

/** True when the name is a template with Quick Backup placeholders. */
export function hasPlaceholders(name: string): boolean {
  return PLACEHOLDER.test(name);
}

/** The snapshot name for a checked `name`: placeholders expanded and the result made valid, as Quick Backup does. */
export function backupName(name: string, values: NameValues, prefix = 'snapshot'): string {
  if (!hasPlaceholders(name)) return name;
  return sanitizeSnapshotName(expandNameTemplate(name, values), { prefix });
}

function readArguments(input: Record<string, unknown>): BackupArguments {
  const unknown = Object.keys(input).find((key) => !(KNOWN_KEYS as readonly string[]).includes(key));
  if (unknown !== undefined) {
    throw new Refusal(l10n.t("Unknown backup argument '{0}'. Known: {1}.", unknown, KNOWN_KEYS.join(', ')));
  }
  const value: BackupArguments = {};
  const region = requiredText(input, 'region');
  if (region !== undefined) value.region = region;
  const disk = requiredText(input, 'disk');
  if (disk !== undefined) value.disk = disk;
  const name = optionalText(input, 'name');
  if (name) value.name = checkName(name);
  const description = optionalText(input, 'description');
  if (description) {
    const wrong = fieldMessage(l10n.t('Description'), checkDescription(description));
    if (wrong) throw new Refusal(wrong);
    value.description = description;
  }
  const days = readRetention(input.retentionDays);
  if (days !== undefined) value.retentionDays = days;
  if ('tags' in input && input.tags !== undefined) value.tags = readTags(input.tags);
  if ('skipPrompts' in input && input.skipPrompts !== undefined) {
    if (typeof input.skipPrompts !== 'boolean') throw new Refusal(l10n.t("The backup argument '{0}' must be true or false.", 'skipPrompts'));
    value.skipPrompts = input.skipPrompts;
  }
  return value;
}

/** Text that must not be blank when given (region, disk); trimmed. */
function requiredText(input: Record<string, unknown>, key: 'region' | 'disk'): string | undefined {
  const raw = input[key];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') throw new Refusal(l10n.t("The backup argument '{0}' must be text that is not empty.", key));
  return raw.trim();
}

/** Optional text (name, description): '' means not given, as in the create flow. */
function optionalText(input: Record<string, unknown>, key: 'name' | 'description'): string | undefined {
  const raw = input[key];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new Refusal(l10n.t("The backup argument '{0}' must be text.", key));
  return raw;
}

function checkName(name: string): string {
  const label = l10n.t('Name');
  if (name.includes('{') || name.includes('}')) {
    const typo = unknownPlaceholder(name);
    if (typo) {
      throw new Refusal(l10n.t('{0}: "{1}" is not a placeholder. Use {2}, or plain text.', label, typo, '{disk}, {date}, {time}, {branch}, {commit}'));
    }
  }
  // A template is judged by what it expands to: its own text must follow the rule.
  const wrong = fieldMessage(label, checkSnapshotName(hasPlaceholders(name) ? expandNameTemplate(name, SAMPLE) : name));
  if (wrong) throw new Refusal(wrong);
  return name;
}

function readRetention(raw: unknown): number | null | undefined {
  if (raw === undefined || raw === null) return raw;
  if (typeof raw !== 'number' && typeof raw !== 'string') {
    throw new Refusal(l10n.t("The backup argument '{0}' must be a number of days, or null to keep the snapshot until deleted.", 'retentionDays'));
  }
  const text = String(raw);
  const wrong = fieldMessage(l10n.t('Retention days'), checkRetentionDays(text));
  if (wrong) throw new Refusal(wrong);
  // '' reads as "not given" (the setting's default): keep until deleted only when null is said.
  return parseRetentionDays(text);
}

function readTags(raw: unknown): { key: string; value: string }[] {
  const label = l10n.t('Tags');
  let tags: SnapshotTag[];
  if (Array.isArray(raw)) {
    tags = raw.map((item: unknown, index) => readTag(item, index + 1, label));
  } else if (isRecord(raw)) {
    tags = Object.entries(raw).map(([key, value]) => {
      if (typeof value !== 'string') throw new Refusal(l10n.t("{0}: the value of '{1}' must be text.", label, key));
      return { key, value };
    });
  } else {
    throw new Refusal(l10n.t("The backup argument '{0}' must be an object such as {1} or a list of \"key=value\" texts.", 'tags', '{ "env": "prod" }'));
  }
  const wrong = fieldMessage(label, checkTags(tags));
  if (wrong) throw new Refusal(wrong);
  return tags;
}

function readTag(item: unknown, position: number, label: string): SnapshotTag {
  if (typeof item === 'string') {
    const parsed = parseTagInput(item);
    if (!parsed.ok) throw new Refusal(l10n.t('{0}: {1}', label, parsed.message));
    return parsed.tag;
  }
  if (isRecord(item)) {
    const extra = Object.keys(item).find((k) => k !== 'key' && k !== 'value');
    if (extra !== undefined) throw new Refusal(l10n.t("{0}: tag {1} has '{2}'; a tag has only 'key' and 'value'.", label, position, extra));
    if (typeof item.key === 'string' && (item.value === undefined || typeof item.value === 'string')) {
      return { key: item.key, value: item.value ?? '' };
    }
  }
  throw new Refusal(l10n.t('{0}: tag {1} must be "key=value" or {2}, with text for both.', label, position, '{ "key": "…", "value": "…" }'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

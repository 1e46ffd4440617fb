// What an agent may pass to the read-only tools, checked before anything is sent. Models send
// JSON that only roughly follows the schema, so every field is checked here with a sentence the
// model can act on. (The creating tool's arguments are checked by BackupService.check.)
import * as l10n from '@vscode/l10n';

export const DEFAULT_DISK_LIMIT = 20;
export const MAX_DISK_LIMIT = 50;

export interface ListDisksInput {
  region?: string;
  /** Words that must all appear in a disk's name, id, instance id or tags (as the Disks view's filter). */
  filter?: string;
  limit: number;
  /** Where the previous call stopped (opaque, from its answer). */
  cursor?: string;
}

export interface SnapshotStatusInput {
  snapshotId: string;
  region?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseListDisksInput(input: unknown): Parsed<ListDisksInput> {
  const fields = asObject(input);
  if (!fields) return { ok: false, message: l10n.t('The input must be an object.') };
  const region = optionalText(fields, 'region');
  const filter = optionalText(fields, 'filter');
  const cursor = optionalText(fields, 'cursor');
  for (const field of [region, filter, cursor]) if (field === false) return invalidText();
  if (cursor && !/^\d+:/.test(cursor)) return { ok: false, message: l10n.t('cursor must be passed back exactly as an earlier answer gave it.') };
  const limit = fields.limit ?? DEFAULT_DISK_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_DISK_LIMIT) {
    return { ok: false, message: l10n.t('limit must be a whole number from 1 to {0}.', MAX_DISK_LIMIT) };
  }
  return { ok: true, value: { region: region || undefined, filter: filter || undefined, limit, cursor: cursor || undefined } };
}

export function parseSnapshotStatusInput(input: unknown): Parsed<SnapshotStatusInput> {
  const fields = asObject(input);
  if (!fields) return { ok: false, message: l10n.t('The input must be an object.') };
  const snapshotId = optionalText(fields, 'snapshotId');
  const region = optionalText(fields, 'region');
  if (region === false) return invalidText();
  if (!snapshotId || !/^s-[A-Za-z0-9]+$/.test(snapshotId)) {
    return { ok: false, message: l10n.t('snapshotId must be a snapshot ID such as s-bp1abc123 (ecsSnapshots_createSnapshot returns one).') };
  }
  return { ok: true, value: { snapshotId, region: region || undefined } };
}

/** The creating tool's input: `quick` is the tool's own; the rest goes to BackupService.check. */
export function splitCreateInput(input: unknown): { quick: boolean; args: unknown } {
  const fields = asObject(input);
  if (!fields) return { quick: false, args: input };
  // skipPrompts belongs to commands; an agent never prompts anyway.
  const { quick, skipPrompts: _skip, ...args } = fields;
  return { quick: quick === true, args };
}

function asObject(input: unknown): Record<string, unknown> | undefined {
  if (input === undefined || input === null) return {};
  return typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
}

/** The trimmed text, '' when absent, false when present but not a string. */
function optionalText(fields: Record<string, unknown>, key: string): string | false {
  const value = fields[key];
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value.trim() : false;
}

function invalidText(): { ok: false; message: string } {
  return { ok: false, message: l10n.t('region, filter and cursor must be text.') };
}

// Quick Backup's snapshot name from the setting's template, e.g. "pre-change-{branch}-{date}-{time}".
// Pure: the caller supplies the disk, the clock and what Git knows.
import { formatStamp, sanitizeSnapshotName } from '../snapshot/naming';
import { SNAPSHOT_NAME_MAX } from '../snapshot/rules';

export const DEFAULT_NAME_TEMPLATE = 'pre-change-{date}-{time}';
export const QUICK_BACKUP_PREFIX = 'pre-change';

export interface NameValues {
  disk: string;
  now: Date;
  /** The Git branch of the workspace; absent outside a repository or on a detached HEAD. */
  branch?: string;
  /** The HEAD commit (shortened to 7 characters). */
  commit?: string;
}

const PLACEHOLDER = /\{(disk|date|time|branch|commit)\}/g;
// A private-use character marks where a placeholder had no value (user text never contains it).
const MISSING = '\uE000';

/**
 * Expands the template. A placeholder without a value disappears cleanly: with the separator
 * ('-', '_', '.', ':') that would otherwise be doubled, or left at either end
 * ("pre-{branch}-{date}" -> "pre-20261127", "{branch}-{date}" -> "20261127").
 * Unknown placeholders stay as typed and are then sanitised like any other text.
 */
export function expandNameTemplate(template: string, values: NameValues): string {
  const [date, time] = formatStamp(values.now).split('-');
  const known: Record<string, string | undefined> = {
    disk: values.disk,
    date,
    time,
    branch: values.branch?.trim() || undefined,
    commit: values.commit?.trim().slice(0, 7) || undefined,
  };
  return template
    .replace(PLACEHOLDER, (_, name: string) => known[name] ?? MISSING)
    .replace(/\uE000(?:[-_.:]?\uE000)+/gu, MISSING)
    .replace(/([-_.:]?)\uE000([-_.:]?)/gu, (match: string, before: string, after: string, offset: number, whole: string) => {
      if (offset === 0 || offset + match.length === whole.length) return '';
      return before && after ? before : before + after;
    });
}

/**
 * The first thing in the template that looks like a placeholder but is none ("{branh}", "{Date}",
 * an unclosed "{time"), or undefined. A typo would otherwise end up in every snapshot name.
 */
export function unknownPlaceholder(template: string): string | undefined {
  const rest = template.replace(PLACEHOLDER, '');
  const braced = /\{[^{}]*\}?|\}/.exec(rest);
  return braced?.[0];
}

/** The final name: the expanded template made valid (checkSnapshotName always passes). */
export function quickBackupName(template: string, values: NameValues): string {
  const expanded = expandNameTemplate(template.trim() || DEFAULT_NAME_TEMPLATE, values);
  return sanitizeSnapshotName(expanded, { prefix: QUICK_BACKUP_PREFIX });
}

/**
 * `base`, or `base-2`, `base-3`, ... when the disk already has a snapshot of that name: a template
 * without {time} (or two backups within a minute) would otherwise give two snapshots one name.
 * The base is shortened so the result stays within the name limit; `base` must be a valid name.
 */
export function uniqueSnapshotName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const characters = [...base];
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = characters.slice(0, SNAPSHOT_NAME_MAX - suffix.length).join('') + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

// Snapshot names the extension proposes or builds from templates. Every result passes
// checkSnapshotName (property-tested), whatever the disk name or template produced.
import { codePoints } from './characters';
import { checkSnapshotName, SNAPSHOT_NAME_MAX, SNAPSHOT_NAME_MIN } from './rules';

const LETTER = /^\p{L}$/u;
const NAME_CHAR = /^[\p{L}0-9:_.-]$/u;
const MARK = /^\p{M}$/u;

export interface SanitizeOptions {
  /** Put in front when the name cannot start as it is (starts with a digit, "auto", is empty). Must itself be a valid name start. */
  prefix?: string;
  /** Code points available for the result (default 128, the API's maximum). */
  maxLength?: number;
}

/**
 * Turns any text (e.g. an expanded template "pre-change-feature/x-20261127") into a valid
 * snapshot name, changing as little as possible. A name that is already valid is returned as is.
 * Otherwise:
 * - compatibility forms are unified (NFKC: full-width "ＡＢ１" -> "AB1", ligatures split), and
 *   combining marks that remain are dropped ("e\u0301" composes to "é" first, so few remain);
 * - every run of other characters the API refuses (spaces, '/', emoji, ...) becomes ONE '-';
 *   then '-' at either end is removed (a URL cannot survive this: its '/' are replaced);
 * - a name that does not start with a letter, or starts with "auto" (reserved) or is empty,
 *   gets the prefix ("snapshot-" by default): "2024-db" -> "snapshot-2024-db";
 * - it is cut to maxLength code points, and a name left shorter than 2 gets the prefix too.
 * Chinese and other scripts' letters are kept: they are letters to the API.
 */
export function sanitizeSnapshotName(raw: string, options: SanitizeOptions = {}): string {
  const maxLength = Math.min(Math.max(options.maxLength ?? SNAPSHOT_NAME_MAX, SNAPSHOT_NAME_MIN), SNAPSHOT_NAME_MAX);
  if (raw !== '' && codePoints(raw).length <= maxLength && checkSnapshotName(raw) === undefined) return raw;
  const prefix = validPrefix(options.prefix);
  let name = cleanBody(raw, prefix, maxLength);
  if (codePoints(name).length < SNAPSHOT_NAME_MIN) name = cleanBody(`${prefix}-${name}`, prefix, maxLength);
  return name;
}

/**
 * The name proposed for a new snapshot of a disk: "<disk name>-YYYYMMDD-HHmm" in the user's local
 * time, e.g. "web-data-20261127-1430". The disk part is sanitised as above with the prefix "disk"
 * ("2024 db" -> "disk-2024-db-..."; an unnamed disk -> "disk-20261127-1430") and shortened so
 * the whole name stays within 128 characters.
 */
export function defaultSnapshotName(diskName: string, date: Date): string {
  const suffix = `-${formatStamp(date)}`;
  const room = SNAPSHOT_NAME_MAX - suffix.length;
  const base = diskName.trim() === '' ? 'disk' : cleanBody(diskName, 'disk', room);
  return `${base}${suffix}`;
}

/** "YYYYMMDD-HHmm" in local time: sortable and free of characters names may not contain. */
export function formatStamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}`;
}

function validPrefix(prefix: string | undefined): string {
  if (prefix !== undefined && prefix.length <= 32 && checkSnapshotName(prefix) === undefined) return prefix;
  return 'snapshot';
}

// A non-empty name that starts with a letter, is not reserved, has only allowed characters and at
// most maxLength code points (maxLength must leave room for the prefix).
function cleanBody(raw: string, prefix: string, maxLength: number): string {
  const out: string[] = [];
  let replaced = false;
  for (const ch of raw.normalize('NFKC')) {
    if (MARK.test(ch)) continue;
    if (NAME_CHAR.test(ch)) {
      out.push(ch);
      replaced = false;
    } else if (!replaced) {
      out.push('-');
      replaced = true;
    }
  }
  let name = trimDashes(out.join(''));
  if (name === '' || !LETTER.test(codePoints(name)[0]) || name.startsWith('auto')) {
    name = name === '' ? prefix : `${prefix}-${name}`;
  }
  return trimDashes(codePoints(name).slice(0, maxLength).join(''));
}

function trimDashes(text: string): string {
  return text.replace(/^-+|-+$/g, '');
}

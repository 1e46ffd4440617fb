// Reading and writing one tag in a single-line input box.
//
// Syntax (shown to users as "key=value"):
// - The FIRST '=' splits key from value, so values may contain '=' freely ("q=a=b" -> q / "a=b").
// - "key" alone or "key=" means an empty value (the API allows empty values).
// - Whitespace around the key and around the value is trimmed (String.prototype.trim, which also
//   covers tabs, no-break and ideographic spaces): "env = prod" almost always means env / prod,
//   and a stray space in a key would create a tag nobody can find again.
// - To keep such whitespace, or to put '=' in a key, wrap the part in double quotes:
//   '"a=b"=c' -> key "a=b"; '" padded "=" x "' -> key " padded ", value " x ".
//   Inside quotes, \" is a quote and \\ a backslash; any other backslash stays as typed.
// - A value counts as quoted only when it starts AND ends with '"' (length >= 2); otherwise it is
//   taken literally, so 'say "hi"' or 'C:\dir' need no quoting.
// - The whole text is at most TAG_TEXT_MAX characters, checked before anything else, so that a
//   10 MB paste is refused at once instead of being split and trimmed on every keystroke. Any tag
//   the API accepts fits: formatTag writes at most 2 * (2 + 2 * 128) + 1 = 517 UTF-16 units.
// formatTag writes the shortest text that reads back to the same tag, so every key and value the
// API accepts can be entered and shown (parseTagInput(formatTag(t)) equals t; property-tested).
import * as l10n from '@vscode/l10n';
import { lengthText, measureLength } from './characters';
import type { SnapshotTag } from './rules';
import { checkTagKey, checkTagValue } from './rules';

/** The longest text the tag input reads, in characters (twice the longest formatted tag, for spacing). */
export const TAG_TEXT_MAX = 1024;

export type TagInputResult = { ok: true; tag: SnapshotTag } | { ok: false; message: string };

export function parseTagInput(text: string): TagInputResult {
  const length = measureLength(text, TAG_TEXT_MAX);
  if (length.count > TAG_TEXT_MAX) {
    return { ok: false, message: l10n.t('a tag is at most {0} characters as typed (now {1})', TAG_TEXT_MAX, lengthText(length)) };
  }
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: l10n.t('enter a tag as key=value') };
  let key: string;
  let rest: string | undefined;
  if (trimmed.startsWith('"')) {
    const closing = findClosingQuote(trimmed);
    if (closing < 0) {
      return { ok: false, message: l10n.t('the quoted key has no closing \'"\' (write \\" for a quote inside quotes)') };
    }
    key = unescapeQuoted(trimmed.slice(1, closing));
    const after = trimmed.slice(closing + 1).trimStart();
    if (after !== '' && !after.startsWith('=')) {
      return { ok: false, message: l10n.t("expected '=' after the quoted key, found '{0}'", after.slice(0, 10)) };
    }
    rest = after === '' ? undefined : after.slice(1);
  } else {
    const eq = trimmed.indexOf('=');
    key = eq < 0 ? trimmed : trimmed.slice(0, eq).trim();
    rest = eq < 0 ? undefined : trimmed.slice(eq + 1);
  }
  return { ok: true, tag: { key, value: rest === undefined ? '' : readValue(rest) } };
}

/**
 * For an input box's validateInput: undefined when the text is a tag CreateSnapshot accepts,
 * else what to change. `position` is the tag's 1-based place in the request (for the message).
 */
export function checkTagInput(text: string, position = 1): string | undefined {
  const parsed = parseTagInput(text);
  if (!parsed.ok) return parsed.message;
  return (checkTagKey(parsed.tag.key, position) ?? checkTagValue(parsed.tag, position))?.message;
}

/** The text parseTagInput reads back as exactly this tag ("env=prod" for ordinary tags). */
export function formatTag(tag: SnapshotTag): string {
  const key = needsQuotingAsKey(tag.key) ? quote(tag.key) : tag.key;
  const value = needsQuotingAsValue(tag.value) ? quote(tag.value) : tag.value;
  return `${key}=${value}`;
}

function readValue(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) return unescapeQuoted(value.slice(1, -1));
  return value;
}

// Index of the '"' closing the one at index 0, skipping \" and \\ escapes; -1 when none.
function findClosingQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function unescapeQuoted(inner: string): string {
  return inner.replace(/\\(["\\])/g, '$1');
}

function quote(text: string): string {
  return `"${text.replace(/(["\\])/g, '\\$1')}"`;
}

function needsQuotingAsKey(key: string): boolean {
  return key.includes('=') || key.startsWith('"') || key !== key.trim();
}

function needsQuotingAsValue(value: string): boolean {
  // A value that looks quoted must be quoted again, or its own quotes would be stripped.
  return value !== value.trim() || (value.length >= 2 && value.startsWith('"') && value.endsWith('"'));
}

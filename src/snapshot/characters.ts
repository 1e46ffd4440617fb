// Character-level helpers shared by the snapshot rules. CreateSnapshot counts and judges
// Unicode code points, not UTF-16 units, so everything here iterates with for..of / spread.
// Input boxes may hold a 10 MB paste: whatever runs on every keystroke looks at the UTF-16 length
// first and never walks more of the string than the answer needs.
import * as l10n from '@vscode/l10n';

/** A length in code points: exact, or (for huge texts) a lower bound that is already too long. */
export interface MeasuredLength {
  count: number;
  exact: boolean;
}

// Counting this many UTF-16 units exactly takes well under a millisecond.
const EXACT_COUNT_UNITS = 65_536;

/**
 * The code point length of `value`, exact whenever it matters: within `max` (or near it) the
 * count is exact; a text with more than 2 * max UTF-16 units has more than max code points (each
 * code point is one or two units), and beyond EXACT_COUNT_UNITS units only that lower bound
 * (ceil(units / 2)) is returned, so a 10 MB paste is measured in constant time.
 */
export function measureLength(value: string, max: number): MeasuredLength {
  if (value.length > 2 * max && value.length > EXACT_COUNT_UNITS) {
    return { count: Math.ceil(value.length / 2), exact: false };
  }
  return { count: codePointLength(value), exact: true };
}

/** "257", or "at least 5242880" when only a lower bound was counted. */
export function lengthText(length: MeasuredLength): string {
  return length.exact ? String(length.count) : l10n.t('at least {0}', length.count);
}

/** The 1-based code point position of the first lone surrogate, or 0 when the text is well formed. */
export function loneSurrogatePosition(value: string): number {
  const at = value.search(/\p{Cs}/u);
  return at < 0 ? 0 : codePointLength(value.slice(0, at)) + 1;
}

/** The text with every lone surrogate shown as U+FFFD, so a message can quote it safely. */
export function printable(value: string): string {
  return value.replace(/\p{Cs}/gu, '\uFFFD');
}

/** The string's code points (an emoji outside the BMP is ONE entry, as the API counts it). */
export function codePoints(value: string): string[] {
  return Array.from(value);
}

export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** The first `max` code points of `value` (only the start of a huge text is looked at). */
export function truncateCodePoints(value: string, max: number): string {
  return codePoints(value.slice(0, 2 * max)).slice(0, max).join('');
}

export function hex(ch: string): string {
  return 'U+' + (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Shows one character so a user can find it in what they typed: visible characters quoted,
 * invisible or confusable ones (spaces, controls, marks, foreign digits) also by code point.
 */
export function describeCharacter(ch: string): string {
  if (ch === ' ') return l10n.t("' ' (space)");
  if (/^\p{Cs}$/u.test(ch)) return l10n.t('a broken character ({0}, half of a surrogate pair)', hex(ch));
  if (/^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]$/u.test(ch)) return l10n.t('an invisible character ({0})', hex(ch));
  if (/^\p{Z}$/u.test(ch)) return l10n.t('a space character ({0})', hex(ch));
  // A combining mark shows on a dotted circle, else it would sit on the quote sign. (The circle is an
  // argument: an escape inside the text would not survive the l10n export's key.)
  if (/^\p{M}$/u.test(ch)) return l10n.t("'{0}' ({1}, a combining mark)", `\u25CC${ch}`, hex(ch));
  if (/^[\x21-\x7E]$/.test(ch)) return `'${ch}'`;
  if (/^\p{Nd}$/u.test(ch)) return l10n.t("'{0}' ({1}, a digit other than 0-9)", ch, hex(ch));
  return `'${ch}' (${hex(ch)})`;
}

// Character-level helpers shared by the snapshot rules. CreateSnapshot counts and judges
// Unicode code points, not UTF-16 units, so everything here iterates with for..of / spread.
import * as l10n from '@vscode/l10n';

/** The string's code points (an emoji outside the BMP is ONE entry, as the API counts it). */
export function codePoints(value: string): string[] {
  return Array.from(value);
}

export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** The first `max` code points of `value`. */
export function truncateCodePoints(value: string, max: number): string {
  return codePoints(value).slice(0, max).join('');
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
  if (/^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]$/u.test(ch)) return l10n.t('an invisible character ({0})', hex(ch));
  if (/^\p{Z}$/u.test(ch)) return l10n.t('a space character ({0})', hex(ch));
  // A combining mark shows on a dotted circle, else it would sit on the quote sign.
  if (/^\p{M}$/u.test(ch)) return l10n.t("'\u25CC{0}' ({1}, a combining mark)", ch, hex(ch));
  if (/^[\x21-\x7E]$/.test(ch)) return `'${ch}'`;
  if (/^\p{Nd}$/u.test(ch)) return l10n.t("'{0}' ({1}, a digit other than 0-9)", ch, hex(ch));
  return `'${ch}' (${hex(ch)})`;
}

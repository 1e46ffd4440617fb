// What CreateSnapshot accepts, checked before a request is sent, so the user gets a precise
// message while typing instead of a bare "wrongly formed" from the server.
//
// The rules were fixed by the lead from the official reference (CreateSnapshot, error table)
// and are implemented independently by the emulator (src/sandbox); a differential test keeps
// both in agreement. Every choice below says why it was made where the reference is vague.
//
// Common choices:
// - Lengths count Unicode code points ("characters" in the reference; an emoji outside the
//   BMP is one character, not two UTF-16 units).
// - For optional fields (name, description, retention days, client token) the empty string
//   means "not given" and is valid: the caller then simply omits the parameter.
// - Each check returns the FIRST problem found, with the code the server would answer.
// - A lone surrogate (half of a UTF-16 pair, e.g. from a broken paste) cannot be sent: the SDK's
//   encodeURIComponent throws "URI malformed". Every field refuses it with its own error code.
// - Every check runs on each keystroke and may get a 10 MB paste: the length comes first, measured
//   without walking the whole text (measureLength), and nothing after it looks at more than the
//   limit allows, so any input is judged in well under a millisecond.
import * as l10n from '@vscode/l10n';
import { codePoints, describeCharacter, lengthText, loneSurrogatePosition, measureLength, printable, type MeasuredLength } from './characters';

/** Why CreateSnapshot would refuse a value. */
export interface RuleProblem {
  /** The API error code the server would answer, e.g. "InvalidSnapshotName.Malformed". */
  code: string;
  /** What to change, as a short lowercase phrase ready to follow the field's label. */
  message: string;
  /** The API parameter concerned, e.g. "SnapshotName" or "Tag.3.Key". */
  field: string;
}

export interface SnapshotTag {
  key: string;
  value: string;
}

export const SNAPSHOT_NAME_MIN = 2;
export const SNAPSHOT_NAME_MAX = 128;
export const DESCRIPTION_MIN = 2;
export const DESCRIPTION_MAX = 256;
export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 65536;
/** Leading zeros are fine, but not a paste of millions of them: the text is at most this long. */
export const RETENTION_DAYS_TEXT_MAX = 64;
export const CLIENT_TOKEN_MAX = 64;
export const TAGS_MAX = 20;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 128;

export const ERROR_CODES = {
  snapshotName: 'InvalidSnapshotName.Malformed',
  description: 'InvalidDescription.Malformed',
  retentionDays: 'InvalidRetentionDays.Malformed',
  clientToken: 'InvalidParameter',
  tooManyTags: 'QuotaExceed.Tags',
  tagKey: 'InvalidTagKey.Malformed',
  tagValue: 'InvalidTagValue.Malformed',
  duplicateTagKey: 'Duplicate.TagKey',
} as const;

// "Letter" is Unicode general category L (Lu, Ll, Lt, Lm, Lo): the reference says "characters of
// the Unicode letter category (English, Chinese, ...)". Combining marks (M) are not letters, so a
// decomposed "é" (e + U+0301) is refused while the precomposed one is accepted; emoji and
// full-width or other non-ASCII digits are refused because only ASCII 0-9 are listed.
const LETTER = /^\p{L}$/u;
const NAME_CHAR = /^[\p{L}0-9:_.-]$/u;
// URL schemes are case-insensitive (RFC 3986), so "HTTP://x" is as much a URL as "http://x".
const URL_PREFIX = /^https?:\/\//i;
const URL_ANYWHERE = /https?:\/\//i;

function problem(code: string, field: string, message: string): RuleProblem {
  return { code, field, message };
}

function lengthProblem(code: string, field: string, length: MeasuredLength, min: number, max: number): RuleProblem | undefined {
  if (length.count < min) return problem(code, field, l10n.t('at least {0} characters (now {1})', min, length.count));
  if (length.count > max) return problem(code, field, l10n.t('at most {0} characters (now {1})', max, lengthText(length)));
  return undefined;
}

// Says which character cannot be sent and where; the text itself is never echoed.
function brokenProblem(code: string, field: string, value: string): RuleProblem | undefined {
  const at = loneSurrogatePosition(value);
  if (at === 0) return undefined;
  return problem(code, field, l10n.t('contains {0} at position {1}, which cannot be sent: delete it and type the character again', describeCharacter(brokenCharacter(value, at)), at));
}

function brokenCharacter(value: string, position: number): string {
  return codePoints(value)[position - 1];
}

/**
 * SnapshotName -> InvalidSnapshotName.Malformed.
 * 2-128 code points; starts with a letter; then letters, ASCII digits, ':' '_' '.' '-';
 * not "http://"/"https://" at the start (any case); not "auto" at the start.
 * "auto" is matched case-SENSITIVELY: automatic snapshots are named "auto_..." in lowercase, so
 * only a lowercase prefix can collide ("auto-x", "autox" refused; "Auto-x", "Automation" fine).
 * Order: length, URL prefix, "auto" prefix, first character, other characters; the URL check
 * comes before the character check so "http://x" gets the reason the user can act on.
 */
export function checkSnapshotName(value: string): RuleProblem | undefined {
  return checkNameText(value, ERROR_CODES.snapshotName, 'SnapshotName', true);
}

/** The name rules shared by snapshots and snapshot groups; only snapshots reserve "auto". */
export function checkNameText(value: string, code: string, field: string, reserveAuto: boolean): RuleProblem | undefined {
  if (value === '') return undefined;
  const tooLongOrShort = lengthProblem(code, field, measureLength(value, SNAPSHOT_NAME_MAX), SNAPSHOT_NAME_MIN, SNAPSHOT_NAME_MAX);
  if (tooLongOrShort) return tooLongOrShort;
  const broken = brokenProblem(code, field, value);
  if (broken) return broken;
  const chars = codePoints(value);
  if (URL_PREFIX.test(value)) return problem(code, field, l10n.t("must not start with 'http://' or 'https://'"));
  if (reserveAuto && value.startsWith('auto')) {
    return problem(code, field, l10n.t("must not start with 'auto' (reserved for automatic snapshots)"));
  }
  if (!LETTER.test(chars[0])) {
    return problem(code, field, l10n.t('must start with a letter ({0} is not a letter)', describeCharacter(chars[0])));
  }
  const bad = chars.findIndex((ch) => !NAME_CHAR.test(ch));
  if (bad >= 0) {
    return problem(
      code,
      field,
      l10n.t(
        "contains {0} at position {1}: only letters, digits 0-9, ':', '_', '.', '-' are allowed",
        describeCharacter(chars[bad]),
        bad + 1,
      ),
    );
  }
  return undefined;
}

/**
 * Description -> InvalidDescription.Malformed.
 * 2-256 code points of any kind (the reference says "English or Chinese characters" but lists
 * no forbidden character; the lead chose to allow all), not starting with http:// or https://.
 */
export function checkDescription(value: string): RuleProblem | undefined {
  return checkDescriptionText(value, ERROR_CODES.description, 'Description');
}

/** The description rules shared by snapshots and snapshot groups (each answers its own code). */
export function checkDescriptionText(value: string, code: string, field: string): RuleProblem | undefined {
  if (value === '') return undefined;
  const tooLongOrShort = lengthProblem(code, field, measureLength(value, DESCRIPTION_MAX), DESCRIPTION_MIN, DESCRIPTION_MAX);
  if (tooLongOrShort) return tooLongOrShort;
  const broken = brokenProblem(code, field, value);
  if (broken) return broken;
  if (URL_PREFIX.test(value)) return problem(code, field, l10n.t("must not start with 'http://' or 'https://'"));
  return undefined;
}

/**
 * RetentionDays -> InvalidRetentionDays.Malformed.
 * ASCII digits only (no sign, decimal point, exponent, spaces or non-ASCII digits: the API takes
 * an integer and we send exactly what the user typed), value 1..65536. Leading zeros are allowed:
 * "007" is the integer 7, within a text of at most 64 characters (checked first, so a huge paste
 * is refused at once; the emulator has the same limit).
 */
export function checkRetentionDays(value: string): RuleProblem | undefined {
  if (value === '') return undefined;
  const code = ERROR_CODES.retentionDays;
  const field = 'RetentionDays';
  const length = measureLength(value, RETENTION_DAYS_TEXT_MAX);
  if (length.count > RETENTION_DAYS_TEXT_MAX) {
    return problem(code, field, l10n.t('at most {0} characters (now {1})', RETENTION_DAYS_TEXT_MAX, lengthText(length)));
  }
  if (!/^[0-9]+$/.test(value)) {
    const bad = codePoints(value).find((ch) => !/^[0-9]$/.test(ch)) ?? value;
    return problem(
      code,
      field,
      l10n.t('must be a whole number of days from {0} to {1} using digits 0-9 only ({2} is not allowed)', RETENTION_DAYS_MIN, RETENTION_DAYS_MAX, describeCharacter(bad)),
    );
  }
  const days = digitsValue(value);
  if (days < RETENTION_DAYS_MIN || days > RETENTION_DAYS_MAX) {
    return problem(code, field, l10n.t('must be from {0} to {1} days (now {2})', RETENTION_DAYS_MIN, RETENTION_DAYS_MAX, shortDigits(value)));
  }
  return undefined;
}

/**
 * The number of days in a retention input: undefined when empty ("keep until deleted"), else the
 * integer. Throws with the rule's message when checkRetentionDays would refuse the text.
 */
export function parseRetentionDays(value: string): number | undefined {
  if (value === '') return undefined;
  const wrong = checkRetentionDays(value);
  if (wrong) throw new RangeError(wrong.message);
  return digitsValue(value);
}

// Exact for anything that fits the range; larger numbers only need to compare as "too large".
function digitsValue(digits: string): number {
  const significant = digits.replace(/^0+(?=\d)/, '');
  return significant.length > 15 ? Number.POSITIVE_INFINITY : Number(significant);
}

function shortDigits(digits: string): string {
  const significant = digits.replace(/^0+(?=\d)/, '');
  return significant.length > 12 ? `${significant.slice(0, 6)}…` : significant;
}

/**
 * ClientToken -> InvalidParameter.
 * ASCII only (every code point <= 0x7F, controls included: the reference says "ASCII characters"
 * without excluding any) and at most 64 characters. The first non-ASCII character is named first,
 * except in a text so long (over 128 UTF-16 units) that it is too long whatever it holds.
 */
export function checkClientToken(value: string): RuleProblem | undefined {
  if (value === '') return undefined;
  const code = ERROR_CODES.clientToken;
  const field = 'ClientToken';
  const length = measureLength(value, CLIENT_TOKEN_MAX);
  if (value.length > 2 * CLIENT_TOKEN_MAX) {
    return problem(code, field, l10n.t('at most {0} characters (now {1})', CLIENT_TOKEN_MAX, lengthText(length)));
  }
  const chars = codePoints(value);
  const bad = chars.findIndex((ch) => (ch.codePointAt(0) ?? 0) > 0x7f);
  if (bad >= 0) {
    return problem(code, field, l10n.t('must contain ASCII characters only ({0} at position {1} is not ASCII)', describeCharacter(chars[bad]), bad + 1));
  }
  if (chars.length > CLIENT_TOKEN_MAX) {
    return problem(code, field, l10n.t('at most {0} characters (now {1})', CLIENT_TOKEN_MAX, chars.length));
  }
  return undefined;
}

/**
 * Tag.N.Key / Tag.N.Value.
 * Order (the first problem wins, as a server validating top-down would answer):
 *   1. more than 20 tags                       -> QuotaExceed.Tags
 *   2. for each tag in order: its key, then its value
 *      key: not empty, <= 128 code points, no lone surrogate, not starting with "aliyun" or "acs:"
 *      (case-SENSITIVE: the reserved system prefixes are lowercase), no "http://"/"https://"
 *      anywhere (any case)                      -> InvalidTagKey.Malformed
 *      value: may be empty, <= 128 code points, no lone surrogate, no "http://"/"https://" anywhere
 *                                               -> InvalidTagValue.Malformed
 *   3. two tags with the same key (exact, case-sensitive comparison) -> Duplicate.TagKey
 */
export function checkTags(tags: ReadonlyArray<SnapshotTag>): RuleProblem | undefined {
  if (tags.length > TAGS_MAX) {
    return problem(ERROR_CODES.tooManyTags, 'Tag', l10n.t('at most {0} tags (now {1})', TAGS_MAX, tags.length));
  }
  for (let i = 0; i < tags.length; i++) {
    const wrong = checkTagKey(tags[i].key, i + 1) ?? checkTagValue(tags[i], i + 1);
    if (wrong) return wrong;
  }
  const seen = new Map<string, number>();
  for (let i = 0; i < tags.length; i++) {
    const first = seen.get(tags[i].key);
    if (first !== undefined) {
      return problem(
        ERROR_CODES.duplicateTagKey,
        `Tag.${i + 1}.Key`,
        l10n.t("tag {0} repeats the key '{1}' of tag {2}: each key may appear once", i + 1, tags[i].key, first),
      );
    }
    seen.set(tags[i].key, i + 1);
  }
  return undefined;
}

/** One tag key on its own (position is 1-based, as in Tag.N.Key). */
export function checkTagKey(key: string, position = 1): RuleProblem | undefined {
  const code = ERROR_CODES.tagKey;
  const field = `Tag.${position}.Key`;
  if (key === '') return problem(code, field, l10n.t('tag {0}: the key must not be empty', position));
  const length = measureLength(key, TAG_KEY_MAX);
  if (length.count > TAG_KEY_MAX) {
    return problem(code, field, l10n.t("tag {0} (key '{1}'): the key has at most {2} characters (now {3})", position, clip(key), TAG_KEY_MAX, lengthText(length)));
  }
  const broken = loneSurrogatePosition(key);
  if (broken > 0) {
    return problem(code, field, l10n.t("tag {0} (key '{1}'): the key contains {2} at position {3}, which cannot be sent: delete it and type the character again", position, clip(key), describeCharacter(brokenCharacter(key, broken)), broken));
  }
  for (const reserved of ['aliyun', 'acs:']) {
    if (key.startsWith(reserved)) {
      return problem(code, field, l10n.t("tag {0} (key '{1}'): the key must not start with '{2}' (reserved for Alibaba Cloud)", position, clip(key), reserved));
    }
  }
  if (URL_ANYWHERE.test(key)) {
    return problem(code, field, l10n.t("tag {0} (key '{1}'): the key must not contain 'http://' or 'https://'", position, clip(key)));
  }
  return undefined;
}

/** One tag value on its own; the key only names the tag in the message. */
export function checkTagValue(tag: SnapshotTag, position = 1): RuleProblem | undefined {
  const code = ERROR_CODES.tagValue;
  const field = `Tag.${position}.Value`;
  const length = measureLength(tag.value, TAG_VALUE_MAX);
  if (length.count > TAG_VALUE_MAX) {
    return problem(code, field, l10n.t("tag {0} (key '{1}'): the value has at most {2} characters (now {3})", position, clip(tag.key), TAG_VALUE_MAX, lengthText(length)));
  }
  const broken = loneSurrogatePosition(tag.value);
  if (broken > 0) {
    return problem(code, field, l10n.t("tag {0} (key '{1}'): the value contains {2} at position {3}, which cannot be sent: delete it and type the character again", position, clip(tag.key), describeCharacter(brokenCharacter(tag.value, broken)), broken));
  }
  if (URL_ANYWHERE.test(tag.value)) {
    return problem(code, field, l10n.t("tag {0} (key '{1}'): the value must not contain 'http://' or 'https://'", position, clip(tag.key)));
  }
  return undefined;
}

// Keeps messages readable when a key is the problem because it is huge (only its start is read),
// and printable when it holds a lone surrogate.
function clip(text: string): string {
  const chars = codePoints(text.slice(0, 82));
  return printable(chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : text);
}

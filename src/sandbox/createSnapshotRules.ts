// CreateSnapshot's parameter rules, from the API reference (the seed). Each check throws the
// seed's error; "empty" means "not given" for every optional string except a tag value.
// Text that is not well-formed Unicode (a lone surrogate, which arrives as WTF-8 on the wire) is
// malformed in every field. Lengths are judged before anything walks the whole value.

import { errors } from './errors';
import type { Params } from './params';

/** Code points of `s`, or Infinity once it cannot be within `max` (more than 2 UTF-16 units each). */
function codePoints(s: string, max: number): number {
  if (s.length > 2 * max) return Infinity;
  let n = 0;
  for (const _ of s) n++;
  return n;
}
const hasLoneSurrogate = (s: string): boolean => /\p{Cs}/u.test(s);
const startsWithUrl = (s: string): boolean => /^https?:\/\//i.test(s);
const containsUrl = (s: string): boolean => /https?:\/\//i.test(s);

/**
 * 2-128 code points; first a Unicode letter; then letters, ASCII digits, ':' '_' '.' '-'; not a URL
 * (case-insensitive, as URL schemes are); not "auto..." (case-sensitive: the reserved automatic
 * snapshot names are lowercase, so "Auto..." is allowed).
 */
export function checkSnapshotName(name: string | undefined): void {
  if (name === undefined || name === '') return;
  const n = codePoints(name, 128);
  if (
    n < 2 ||
    n > 128 ||
    !/^\p{L}[\p{L}0-9:_.-]*$/u.test(name) ||
    startsWithUrl(name) ||
    name.startsWith('auto')
  ) {
    throw errors.snapshotNameMalformed();
  }
}

/** 2-256 code points of anything well formed, not starting with a URL. HTTP 404 per the seed. */
export function checkDescription(description: string | undefined): void {
  if (description === undefined || description === '') return;
  const n = codePoints(description, 256);
  if (n < 2 || n > 256 || hasLoneSurrogate(description) || startsWithUrl(description)) throw errors.descriptionMalformed();
}

/**
 * Decimal digits only, value 1..65536. Leading zeros are fine within a text of at most 64
 * characters (the lead's limit, shared with the extension: a longer text is no integer anyone means).
 * Returns the number of days.
 */
export function checkRetentionDays(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > 64 || !/^[0-9]+$/.test(raw)) throw errors.retentionDaysMalformed();
  const digits = raw.replace(/^0+(?=.)/, '');
  if (digits.length > 5) throw errors.retentionDaysMalformed();
  const days = Number(digits);
  if (days < 1 || days > 65536) throw errors.retentionDaysMalformed();
  return days;
}

/** ASCII only (code points <= 0x7F), at most 64 characters. */
export function checkClientToken(token: string | undefined): void {
  if (token === undefined || token === '') return;
  if (token.length > 64 || [...token].some((c) => c.codePointAt(0)! > 0x7f)) throw errors.clientTokenMalformed();
}

export interface TagParam {
  index: number;
  key?: string;
  value?: string;
}

const TAG_PARAM = /^Tag\.([0-9]+)\.(Key|Value)$/;
export const MAX_TAGS = 20;

/** Collects Tag.N.Key / Tag.N.Value by N, ascending. */
export function tagParams(params: Params): TagParam[] {
  const byIndex = new Map<number, TagParam>();
  for (const [name, value] of params) {
    const m = TAG_PARAM.exec(name);
    if (!m) continue;
    const index = m[1].length > 9 ? Number.MAX_SAFE_INTEGER : Number(m[1]);
    let tag = byIndex.get(index);
    if (!tag) byIndex.set(index, (tag = { index }));
    if (m[2] === 'Key') tag.key = value;
    else tag.value = value;
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/**
 * Order: the count (QuotaExceed.Tags: more than 20 tags, or any N outside 1..20, reported as the
 * larger of the count and the highest N), then each tag by N: its key (present, non-empty, <= 128
 * code points, well formed, not "aliyun"/"acs:"-prefixed (case-sensitive), no http(s):// anywhere),
 * then its value (<= 128 code points, well formed, no http(s)://); finally duplicate keys.
 */
export function checkTags(tags: TagParam[]): Array<{ key: string; value: string }> {
  const highest = tags.length ? tags[tags.length - 1].index : 0;
  if (tags.length > MAX_TAGS || highest > MAX_TAGS) {
    throw errors.tagQuota(Math.max(tags.length, Math.min(highest, Number.MAX_SAFE_INTEGER)));
  }
  if (tags.some((t) => t.index < 1)) throw errors.tagKeyMalformed();
  const out: Array<{ key: string; value: string }> = [];
  for (const { key, value = '' } of tags) {
    if (
      key === undefined ||
      key === '' ||
      codePoints(key, 128) > 128 ||
      hasLoneSurrogate(key) ||
      key.startsWith('aliyun') ||
      key.startsWith('acs:') ||
      containsUrl(key)
    ) {
      throw errors.tagKeyMalformed();
    }
    if (codePoints(value, 128) > 128 || hasLoneSurrogate(value) || containsUrl(value)) throw errors.tagValueMalformed();
    out.push({ key, value });
  }
  if (new Set(out.map((t) => t.key)).size !== out.length) throw errors.duplicateTagKey();
  return out;
}

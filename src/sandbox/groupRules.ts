// Parameter rules of the snapshot-consistent group actions: the group's own Name and Description
// rules (they differ from a snapshot's: a Description must have 2-256 characters, a Name may
// start with "auto"), tag values that may not start with "acs:", and the DiskId.N-style lists.

import { errors } from './errors';
import { checkTags, tagParams } from './createSnapshotRules';
import { groupErrors } from './groupErrors';
import type { Params } from './params';
import type { Tag } from './world';

const startsWithUrl = (s: string): boolean => /^https?:\/\//i.test(s);
const hasLoneSurrogate = (s: string): boolean => /\p{Cs}/u.test(s);

/** Code points of `s`, or Infinity once it cannot be within `max`. */
function codePoints(s: string, max: number): number {
  if (s.length > 2 * max) return Infinity;
  return [...s].length;
}

/** 2-128; first a letter (Chinese characters are letters); then letters, digits . _ - :; no URL prefix. */
export function checkGroupName(name: string | undefined): void {
  if (name === undefined) return;
  const n = codePoints(name, 128);
  if (n < 2 || n > 128 || !/^\p{L}[\p{L}0-9._:-]*$/u.test(name) || startsWithUrl(name)) throw groupErrors.nameInvalid();
}

/** 2-256 well-formed characters, not starting with http:// or https://. */
export function checkGroupDescription(description: string | undefined): void {
  if (description === undefined) return;
  const n = codePoints(description, 256);
  if (n < 2 || n > 256 || hasLoneSurrogate(description) || startsWithUrl(description)) throw groupErrors.descriptionInvalid();
}

/** CreateSnapshot's tag rules, plus: a group's tag value may not start with "acs:". */
export function groupTags(params: Params): Tag[] {
  const tags = checkTags(tagParams(params));
  if (tags.some((t) => t.value.startsWith('acs:'))) throw errors.tagValueMalformed();
  return tags;
}

/**
 * `Name.1` ... `Name.N` as the SDK sends a string array, in order. A gap in the numbering, an empty
 * or a repeated value is InvalidParameter; `max` bounds N (past it: `tooMany`).
 */
export function stringList(params: Params, name: string, max: number, tooMany: () => Error): string[] {
  const byIndex = new Map<number, string>();
  const pattern = new RegExp(`^${name.replace('.', '\\.')}\\.([0-9]{1,6})$`);
  for (const [key, value] of params) {
    const m = pattern.exec(key);
    if (m) byIndex.set(Number(m[1]), value);
  }
  if (byIndex.size > max) throw tooMany();
  const list: string[] = [];
  for (let n = 1; n <= byIndex.size; n++) {
    const v = byIndex.get(n);
    if (v === undefined) throw errors.invalidParameter(`${name}.N`, 'It must be numbered from 1 without gaps.');
    if (v === '') throw errors.invalidParameter(`${name}.${n}`, 'It must not be empty.');
    if (list.includes(v)) throw errors.invalidParameter(`${name}.${n}`, `${v} is given more than once.`);
    list.push(v);
  }
  return list;
}

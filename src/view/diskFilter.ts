// The title-bar filter: which disks stay visible. Pure, so it is unit-tested without VS Code.
import type { Disk } from '../ecs/gateway';

/**
 * Terms separated by spaces; a disk matches when EVERY term is found (case-insensitive substring)
 * in its name, id, instance id, or a tag written `key`, `value` or `key=value` (`key:value` too).
 */
export function parseFilter(text: string): string[] {
  return text
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter((term) => term.length > 0);
}

export function diskMatches(disk: Disk, terms: readonly string[]): boolean {
  return terms.length === 0 || textMatches(diskSearchText(disk), terms);
}

/**
 * The lower-cased texts a filter searches as one string, for callers that keep it per disk
 * (100,000 disks, each keystroke). The fields are joined by a line break: a term never holds
 * white space, so it is found in the joined text exactly when it is found in one field.
 */
export function diskSearchText(disk: Disk): string {
  let text = `${disk.diskName}\n${disk.diskId}\n${disk.instanceId ?? ''}`;
  for (const tag of disk.tags) text += `\n${tag.key}=${tag.value}\n${tag.key}:${tag.value}`;
  return text.toLowerCase();
}

/** Every term is in the text (no allocation: called per disk per keystroke). */
export function textMatches(text: string, terms: readonly string[]): boolean {
  for (let i = 0; i < terms.length; i++) if (!text.includes(terms[i])) return false;
  return true;
}

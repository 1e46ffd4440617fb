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
  return terms.length === 0 || fieldsMatch(diskSearchFields(disk), terms);
}

/** The lower-cased texts a filter searches, for callers that keep them per disk (100,000 disks, each keystroke). */
export function diskSearchFields(disk: Disk): string[] {
  const haystack = [disk.diskName, disk.diskId, disk.instanceId ?? ''];
  for (const tag of disk.tags) haystack.push(`${tag.key}=${tag.value}`, `${tag.key}:${tag.value}`);
  return haystack.map((f) => f.toLowerCase());
}

export function fieldsMatch(fields: readonly string[], terms: readonly string[]): boolean {
  return terms.every((term) => fields.some((field) => field.includes(term)));
}

// Snapshot-consistent groups as seen at a moment: the live member snapshots and the group status
// they add up to. A group whose members are all gone (DeleteSnapshot) is gone too.

import type { SnapshotGroupRecord, SnapshotView, World } from './world';

/** ESSD family: ESSD, ESSD AutoPL, ESSD Entry and the regional (zone-redundant) ESSD. */
export const GROUP_CATEGORIES = /^cloud_(essd|auto|essd_entry|regional_disk_auto)$/;
export const REGIONAL_ESSD = 'cloud_regional_disk_auto';
/** Instant access: an ESSD member is usable this many simulated seconds after it was taken. */
export const INSTANT_ACCESS_SECONDS = 10;
/** Snapshot jobs one disk may have in flight, manual, automatic and group ones together. */
export const MAX_IN_FLIGHT = 10;

export interface GroupView extends SnapshotGroupRecord {
  status: 'progressing' | 'accomplished' | 'failed';
  members: SnapshotView[];
}

export function groupView(world: World, group: SnapshotGroupRecord): GroupView | undefined {
  const members: SnapshotView[] = [];
  for (const id of group.snapshotIds) {
    const record = world.snapshots.get(id);
    const view = record && world.view(record);
    if (view) members.push(view);
  }
  if (members.length === 0) return undefined;
  const statuses = new Set(members.map((m) => m.progress.status));
  const status = statuses.has('progressing') ? 'progressing' : statuses.has('failed') ? 'failed' : 'accomplished';
  return { ...group, status, members };
}

/** Live groups of a region, newest first. */
export function groupsIn(world: World, regionId: string): GroupView[] {
  const views: GroupView[] = [];
  for (const group of world.snapshotGroups.values()) {
    if (group.regionId !== regionId) continue;
    const view = groupView(world, group);
    if (view) views.push(view);
  }
  return views.reverse().sort((a, b) => b.creationTime - a.creationTime);
}

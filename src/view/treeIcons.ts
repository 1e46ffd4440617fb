// Which codicon (and colour) each tree item gets. Pure: names only, turned into ThemeIcons by the provider.
import type { Disk, Snapshot } from '../ecs/gateway';
import type { DiskBlocker } from './diskText';

export interface IconSpec {
  id: string;
  /** A theme colour id, when the state deserves one. */
  color?: string;
}

export function diskIcon(disk: Pick<Disk, 'type'>, blocker: DiskBlocker | undefined): IconSpec {
  const id = disk.type === 'system' ? 'server' : 'database';
  if (!blocker) return { id };
  switch (blocker.kind) {
    case 'creating':
      return { id: 'sync~spin', color: 'charts.blue' };
    case 'securityLock':
      return { id: 'lock', color: 'problemsErrorIcon.foreground' };
    default:
      return { id, color: 'disabledForeground' };
  }
}

export function snapshotIcon(snapshot: Pick<Snapshot, 'status'>): IconSpec {
  switch (snapshot.status) {
    case 'progressing':
      return { id: 'loading~spin', color: 'charts.blue' };
    case 'accomplished':
      return { id: 'device-camera', color: 'testing.iconPassed' };
    case 'failed':
      return { id: 'error', color: 'problemsErrorIcon.foreground' };
    default:
      return { id: 'question' };
  }
}

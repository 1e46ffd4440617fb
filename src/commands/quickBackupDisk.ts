// The workspace's Quick Backup disk, remembered in workspaceState so Quick Backup asks nothing.
import type { Disk } from '../ecs/gateway';
import { diskLabel } from '../view/diskText';

export interface QuickBackupDisk {
  regionId: string;
  diskId: string;
  /** For messages before the disk is loaded again. */
  diskName: string;
  /** Connection.sourceKey when it was chosen: the disk belongs to that account. */
  sourceKey: string;
}

/** The slice of vscode.Memento used here. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const KEY = 'ecsSnapshots.quickBackupDisk';

export function readQuickBackupDisk(store: StateStore): QuickBackupDisk | undefined {
  const value = store.get<Partial<QuickBackupDisk>>(KEY);
  if (!value || typeof value.regionId !== 'string' || typeof value.diskId !== 'string') return undefined;
  return {
    regionId: value.regionId,
    diskId: value.diskId,
    diskName: typeof value.diskName === 'string' ? value.diskName : value.diskId,
    sourceKey: typeof value.sourceKey === 'string' ? value.sourceKey : '',
  };
}

export async function rememberQuickBackupDisk(store: StateStore, disk: Disk, regionId: string, sourceKey: string): Promise<QuickBackupDisk> {
  const value: QuickBackupDisk = { regionId, diskId: disk.diskId, diskName: diskLabel(disk), sourceKey };
  await store.update(KEY, value);
  return value;
}

// The names a disk's snapshots already have, so Quick Backup can give its new one a name of its own.
import type { EcsGateway } from '../ecs/gateway';

/** ECS keeps at most 256 manual snapshots per disk (plus automatic ones): a few pages of 100 cover them. */
const MAX_PAGES = 5;

export async function snapshotNamesOfDisk(gateway: EcsGateway, regionId: string, diskId: string): Promise<Set<string>> {
  const names = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await gateway.listSnapshotsOfDisk({ regionId, diskId, nextToken });
    for (const snapshot of result.items) names.add(snapshot.snapshotName);
    nextToken = result.nextToken;
    if (!nextToken) break;
  }
  return names;
}

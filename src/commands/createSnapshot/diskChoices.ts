// The region's disks as picker choices, one page of DescribeDisks at a time, each page with its
// instances (one DescribeInstances per page) so a disk can be found by the instance's name and
// security locks are known before anything is sent.
import * as l10n from '@vscode/l10n';
import type { Disk, EcsGateway, Instance, Page } from '../../ecs/gateway';
import { describeEcsProblem } from '../../snapshot/catalog';
import { categoryName, diskLabel, diskStatusWord, snapshotBlocker } from '../../view/diskText';
import { asEcsError } from './failure';
import type { DiskChoice } from './flowState';
import type { PickChoice } from './prompter';
import { notice } from './prompter';

export interface DiskChoiceSource {
  gateway: EcsGateway;
  regionId: string;
  /** True while a snapshot of the disk is being created or requested (tracker, tree, in flight). */
  isCreating(diskId: string): boolean;
}

export async function* diskChoicePages(source: DiskChoiceSource): AsyncGenerator<PickChoice<DiskChoice>[]> {
  let nextToken: string | undefined;
  do {
    let page: Page<Disk>;
    try {
      page = await source.gateway.listDisks({ regionId: source.regionId, nextToken });
    } catch (error) {
      // Shown as a last, unpickable row: the disks loaded so far stay usable.
      yield [notice<DiskChoice>(l10n.t('Could not load the disks: {0}', describeEcsProblem(asEcsError(error, 'DescribeDisks')).title))];
      return;
    }
    const instances = await instancesOf(source, page.items);
    yield page.items.map((disk) => {
      const instance = disk.instanceId ? instances.get(disk.instanceId) : undefined;
      return diskChoice({ disk, instanceName: instance?.instanceName, instanceLocks: instance?.lockReasons ?? [] }, source.isCreating(disk.diskId));
    });
    nextToken = page.nextToken;
  } while (nextToken);
}

// One DescribeInstances per page (the gateway batches ids by 100). Failing only costs the
// instance names and the security-lock hint: the server still refuses a locked disk.
async function instancesOf(source: DiskChoiceSource, disks: readonly Disk[]): Promise<Map<string, Instance>> {
  const ids = [...new Set(disks.flatMap((d) => (d.instanceId ? [d.instanceId] : [])))];
  if (ids.length === 0) return new Map();
  try {
    const found = await source.gateway.describeInstances(source.regionId, ids);
    return new Map(found.map((i) => [i.instanceId, i]));
  } catch {
    return new Map();
  }
}

/** One disk as a choice: searchable by name, id and instance; blocked with the reason when needed. */
export function diskChoice(choice: DiskChoice, creating: boolean): PickChoice<DiskChoice> {
  const { disk, instanceName } = choice;
  const blockedReason = snapshotBlocker(disk, choice.instanceLocks, creating);
  const facts = [disk.diskId, l10n.t('{0} GiB', disk.sizeGiB), categoryName(disk.category, disk.performanceLevel), diskStatusWord(disk.status)];
  const device = disk.device ? ` ${disk.device}` : '';
  const where = !disk.instanceId
    ? l10n.t('not attached')
    : instanceName
      ? l10n.t('on {0} ({1}){2}', instanceName, disk.instanceId, device)
      : l10n.t('on {0}{1}', disk.instanceId, device);
  return {
    label: `${blockedReason ? '$(circle-slash)' : '$(database)'} ${diskLabel(disk)}`,
    description: facts.join(' · '),
    detail: blockedReason ? `${where} · ${blockedReason}` : where,
    blockedReason,
    value: choice,
  };
}

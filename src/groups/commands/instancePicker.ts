// The palette's pickers for the server-level commands: the region's instances a page at a time
// (DescribeInstances, 100 each), and an instance's recent snapshot groups (one DescribeSnapshotGroups,
// newest first). Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { EcsGateway, Instance, Page, SnapshotGroup } from '../../ecs/gateway';
import { describeEcsProblem } from '../../snapshot/catalog';
import { asEcsError } from '../../commands/createSnapshot/failure';
import type { PickChoice } from '../../commands/createSnapshot/prompter';
import { notice } from '../../commands/createSnapshot/prompter';
import { instanceDescription, instanceLabel } from '../../view/instanceText';
import { formatDateTime, timeValue } from '../../view/timeText';
import { groupLabel } from './instanceRollbackPlan';
import { groupStatusText } from './groupText';

/** How many recent groups an instance shows (the tree and the picker): DescribeSnapshotGroups' default page. */
export const RECENT_GROUPS = 10;

export async function* instanceChoicePages(gateway: EcsGateway, regionId: string): AsyncGenerator<PickChoice<Instance>[]> {
  let nextToken: string | undefined;
  do {
    let page: Page<Instance>;
    try {
      page = await gateway.listInstances({ regionId, nextToken });
    } catch (error) {
      yield [notice<Instance>(l10n.t('Could not load the instances: {0}', describeEcsProblem(asEcsError(error, 'DescribeInstances')).title))];
      return;
    }
    yield page.items.map((instance) => ({ label: `$(vm) ${instanceLabel(instance)}`, description: instanceDescription(instance), value: instance }));
    nextToken = page.nextToken;
  } while (nextToken);
}

/** The instance's recent groups, newest first (one request). */
export async function recentGroups(gateway: EcsGateway, regionId: string, instanceId: string): Promise<SnapshotGroup[]> {
  const page = await gateway.describeSnapshotGroups({ regionId, instanceId, maxResults: RECENT_GROUPS });
  return newestGroupsFirst(page.items);
}

export function newestGroupsFirst(groups: readonly SnapshotGroup[]): SnapshotGroup[] {
  return [...groups].sort((a, b) => timeValue(b.creationTime) - timeValue(a.creationTime));
}

export function groupChoice(group: SnapshotGroup): PickChoice<SnapshotGroup> {
  return {
    label: `$(layers) ${groupLabel(group)}`,
    description: `${formatDateTime(group.creationTime)} · ${groupStatusText(group)}`,
    detail: group.members.length === 1 ? l10n.t('1 disk') : l10n.t('{0} disks', group.members.length),
    value: group,
  };
}

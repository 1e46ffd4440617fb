// Quick Backup of an instance: the workspace can remember an instance instead of a disk; Quick
// Backup then takes one snapshot-consistent group of the disks that can join, named from the same
// template and marked with the same tag. Pure (no `vscode`): remembered in workspaceState.
import * as l10n from '@vscode/l10n';
import type { Disk, Instance } from '../../ecs/gateway';
import type { GroupExclusion } from '../../snapshot/groupPlan';
import { checkGroupName } from '../../snapshot/groupRules';
import type { GitInfo } from '../../commands/gitInfo';
import { describeOrigin } from '../../commands/quickBackupIntent';
import { quickBackupName, unknownPlaceholder } from '../../commands/quickBackupName';
import type { StateStore } from '../../commands/quickBackupDisk';
import { instanceLabel } from '../../view/instanceText';
import { QUICK_BACKUP_GROUP_TAG, type GroupBackupRequest } from '../groupApi';
import { groupBackupRequest, instanceBackupOffer } from './instanceBackupPlan';

export interface QuickBackupInstance {
  regionId: string;
  instanceId: string;
  instanceName: string;
  sourceKey: string;
}

export const QUICK_BACKUP_INSTANCE_KEY = 'ecsSnapshots.quickBackupInstance';

export function readQuickBackupInstance(store: StateStore): QuickBackupInstance | undefined {
  const value = store.get<Partial<QuickBackupInstance>>(QUICK_BACKUP_INSTANCE_KEY);
  if (!value || typeof value.regionId !== 'string' || typeof value.instanceId !== 'string') return undefined;
  return {
    regionId: value.regionId,
    instanceId: value.instanceId,
    instanceName: typeof value.instanceName === 'string' ? value.instanceName : value.instanceId,
    sourceKey: typeof value.sourceKey === 'string' ? value.sourceKey : '',
  };
}

export async function rememberQuickBackupInstance(store: StateStore, instance: Instance, regionId: string, sourceKey: string): Promise<QuickBackupInstance> {
  const value: QuickBackupInstance = { regionId, instanceId: instance.instanceId, instanceName: instanceLabel(instance), sourceKey };
  await store.update(QUICK_BACKUP_INSTANCE_KEY, value);
  return value;
}

/** "Set Quick Backup Disk..." chose a disk again: Quick Backup snapshots that disk, not the instance. */
export async function forgetQuickBackupInstance(store: StateStore): Promise<void> {
  if (store.get(QUICK_BACKUP_INSTANCE_KEY) !== undefined) await store.update(QUICK_BACKUP_INSTANCE_KEY, undefined);
}

export interface InstanceQuickBackupInput {
  instance: Instance;
  disks: readonly Disk[];
  isCreating(diskId: string): boolean;
  regionId: string;
  sourceKey: string;
  nameTemplate: string;
  git: GitInfo;
  now: Date;
  operationId: string;
  clientToken: string;
}

export type InstanceQuickBackupPlan = { ok: true; request: GroupBackupRequest; leftOut: GroupExclusion[] } | { ok: false; message: string };

export function planInstanceQuickBackup(input: InstanceQuickBackupInput): InstanceQuickBackupPlan {
  const typo = unknownPlaceholder(input.nameTemplate);
  if (typo) {
    return {
      ok: false,
      message: l10n.t("The setting 'ecsSnapshots.quickBackup.nameTemplate' has \"{0}\", which is not a placeholder. Use {1}, or plain text.", typo, '{disk}, {date}, {time}, {branch}, {commit}'),
    };
  }
  const { plan } = instanceBackupOffer(input.instance, input.disks, input.isCreating);
  if (plan.members.length === 0) {
    const why = plan.excluded.map((e) => `${e.disk.diskName ?? e.disk.diskId}: ${e.message}`).join('; ');
    return { ok: false, message: l10n.t('No disk of {0} can join a snapshot group now ({1}).', instanceLabel(input.instance), why || l10n.t('it has no disks')) };
  }
  // {disk} in the template names the instance here: the group is the instance's backup.
  const name = quickBackupName(input.nameTemplate, { disk: instanceLabel(input.instance), now: input.now, branch: input.git.branch, commit: input.git.commit });
  const byId = new Map(input.disks.map((d) => [d.diskId, d]));
  const request = groupBackupRequest({
    operationId: input.operationId,
    clientToken: input.clientToken,
    regionId: input.regionId,
    sourceKey: input.sourceKey,
    instance: input.instance,
    choices: {
      members: plan.members.map((m) => byId.get(m.diskId)!),
      alone: [],
      name: checkGroupName(name) ? '' : name,
      description: describeOrigin(input.git) ?? '',
      tags: [{ ...QUICK_BACKUP_GROUP_TAG }],
    },
    origin: 'quickBackup',
    now: input.now,
  });
  return { ok: true, request, leftOut: plan.excluded };
}

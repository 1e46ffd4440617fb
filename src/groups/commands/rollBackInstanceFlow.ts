// "Roll Back Instance...": [instance] -> [group] -> how (safety group, start after) -> one modal
// listing every disk and what is lost -> the instance's name typed -> one InstanceRollbackRequest
// handed to the tracker. Every precondition is judged before the modal and again before handing
// over; nothing here writes to ECS (reads only). Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { Disk, EcsGateway, Instance, Snapshot, SnapshotGroup } from '../../ecs/gateway';
import { BEFORE_ROLLBACK_TAG } from '../../rollback/rollbackApi';
import { describeEcsProblem, formatForUser } from '../../snapshot/catalog';
import { asEcsError } from '../../commands/createSnapshot/failure';
import type { PickChoice, Prompter, StepPosition } from '../../commands/createSnapshot/prompter';
import { isBack, isCancel } from '../../commands/createSnapshot/prompter';
import { safetySnapshotName } from '../../commands/rollback/safetySnapshot';
import { instanceTypedConfirmation } from '../../commands/rollback/typedConfirmation';
import { instanceLabel } from '../../view/instanceText';
import type { GroupTrackerApi, InstanceRollbackRequest } from '../groupApi';
import { groupChoice, instanceChoicePages, recentGroups } from './instancePicker';
import type { RollbackFacts, TrackerView } from './instanceRollbackPlan';
import { groupLabel, instanceOfGroup, instanceRollbackRefusal, memberPlans, rollbackDetail, rollbackQuestion } from './instanceRollbackPlan';

export interface RollBackInstancePorts {
  prompter: Prompter;
  /** The modal: resolves true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  gateway: EcsGateway;
  regionId: string;
  sourceKey: string;
  groups: Pick<GroupTrackerApi, 'startInstanceRollback' | 'isRollingBackInstance' | 'isBackingUpInstance'>;
  isRollingBackDisk(diskId: string): boolean;
  isCreating(diskId: string): boolean;
  /** ecsSnapshots.rollback.safetySnapshot: the toggle's starting position. */
  safetyDefault: boolean;
  now(): Date;
  newId(): string;
}

/** What the command was invoked on: a group node (its id), an instance node, or nothing. */
export interface InstanceRollbackStart {
  groupId?: string;
  instanceId?: string;
}

export type InstanceRollbackResult =
  | { kind: 'started'; operationId: string; request: InstanceRollbackRequest }
  | { kind: 'cancelled' }
  | { kind: 'refused'; reason: string }
  | { kind: 'notSent'; reason: string };

type Stop = Exclude<InstanceRollbackResult, { kind: 'started' }>;
type Option = 'go' | 'safety' | 'start';

export async function runRollBackInstanceFlow(ports: RollBackInstancePorts, start: InstanceRollbackStart): Promise<InstanceRollbackResult> {
  const title = l10n.t('Roll Back Instance');
  const steps = (start.groupId ? 0 : 1) + (start.groupId || start.instanceId ? 0 : 1) + 2;
  let step = 0;
  const at = (): StepPosition => ({ title, step: ++step, totalSteps: steps });

  let instanceId = start.instanceId;
  if (!start.groupId && !instanceId) {
    const picked = await ports.prompter.pick<Instance>({ ...at(), placeholder: l10n.t('Instance to roll back: type to search by name or ID'), choices: [], more: instanceChoicePages(ports.gateway, ports.regionId), matchOnDetails: true });
    if (isCancel(picked) || isBack(picked)) return { kind: 'cancelled' };
    instanceId = picked.instanceId;
  }
  let groupId = start.groupId;
  if (!groupId) {
    const picked = await pickGroup(ports, instanceId!, at());
    if ('kind' in picked) return picked;
    groupId = picked.snapshotGroupId;
  }

  const loaded = await loadFacts(ports.gateway, ports.regionId, groupId);
  if (!loaded.ok) return { kind: 'notSent', reason: loaded.reason };
  const facts = loaded.facts;
  const refusal = instanceRollbackRefusal(facts, trackerView(ports));
  if (refusal) return { kind: 'refused', reason: refusal };
  const instance = facts.instance!;
  const members = memberPlans(facts);

  const wasRunning = instance.status === 'Running';
  const options = { safety: ports.safetyDefault, startAfter: wasRunning };
  const safetyName = safetySnapshotName(ports.now(), new Set());
  let active: Option = 'go';
  const optionsAt = at();
  for (;;) {
    const picked = await ports.prompter.pick<Option>({
      ...optionsAt,
      title: l10n.t('Roll Back {0} to {1}', instanceLabel(instance), groupLabel(facts.group)),
      placeholder: l10n.t('Everything written to the {0} disks after the group was taken is lost. Pick an option to change it, or Roll back.', members.length),
      choices: optionChoices(instance, members.length, options, safetyName),
      isActive: (v) => v === active,
    });
    if (isCancel(picked) || isBack(picked)) return { kind: 'cancelled' };
    if (picked === 'go') break;
    if (picked === 'safety') options.safety = !options.safety;
    else options.startAfter = !options.startAfter;
    active = picked;
  }
  const choices = { safety: options.safety ? { name: safetyName } : undefined, startAfter: options.startAfter };
  if (!(await ports.confirm(rollbackQuestion(instance, facts.group), rollbackDetail(facts, members, choices), l10n.t('Roll Back...')))) return { kind: 'cancelled' };

  const gate = instanceTypedConfirmation(instance, facts.group.creationTime);
  const typed = await ports.prompter.input({ ...at(), title: rollbackQuestion(instance, facts.group), value: '', prompt: gate.prompt, placeholder: gate.expected, validate: gate.validate });
  if (isCancel(typed) || isBack(typed) || gate.validate(typed) !== undefined) return { kind: 'cancelled' };

  // Something may have started while the user read and typed (another rollback, a backup).
  const late = instanceRollbackRefusal(facts, trackerView(ports));
  if (late) return { kind: 'refused', reason: late };
  const now = ports.now();
  const request: InstanceRollbackRequest = {
    operationId: ports.newId(),
    regionId: ports.regionId,
    sourceKey: ports.sourceKey,
    instanceId: instance.instanceId,
    instanceName: instanceLabel(instance),
    groupId: facts.group.snapshotGroupId,
    groupName: groupLabel(facts.group),
    groupTime: facts.group.creationTime,
    members,
    wasRunning,
    startAfter: options.startAfter,
    ...(options.safety
      ? {
          safetyGroup: {
            name: safetyName,
            description: l10n.t('State of {0} before it was rolled back to {1}', instanceLabel(instance), facts.group.snapshotGroupId),
            tags: [{ ...BEFORE_ROLLBACK_TAG }],
            clientToken: ports.newId(),
          },
        }
      : {}),
    requestedAt: now.getTime(),
  };
  ports.groups.startInstanceRollback(request);
  return { kind: 'started', operationId: request.operationId, request };
}

async function pickGroup(ports: RollBackInstancePorts, instanceId: string, position: StepPosition): Promise<SnapshotGroup | Stop> {
  let groups: SnapshotGroup[];
  try {
    groups = await recentGroups(ports.gateway, ports.regionId, instanceId);
  } catch (error) {
    return { kind: 'notSent', reason: l10n.t('Could not load the snapshot groups: {0}', formatForUser(describeEcsProblem(asEcsError(error, 'DescribeSnapshotGroups')))) };
  }
  if (groups.length === 0) return { kind: 'notSent', reason: l10n.t('Instance {0} has no snapshot groups to roll back to. Take one with "Back Up Instance...".', instanceId) };
  const picked = await ports.prompter.pick<SnapshotGroup>({
    ...position,
    placeholder: l10n.t('Snapshot group to roll back to, newest first. Everything written to the disks after it is lost.'),
    choices: groups.map(groupChoice),
    matchOnDetails: true,
  });
  return isCancel(picked) || isBack(picked) ? { kind: 'cancelled' } : picked;
}

/** Reads the group, its instance, the instance's disks and their recent snapshots (reads only). */
export async function loadFacts(gateway: EcsGateway, regionId: string, groupId: string): Promise<{ ok: true; facts: RollbackFacts } | { ok: false; reason: string }> {
  let action = 'DescribeSnapshotGroups';
  try {
    const group = (await gateway.describeSnapshotGroups({ regionId, groupIds: [groupId] })).items.find((g) => g.snapshotGroupId === groupId);
    if (!group) return { ok: false, reason: l10n.t('ECS did not find the snapshot group {0}; it may have been deleted. Refresh the Disks view.', groupId) };
    const instanceId = instanceOfGroup(group);
    if (!instanceId) return { ok: false, reason: l10n.t('The snapshot group {0} holds disks of several instances; roll back its disks one by one.', groupLabel(group)) };
    action = 'DescribeInstances';
    const instance = (await gateway.describeInstances(regionId, [instanceId])).find((i) => i.instanceId === instanceId);
    const disks = new Map<string, Disk>();
    const snapshotsOf = new Map<string, Snapshot[]>();
    if (instance) {
      action = 'DescribeDisks';
      let nextToken: string | undefined;
      do {
        const page = await gateway.listDisks({ regionId, instanceId, nextToken });
        for (const disk of page.items) if (disk.instanceId === instanceId) disks.set(disk.diskId, disk);
        nextToken = page.nextToken;
      } while (nextToken);
      action = 'DescribeSnapshots';
      for (const member of group.members) {
        if (!disks.has(member.sourceDiskId)) continue;
        snapshotsOf.set(member.sourceDiskId, (await gateway.listSnapshotsOfDisk({ regionId, diskId: member.sourceDiskId, maxResults: 10 })).items);
      }
    }
    return { ok: true, facts: { group, instance, disks, snapshotsOf } };
  } catch (error) {
    return { ok: false, reason: l10n.t('Could not read what the rollback needs: {0}', formatForUser(describeEcsProblem(asEcsError(error, action)))) };
  }
}

function trackerView(ports: RollBackInstancePorts): TrackerView {
  const ref = (instanceId: string) => ({ regionId: ports.regionId, instanceId });
  return {
    isRollingBackInstance: (id) => ports.groups.isRollingBackInstance(ref(id)),
    isBackingUpInstance: (id) => ports.groups.isBackingUpInstance(ref(id)),
    isRollingBackDisk: (id) => ports.isRollingBackDisk(id),
    isCreating: (id) => ports.isCreating(id),
  };
}

export function optionChoices(instance: Instance, diskCount: number, options: { safety: boolean; startAfter: boolean }, safetyName: string): PickChoice<Option>[] {
  const name = instanceLabel(instance);
  const go =
    instance.status === 'Running'
      ? options.startAfter
        ? l10n.t('Stop {0} once, roll back {1} disks, start it again', name, diskCount)
        : l10n.t('Stop {0} once, roll back {1} disks, keep it stopped', name, diskCount)
      : options.startAfter
        ? l10n.t('Roll back {0} disks, then start {1}', diskCount, name)
        : l10n.t('Roll back {0} disks, keep {1} stopped', diskCount, name);
  return [
    { label: `$(history) ${go}`, description: l10n.t('{0} is {1}', name, instance.status === 'Running' ? l10n.t('running') : l10n.t('stopped')), value: 'go' },
    options.safety
      ? { label: `$(pass-filled) ${l10n.t('Safety group first')}`, description: l10n.t('on: "{0}", kept until deleted', safetyName), detail: l10n.t('Pick to turn off. A group of the disks as they are now lets you undo this rollback.'), value: 'safety' }
      : { label: `$(circle-large-outline) ${l10n.t('Safety group first')}`, description: l10n.t('off: the current state of the disks is not kept'), detail: l10n.t('Pick to turn on.'), value: 'safety' },
    options.startAfter
      ? { label: `$(pass-filled) ${l10n.t('Start the instance afterwards')}`, description: l10n.t('on'), detail: l10n.t('Pick to keep it stopped after the rollback.'), value: 'start' }
      : { label: `$(circle-large-outline) ${l10n.t('Start the instance afterwards')}`, description: l10n.t('off: it stays stopped'), detail: l10n.t('Pick to start it after the rollback.'), value: 'start' },
  ];
}

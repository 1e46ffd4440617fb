// "Back Up Instance...": disks (multi-select) -> name -> description -> tags -> confirm, then one
// snapshot-consistent group handed to the tracker with a fresh ClientToken, and the disks that
// cannot join snapshotted on their own (one ClientToken each, through the backup service). Back
// keeps every answer; Escape anywhere sends nothing. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { Disk, Instance, Tag } from '../../ecs/gateway';
import { checkGroupDescription, checkGroupName, checkGroupTags } from '../../snapshot/groupRules';
import { TAGS_MAX } from '../../snapshot/rules';
import type { Back, Cancel, PickChoice, StepPosition } from '../../commands/createSnapshot/prompter';
import { BACK, isBack, isCancel } from '../../commands/createSnapshot/prompter';
import { fieldMessage } from '../../commands/createSnapshot/steps/inputSteps';
import { tagsStep } from '../../commands/createSnapshot/steps/tagsStep';
import { instanceLabel } from '../../view/instanceText';
import type { GroupBackupRequest, GroupTrackerApi } from '../groupApi';
import type { GroupPrompter } from './groupPrompter';
import type { DiskPick } from './instanceBackupPlan';
import { backupSummary, defaultGroupName, groupBackupRequest, instanceBackupOffer, offerPlaceholder, validateTicks } from './instanceBackupPlan';

/** What became of a disk snapshotted on its own. */
export type AloneOutcome = { ok: true; snapshotId: string } | { ok: false; message: string };

export interface BackUpInstancePorts {
  prompter: GroupPrompter;
  regionId: string;
  sourceKey: string;
  groups: Pick<GroupTrackerApi, 'startGroupBackup' | 'isBackingUpInstance'>;
  /** A snapshot of this disk is being created or requested. */
  isCreating(diskId: string): boolean;
  /** One snapshot of a disk that cannot join, with its own ClientToken (the backup service). */
  snapshotAlone(disk: Disk): Promise<AloneOutcome>;
  /** Tags the box starts with (ecsSnapshots.snapshot.defaultTags). */
  defaultTags: Tag[];
  now(): Date;
  /** A fresh unique id (operation id, ClientToken). */
  newId(): string;
}

export type BackUpInstanceResult =
  | { kind: 'cancelled' }
  /** Nothing sent; `reason` was for the user. */
  | { kind: 'notSent'; reason: string }
  | { kind: 'started'; request?: GroupBackupRequest; alone: { disk: Disk; outcome: AloneOutcome }[] };

interface FlowState {
  picks: DiskPick[];
  name: string;
  proposedName: string;
  description: string;
  tags: Tag[];
}

type Step = 'disks' | 'name' | 'description' | 'tags' | 'confirm';
type StepOutcome = 'next' | 'back' | 'cancel';

export async function runBackUpInstanceFlow(ports: BackUpInstancePorts, instance: Instance, disks: readonly Disk[]): Promise<BackUpInstanceResult> {
  if (disks.length === 0) return { kind: 'notSent', reason: l10n.t('{0} has no disks to back up.', instanceLabel(instance)) };
  const offer = instanceBackupOffer(instance, disks, (id) => ports.isCreating(id));
  const tickable = offer.choices.filter((c) => c.blockedReason === undefined);
  if (tickable.length === 0) {
    return { kind: 'notSent', reason: l10n.t('No disk of {0} can be snapshotted now: {1}', instanceLabel(instance), offer.choices.map((c) => c.blockedReason).join('; ')) };
  }
  const state: FlowState = {
    picks: tickable.filter((c) => c.value.kind === 'member').map((c) => c.value),
    name: '',
    proposedName: '',
    description: '',
    tags: ports.defaultTags.map((t) => ({ ...t })),
  };
  const title = l10n.t('Back Up Instance {0}', instanceLabel(instance));
  const all: Step[] = ['disks', 'name', 'description', 'tags', 'confirm'];
  let index = 0;
  while (index < all.length) {
    // The group's questions are left out while no disk joins it (only disks taken alone).
    const steps = members(state).length ? all : all.filter((s) => s === 'disks' || s === 'confirm');
    const step = all[index];
    if (!steps.includes(step)) {
      index++;
      continue;
    }
    const position: StepPosition = { title, step: steps.indexOf(step) + 1, totalSteps: steps.length };
    const outcome = await runStep(step, ports, instance, offer.choices, placeholderOf(instance, offer), state, position);
    if (outcome === 'cancel') return { kind: 'cancelled' };
    if (outcome === 'next') index++;
    else index = all.indexOf(steps[Math.max(0, steps.indexOf(step) - 1)]);
  }
  return send(ports, instance, state);
}

function placeholderOf(instance: Instance, offer: ReturnType<typeof instanceBackupOffer>): string {
  return offerPlaceholder(instance, offer);
}

async function runStep(
  step: Step,
  ports: BackUpInstancePorts,
  instance: Instance,
  choices: PickChoice<DiskPick>[],
  placeholder: string,
  state: FlowState,
  position: StepPosition,
): Promise<StepOutcome> {
  switch (step) {
    case 'disks': {
      const picked = await ports.prompter.pickMany<DiskPick>({
        ...position,
        placeholder,
        choices,
        isPicked: (value) => state.picks.some((p) => p.disk.diskId === value.disk.diskId),
        validate: validateTicks,
      });
      return settle<DiskPick[]>(picked, (value) => (state.picks = value));
    }
    case 'name': {
      const proposal = defaultGroupName(instance, ports.now());
      if (state.name === state.proposedName) state.name = proposal;
      state.proposedName = proposal;
      const answer = await ports.prompter.input({
        ...position,
        value: state.name,
        prompt: l10n.t('Group name: 2-128 characters, starting with a letter; letters, digits 0-9, ":", "_", ".", "-". Empty: no name.'),
        placeholder: l10n.t('e.g. {0}', proposal),
        validate: (value) => fieldMessage(l10n.t('Name'), checkGroupName(value)),
      });
      return settle<string>(answer, (value) => (state.name = value));
    }
    case 'description': {
      const answer = await ports.prompter.input({
        ...position,
        value: state.description,
        prompt: l10n.t('Description of the group (optional): 2-256 characters, not starting with http:// or https://.'),
        placeholder: l10n.t('e.g. before upgrading PostgreSQL to 17'),
        validate: (value) => fieldMessage(l10n.t('Description'), checkGroupDescription(value)),
      });
      return settle<string>(answer, (value) => (state.description = value));
    }
    case 'tags': {
      const result = await tagsStep<FlowState>(checkGroupTags, (count) =>
        l10n.t('Tags of the group and its snapshots ({0} of {1}). Add, pick one to edit or remove it, or Done.', count, TAGS_MAX),
      ).prompt(state, position, ports.prompter);
      return isCancel(result) ? 'cancel' : isBack(result) ? 'back' : 'next';
    }
    case 'confirm':
      return confirm(ports, instance, state, position);
  }
}

async function confirm(ports: BackUpInstancePorts, instance: Instance, state: FlowState, position: StepPosition): Promise<StepOutcome> {
  const summary = backupSummary(choicesOf(state));
  const busy = members(state).length && ports.groups.isBackingUpInstance({ regionId: ports.regionId, instanceId: instance.instanceId });
  const picked = await ports.prompter.pick<'create' | typeof BACK>({
    ...position,
    placeholder: members(state).length
      ? l10n.t('All disks of the group are taken at the same instant. Disk I/O may slow by up to 10% for a few seconds.')
      : l10n.t('Each disk is snapshotted on its own.'),
    choices: [
      {
        label: `$(device-camera) ${members(state).length ? l10n.t('Create snapshot group') : l10n.t('Create snapshots')}`,
        description: summary.name,
        detail: summary.detail,
        value: 'create',
        blockedReason: busy ? l10n.t('A group backup of {0} is already being created; wait until the status bar says it is ready.', instanceLabel(instance)) : undefined,
      },
      { label: `$(arrow-left) ${l10n.t('Back')}`, description: l10n.t('change something'), value: BACK },
    ],
    matchOnDetails: true,
  });
  if (isCancel(picked)) return 'cancel';
  return isBack(picked) ? 'back' : 'next';
}

async function send(ports: BackUpInstancePorts, instance: Instance, state: FlowState): Promise<BackUpInstanceResult> {
  const choices = choicesOf(state);
  let request: GroupBackupRequest | undefined;
  if (choices.members.length) {
    request = groupBackupRequest({
      operationId: ports.newId(),
      clientToken: ports.newId(),
      regionId: ports.regionId,
      sourceKey: ports.sourceKey,
      instance,
      choices,
      origin: 'backUpInstance',
      now: ports.now(),
    });
    ports.groups.startGroupBackup(request);
  }
  const alone: { disk: Disk; outcome: AloneOutcome }[] = [];
  for (const disk of choices.alone) alone.push({ disk, outcome: await ports.snapshotAlone(disk) });
  return { kind: 'started', request, alone };
}

function members(state: FlowState): Disk[] {
  return state.picks.filter((p) => p.kind === 'member').map((p) => p.disk);
}

function choicesOf(state: FlowState) {
  return { members: members(state), alone: state.picks.filter((p) => p.kind === 'alone').map((p) => p.disk), name: state.name, description: state.description, tags: state.tags };
}

function settle<V>(answer: V | Back | Cancel, keep: (value: V) => void): StepOutcome {
  if (isCancel(answer)) return 'cancel';
  if (isBack(answer)) return 'back';
  keep(answer as V);
  return 'next';
}

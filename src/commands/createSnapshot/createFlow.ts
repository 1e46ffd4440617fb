// The guided "Create Snapshot..." flow: [disk] -> name -> description -> retention -> tags ->
// confirm, then one request for the confirmed intent.
import * as l10n from '@vscode/l10n';
import { parseRetentionDays } from '../../snapshot/rules';
import type { SnapshotIntent } from '../../tracker/trackerApi';
import { diskLabel } from '../../view/diskText';
import type { CreateFlowState, DiskChoice, FlowDefaults } from './flowState';
import { initialState } from './flowState';
import type { Prompter } from './prompter';
import { runSteps } from './stepMachine';
import type { FlowStep } from './stepMachine';
import { confirmStep } from './steps/confirmStep';
import type { DiskChoices } from './steps/diskStep';
import { diskStep } from './steps/diskStep';
import { descriptionStep, nameStep, retentionStep } from './steps/inputSteps';
import { tagsStep } from './steps/tagsStep';
import type { DiskFacts, SubmitOutcome, SubmitPorts } from './submit';
import { localBlocker, submitIntent } from './submit';

export interface CreateFlowDeps {
  prompter: Prompter;
  ports: SubmitPorts;
  regionId: string;
  sourceKey: string;
  defaults: FlowDefaults;
  /** The region's disks for the first step (only asked when no disk is given). */
  diskChoices: DiskChoices;
  now(): Date;
  /** A new ClientToken (crypto.randomUUID in the extension). */
  newClientToken(): string;
}

export type CreateFlowResult = { kind: 'cancelled' } | SubmitOutcome;

export function createFlowSteps(deps: CreateFlowDeps, seenCreating: boolean): FlowStep<CreateFlowState>[] {
  return [
    diskStep(deps.diskChoices),
    nameStep(deps.now),
    descriptionStep(),
    retentionStep(),
    tagsStep(),
    confirmStep((state) => {
      if (!state.target) return l10n.t('Choose a disk first.');
      const { disk } = state.target;
      if (deps.ports.inFlight.has(deps.regionId, disk.diskId)) {
        return l10n.t('A snapshot of {0} is already being requested.', diskLabel(disk));
      }
      return localBlocker(deps.ports, deps.regionId, factsOf(state.target, seenCreating));
    }),
  ];
}

/**
 * Runs the flow; `given` skips the disk step (the command came from the tree).
 * Escape anywhere ends it with nothing sent.
 */
export async function runCreateFlow(deps: CreateFlowDeps, given?: DiskChoice & { seenCreating?: boolean }): Promise<CreateFlowResult> {
  const state = initialState(given, deps.defaults);
  const title = given ? l10n.t('Create Snapshot of {0}', diskLabel(given.disk)) : l10n.t('Create Snapshot');
  const outcome = await runSteps(title, createFlowSteps(deps, given?.seenCreating ?? false), state, deps.prompter);
  if (outcome === 'cancelled' || !state.target) return { kind: 'cancelled' };
  const intent = intentOf(state, deps.regionId, deps.sourceKey, deps.newClientToken(), 'create');
  return submitIntent(deps.ports, intent, factsOf(state.target, given?.seenCreating ?? false));
}

/** The request exactly as confirmed: empty optional fields are left out. */
export function intentOf(
  state: Pick<CreateFlowState, 'name' | 'description' | 'retentionDays' | 'tags'> & { target?: DiskChoice },
  regionId: string,
  sourceKey: string,
  clientToken: string,
  origin: SnapshotIntent['origin'],
): SnapshotIntent {
  if (!state.target) throw new Error('intentOf needs a disk');
  const { disk } = state.target;
  return {
    request: {
      regionId,
      diskId: disk.diskId,
      clientToken,
      snapshotName: state.name || undefined,
      description: state.description || undefined,
      retentionDays: parseRetentionDays(state.retentionDays),
      tags: state.tags.length ? state.tags.map((t) => ({ key: t.key, value: t.value })) : undefined,
    },
    diskName: diskLabel(disk),
    sourceKey,
    origin,
  };
}

function factsOf(target: DiskChoice, seenCreating: boolean): DiskFacts {
  return { disk: target.disk, instanceLocks: target.instanceLocks, seenCreating };
}

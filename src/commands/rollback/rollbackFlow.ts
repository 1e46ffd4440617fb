// The Roll Back flow: pick (disk, snapshot), tell, confirm, hand over. Every question goes through
// the Prompter (a script in tests), the modal through `confirm`; nothing here writes to ECS: the
// only effect is the RollbackRequest handed to the tracker. Pure (no `vscode`).
import * as l10n from '@vscode/l10n';
import type { EcsGateway, Snapshot } from '../../ecs/gateway';
import type { InstanceHandling, RollbackRequest, RollbackTrackerApi } from '../../rollback/rollbackApi';
import { diskLabel } from '../../view/diskText';
import { snapshotLabel } from '../../view/snapshotText';
import type { DiskChoice } from '../createSnapshot/flowState';
import type { PickChoice, Prompter, StepPosition } from '../createSnapshot/prompter';
import { isBack, isCancel } from '../createSnapshot/prompter';
import { confirmationDetail, confirmationQuestion, lossLines } from './briefing';
import type { LoadedDisk } from './diskFacts';
import { findSnapshot, loadDisk } from './diskFacts';
import { diskRefusal, rollbackRefusal } from './preconditions';
import type { OptionValue } from './rollbackOptions';
import { optionChoices } from './rollbackOptions';
import { planSafetySnapshot, safetySnapshotName } from './safetySnapshot';
import { snapshotChoices } from './snapshotChoices';
import { typedConfirmation } from './typedConfirmation';

export interface RollbackSettings {
  /** ecsSnapshots.rollback.safetySnapshot: the toggle's starting position. */
  safetySnapshot: boolean;
  /** ecsSnapshots.rollback.safetySnapshotRetentionDays; null: kept until deleted. */
  safetySnapshotRetentionDays: number | null;
}

export interface RollbackTracker extends RollbackTrackerApi {
  /** A snapshot of this disk is being created or requested. */
  isCreating(disk: { regionId: string; diskId: string }): boolean;
}

export interface RollbackFlowPorts {
  prompter: Prompter;
  /** The modal: resolves true only when the user chose `action`. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  gateway: EcsGateway;
  regionId: string;
  sourceKey: string;
  tracker: RollbackTracker;
  /** The region's disks, page by page (palette only). */
  diskChoices(): AsyncIterable<readonly PickChoice<DiskChoice>[]>;
  settings: RollbackSettings;
  now(): Date;
  /** A fresh unique id (operation id, ClientToken). */
  newId(): string;
}

/** What the command was invoked with (from a node, the tracker, or nothing). */
export interface RollbackStart {
  diskId?: string;
  snapshotId?: string;
}

export type RollbackResult =
  | { kind: 'started'; operationId: string; request: RollbackRequest }
  /** Escape (or the modal dismissed) somewhere: nothing was sent. */
  | { kind: 'cancelled' }
  /** A precondition refused it locally; `reason` says which. */
  | { kind: 'refused'; reason: string }
  /** Nothing to do or nothing loaded: no disk, no snapshot, a read failed. */
  | { kind: 'notSent'; reason: string };

type Step = 'disk' | 'snapshot' | 'options' | 'typed';
type Stop = Exclude<RollbackResult, { kind: 'started' }>;

interface FlowState {
  diskId?: string;
  snapshotId?: string;
  loaded?: LoadedDisk;
  snapshot?: Snapshot;
  handling?: InstanceHandling;
  safety: boolean;
  safetyName: string;
}

export async function runRollbackFlow(ports: RollbackFlowPorts, start: RollbackStart = {}): Promise<RollbackResult> {
  const state: FlowState = { diskId: start.diskId, snapshotId: start.snapshotId, safety: ports.settings.safetySnapshot, safetyName: '' };
  const steps: Step[] = [...(start.diskId ? [] : ['disk' as const]), ...(start.snapshotId ? [] : ['snapshot' as const]), 'options', 'typed'];
  const title = l10n.t('Roll Back Disk');
  let index = 0;
  while (index < steps.length) {
    const position: StepPosition = { title, step: index + 1, totalSteps: steps.length };
    const outcome = await runStep(steps[index], ports, state, position);
    if (outcome === 'back') index = Math.max(0, index - 1);
    else if (outcome === 'next') index++;
    else return outcome;
  }
  return handOver(ports, state);
}

async function runStep(step: Step, ports: RollbackFlowPorts, state: FlowState, position: StepPosition): Promise<'next' | 'back' | Stop> {
  switch (step) {
    case 'disk':
      return diskStep(ports, state, position);
    case 'snapshot':
      return snapshotStep(ports, state, position);
    case 'options':
      return optionsStep(ports, state, position);
    case 'typed':
      return typedStep(ports, state, position);
  }
}

async function diskStep(ports: RollbackFlowPorts, state: FlowState, position: StepPosition): Promise<'next' | 'back' | Stop> {
  const picked = await ports.prompter.pick<DiskChoice>({
    ...position,
    placeholder: l10n.t('Disk to roll back: type to search by name, ID or instance'),
    choices: [],
    more: ports.diskChoices(),
    matchOnDetails: true,
    isActive: (choice) => choice?.disk.diskId === state.diskId,
  });
  if (isCancel(picked)) return { kind: 'cancelled' };
  if (isBack(picked)) return 'back';
  if (picked.disk.diskId !== state.diskId) [state.loaded, state.snapshot] = [undefined, undefined];
  state.diskId = picked.disk.diskId;
  return 'next';
}

async function snapshotStep(ports: RollbackFlowPorts, state: FlowState, position: StepPosition): Promise<'next' | 'back' | Stop> {
  const loaded = await diskReady(ports, state);
  if ('kind' in loaded) return loaded;
  if (loaded.snapshots.length === 0) {
    return { kind: 'notSent', reason: l10n.t('Disk {0} has no snapshots to roll back to.', diskLabel(loaded.disk)) };
  }
  const picked = await ports.prompter.pick<Snapshot>({
    ...position,
    title: l10n.t('Roll Back {0} ({1})', diskLabel(loaded.disk), loaded.disk.diskId),
    placeholder: l10n.t('Snapshot to roll back to, newest first. Everything written to the disk after it is lost.'),
    choices: snapshotChoices(loaded.disk, loaded.snapshots),
    matchOnDetails: true,
    isActive: (s) => s?.snapshotId === state.snapshot?.snapshotId,
  });
  if (isCancel(picked)) return { kind: 'cancelled' };
  if (isBack(picked)) return 'back';
  state.snapshot = picked;
  return 'next';
}

async function optionsStep(ports: RollbackFlowPorts, state: FlowState, position: StepPosition): Promise<'next' | 'back' | Stop> {
  const loaded = await diskReady(ports, state);
  if ('kind' in loaded) return loaded;
  if (!state.snapshot) {
    const found = await findSnapshot(ports.gateway, ports.regionId, loaded, state.snapshotId ?? '');
    if (!found.ok) return { kind: 'notSent', reason: found.reason };
    state.snapshot = found.snapshot;
  }
  const snapshot = state.snapshot;
  const refusal = rollbackRefusal(diskFacts(ports, loaded), snapshot);
  if (refusal) return { kind: 'refused', reason: refusal.reason };

  const facts = { disk: loaded.disk, snapshot, instance: loaded.instance };
  state.safetyName = safetySnapshotName(ports.now(), new Set(loaded.snapshots.map((s) => s.snapshotName)));
  const retentionDays = ports.settings.safetySnapshotRetentionDays ?? undefined;
  let toggled = false;
  for (;;) {
    const picked = await ports.prompter.pick<OptionValue>({
      ...position,
      title: l10n.t('Roll Back {0} to {1}', diskLabel(loaded.disk), snapshotLabel(snapshot)),
      placeholder: lossLines(facts)[0],
      choices: optionChoices(loaded.instance, { on: state.safety, name: state.safetyName, retentionDays }),
      // After a flip the highlight stays on the toggle; otherwise on the way chosen before.
      isActive: (v) => (toggled ? v?.kind === 'toggleSafety' : v?.kind === 'go' && sameHandling(v.handling, state.handling)),
    });
    if (isCancel(picked)) return { kind: 'cancelled' };
    if (isBack(picked)) return 'back';
    if (picked.kind === 'toggleSafety') {
      state.safety = !state.safety;
      toggled = true;
      continue;
    }
    state.handling = picked.handling;
    break;
  }
  const safety = state.safety ? { name: state.safetyName, retentionDays } : undefined;
  const action = l10n.t('Roll Back...');
  const confirmed = await ports.confirm(confirmationQuestion(facts), confirmationDetail(facts, state.handling, safety), action);
  return confirmed ? 'next' : { kind: 'cancelled' };
}

async function typedStep(ports: RollbackFlowPorts, state: FlowState, position: StepPosition): Promise<'next' | 'back' | Stop> {
  const { disk } = state.loaded!;
  const gate = typedConfirmation(disk, state.snapshot!.creationTime);
  const typed = await ports.prompter.input({
    ...position,
    title: confirmationQuestion({ disk, snapshot: state.snapshot! }),
    value: '',
    prompt: gate.prompt,
    placeholder: gate.expected,
    validate: gate.validate,
  });
  if (isCancel(typed)) return { kind: 'cancelled' };
  if (isBack(typed)) return 'back';
  return gate.validate(typed) === undefined ? 'next' : { kind: 'cancelled' };
}

/** Loads the disk once per disk, and refuses before any snapshot is picked when the disk itself cannot be rolled back. */
async function diskReady(ports: RollbackFlowPorts, state: FlowState): Promise<LoadedDisk | Stop> {
  if (!state.loaded) {
    const result = await loadDisk(ports.gateway, ports.regionId, state.diskId ?? '');
    if (!result.ok) return { kind: 'notSent', reason: result.reason };
    state.loaded = result.loaded;
  }
  const refusal = diskRefusal(diskFacts(ports, state.loaded));
  return refusal ? { kind: 'refused', reason: refusal.reason } : state.loaded;
}

function diskFacts(ports: RollbackFlowPorts, loaded: LoadedDisk) {
  const ref = { regionId: ports.regionId, diskId: loaded.disk.diskId };
  return {
    disk: loaded.disk,
    instance: loaded.instance,
    rollingBack: ports.tracker.isRollingBack(ref),
    creating: ports.tracker.isCreating(ref) || loaded.snapshots.some((s) => s.status === 'progressing'),
  };
}

/** Checks what may have changed while the user typed (another rollback or snapshot of the disk), then hands over. */
function handOver(ports: RollbackFlowPorts, state: FlowState): RollbackResult {
  const loaded = state.loaded!;
  const snapshot = state.snapshot!;
  const refusal = diskRefusal(diskFacts(ports, loaded));
  if (refusal) return { kind: 'refused', reason: refusal.reason };
  const now = ports.now();
  const request: RollbackRequest = {
    operationId: ports.newId(),
    regionId: ports.regionId,
    sourceKey: ports.sourceKey,
    diskId: loaded.disk.diskId,
    diskName: diskLabel(loaded.disk),
    diskType: loaded.disk.type,
    snapshotId: snapshot.snapshotId,
    snapshotName: snapshotLabel(snapshot),
    snapshotTime: snapshot.creationTime,
    instance: state.handling ?? { kind: 'none' },
    safetySnapshot: state.safety
      ? planSafetySnapshot({
          now,
          takenNames: new Set(loaded.snapshots.map((s) => s.snapshotName)),
          retentionDays: ports.settings.safetySnapshotRetentionDays,
          targetSnapshotId: snapshot.snapshotId,
          clientToken: ports.newId(),
        })
      : undefined,
    requestedAt: now.getTime(),
  };
  // The name the user was shown, even if the minute turned while they typed.
  if (request.safetySnapshot) request.safetySnapshot.name = state.safetyName;
  ports.tracker.startRollback(request);
  return { kind: 'started', operationId: request.operationId, request };
}

function sameHandling(a: InstanceHandling, b: InstanceHandling | undefined): boolean {
  return b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

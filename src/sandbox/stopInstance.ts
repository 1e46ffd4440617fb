// StopInstance: starts a stop (Running -> Stopping -> Stopped, see instanceClock.ts). No RegionId
// (the endpoint's region; the sandbox serves every region at one endpoint) and no ClientToken: a
// repeated stop is refused with IncorrectInstanceStatus, never done twice.
//
// Check order: MissingParameter; ForceStop, StoppedMode, DryRun, ConfirmStop, Hibernate formats;
// InvalidInstanceId.NotFound; Hibernate=true (not enabled here); security lock, financial lock,
// status Running; DryRun -> DryRunOperation.

import type { ActionHandler } from './actionContext';
import { stopRefusal } from './instanceChecks';
import { beginStop, resolveStoppedMode } from './instanceClock';
import { boolParam } from './params';
import { restoreErrors } from './restoreErrors';
import { oneOf, requireParam } from './restoreParams';

export const STOPPED_MODES = ['KeepCharging', 'StopCharging'] as const;

export const stopInstance: ActionHandler = ({ world, params }) => {
  const instanceId = requireParam(params, 'InstanceId');
  const force = boolParam(params, 'ForceStop') ?? false;
  const mode = oneOf(params, 'StoppedMode', STOPPED_MODES);
  const dryRun = boolParam(params, 'DryRun') ?? false;
  boolParam(params, 'ConfirmStop');
  const hibernate = boolParam(params, 'Hibernate') ?? false;

  const instance = world.instances.get(instanceId);
  if (!instance) throw restoreErrors.instanceNotFound();
  if (hibernate) throw restoreErrors.hibernationNotEnabled();
  const refusal = stopRefusal(world, instance);
  if (refusal) throw refusal;
  if (dryRun) throw restoreErrors.dryRunOperation();
  beginStop(world, instance, force, resolveStoppedMode(world, instance, mode));
  return {};
};

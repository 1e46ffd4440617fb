// StartInstance: starts a Stopped instance (Stopped -> Starting -> Running, see instanceClock.ts).
// No RegionId, no ClientToken: a repeated start is refused with IncorrectInstanceStatus.
//
// Check order: MissingParameter; InitLocalDisk, DryRun formats; InvalidInstanceId.NotFound; security
// lock, financial lock (InstanceExpired), status Stopped, a disk still being reset (DiskError);
// DryRun -> DryRunOperation; then stock: compute released by an economical-mode stop cannot be had
// back in a sold-out zone (OperationDenied.NoStock).

import type { ActionHandler } from './actionContext';
import { startRefusal, stockRefusal } from './instanceChecks';
import { beginStart } from './instanceClock';
import { boolParam } from './params';
import { restoreErrors } from './restoreErrors';
import { requireParam } from './restoreParams';

export const startInstance: ActionHandler = ({ world, params }) => {
  const instanceId = requireParam(params, 'InstanceId');
  boolParam(params, 'InitLocalDisk');
  const dryRun = boolParam(params, 'DryRun') ?? false;

  const instance = world.instances.get(instanceId);
  if (!instance) throw restoreErrors.instanceNotFound();
  const refusal = startRefusal(world, instance, false);
  if (refusal) throw refusal;
  if (dryRun) throw restoreErrors.dryRunOperation();
  const noStock = stockRefusal(world, instance);
  if (noStock) throw noStock;
  beginStart(world, instance);
  return {};
};

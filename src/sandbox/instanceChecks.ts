// What stops an instance from being stopped or started, shared by the single and the batch actions.
// Each returns the refusal instead of throwing, so a SuccessFirst batch can report it per instance.

import type { ApiError } from './errors';
import { resetting } from './diskContent';
import { currentStatus } from './instanceClock';
import { restoreErrors } from './restoreErrors';
import type { InstanceRecord, World } from './world';

const hasLock = (instance: InstanceRecord, reason: string) => instance.locks.some((l) => l.reason === reason);

export function stopRefusal(world: World, instance: InstanceRecord): ApiError | undefined {
  if (hasLock(instance, 'security')) return restoreErrors.lockedForSecurity();
  if (hasLock(instance, 'financial')) return restoreErrors.expiredOrInArrears();
  const status = currentStatus(world, instance);
  if (status !== 'Running') return restoreErrors.incorrectInstanceStatus(status);
  return undefined;
}

/** `batch`: StartInstances names some refusals differently from StartInstance. */
export function startRefusal(world: World, instance: InstanceRecord, batch: boolean): ApiError | undefined {
  if (hasLock(instance, 'security')) return restoreErrors.lockedForSecurity();
  if (hasLock(instance, 'financial')) return batch ? restoreErrors.expiredOrInArrears() : restoreErrors.instanceExpired();
  const status = currentStatus(world, instance);
  if (status !== 'Stopped') return restoreErrors.incorrectInstanceStatus(status);
  // A disk still being reset is busy: the start must wait (retry later).
  const busy = world.disksIn(instance.regionId).some((d) => d.instanceId === instance.instanceId && resetting(world, d));
  if (busy) return batch ? restoreErrors.instanceNotReady() : restoreErrors.diskError();
  return undefined;
}

/** Economical mode released the compute: in a sold-out zone it cannot be had back. */
export function stockRefusal(world: World, instance: InstanceRecord): ApiError | undefined {
  return instance.stoppedMode === 'StopCharging' && world.noStockZones.has(instance.zoneId) ? restoreErrors.noStock() : undefined;
}

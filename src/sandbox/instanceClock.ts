// How an instance moves between Running and Stopped: StopInstance and StartInstance only begin a
// transition; it ends after a fixed simulated time, scaled by the world's time scale. Computed
// lazily from the clock (like snapshot progress), so no timer runs and a fake clock drives it.

import type { InstanceRecord, World } from './world';

export type StoppedMode = 'KeepCharging' | 'StopCharging' | 'Not-applicable';

export interface Transition {
  to: 'Running' | 'Stopped';
  /** Real-clock start, ms. */
  startedAt: number;
  /** Simulated seconds it takes. */
  seconds: number;
}

/** Simulated seconds of each transition. */
export const STOP_SECONDS = 10;
export const FORCE_STOP_SECONDS = 2;
export const START_SECONDS = 15;

/** The instance's status now; a finished transition is folded into the record. */
export function currentStatus(world: World, instance: InstanceRecord): InstanceRecord['status'] {
  const t = instance.transition;
  if (t && ((world.now() - t.startedAt) / 1000) * world.timeScale >= t.seconds) {
    instance.status = t.to;
    delete instance.transition;
  }
  return instance.status;
}

export function beginStop(world: World, instance: InstanceRecord, force: boolean, mode: StoppedMode): void {
  instance.status = 'Stopping';
  instance.stoppedMode = mode;
  instance.transition = { to: 'Stopped', startedAt: world.now(), seconds: force ? FORCE_STOP_SECONDS : STOP_SECONDS };
}

export function beginStart(world: World, instance: InstanceRecord): void {
  instance.status = 'Starting';
  delete instance.stoppedMode;
  instance.transition = { to: 'Running', startedAt: world.now(), seconds: START_SECONDS };
}

/** DescribeInstances' StoppedMode: what the last stop did, while the instance is not running. */
export function reportedStoppedMode(world: World, instance: InstanceRecord): StoppedMode {
  const status = currentStatus(world, instance);
  return (status === 'Stopped' || status === 'Stopping') && instance.stoppedMode ? instance.stoppedMode : 'Not-applicable';
}

/**
 * The mode a stop gets: the requested one, else the account default. Only pay-as-you-go instances
 * can release their compute; the others are simply stopped, without error (as ECS does).
 */
export function resolveStoppedMode(world: World, instance: InstanceRecord, requested: 'KeepCharging' | 'StopCharging' | undefined): StoppedMode {
  if ((instance.chargeType ?? 'PostPaid') !== 'PostPaid') return 'Not-applicable';
  return requested ?? (world.account.economicalModeByDefault ? 'StopCharging' : 'KeepCharging');
}

// StopInstances: StopInstance for 1..100 instances of a region (see instanceBatch.ts for the batch
// rules). Same refusals per instance as StopInstance; a dry run answers DRYRUN.SUCCESS.

import type { ActionHandler } from './actionContext';
import { runBatch } from './instanceBatch';
import { stopRefusal } from './instanceChecks';
import { beginStop, resolveStoppedMode } from './instanceClock';
import { boolParam } from './params';
import { oneOf } from './restoreParams';
import { STOPPED_MODES } from './stopInstance';

export const stopInstances: ActionHandler = ({ world, params }) => {
  const force = boolParam(params, 'ForceStop') ?? false;
  const mode = oneOf(params, 'StoppedMode', STOPPED_MODES);
  return runBatch(world, params, {
    refuse: (i) => stopRefusal(world, i),
    act: (i) => beginStop(world, i, force, resolveStoppedMode(world, i, mode)),
  });
};

// StartInstances: StartInstance for 1..100 instances of a region (see instanceBatch.ts). Per
// instance as StartInstance, except that a financial lock is InstanceExpiredOrInArrears and a disk
// still being reset is InstanceNotReady, as this action's table names them.

import type { ActionHandler } from './actionContext';
import { runBatch } from './instanceBatch';
import { startRefusal, stockRefusal } from './instanceChecks';
import { beginStart } from './instanceClock';

export const startInstances: ActionHandler = ({ world, params }) =>
  runBatch(world, params, {
    refuse: (i) => startRefusal(world, i, true),
    refuseForReal: (i) => stockRefusal(world, i),
    act: (i) => beginStart(world, i),
  });

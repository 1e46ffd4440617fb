// StopInstances and StartInstances: one to 100 instances of a region, either all together (one
// refusal refuses the whole batch and nothing changes) or SuccessFirst (each instance on its own,
// its result per item). A dry run answers DRYRUN.SUCCESS; with SuccessFirst it always does, whatever
// the check would find, as the reference warns.

import type { ApiError } from './errors';
import { boolParam, type Params } from './params';
import { currentStatus } from './instanceClock';
import { restoreErrors } from './restoreErrors';
import { instanceIdList, oneOf, requireRegion } from './restoreParams';
import type { InstanceRecord, World } from './world';

export interface BatchRules {
  /** Why this instance cannot take the action (a dry run judges this too). */
  refuse: (instance: InstanceRecord) => ApiError | undefined;
  /** Judged only when the action is really done (e.g. stock for a start). */
  refuseForReal?: (instance: InstanceRecord) => ApiError | undefined;
  act: (instance: InstanceRecord) => void;
}

interface ItemResult {
  Code: string;
  Message: string;
  InstanceId: string;
  PreviousStatus: string;
  CurrentStatus: string;
}

/** Parameter checks of the caller (ForceStop, StoppedMode, ...) must run before this. */
export function runBatch(world: World, params: Params, rules: BatchRules): Record<string, unknown> {
  const regionId = requireRegion(world, params);
  const ids = instanceIdList(params);
  const successFirst = oneOf(params, 'BatchOptimization', ['AllTogether', 'SuccessFirst'] as const) === 'SuccessFirst';
  const dryRun = boolParam(params, 'DryRun') ?? false;
  if (ids.length === 0) throw restoreErrors.emptyInstanceIds();
  if (dryRun && successFirst) throw restoreErrors.dryRunSuccess();

  const found = ids.map((id) => {
    const instance = world.instances.get(id);
    return instance?.regionId === regionId ? instance : undefined;
  });
  const refusalOf = (i: InstanceRecord) => rules.refuse(i) ?? (dryRun ? undefined : rules.refuseForReal?.(i));
  const act = (i: InstanceRecord): ItemResult => {
    const previous = currentStatus(world, i);
    rules.act(i);
    return { Code: '200', Message: 'success', InstanceId: i.instanceId, PreviousStatus: previous, CurrentStatus: currentStatus(world, i) };
  };

  if (!successFirst) {
    const missing = ids.filter((_, n) => !found[n]);
    if (missing.length > 0) throw restoreErrors.instancesNotFound(missing);
    const instances = found as InstanceRecord[];
    for (const i of instances) {
      const refusal = refusalOf(i);
      if (refusal) throw refusal;
    }
    if (dryRun) throw restoreErrors.dryRunSuccess();
    return answer(instances.map(act));
  }

  return answer(
    ids.map((id, n): ItemResult => {
      const i = found[n];
      if (!i) {
        const e = restoreErrors.instanceNotFound();
        return { Code: e.code, Message: e.message, InstanceId: id, PreviousStatus: '', CurrentStatus: '' };
      }
      const refusal = refusalOf(i);
      if (!refusal) return act(i);
      const status = currentStatus(world, i);
      return { Code: refusal.code, Message: refusal.message, InstanceId: id, PreviousStatus: status, CurrentStatus: status };
    }),
  );
}

function answer(items: ItemResult[]): Record<string, unknown> {
  return { InstanceResponses: { InstanceResponse: items } };
}

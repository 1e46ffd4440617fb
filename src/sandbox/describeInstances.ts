// DescribeInstances: enough to tell a running instance from a security-locked one, and what a stop
// did (StoppedMode) before starting it again.

import { idList, optional, page, paging, queryScope, type Params } from './params';
import { isoTime, type ActionHandler } from './actionContext';
import { regionOf } from './regionParam';
import { currentStatus, reportedStoppedMode } from './instanceClock';
import { instanceFields } from './answerFields';

/**
 * MaxResults as the reference has it: below 10 counts as 10, above 100 as 100 (not an error). An
 * integer is still required.
 */
function clampedMaxResults(params: Params): Params {
  const raw = params.get('MaxResults');
  if (raw === undefined || !/^[0-9]{1,9}$/.test(raw)) return params;
  return new Map(params).set('MaxResults', String(Math.min(100, Math.max(10, Number(raw)))));
}

export const describeInstances: ActionHandler = ({ world, params: sent }) => {
  const params = clampedMaxResults(sent);
  const regionId = regionOf(world, params);
  const ids = idList(params, 'InstanceIds');
  const scope = queryScope('DescribeInstances', params);
  const p = paging(params, { maxResults: { min: 10, max: 100 }, pageSizeMax: 100 }, scope);
  const idSet = ids && new Set(ids);
  // LockReason filters like the console's "locked for" list (financial, security, Recycling, ...).
  const lockReason = optional(params, 'LockReason');
  const matches = [...world.instances.values()].filter(
    (i) =>
      i.regionId === regionId && (!idSet || idSet.has(i.instanceId)) && (!lockReason || i.locks.some((l) => l.reason === lockReason)),
  );
  const { items, fields } = page(matches, p, scope);
  return {
    Instances: {
      Instance: items.map((i) => ({
        InstanceId: i.instanceId,
        InstanceName: i.instanceName,
        RegionId: i.regionId,
        ZoneId: i.zoneId,
        Status: currentStatus(world, i),
        StoppedMode: reportedStoppedMode(world, i),
        InstanceChargeType: i.chargeType ?? 'PostPaid',
        CreationTime: isoTime(i.creationTime),
        InstanceType: 'ecs.g7.large',
        OperationLocks: { LockReason: i.locks.map((l) => ({ LockReason: l.reason, LockMsg: l.message })) },
        ...instanceFields(i, world.region(i.regionId)?.idPrefix ?? 'xx0'),
      })),
    },
    ...fields,
  };
};

// DescribeInstances: enough to tell a running instance from a security-locked one, and what a stop
// did (StoppedMode) before starting it again.

import { idList, optional, page, paging, queryScope } from './params';
import { isoTime, type ActionHandler } from './actionContext';
import { regionOf } from './regionParam';
import { currentStatus, reportedStoppedMode } from './instanceClock';
import { instanceFields } from './answerFields';

export const describeInstances: ActionHandler = ({ world, params }) => {
  const regionId = regionOf(world, params);
  const ids = idList(params, 'InstanceIds');
  const scope = queryScope('DescribeInstances', params);
  const p = paging(params, { maxResults: { min: 1, max: 100 }, pageSizeMax: 100 }, scope);
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

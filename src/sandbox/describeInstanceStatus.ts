// DescribeInstanceStatus: the status of a region's instances, as of now (transitions move with the
// clock, see instanceClock.ts). Pages of 10 by default, at most 50: a caller passing 100 IDs
// without paging sees only the first page, as on ECS.

import type { ActionHandler } from './actionContext';
import { currentStatus } from './instanceClock';
import { intParam, optional } from './params';
import { restoreErrors } from './restoreErrors';
import { instanceIdList, requireRegion } from './restoreParams';

export const describeInstanceStatus: ActionHandler = ({ world, params }) => {
  const regionId = requireRegion(world, params);
  const zoneId = optional(params, 'ZoneId');
  if (zoneId !== undefined && !world.region(regionId)?.zones.includes(zoneId)) throw restoreErrors.zoneNotFound();
  const ids = instanceIdList(params);
  const pageNumber = intParam(params, 'PageNumber', 1, 1_000_000_000) ?? 1;
  const pageSize = intParam(params, 'PageSize', 1, 50) ?? 10;
  const idSet = ids.length > 0 ? new Set(ids) : undefined;
  const matches = [...world.instances.values()].filter(
    (i) => i.regionId === regionId && (zoneId === undefined || i.zoneId === zoneId) && (!idSet || idSet.has(i.instanceId)),
  );
  const start = (pageNumber - 1) * pageSize;
  return {
    TotalCount: matches.length,
    PageNumber: pageNumber,
    PageSize: pageSize,
    InstanceStatuses: {
      InstanceStatus: matches.slice(start, start + pageSize).map((i) => ({ InstanceId: i.instanceId, Status: currentStatus(world, i) })),
    },
  };
};

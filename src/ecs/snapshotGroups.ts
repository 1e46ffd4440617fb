// Snapshot-consistent groups (CreateSnapshotGroup, DescribeSnapshotGroups, DeleteSnapshotGroup,
// ModifySnapshotGroup) on top of the gateway's one-request `call`: the checks made before
// sending, the batching of group ids and the mapping of the answers.
import { checkRegionId } from './endpoint';
import { EcsError } from './errors';
import type { CreateSnapshotGroupRequest, Page, SnapshotGroup, SnapshotGroupDeletion, SnapshotGroupQuery } from './gateway';
import { toGroupDeletions, toSnapshotGroup } from './mapModels';
import type { EcsSdk } from './sdkClient';

/** The gateway's request runner: retries, logging, EcsError (see createEcsGateway.ts). */
export type GroupCall = <T extends { requestId?: string }>(action: string, regionId: string, invoke: (sdk: EcsSdk) => Promise<T>) => Promise<T>;

/** DescribeSnapshotGroups takes at most 10 SnapshotGroupId.N and pages of at most 100. */
const GROUP_IDS_PER_REQUEST = 10;
const GROUP_PAGE_MAX = 100;

export async function createSnapshotGroup(call: GroupCall, request: CreateSnapshotGroupRequest): Promise<string> {
  const action = 'CreateSnapshotGroup';
  const regionId = checkRegionId(request.regionId);
  const diskIds = nonEmpty(request.diskIds);
  const excludeDiskIds = nonEmpty(request.excludeDiskIds);
  if (!request.instanceId && !diskIds) throw invalidRequest(action, 'An instance ID or a list of disk IDs is required.');
  if (diskIds && excludeDiskIds) throw invalidRequest(action, 'DiskId and ExcludeDiskId cannot be sent together.');
  // The token is what makes our retries safe: without it a retry could create a second group.
  if (!request.clientToken || !/^[\x20-\x7e]{1,64}$/.test(request.clientToken)) {
    throw invalidRequest(action, 'A ClientToken of 1-64 ASCII characters is required.');
  }
  const body = await call(action, regionId, (sdk) =>
    sdk.createSnapshotGroup({
      regionId,
      clientToken: request.clientToken,
      instanceId: request.instanceId || undefined,
      diskId: diskIds,
      excludeDiskId: excludeDiskIds,
      name: request.name || undefined,
      description: request.description || undefined,
      tag: request.tags?.length ? request.tags.map((t) => ({ key: t.key, value: t.value })) : undefined,
    }),
  );
  if (!body.snapshotGroupId) {
    throw new EcsError({
      kind: 'protocol',
      code: 'MissingSnapshotGroupId',
      message: 'CreateSnapshotGroup succeeded but ECS returned no group ID.',
      requestId: body.requestId,
      retryable: false,
      action,
      // ECS said yes: the group very likely exists, we just cannot name it.
      outcomeUnknown: true,
    });
  }
  return body.snapshotGroupId;
}

export async function describeSnapshotGroups(call: GroupCall, query: SnapshotGroupQuery): Promise<Page<SnapshotGroup>> {
  const regionId = checkRegionId(query.regionId);
  const maxResults = Math.min(GROUP_PAGE_MAX, Math.max(1, query.maxResults ?? GROUP_PAGE_MAX));
  const page = (snapshotGroupId: string[] | undefined, nextToken: string | undefined) =>
    call('DescribeSnapshotGroups', regionId, (sdk) =>
      sdk.describeSnapshotGroups({
        regionId,
        maxResults,
        nextToken: nextToken || undefined,
        instanceId: query.instanceId || undefined,
        snapshotGroupId,
        status: query.statuses?.length ? query.statuses : undefined,
      }),
    );
  if (!query.groupIds) {
    const body = await page(undefined, query.nextToken);
    return { items: (body.snapshotGroups?.snapshotGroup ?? []).map(toSnapshotGroup), nextToken: body.nextToken || undefined };
  }
  // By ids: every batch with all its pages. An empty list asks nothing (it would list every group).
  const found: SnapshotGroup[] = [];
  const ids = [...new Set(query.groupIds.filter((id) => id.length > 0))];
  for (let i = 0; i < ids.length; i += GROUP_IDS_PER_REQUEST) {
    let nextToken: string | undefined;
    do {
      const body = await page(ids.slice(i, i + GROUP_IDS_PER_REQUEST), nextToken);
      found.push(...(body.snapshotGroups?.snapshotGroup ?? []).map(toSnapshotGroup));
      nextToken = body.nextToken || undefined;
    } while (nextToken);
  }
  return { items: found };
}

export async function deleteSnapshotGroup(call: GroupCall, regionId: string, groupId: string): Promise<SnapshotGroupDeletion[]> {
  checkRegionId(regionId);
  if (!groupId) throw invalidRequest('DeleteSnapshotGroup', 'A snapshot group ID is required.');
  const body = await call('DeleteSnapshotGroup', regionId, (sdk) => sdk.deleteSnapshotGroup({ regionId, snapshotGroupId: groupId }));
  return toGroupDeletions(body);
}

export async function modifySnapshotGroup(
  call: GroupCall,
  regionId: string,
  groupId: string,
  change: { name?: string; description?: string },
): Promise<void> {
  const action = 'ModifySnapshotGroup';
  checkRegionId(regionId);
  if (!groupId) throw invalidRequest(action, 'A snapshot group ID is required.');
  if (!change.name && !change.description) throw invalidRequest(action, 'A new name or description is required.');
  await call(action, regionId, async (sdk) => ({
    requestId: (
      await sdk.modifySnapshotGroup({
        regionId,
        snapshotGroupId: groupId,
        name: change.name || undefined,
        description: change.description || undefined,
      })
    ).requestId,
  }));
}

function nonEmpty(ids: string[] | undefined): string[] | undefined {
  const kept = [...new Set((ids ?? []).filter((id) => id.length > 0))];
  return kept.length > 0 ? kept : undefined;
}

function invalidRequest(action: string, message: string): EcsError {
  return new EcsError({ kind: 'api', code: 'InvalidParameter', message, retryable: false, action, notSent: true });
}

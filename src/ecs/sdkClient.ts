// The one file that imports the Alibaba Cloud SDK. It is bundled on its own (dist/sdk.js) and
// loaded on the first request by sdkLoader.ts, because requiring it costs ~460 ms.
// Everything here is a thin adapter: plain options in, SDK response bodies out.
import Ecs, * as $Ecs from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import Credential, {
  type CredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  RAMRoleARNCredentialsProvider,
  StaticAKCredentialsProvider,
  StaticSTSCredentialsProvider,
} from '@alicloud/credentials';
import type { ResolvedCredentials } from './credentials';

export type {
  DescribeDisksResponseBody,
  DescribeDisksResponseBodyDisksDisk,
  DescribeInstancesResponseBody,
  DescribeInstancesResponseBodyInstancesInstance,
  DescribeRegionsResponseBody,
  DescribeRegionsResponseBodyRegionsRegion,
  DescribeSnapshotsResponseBody,
  DescribeSnapshotsResponseBodySnapshotsSnapshot,
  CreateSnapshotResponseBody,
  DeleteSnapshotResponseBody,
  DescribeInstanceStatusResponseBody,
  DescribeInstanceStatusResponseBodyInstanceStatusesInstanceStatus,
  DescribeSnapshotGroupsResponseBody,
  DescribeSnapshotGroupsResponseBodySnapshotGroupsSnapshotGroup,
  DeleteSnapshotGroupResponseBody,
} from '@alicloud/ecs20140526';

export interface SdkClientOptions {
  credentials: ResolvedCredentials;
  /** `host[:port]`, no scheme. */
  endpoint: string;
  protocol: 'http' | 'https';
  regionId: string;
  connectTimeoutMs: number;
  readTimeoutMs: number;
}

export interface DescribeDisksParams {
  regionId: string;
  maxResults: number;
  nextToken?: string;
  diskIds?: string;
  status?: string;
  instanceId?: string;
}

export interface CreateSnapshotParams {
  diskId: string;
  clientToken: string;
  snapshotName?: string;
  description?: string;
  retentionDays?: number;
  resourceGroupId?: string;
  tag?: { key: string; value: string }[];
}

export interface DescribeSnapshotsParams {
  regionId: string;
  maxResults: number;
  nextToken?: string;
  snapshotIds?: string;
  diskId?: string;
}

export interface CreateSnapshotGroupParams {
  regionId: string;
  clientToken: string;
  instanceId?: string;
  diskId?: string[];
  excludeDiskId?: string[];
  name?: string;
  description?: string;
  tag?: { key: string; value: string }[];
}

export interface DescribeSnapshotGroupsParams {
  regionId: string;
  maxResults: number;
  nextToken?: string;
  instanceId?: string;
  snapshotGroupId?: string[];
  status?: string[];
}

/** The ECS actions the gateway uses, each one HTTP request (the SDK's own retries stay off). */
export interface EcsSdk {
  describeRegions(params: { acceptLanguage?: string }): Promise<$Ecs.DescribeRegionsResponseBody>;
  describeDisks(params: DescribeDisksParams): Promise<$Ecs.DescribeDisksResponseBody>;
  createSnapshot(params: CreateSnapshotParams): Promise<$Ecs.CreateSnapshotResponseBody>;
  describeSnapshots(params: DescribeSnapshotsParams): Promise<$Ecs.DescribeSnapshotsResponseBody>;
  describeInstances(params: {
    regionId: string;
    instanceIds?: string;
    lockReason?: string;
    maxResults: number;
    nextToken?: string;
  }): Promise<$Ecs.DescribeInstancesResponseBody>;
  deleteSnapshot(params: { snapshotId: string; force?: boolean }): Promise<$Ecs.DeleteSnapshotResponseBody>;
  // The three writes below take no RegionId: they act in the region of this client's endpoint.
  resetDisk(params: { diskId: string; snapshotId: string }): Promise<$Ecs.ResetDiskResponseBody>;
  stopInstance(params: { instanceId: string; stoppedMode: 'KeepCharging' }): Promise<$Ecs.StopInstanceResponseBody>;
  startInstance(params: { instanceId: string }): Promise<$Ecs.StartInstanceResponseBody>;
  describeInstanceStatus(params: {
    regionId: string;
    instanceIds: string[];
    pageNumber: number;
    pageSize: number;
  }): Promise<$Ecs.DescribeInstanceStatusResponseBody>;
  createSnapshotGroup(params: CreateSnapshotGroupParams): Promise<$Ecs.CreateSnapshotGroupResponseBody>;
  describeSnapshotGroups(params: DescribeSnapshotGroupsParams): Promise<$Ecs.DescribeSnapshotGroupsResponseBody>;
  deleteSnapshotGroup(params: { regionId: string; snapshotGroupId: string }): Promise<$Ecs.DeleteSnapshotGroupResponseBody>;
  modifySnapshotGroup(params: {
    regionId: string;
    snapshotGroupId: string;
    name?: string;
    description?: string;
  }): Promise<$Ecs.ModifySnapshotGroupResponseBody>;
}

export function createEcsSdk(options: SdkClientOptions): EcsSdk {
  const client = new Ecs(
    new $OpenApiUtil.Config({
      credential: credentialFor(options),
      endpoint: options.endpoint,
      protocol: options.protocol,
      regionId: options.regionId,
      connectTimeout: options.connectTimeoutMs,
      readTimeout: options.readTimeoutMs,
      // No retryOptions: our own loop retries (see retry.ts), so one SDK call is one request.
    }),
  );
  const body = <T>(response: { body?: T }): T => {
    if (response.body === undefined) throw new SyntaxError('Empty response body');
    return response.body;
  };
  return {
    async describeRegions(params) {
      return body(await client.describeRegions(new $Ecs.DescribeRegionsRequest(params)));
    },
    async describeDisks(params) {
      return body(await client.describeDisks(new $Ecs.DescribeDisksRequest(params)));
    },
    async createSnapshot(params) {
      // Only the fields we name are sent: never the deprecated Category / InstantAccess.
      const request = new $Ecs.CreateSnapshotRequest({
        diskId: params.diskId,
        clientToken: params.clientToken,
        snapshotName: params.snapshotName,
        description: params.description,
        retentionDays: params.retentionDays,
        resourceGroupId: params.resourceGroupId,
        tag: params.tag?.map((t) => new $Ecs.CreateSnapshotRequestTag(t)),
      });
      return body(await client.createSnapshot(request));
    },
    async describeSnapshots(params) {
      return body(await client.describeSnapshots(new $Ecs.DescribeSnapshotsRequest(params)));
    },
    async describeInstances(params) {
      return body(await client.describeInstances(new $Ecs.DescribeInstancesRequest(params)));
    },
    async deleteSnapshot(params) {
      return body(await client.deleteSnapshot(new $Ecs.DeleteSnapshotRequest(params)));
    },
    // Only the fields named are sent: never DryRun, ForceStop, ConfirmStop, Hibernate or InitLocalDisk.
    async resetDisk(params) {
      return body(await client.resetDisk(new $Ecs.ResetDiskRequest({ diskId: params.diskId, snapshotId: params.snapshotId })));
    },
    async stopInstance(params) {
      const request = new $Ecs.StopInstanceRequest({ instanceId: params.instanceId, stoppedMode: params.stoppedMode });
      return body(await client.stopInstance(request));
    },
    async startInstance(params) {
      return body(await client.startInstance(new $Ecs.StartInstanceRequest({ instanceId: params.instanceId })));
    },
    async describeInstanceStatus(params) {
      const request = new $Ecs.DescribeInstanceStatusRequest({
        regionId: params.regionId,
        instanceId: params.instanceIds,
        pageNumber: params.pageNumber,
        pageSize: params.pageSize,
      });
      return body(await client.describeInstanceStatus(request));
    },
    async createSnapshotGroup(params) {
      // Only the fields named: never the deprecated InstantAccess* nor the non-public StorageLocationArn.
      const request = new $Ecs.CreateSnapshotGroupRequest({
        regionId: params.regionId,
        clientToken: params.clientToken,
        instanceId: params.instanceId,
        diskId: params.diskId,
        excludeDiskId: params.excludeDiskId,
        name: params.name,
        description: params.description,
        tag: params.tag?.map((t) => new $Ecs.CreateSnapshotGroupRequestTag(t)),
      });
      return body(await client.createSnapshotGroup(request));
    },
    async describeSnapshotGroups(params) {
      return body(await client.describeSnapshotGroups(new $Ecs.DescribeSnapshotGroupsRequest(params)));
    },
    async deleteSnapshotGroup(params) {
      return body(await client.deleteSnapshotGroup(new $Ecs.DeleteSnapshotGroupRequest(params)));
    },
    async modifySnapshotGroup(params) {
      return body(await client.modifySnapshotGroup(new $Ecs.ModifySnapshotGroupRequest(params)));
    },
  };
}

// One Credential per resolved source, shared by the per-region clients, so an assumed role is
// assumed once rather than once per endpoint.
const credentials = new WeakMap<ResolvedCredentials, Credential>();

function credentialFor(options: SdkClientOptions): Credential {
  let credential = credentials.get(options.credentials);
  if (!credential) {
    credential = new Credential(null, reportingFailures(credentialsProvider(options.credentials, options)));
    credentials.set(options.credentials, credential);
  }
  return credential;
}

/**
 * A failure to obtain credentials (STS AssumeRole refused, no instance metadata service, ...).
 * Its own name lets toEcsError report it as kind 'credentials' rather than as an ECS failure.
 */
export class CredentialsUnavailableError extends Error {
  override readonly name = 'CredentialsUnavailableError';
}

function reportingFailures(provider: CredentialsProvider): CredentialsProvider {
  return {
    getProviderName: () => provider.getProviderName(),
    getCredentials: async () => {
      try {
        return await provider.getCredentials();
      } catch (error) {
        throw new CredentialsUnavailableError(error instanceof Error ? error.message : String(error));
      }
    },
  };
}

function credentialsProvider(credentials: ResolvedCredentials, options: SdkClientOptions) {
  switch (credentials.type) {
    case 'accessKey':
      return credentials.securityToken
        ? StaticSTSCredentialsProvider.builder()
            .withAccessKeyId(credentials.accessKeyId)
            .withAccessKeySecret(credentials.accessKeySecret)
            .withSecurityToken(credentials.securityToken)
            .build()
        : StaticAKCredentialsProvider.builder()
            .withAccessKeyId(credentials.accessKeyId)
            .withAccessKeySecret(credentials.accessKeySecret)
            .build();
    case 'ramRoleArn': {
      let builder = RAMRoleARNCredentialsProvider.builder()
        .withCredentialsProvider(
          StaticAKCredentialsProvider.builder()
            .withAccessKeyId(credentials.accessKeyId)
            .withAccessKeySecret(credentials.accessKeySecret)
            .build(),
        )
        .withRoleArn(credentials.roleArn)
        .withConnectTimeout(options.connectTimeoutMs)
        .withReadTimeout(options.readTimeoutMs);
      if (credentials.roleSessionName) builder = builder.withRoleSessionName(credentials.roleSessionName);
      if (credentials.durationSeconds) builder = builder.withDurationSeconds(credentials.durationSeconds);
      if (credentials.stsRegionId) builder = builder.withStsRegionId(credentials.stsRegionId);
      return builder.build();
    }
    case 'ecsRamRole': {
      let builder = ECSRAMRoleCredentialsProvider.builder()
        .withConnectTimeout(options.connectTimeoutMs)
        .withReadTimeout(options.readTimeoutMs);
      if (credentials.roleName) builder = builder.withRoleName(credentials.roleName);
      return builder.build();
    }
  }
}

// The EcsGateway over the Alibaba Cloud SDK: paging and batching rules, our own retries, one log
// line per request, every failure an EcsError. The SDK itself is loaded on the first request.
import type { ResolvedCredentials } from './credentials';
import { secretsOf } from './credentials';
import { checkRegionId, defaultRegionEndpoint, isHostName, parseEndpoint, type EndpointTarget } from './endpoint';
import { EcsError } from './errors';
import type {
  CreateSnapshotRequest,
  Disk,
  DiskQuery,
  EcsGateway,
  Instance,
  InstanceQuery,
  InstanceStatus,
  Page,
  Region,
  Snapshot,
  SnapshotsOfDiskQuery,
  CreateSnapshotGroupRequest,
  SnapshotGroup,
  SnapshotGroupDeletion,
  SnapshotGroupQuery,
} from './gateway';
import { toDisk, toInstance, toRegion, toSnapshot } from './mapModels';
import { mayHaveRun } from './mayHaveRun';
import { withCapturedExchange } from './responseCapture';
import { DEFAULT_RETRY_POLICY, realClock, withRetries, type RetryClock, type RetryPolicy } from './retry';
import type { EcsSdk } from './sdkClient';
import { loadSdk } from './sdkLoader';
import * as groups from './snapshotGroups';
import { toEcsError } from './toEcsError';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One HTTP request as it finished (for counting and diagnostics; holds no secret). */
export interface RequestRecord {
  action: string;
  regionId: string;
  attempt: number;
  durationMs: number;
  httpStatus?: number;
  requestId?: string;
  error?: EcsError;
}

export interface EcsGatewayOptions {
  credentials: ResolvedCredentials;
  /** Region for calls that name none (DescribeRegions). */
  regionId: string;
  /** `host[:port]` or an `http(s)://` URL; overrides the per-region endpoints (sandbox, VPC endpoint). */
  endpoint?: string;
  /** Default 5 s. */
  connectTimeoutMs?: number;
  /** Default 30 s: how long ECS may take to answer once connected. */
  readTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Language of region names (DescribeRegions AcceptLanguage): zh-CN (ECS's default), en-US or ja. */
  acceptLanguage?: 'zh-CN' | 'en-US' | 'ja';
  /** One line per request; never carries secrets, signatures or tokens. */
  log?: (level: LogLevel, message: string) => void;
  onRequest?: (record: RequestRecord) => void;
  sleep?: RetryClock['sleep'];
  random?: RetryClock['random'];
  now?: RetryClock['now'];
}

/** The largest pages the APIs allow. */
const DISK_PAGE_MAX = 500;
const DISK_PAGE_MIN = 10;
const SNAPSHOT_PAGE_MAX = 100;
const IDS_PER_REQUEST = 100;
/** DescribeInstanceStatus answers at most 50 per page (10 unless asked): ask for 50 ids at a time. */
const STATUS_PAGE_MAX = 50;
/** Actions whose failure can leave their work done: only these can end "outcome unknown". */
const CHANGING_ACTIONS = new Set(['CreateSnapshot', 'DeleteSnapshot', 'CreateSnapshotGroup', 'ModifySnapshotGroup']);
/**
 * Writes without a ClientToken (ResetDisk, StopInstance, StartInstance): a re-send could act a
 * second time, so one is sent again only after a definite "it did not run" (see noResendFailure).
 */
// DeleteSnapshotGroup too: a re-send after it ran would lose the per-member outcomes of the first.
const UNGUARDED_WRITES = new Set(['ResetDisk', 'StopInstance', 'StartInstance', 'DeleteSnapshotGroup']);

export function createEcsGateway(options: EcsGatewayOptions): EcsGateway {
  return new SdkEcsGateway(options);
}

class SdkEcsGateway implements EcsGateway {
  private readonly override?: EndpointTarget;
  private readonly connectTimeoutMs: number;
  private readonly readTimeoutMs: number;
  private readonly policy: RetryPolicy;
  private readonly clock: RetryClock;
  private readonly secrets: string[];
  /** RegionEndpoint values learnt from DescribeRegions. */
  private readonly regionEndpoints = new Map<string, string>();
  private readonly clients = new Map<string, EcsSdk>();

  constructor(private readonly options: EcsGatewayOptions) {
    checkRegionId(options.regionId);
    this.override = options.endpoint?.trim() ? parseEndpoint(options.endpoint) : undefined;
    this.connectTimeoutMs = positive(options.connectTimeoutMs, 5_000);
    this.readTimeoutMs = positive(options.readTimeoutMs, 30_000);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.clock = {
      sleep: options.sleep ?? realClock.sleep,
      random: options.random ?? realClock.random,
      now: options.now ?? realClock.now,
    };
    this.secrets = secretsOf(options.credentials);
  }

  async listRegions(): Promise<Region[]> {
    const regionId = this.options.regionId;
    const body = await this.call('DescribeRegions', regionId, (sdk) =>
      sdk.describeRegions({ acceptLanguage: this.options.acceptLanguage }),
    );
    const regions = (body.regions?.region ?? []).map(toRegion).filter((r) => r.regionId);
    for (const region of regions) {
      if (region.endpoint && isHostName(region.endpoint)) this.regionEndpoints.set(region.regionId, region.endpoint);
    }
    return regions;
  }

  async listDisks(query: DiskQuery): Promise<Page<Disk>> {
    const regionId = checkRegionId(query.regionId);
    if (query.diskIds && query.diskIds.length === 0) return { items: [] };
    if (query.diskIds && query.diskIds.length > IDS_PER_REQUEST) {
      throw invalidRequest('DescribeDisks', `At most ${IDS_PER_REQUEST} disk IDs can be listed at once.`);
    }
    const maxResults = Math.min(DISK_PAGE_MAX, Math.max(DISK_PAGE_MIN, query.maxResults ?? DISK_PAGE_MAX));
    const body = await this.call('DescribeDisks', regionId, (sdk) =>
      sdk.describeDisks({
        regionId,
        maxResults,
        nextToken: query.nextToken || undefined,
        diskIds: query.diskIds ? JSON.stringify(query.diskIds) : undefined,
        status: query.status || undefined,
        instanceId: query.instanceId || undefined,
      }),
    );
    return { items: (body.disks?.disk ?? []).map(toDisk), nextToken: body.nextToken || undefined };
  }

  async createSnapshot(request: CreateSnapshotRequest): Promise<string> {
    const regionId = checkRegionId(request.regionId);
    if (!request.diskId) throw invalidRequest('CreateSnapshot', 'A disk ID is required.');
    // The token is what makes our retries safe: without it a retry could create a second snapshot.
    if (!request.clientToken || !/^[\x20-\x7e]{1,64}$/.test(request.clientToken)) {
      throw invalidRequest('CreateSnapshot', 'A ClientToken of 1-64 ASCII characters is required.');
    }
    const body = await this.call('CreateSnapshot', regionId, (sdk) =>
      sdk.createSnapshot({
        diskId: request.diskId,
        clientToken: request.clientToken,
        snapshotName: request.snapshotName || undefined,
        description: request.description || undefined,
        retentionDays: request.retentionDays,
        resourceGroupId: request.resourceGroupId || undefined,
        tag: request.tags?.length ? request.tags.map((t) => ({ key: t.key, value: t.value })) : undefined,
      }),
    );
    if (!body.snapshotId) {
      throw new EcsError({
        kind: 'protocol',
        code: 'MissingSnapshotId',
        message: 'CreateSnapshot succeeded but ECS returned no snapshot ID.',
        requestId: body.requestId,
        retryable: false,
        action: 'CreateSnapshot',
        // ECS said yes: the snapshot very likely exists, we just cannot name it.
        outcomeUnknown: true,
      });
    }
    return body.snapshotId;
  }

  async describeSnapshots(regionId: string, snapshotIds: string[]): Promise<Snapshot[]> {
    checkRegionId(regionId);
    const found: Snapshot[] = [];
    for (const batch of batches(unique(snapshotIds), IDS_PER_REQUEST)) {
      let nextToken: string | undefined;
      do {
        const page = await this.describeSnapshotsPage({ regionId, snapshotIds: JSON.stringify(batch), nextToken });
        found.push(...page.items);
        nextToken = page.nextToken;
      } while (nextToken);
    }
    return found;
  }

  /** In the order ECS returns them (newest first). */
  async listSnapshotsOfDisk(query: SnapshotsOfDiskQuery): Promise<Page<Snapshot>> {
    const regionId = checkRegionId(query.regionId);
    if (!query.diskId) throw invalidRequest('DescribeSnapshots', 'A disk ID is required.');
    const maxResults = Math.min(SNAPSHOT_PAGE_MAX, Math.max(1, query.maxResults ?? SNAPSHOT_PAGE_MAX));
    return this.describeSnapshotsPage({ regionId, diskId: query.diskId, nextToken: query.nextToken, maxResults });
  }

  async describeInstances(regionId: string, instanceIds: string[]): Promise<Instance[]> {
    checkRegionId(regionId);
    const found: Instance[] = [];
    for (const batch of batches(unique(instanceIds), IDS_PER_REQUEST)) {
      let nextToken: string | undefined;
      do {
        const body = await this.call('DescribeInstances', regionId, (sdk) =>
          sdk.describeInstances({ regionId, instanceIds: JSON.stringify(batch), maxResults: IDS_PER_REQUEST, nextToken }),
        );
        found.push(...(body.instances?.instance ?? []).map(toInstance));
        nextToken = body.nextToken || undefined;
      } while (nextToken);
    }
    return found;
  }

  async listLockedInstances(regionId: string, lockReason: string): Promise<Instance[]> {
    checkRegionId(regionId);
    const found: Instance[] = [];
    let nextToken: string | undefined;
    do {
      const body = await this.call('DescribeInstances', regionId, (sdk) =>
        sdk.describeInstances({ regionId, lockReason, maxResults: IDS_PER_REQUEST, nextToken }),
      );
      found.push(...(body.instances?.instance ?? []).map(toInstance));
      nextToken = body.nextToken || undefined;
    } while (nextToken);
    return found;
  }

  async listInstances(query: InstanceQuery): Promise<Page<Instance>> {
    const regionId = checkRegionId(query.regionId);
    const maxResults = Math.min(IDS_PER_REQUEST, Math.max(1, query.maxResults ?? IDS_PER_REQUEST));
    const body = await this.call('DescribeInstances', regionId, (sdk) =>
      sdk.describeInstances({ regionId, maxResults, nextToken: query.nextToken }),
    );
    const items = (body.instances?.instance ?? []).map((i) => {
      const instance = toInstance(i);
      if (i.zoneId) instance.zoneId = i.zoneId;
      return instance;
    });
    return { items, nextToken: body.nextToken || undefined };
  }

  async deleteSnapshot(regionId: string, snapshotId: string, force?: boolean): Promise<void> {
    checkRegionId(regionId);
    if (!snapshotId) throw invalidRequest('DeleteSnapshot', 'A snapshot ID is required.');
    await this.call(
      'DeleteSnapshot',
      regionId,
      async (sdk) => ({ requestId: (await sdk.deleteSnapshot({ snapshotId, force })).requestId }),
      {
        // A retry after a lost answer finds the snapshot already gone: the outcome we wanted.
        recover: (error, attempt) =>
          attempt > 1 && error.code === 'InvalidSnapshotId.NotFound' ? { requestId: error.requestId } : undefined,
      },
    );
  }

  async resetDisk(regionId: string, diskId: string, snapshotId: string): Promise<void> {
    checkRegionId(regionId);
    if (!diskId || !snapshotId) throw invalidRequest('ResetDisk', 'A disk ID and a snapshot ID are required.');
    await this.call('ResetDisk', regionId, (sdk) => sdk.resetDisk({ diskId, snapshotId }), { regionBound: true });
  }

  async stopInstance(regionId: string, instanceId: string): Promise<void> {
    checkRegionId(regionId);
    if (!instanceId) throw invalidRequest('StopInstance', 'An instance ID is required.');
    // KeepCharging explicitly: the default may be the account's economical mode, after which the
    // instance can fail to start again (OperationDenied.NoStock). No ForceStop: that is a power cut.
    await this.call('StopInstance', regionId, (sdk) => sdk.stopInstance({ instanceId, stoppedMode: 'KeepCharging' }), {
      regionBound: true,
    });
  }

  async startInstance(regionId: string, instanceId: string): Promise<void> {
    checkRegionId(regionId);
    if (!instanceId) throw invalidRequest('StartInstance', 'An instance ID is required.');
    await this.call('StartInstance', regionId, (sdk) => sdk.startInstance({ instanceId }), { regionBound: true });
  }

  async describeInstanceStatus(regionId: string, instanceIds: string[]): Promise<InstanceStatus[]> {
    checkRegionId(regionId);
    const found: InstanceStatus[] = [];
    // Never an empty id list: that would list every instance of the region.
    for (const batch of batches(unique(instanceIds), STATUS_PAGE_MAX)) {
      // 50 ids fit one page of 50; the loop only guards against a server that pages anyway.
      for (let pageNumber = 1; ; pageNumber++) {
        const body = await this.call('DescribeInstanceStatus', regionId, (sdk) =>
          sdk.describeInstanceStatus({ regionId, instanceIds: batch, pageNumber, pageSize: STATUS_PAGE_MAX }),
        );
        const items = body.instanceStatuses?.instanceStatus ?? [];
        found.push(...items.map(toInstanceStatus).filter((s) => s.instanceId));
        const total = body.totalCount ?? 0;
        if (items.length === 0 || pageNumber * STATUS_PAGE_MAX >= total || pageNumber >= batch.length) break;
      }
    }
    return found;
  }

  createSnapshotGroup(request: CreateSnapshotGroupRequest): Promise<string> {
    return groups.createSnapshotGroup(this.groupCall, request);
  }

  describeSnapshotGroups(query: SnapshotGroupQuery): Promise<Page<SnapshotGroup>> {
    return groups.describeSnapshotGroups(this.groupCall, query);
  }

  deleteSnapshotGroup(regionId: string, groupId: string): Promise<SnapshotGroupDeletion[]> {
    return groups.deleteSnapshotGroup(this.groupCall, regionId, groupId);
  }

  modifySnapshotGroup(regionId: string, groupId: string, change: { name?: string; description?: string }): Promise<void> {
    return groups.modifySnapshotGroup(this.groupCall, regionId, groupId, change);
  }

  private readonly groupCall: groups.GroupCall = (action, regionId, invoke) => this.call(action, regionId, invoke);

  private async describeSnapshotsPage(params: {
    regionId: string;
    snapshotIds?: string;
    diskId?: string;
    nextToken?: string;
    maxResults?: number;
  }): Promise<Page<Snapshot>> {
    const body = await this.call('DescribeSnapshots', params.regionId, (sdk) =>
      sdk.describeSnapshots({
        regionId: params.regionId,
        snapshotIds: params.snapshotIds,
        diskId: params.diskId,
        nextToken: params.nextToken || undefined,
        maxResults: params.maxResults ?? SNAPSHOT_PAGE_MAX,
      }),
    );
    return { items: (body.snapshots?.snapshot ?? []).map(toSnapshot), nextToken: body.nextToken || undefined };
  }

  /** One API call: retried per policy, logged per request, failures as EcsError. */
  private async call<T extends { requestId?: string }>(
    action: string,
    regionId: string,
    invoke: (sdk: EcsSdk) => Promise<T>,
    options: {
      recover?: (error: EcsError, attempt: number) => T | undefined;
      /** The action takes no RegionId: the endpoint must be the region's own. */
      regionBound?: boolean;
    } = {},
  ): Promise<T> {
    const sdk = options.regionBound ? this.regionBoundClientFor(action, regionId) : this.clientFor(regionId);
    const { log, onRequest } = this.options;
    let last: RequestRecord | undefined;
    let mayHaveActed = false;
    const attempt = async (n: number): Promise<T> => {
      const started = this.clock.now();
      const { exchange, outcome } = await withCapturedExchange(this.readTimeoutMs, () => invoke(sdk));
      const durationMs = Math.max(0, Math.round(this.clock.now() - started));
      if (outcome.ok) {
        last = { action, regionId, attempt: n, durationMs, httpStatus: exchange.statusCode, requestId: outcome.value.requestId };
        onRequest?.(last);
        log?.('info', this.line(last));
        return outcome.value;
      }
      const error = toEcsError(outcome.error, {
        action,
        exchange,
        secrets: this.secrets,
        readTimeoutMs: this.readTimeoutMs,
        connectTimeoutMs: this.connectTimeoutMs,
      });
      last = { action, regionId, attempt: n, durationMs, httpStatus: error.httpStatus ?? exchange.statusCode, requestId: error.requestId, error };
      onRequest?.(last);
      if (UNGUARDED_WRITES.has(action)) throw noResendFailure(error);
      mayHaveActed ||= CHANGING_ACTIONS.has(action) && mayHaveRun(error);
      // Whatever the last attempt says, an earlier one may have done the work (created the snapshot).
      throw mayHaveActed ? outcomeUnknown(error) : error;
    };
    try {
      return await withRetries(attempt, this.policy, this.clock, ({ nextDelayMs }) => {
        if (!last) return;
        const then = nextDelayMs === undefined ? '' : `; retrying in ${nextDelayMs} ms`;
        log?.(nextDelayMs === undefined ? 'error' : 'warn', this.line(last) + then);
      });
    } catch (error) {
      const recovered = error instanceof EcsError && last ? options.recover?.(error, last.attempt) : undefined;
      if (recovered === undefined) throw error;
      log?.('info', `${action} ${regionId}: ${(error as EcsError).code} after a retry means it is done`);
      return recovered;
    }
  }

  private line(r: RequestRecord): string {
    const status = r.httpStatus === undefined ? (r.error ? r.error.kind : '-') : `HTTP ${r.httpStatus}`;
    const outcome = r.error ? ` ${r.error.code}` : '';
    const requestId = r.requestId ? ` RequestId=${r.requestId}` : '';
    return `${r.action} ${r.regionId} ${status}${outcome} ${r.durationMs} ms (attempt ${r.attempt}/${this.policy.maxAttempts})${requestId}`;
  }

  /** One SDK client per endpoint: the region is part of the endpoint for most actions. */
  private clientFor(regionId: string): EcsSdk {
    return this.clientAt(this.override ?? this.endpointOf(regionId), regionId);
  }

  private clientAt(target: EndpointTarget, regionId: string): EcsSdk {
    const key = `${target.protocol}://${target.host}`;
    let client = this.clients.get(key);
    if (!client) {
      client = loadSdk().createEcsSdk({
        credentials: this.options.credentials,
        endpoint: target.host,
        protocol: target.protocol,
        regionId,
        connectTimeoutMs: this.connectTimeoutMs,
        readTimeoutMs: this.readTimeoutMs,
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * For actions without RegionId, which act in the region of the endpoint they reach: an override
   * endpoint serves the gateway's own region only; otherwise the region's own endpoint, never one
   * that DescribeRegions gave for several regions (the central ecs.aliyuncs.com).
   */
  private regionBoundClientFor(action: string, regionId: string): EcsSdk {
    if (this.override && regionId !== this.options.regionId) {
      throw invalidRequest(
        action,
        `${action} acts in the region of the endpoint, ${this.override.host} (${this.options.regionId}); it cannot reach ${regionId} there.`,
      );
    }
    const learnt = this.regionEndpoints.get(regionId);
    const shared = learnt !== undefined && [...this.regionEndpoints].some(([other, host]) => other !== regionId && host === learnt);
    if (!this.override && shared) return this.clientAt(defaultRegionEndpoint(regionId), regionId);
    return this.clientFor(regionId);
  }

  private endpointOf(regionId: string): EndpointTarget {
    const learnt = this.regionEndpoints.get(regionId);
    return learnt ? { host: learnt, protocol: 'https' } : defaultRegionEndpoint(regionId);
  }
}

function outcomeUnknown(error: EcsError): EcsError {
  return error.outcomeUnknown ? error : new EcsError({ ...error, message: error.message, outcomeUnknown: true });
}

/**
 * A failed attempt of an unguarded write. Once it may have run (a 5xx, an unreadable answer, a reset,
 * a read timeout) it is never sent again: the caller must read the state back (outcomeUnknown).
 * A definite refusal that did not run may be retried: throttling, a request that never left, and
 * ResetDisk's 400 InternalError "service not available now". That one is transient (the reference
 * says retry later) but, unlike the 500 InternalError, it is a 4xx with ECS's own code: ECS turned
 * the request away before acting on it, as with any other coded 4xx refusal (see mayHaveRun).
 */
function noResendFailure(error: EcsError): EcsError {
  if (mayHaveRun(error)) {
    return new EcsError({ ...error, message: error.message, retryable: false, outcomeUnknown: true });
  }
  const unavailableNow = error.code === 'InternalError' && error.httpStatus === 400;
  return unavailableNow && !error.retryable ? new EcsError({ ...error, message: error.message, retryable: true }) : error;
}

function toInstanceStatus(s: { instanceId?: string; status?: string }): InstanceStatus {
  return { instanceId: s.instanceId ?? '', status: s.status ?? '' };
}

function invalidRequest(action: string, message: string): EcsError {
  return new EcsError({ kind: 'api', code: 'InvalidParameter', message, retryable: false, action, notSent: true });
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids.filter((id) => id.length > 0))];
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// In-memory stand-ins for the ports of the create flow (gateway, tracker, tree, notifier), for
// unit tests of pure logic. Extension-host tests use the real gateway against the sandbox.
import { EcsError } from '../../src/ecs/errors';
import type {
  CreateSnapshotRequest,
  Disk,
  DiskQuery,
  EcsGateway,
  Instance,
  InstanceQuery,
  InstanceStatus,
  Page,
  Snapshot,
  SnapshotsOfDiskQuery,
} from '../../src/ecs/gateway';
import type { SubmitPorts } from '../../src/commands/createSnapshot/submit';
import { InFlightRequests } from '../../src/commands/createSnapshot/inFlight';
import type { DiskRef, SnapshotIntent } from '../../src/tracker/trackerApi';

export function disk(overrides: Partial<Disk> = {}): Disk {
  return {
    diskId: 'd-bp1aaaaaaaaaaaaaaaa1',
    diskName: 'web-data',
    description: '',
    sizeGiB: 40,
    category: 'cloud_essd',
    performanceLevel: 'PL0',
    status: 'In_use',
    type: 'data',
    instanceId: 'i-bp1web',
    device: '/dev/xvdb',
    zoneId: 'cn-hangzhou-h',
    creationTime: '2026-01-01T00:00:00Z',
    tags: [],
    lockReasons: [],
    ...overrides,
  };
}

/** A gateway over a list of disks; CreateSnapshot answers from `answers` (in order), then succeeds. */
export class FakeGateway implements EcsGateway {
  readonly created: CreateSnapshotRequest[] = [];
  readonly listDisksCalls: DiskQuery[] = [];
  /** Each entry answers one CreateSnapshot: an error to throw, or undefined to succeed. */
  answers: (Error | undefined)[] = [];
  /** Resolved before CreateSnapshot answers, to hold a request "in flight". */
  gate?: Promise<void>;
  private counter = 0;

  constructor(
    public disks: Disk[] = [disk()],
    public instances: Instance[] = [{ instanceId: 'i-bp1web', instanceName: 'web-01', status: 'Running', lockReasons: [] }],
    private readonly pageSize = 500,
  ) {}

  async listRegions() {
    return [{ regionId: 'cn-hangzhou', localName: 'Hangzhou' }];
  }

  async listDisks(query: DiskQuery): Promise<Page<Disk>> {
    this.listDisksCalls.push(query);
    const matching = query.diskIds ? this.disks.filter((d) => query.diskIds!.includes(d.diskId)) : this.disks;
    const start = query.nextToken ? Number(query.nextToken) : 0;
    const items = matching.slice(start, start + this.pageSize);
    const next = start + this.pageSize < matching.length ? String(start + this.pageSize) : undefined;
    return { items, nextToken: next };
  }

  async createSnapshot(request: CreateSnapshotRequest): Promise<string> {
    this.created.push(request);
    await this.gate;
    const answer = this.answers.shift();
    if (answer) throw answer;
    return `s-bp1fake${String(++this.counter).padStart(4, '0')}`;
  }

  // Typed as the port is, so a test can extend the class and answer these.
  async describeSnapshots(_regionId: string, _snapshotIds: string[]): Promise<Snapshot[]> {
    return [];
  }

  async listSnapshotsOfDisk(_query: SnapshotsOfDiskQuery): Promise<Page<Snapshot>> {
    return { items: [] };
  }

  async describeInstances(_regionId: string, ids: string[]): Promise<Instance[]> {
    return this.instances.filter((i) => ids.includes(i.instanceId));
  }

  async listLockedInstances(_regionId: string, lockReason: string): Promise<Instance[]> {
    return this.instances.filter((i) => i.lockReasons.includes(lockReason));
  }

  async listInstances(query: InstanceQuery): Promise<Page<Instance>> {
    const start = query.nextToken ? Number(query.nextToken) : 0;
    const end = start + (query.maxResults ?? 100);
    return { items: this.instances.slice(start, end), nextToken: end < this.instances.length ? String(end) : undefined };
  }

  async deleteSnapshot() {}
  createSnapshotGroup(): never {
    throw new Error('not used by the create flow');
  }
  describeSnapshotGroups(): never {
    throw new Error('not used by the create flow');
  }
  deleteSnapshotGroup(): never {
    throw new Error('not used by the create flow');
  }
  modifySnapshotGroup(): never {
    throw new Error('not used by the create flow');
  }

  /** Rollback writes as they were asked, e.g. ['StopInstance', 'i-bp1web']. */
  readonly restoreCalls: [action: string, ...ids: string[]][] = [];
  /** Each entry answers one rollback write (any of the three): an error to throw, or undefined to succeed. */
  restoreAnswers: (Error | undefined)[] = [];

  async resetDisk(_regionId: string, diskId: string, snapshotId: string): Promise<void> {
    this.restoreCalls.push(['ResetDisk', diskId, snapshotId]);
    const answer = this.restoreAnswers.shift();
    if (answer) throw answer;
  }

  async stopInstance(_regionId: string, instanceId: string): Promise<void> {
    this.restoreCalls.push(['StopInstance', instanceId]);
    const answer = this.restoreAnswers.shift();
    if (answer) throw answer;
    this.setStatus(instanceId, 'Stopped');
  }

  async startInstance(_regionId: string, instanceId: string): Promise<void> {
    this.restoreCalls.push(['StartInstance', instanceId]);
    const answer = this.restoreAnswers.shift();
    if (answer) throw answer;
    this.setStatus(instanceId, 'Running');
  }

  async describeInstanceStatus(_regionId: string, ids: string[]): Promise<InstanceStatus[]> {
    return this.instances.filter((i) => ids.includes(i.instanceId)).map((i) => ({ instanceId: i.instanceId, status: i.status }));
  }

  private setStatus(instanceId: string, status: string): void {
    this.instances = this.instances.map((i) => (i.instanceId === instanceId ? { ...i, status } : i));
  }
}

export function apiError(code: string, message: string, extra: Partial<ConstructorParameters<typeof EcsError>[0]> = {}): EcsError {
  return new EcsError({ kind: 'api', code, message, httpStatus: 403, requestId: 'REQ-1', retryable: false, action: 'CreateSnapshot', ...extra });
}

export class FakeTracker {
  /** Intents recorded before their request was sent. */
  readonly begun: SnapshotIntent[] = [];
  readonly tracked: { intent: SnapshotIntent; snapshotId: string }[] = [];
  readonly failures: { intent: SnapshotIntent; error: EcsError }[] = [];
  creating = new Set<string>();
  begin(intent: SnapshotIntent): void {
    this.begun.push(intent);
  }
  track(intent: SnapshotIntent, snapshotId: string): void {
    this.tracked.push({ intent, snapshotId });
  }
  reportCreateFailure(intent: SnapshotIntent, error: EcsError): void {
    this.failures.push({ intent, error });
  }
  isCreating(ref: DiskRef): boolean {
    return this.creating.has(ref.diskId);
  }
}

export class RecordingNotifier {
  readonly infos: string[] = [];
  readonly warnings: string[] = [];
  readonly errors: { message: string; actions: readonly string[] }[] = [];
  /** Label the user clicks on the next error notifications (in order); undefined dismisses. */
  clicks: (string | undefined)[] = [];
  info(message: string): void {
    this.infos.push(message);
  }
  warn(message: string): void {
    this.warnings.push(message);
  }
  async error(message: string, actions: readonly string[]): Promise<string | undefined> {
    this.errors.push({ message, actions });
    return this.clicks.shift();
  }
}

export interface FakePorts extends SubmitPorts {
  gateway: FakeGateway;
  tracker: FakeTracker;
  notifier: RecordingNotifier;
  refreshed: string[];
  opened: string[];
  copied: string[];
  logShown: number;
  logLines: string[];
}

export function fakePorts(gateway = new FakeGateway()): FakePorts {
  const ports: FakePorts = {
    gateway,
    tracker: new FakeTracker(),
    notifier: new RecordingNotifier(),
    inFlight: new InFlightRequests(),
    refreshed: [],
    opened: [],
    copied: [],
    logShown: 0,
    logLines: [],
    tree: { refreshDisk: (regionId, diskId) => ports.refreshed.push(`${regionId}/${diskId}`) },
    log: { info: (m) => ports.logLines.push(m), error: (m) => ports.logLines.push(m) },
    showLog: () => void ports.logShown++,
    openUrl: (url) => void ports.opened.push(url),
    copyText: (text) => void ports.copied.push(text),
  };
  return ports;
}

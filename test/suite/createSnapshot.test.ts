// "Create Snapshot..." in the real extension host against the sandbox (real SDK over HTTP, real
// status-bar tracker): the steps driven by a scripted prompter, Back keeping values, Escape
// creating nothing, a double confirm creating one snapshot, and every CreateSnapshot error the
// sandbox can produce reaching the user as the catalog's message.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CreateFlowResult } from '../../src/commands/createSnapshot/createFlow';
import { InFlightRequests } from '../../src/commands/createSnapshot/inFlight';
import { BACK, CANCEL } from '../../src/commands/createSnapshot/prompter';
import { submitIntent } from '../../src/commands/createSnapshot/submit';
import type { SubmitPorts } from '../../src/commands/createSnapshot/submit';
import type { EcsGateway, Tag } from '../../src/ecs/gateway';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { describeEcsProblem, formatForUser } from '../../src/snapshot/catalog';
import type { SnapshotIntent } from '../../src/tracker/trackerApi';
import type { Seen, ScriptStep } from '../support/scriptedPrompter';
import { RecordingNotifier } from '../support/snapshotFakes';
import { diskNamed, harness, sandboxGateway, SOURCE_KEY } from './createSnapshotHelpers';
import type { Harness } from './createSnapshotHelpers';
import { addDisk } from './trackerHelpers';

suite('Create Snapshot on the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let gateway: EcsGateway;
  let log: vscode.LogOutputChannel;
  const disposables: vscode.Disposable[] = [];

  suiteSetup(async () => {
    // Real time: snapshots started by a test stay "progressing" for the rest of the suite.
    sandbox = await startSandbox({ seed: 7 });
    gateway = sandboxGateway(sandbox);
    log = vscode.window.createOutputChannel('ECS Snapshots (create suite)', { log: true });
    disposables.push(log);
    await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', false, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    disposables.forEach((d) => d.dispose());
    await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', undefined, vscode.ConfigurationTarget.Global);
    await sandbox?.close();
  });

  teardown(() => {
    sandbox.clearFaults();
    sandbox.world.account.snapshotServiceEnabled = true;
    sandbox.world.account.enoughBalance = true;
  });

  const make = (): Harness => harness(gateway, log, {}, disposables);
  const createRequests = () => sandbox.stats.byAction.CreateSnapshot ?? 0;
  const snapshotCount = () => sandbox.world.snapshotsIn('cn-hangzhou').length;

  test('from the palette: pick a disk, fill every step, confirm: ECS gets exactly that, the tracker shows it', async () => {
    const h = make();
    const prompter = h.script([
      { pick: 'backup-archive' },
      'before-resize',
      'Resize to 1 TiB',
      '14',
      { pick: 'Add tag' },
      'env=staging',
      { pick: 'Add tag' },
      'owner=alice',
      { pick: 'Done' },
      { pick: 'Create snapshot' },
    ]);
    const before = createRequests();
    const result = await h.commands.createSnapshot();
    assert.equal(result?.kind, 'created');
    const snapshotId = result?.kind === 'created' ? result.snapshotId : '';
    const record = sandbox.world.snapshots.get(snapshotId);
    assert.ok(record, 'the sandbox has the snapshot');
    const disk = await diskNamed(gateway, 'backup-archive');
    assert.equal(record.sourceDiskId, disk.diskId);
    assert.equal(record.snapshotName, 'before-resize');
    assert.equal(record.description, 'Resize to 1 TiB');
    assert.equal(record.retentionDays, 14);
    assert.deepEqual(record.tags, [{ key: 'env', value: 'staging' }, { key: 'owner', value: 'alice' }]);
    assert.equal(createRequests() - before, 1, 'one CreateSnapshot request');
    assert.deepEqual(prompter.trail().slice(0, 2), ['pick 1/6', 'input 2/6 backup-archive-20261127-1430']);
    assert.equal(h.tracker.isCreating({ regionId: 'cn-hangzhou', diskId: disk.diskId }), true);
    assert.equal(h.tracker.operations()[0].snapshotId, snapshotId);
    assert.equal(h.tracker.status.visible, true);
    assert.deepEqual(h.tree.refreshed, [`cn-hangzhou/${disk.diskId}`]);

    // The palette's picker now shows that disk as busy, with the reason, and it cannot be picked.
    const again = h.script([{ pick: 'backup-archive' }, CANCEL]);
    await h.commands.createSnapshot();
    assert.match(again.blocked[0], /still being created/);
  });

  test('the disk picker lists every disk of the region with its instance, and blocks the ones ECS would refuse', async () => {
    const h = make();
    const prompter = h.script([{ pick: 'legacy-app-system' }, { pick: 'attaching-data' }, CANCEL]);
    await h.commands.createSnapshot();
    const pick = prompter.seen[0] as Extract<Seen, { kind: 'pick' }>;
    assert.equal(pick.choices.length, sandbox.world.disksIn('cn-hangzhou').length);
    assert.match(pick.choices.find((c) => c.label.includes('web-01-data'))?.detail ?? '', /^on web-01 \(i-/);
    assert.equal(pick.choices.find((c) => c.label.includes('web-01-data'))?.blockedReason, undefined);
    assert.match(prompter.blocked[0], /locked for security/);
    assert.match(prompter.blocked[1], /Attaching/);
  });

  test('from a disk node: Back keeps what was typed, and the edited values are what ECS gets', async () => {
    const h = make();
    const disk = addDisk(sandbox, 'back-test', 20);
    const node = { disk: await diskNamed(gateway, 'back-test') };
    const keep = (value: string, answer: ScriptStep): ScriptStep => (seen) => {
      assert.equal(seen.kind === 'input' && seen.request.value, value, 'the box shows what was typed before');
      return typeof answer === 'function' ? answer(seen) : answer;
    };
    h.script([
      'first-name',
      'some words',
      '3',
      BACK,
      keep('3', BACK),
      keep('some words', BACK),
      keep('first-name', 'second-name'),
      keep('some words', 'some words'),
      keep('3', '5'),
      { pick: 'Done' },
      { pick: 'Create snapshot' },
    ]);
    const result = await h.commands.createSnapshot(node);
    assert.equal(result?.kind, 'created');
    const [record] = sandbox.world.snapshotsOf(disk.diskId);
    assert.deepEqual([record.snapshotName, record.description, record.retentionDays], ['second-name', 'some words', 5]);
  });

  test('Escape at any step creates nothing', async () => {
    const h = make();
    const node = { disk: await diskNamed(gateway, 'db-01-system') };
    const full: ScriptStep[] = ['esc-test', 'words', '2', { pick: 'Add tag' }, 'k=v', { pick: 'Done' }, { pick: 'Create snapshot' }];
    for (const cut of [0, 1, 2, 3, 4, 5, 6]) {
      const [requests, snapshots] = [createRequests(), snapshotCount()];
      h.script([...full.slice(0, cut), CANCEL]);
      assert.deepEqual(await h.commands.createSnapshot(node), { kind: 'cancelled' }, `cut at ${cut}`);
      assert.equal(createRequests(), requests, `no request (cut at ${cut})`);
      assert.equal(snapshotCount(), snapshots, `no snapshot (cut at ${cut})`);
    }
    assert.equal(h.tracker.operations().length, 0);
  });

  test('a double confirm creates one snapshot', async () => {
    const h = make();
    const disk = addDisk(sandbox, 'double-click', 20);
    const node = { disk: await diskNamed(gateway, 'double-click') };
    // Answers whatever is asked, for two flows running side by side: defaults, then "Create".
    const auto: ScriptStep = (seen) => {
      if (seen.kind === 'input') return seen.request.value;
      const create = seen.choices.find((c) => c.label.includes('Create snapshot'));
      if (create) return create.blockedReason ? CANCEL : { pick: 'Create snapshot' };
      return { pick: 'Done' };
    };
    h.script(Array.from({ length: 20 }, () => auto));
    sandbox.setFaults({ latencyMs: 300 });
    const before = createRequests();
    const results = await Promise.all([h.commands.createSnapshot(node), h.commands.createSnapshot(node)]);
    assert.deepEqual(results.map((r) => r?.kind).sort(), ['created', 'inFlight']);
    assert.equal(createRequests() - before, 1, 'one request');
    assert.equal(sandbox.world.snapshotsOf(disk.diskId).length, 1, 'one snapshot');
    assert.match(h.notifier.infos.join('\n'), /already being requested/);
  });

  suite('every CreateSnapshot error reaches the user as the catalog\'s message', () => {
    /** Runs the command on the disk and returns what the user was told. */
    async function viaCommand(h: Harness, diskArg: unknown): Promise<CreateFlowResult | undefined> {
      h.script([(s) => (s.kind === 'input' ? s.request.value : CANCEL), '', '', { pick: 'Done' }, { pick: 'Create snapshot' }]);
      return h.commands.createSnapshot(diskArg);
    }

    function assertTold(h: Harness, result: CreateFlowResult | undefined, code: string, diskName: string): void {
      assert.equal(result?.kind, 'failed', `${code}: ${JSON.stringify(result)}`);
      const error = result?.kind === 'failed' ? result.error : undefined;
      assert.equal(error?.code, code);
      assert.equal(h.notifier.errors.length, 1);
      const problem = describeEcsProblem(error!);
      assert.equal(h.notifier.errors[0].message, `Could not create a snapshot of ${diskName}: ${formatForUser(problem)}`);
      assert.ok(h.notifier.errors[0].message.includes(code));
      const refused = h.tracker.operations().filter((o) => o.state === 'refused');
      assert.deepEqual(refused.map((o) => o.error?.code), [code], 'the tracker shows the refusal');
    }

    // Disks of the sandbox's default world, each refused for its own reason. A bare Disk carries
    // no instance locks or tree state, so the local guards let it through and the server decides.
    const byDisk: [string, string, (d: Record<string, unknown>) => Record<string, unknown>][] = [
      ['scratch-new', 'IncorrectDiskStatus.NeverAttached', (d) => d],
      ['fresh-data', 'IncorrectDiskStatus.NeverUsed', (d) => d],
      ['billing-lapsed', 'DiskInArrears', (d) => d],
      ['ephemeral-cache', 'DiskCategory.OperationNotSupported', (d) => d],
      ['legacy-app-system', 'InstanceLockedForSecurity', (d) => d],
      ['attaching-data', 'IncorrectDiskStatus', (d) => ({ ...d, status: 'In_use' })], // a stale view of the disk
      ['数据库数据盘', 'IncorrectDiskStatus.CreatingSnapshot', (d) => d],
      ['logs-ssd', 'QuotaExceed.Snapshot', (d) => d],
      ['web-01-system', 'InvalidDiskId.NotFound', (d) => ({ ...d, diskId: 'd-bp1nosuchdisk0000001' })],
    ];
    for (const [name, code, alter] of byDisk) {
      test(`${code} (disk ${name})`, async () => {
        const h = make();
        const disk = alter({ ...(await diskNamed(gateway, name)) });
        assertTold(h, await viaCommand(h, disk), code, name);
      });
    }

    const byAccount: [string, () => void, string][] = [
      ['snapshot service not opened', () => (sandbox.world.account.snapshotServiceEnabled = false), 'InvalidAccountStatus.SnapshotServiceUnavailable'],
      ['balance too low', () => (sandbox.world.account.enoughBalance = false), 'InvalidAccountStatus.NotEnoughBalance'],
      ['throttled', () => sandbox.setFaults({ throttleRate: 1, retryAfterSeconds: 2 }), 'Throttling'],
    ];
    for (const [what, setUp, code] of byAccount) {
      test(`${code} (${what})`, async () => {
        const h = make();
        const disk = await diskNamed(gateway, 'web-01-system');
        setUp();
        assertTold(h, await viaCommand(h, disk), code, 'web-01-system');
      });
    }

    // A 5xx or a proxy's HTML page is no definite refusal: the request may have run, so the user is
    // told the snapshot may exist and the tracker looks for it, never "not created".
    const unconfirmed: [string, () => void, string][] = [
      ['internal error', () => sandbox.setFaults({ errorRate: 1 }), 'InternalError'],
      ['a load balancer\'s HTML 502', () => sandbox.setFaults({ htmlErrorRate: 1 }), 'Http502'],
    ];
    for (const [what, setUp, code] of unconfirmed) {
      test(`${code} (${what}): "may exist", and the tracker looks`, async () => {
        const h = make();
        const disk = await diskNamed(gateway, 'web-01-system');
        setUp();
        const result = await viaCommand(h, disk);
        assert.equal(result?.kind, 'failed', JSON.stringify(result));
        const error = result?.kind === 'failed' ? result.error : undefined;
        assert.equal(error?.code, code);
        assert.equal(error?.outcomeUnknown, true);
        assert.match(h.notifier.errors[0].message, /^ECS did not confirm the snapshot of web-01-system: it may have been created\./);
        assert.ok(h.notifier.errors[0].message.includes(code));
        assert.deepEqual(h.tracker.operations().map((o) => o.state), ['checking'], 'the tracker looks for it');
      });
    }

    test('a dropped connection reaches the user as a network problem', async () => {
      const h = make();
      const disk = await diskNamed(gateway, 'web-01-system');
      sandbox.setFaults({ dropRate: 1 });
      const result = await viaCommand(h, disk);
      assert.equal(result?.kind, 'failed');
      assert.equal(result?.kind === 'failed' && result.error.kind, 'network');
      assert.match(h.notifier.errors[0].message, /Could not reach ECS/);
      assert.ok(h.notifier.errors[0].actions.includes('Retry'));
    });

    // Values the flow never lets through (its boxes validate as the user types): sent directly, to
    // prove the server's answer would still be told properly.
    let counter = 0;
    const byRequest: [string, (intent: SnapshotIntent) => void, string][] = [
      ['InvalidSnapshotName.Malformed', (i) => (i.request.snapshotName = 'auto-x'), 'a reserved name'],
      ['InvalidDescription.Malformed', (i) => (i.request.description = 'http://x'), 'a URL description'],
      ['InvalidRetentionDays.Malformed', (i) => (i.request.retentionDays = 0), 'zero retention days'],
      ['InvalidTagKey.Malformed', (i) => (i.request.tags = [{ key: 'aliyun-x', value: '' }]), 'a reserved tag key'],
      ['InvalidTagValue.Malformed', (i) => (i.request.tags = [{ key: 'k', value: 'see https://x' }]), 'a URL in a tag value'],
      ['Duplicate.TagKey', (i) => (i.request.tags = [{ key: 'k', value: '1' }, { key: 'k', value: '2' }]), 'a repeated tag key'],
      ['QuotaExceed.Tags', (i) => (i.request.tags = Array.from({ length: 21 }, (_, n): Tag => ({ key: `k${n}`, value: '' }))), '21 tags'],
      ['InvalidParameter', (i) => (i.request.clientToken = 'tök'), 'a non-ASCII ClientToken'],
    ];
    for (const [code, spoil, what] of byRequest) {
      test(`${code} (${what}, sent without the flow)`, async () => {
        const notifier = new RecordingNotifier();
        const h = make();
        const ports = portsFor(h, notifier);
        const disk = await diskNamed(gateway, 'web-01-system');
        const intent = intentFor(disk.diskId, `direct-${++counter}`);
        spoil(intent);
        const result = await submitIntent(ports, intent, { disk, instanceLocks: [], seenCreating: false });
        assert.equal(result.kind, 'failed');
        const error = result.kind === 'failed' ? result.error : undefined;
        assert.equal(error?.code, code);
        assert.equal(notifier.errors[0].message, `Could not create a snapshot of web-01-system: ${formatForUser(describeEcsProblem(error!))}`);
        assert.equal(describeEcsProblem(error!).known, true, 'a catalogued code');
      });
    }

    test('IdempotentParameterMismatch (a ClientToken reused for another request)', async () => {
      const notifier = new RecordingNotifier();
      const h = make();
      const ports = portsFor(h, notifier);
      const first = addDisk(sandbox, 'token-a', 20);
      const second = addDisk(sandbox, 'token-b', 20);
      const a = await diskNamed(gateway, 'token-a');
      const b = await diskNamed(gateway, 'token-b');
      assert.equal((await submitIntent(ports, intentFor(first.diskId, 'shared-token'), { disk: a, instanceLocks: [], seenCreating: false })).kind, 'created');
      const result = await submitIntent(ports, intentFor(second.diskId, 'shared-token'), { disk: b, instanceLocks: [], seenCreating: false });
      assert.equal(result.kind === 'failed' && result.error.code, 'IdempotentParameterMismatch');
      assert.match(notifier.errors[0].message, /IdempotentParameterMismatch/);
    });

    test('Retry after a failure sends the same ClientToken: ECS answers with the same snapshot, never a second one', async () => {
      const h = make();
      const disk = addDisk(sandbox, 'retry-me', 20);
      const node = { disk: await diskNamed(gateway, 'retry-me') };
      sandbox.setFaults({ errorRate: 1 });
      h.notifier.clicks = ['Retry', 'Retry'];
      h.script([(s) => (s.kind === 'input' ? s.request.value : CANCEL), '', '', { pick: 'Done' }, { pick: 'Create snapshot' }]);
      const result = await h.commands.createSnapshot(node);
      assert.equal(result?.kind, 'failed');
      sandbox.clearFaults();
      const retried = result?.kind === 'failed' ? await result.followUp : undefined;
      assert.equal(retried?.kind, 'created');
      assert.equal(sandbox.world.snapshotsOf(disk.diskId).length, 1);
      const tokens = [...sandbox.world.clientTokens.entries()].filter(([, v]) => v.snapshotId === (retried?.kind === 'created' ? retried.snapshotId : ''));
      assert.equal(tokens.length, 1, 'the snapshot was made under the intent\'s one token');
    });

    function portsFor(h: Harness, notifier: RecordingNotifier): SubmitPorts {
      return {
        gateway,
        tracker: h.tracker,
        tree: h.tree,
        notifier,
        inFlight: new InFlightRequests(),
        log: { info: () => undefined, error: () => undefined },
        showLog: () => undefined,
        openUrl: () => undefined,
        copyText: () => undefined,
      };
    }

    function intentFor(diskId: string, clientToken: string): SnapshotIntent {
      return { request: { regionId: 'cn-hangzhou', diskId, clientToken, snapshotName: 'direct' }, diskName: 'web-01-system', sourceKey: SOURCE_KEY, origin: 'create' };
    }
  });
});

// The agent tools in the real workbench: contributed and registered with their schemas, invoked
// through vscode.lm.invokeTool on the installed extension connected to a sandbox (exactly one
// CreateSnapshot, nothing sent for an invalid input, only Describe* for the read-only tools), and
// the creating tool's confirmation and tracker hand-over on the same tools built over a real
// BackupService and status-bar tracker. (In extension tests VS Code accepts a tool's confirmation
// by itself, so invokeTool runs prepareInvocation and then invoke, as after the user's Allow.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createAgentTools } from '../../src/agent/agentTools';
import { CREATE_SNAPSHOT_TOOL, LIST_DISKS_TOOL, SNAPSHOT_STATUS_TOOL } from '../../src/agent/toolNames';
import { parseBackupArguments } from '../../src/automation/backupArguments';
import { createBackupService } from '../../src/automation/backupService';
import { InFlightRequests } from '../../src/commands/createSnapshot/inFlight';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { SnapshotTracker } from '../../src/tracker/snapshotTracker';
import { sandboxGateway, SandboxConnections } from './createSnapshotHelpers';
import { activated, manifest } from './helpers';
import { addDisk, MemoryMemento } from './trackerHelpers';

const global = vscode.ConfigurationTarget.Global;
const silent = { debug: () => undefined, trace: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function configure(sandbox: Sandbox | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('ecsSnapshots');
  await config.update('credentialSource', sandbox ? 'sandbox' : undefined, global);
  await config.update('endpoint', sandbox?.endpoint, global);
  await config.update('region', sandbox ? 'cn-hangzhou' : undefined, global);
  await vscode.workspace.getConfiguration('ecsSnapshots.tracker').update('notifyOnCompletion', sandbox ? false : undefined, global);
}

function text(result: vscode.LanguageModelToolResult): string {
  return result.content.map((part) => (typeof (part as { value?: unknown }).value === 'string' ? (part as { value: string }).value : '')).join('');
}

async function invoke(name: string, input: object): Promise<string> {
  return text(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }));
}

const cancelled = new vscode.CancellationTokenSource().token;

suite('Agent tools', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;

  suiteSetup(async () => {
    sandbox = await startSandbox({ seed: 15 });
    await configure(sandbox);
    await activated();
  });
  suiteTeardown(async () => {
    await configure(undefined);
    await sandbox?.close();
  });
  setup(() => sandbox.stats.reset());
  /** Every action but the DescribeSnapshots the extension's tracker polls on its own. */
  const sentByTools = () => Object.keys(sandbox.stats.byAction).filter((action) => action !== 'DescribeSnapshots');

  test('the three tools are registered with the schemas and descriptions of the manifest', () => {
    const contributed = (manifest().contributes as unknown as { languageModelTools: { name: string; modelDescription: string; inputSchema: object }[] }).languageModelTools;
    for (const name of [LIST_DISKS_TOOL, CREATE_SNAPSHOT_TOOL, SNAPSHOT_STATUS_TOOL]) {
      const tool = vscode.lm.tools.find((t) => t.name === name);
      assert.ok(tool, `${name} is not in vscode.lm.tools`);
      const declared = contributed.find((t) => t.name === name);
      assert.deepEqual(tool.inputSchema, declared?.inputSchema);
      assert.equal(tool.description, declared?.modelDescription);
    }
  });

  test('invoking the creating tool sends exactly one CreateSnapshot and answers with the snapshot id; the tracker then holds it', async () => {
    const disk = addDisk(sandbox, 'agent-lm-data', 40);
    const answer = await invoke(CREATE_SNAPSHOT_TOOL, { disk: 'agent-lm-data', name: 'agent-pre-migrate', retentionDays: 3 });
    assert.equal(sandbox.stats.byAction.CreateSnapshot, 1);
    const [snapshot, ...others] = sandbox.world.snapshotsOf(disk.diskId);
    assert.equal(others.length, 0);
    assert.equal(snapshot.snapshotName, 'agent-pre-migrate');
    assert.ok(answer.includes(snapshot.snapshotId), answer);
    assert.match(answer, /ecsSnapshots_snapshotStatus/);
    // The extension's tracker follows it: a second request for the disk is refused before sending.
    const again = await invoke(CREATE_SNAPSHOT_TOOL, { disk: disk.diskId });
    assert.match(again, /^Nothing was sent: /);
    assert.equal(sandbox.stats.byAction.CreateSnapshot, 1);
  });

  test('an input that breaks a rule sends nothing and says the rule\'s message', async () => {
    addDisk(sandbox, 'agent-invalid-data', 20);
    const rule = parseBackupArguments({ name: 'auto-nightly' });
    assert.ok(!rule.ok);
    const answer = await invoke(CREATE_SNAPSHOT_TOOL, { disk: 'agent-invalid-data', name: 'auto-nightly' });
    assert.equal(answer, `Nothing was sent: ${rule.message}`);
    // Not even the disk was looked up (the extension's tracker may poll DescribeSnapshots meanwhile).
    assert.deepEqual(sentByTools(), [], JSON.stringify(sandbox.stats.byAction));
  });

  test('the read-only tools send only Describe* actions', async () => {
    const disk = addDisk(sandbox, 'agent-readonly-data', 20);
    const listed = await invoke(LIST_DISKS_TOOL, { filter: 'agent-readonly', limit: 5 });
    assert.match(listed, /agent-readonly-data/);
    const created = await invoke(CREATE_SNAPSHOT_TOOL, { disk: disk.diskId, name: 'agent-status' });
    const snapshotId = /s-[A-Za-z0-9]+/.exec(created)?.[0];
    assert.ok(snapshotId, created);
    sandbox.stats.reset();
    const status = await invoke(SNAPSHOT_STATUS_TOOL, { snapshotId });
    assert.match(status, new RegExp(`^Snapshot ${snapshotId} \\(agent-status\\) in cn-hangzhou:`));
    const all = await invoke(LIST_DISKS_TOOL, { limit: 50 });
    assert.match(all, /disks in cn-hangzhou/);
    const actions = Object.keys(sandbox.stats.byAction);
    assert.ok(actions.length > 0);
    assert.deepEqual(actions.filter((action) => !action.startsWith('Describe')), []);
  });

  suite('over a real BackupService and tracker', () => {
    const disposables: vscode.Disposable[] = [];
    teardown(() => disposables.splice(0).forEach((d) => d.dispose()));

    function tools() {
      const connections = new SandboxConnections(sandboxGateway(sandbox));
      const tracker = new SnapshotTracker({ connections, memento: new MemoryMemento(), log: silent, revealDisk: async () => undefined });
      disposables.push(tracker);
      const backups = createBackupService({
        connections,
        tracker,
        inFlight: new InFlightRequests(),
        log: silent,
        settings: () => ({ defaultRetentionDays: null, defaultTags: {}, quickBackupNameTemplate: 'pre-change-{date}-{time}', quickBackupRetentionDays: 7 }),
        gitInfo: async () => ({}),
      });
      return { map: createAgentTools({ backups, connections }), tracker };
    }

    test('the creating tool confirms naming the disk, the snapshot name and the retention; invoking it hands the snapshot to the tracker', async () => {
      const disk = addDisk(sandbox, 'agent-confirm-data', 40);
      const { map, tracker } = tools();
      const tool = map.get(CREATE_SNAPSHOT_TOOL)!;
      const input = { disk: 'agent-confirm-data', name: 'agent-confirmed', retentionDays: 5 };
      const prepared = await tool.prepareInvocation!({ input }, cancelled);
      const confirmation = prepared?.confirmationMessages;
      assert.ok(confirmation, 'no confirmation');
      const message = typeof confirmation.message === 'string' ? confirmation.message : confirmation.message.value;
      assert.match(confirmation.title, /agent-confirm-data/);
      assert.match(message, /agent-confirm-data/);
      assert.match(message, /agent-confirmed/);
      assert.match(message, /kept 5 days/);
      assert.equal(sandbox.stats.byAction.CreateSnapshot ?? 0, 0, 'prepareInvocation sent a CreateSnapshot');

      const answer = text((await tool.invoke({ input, toolInvocationToken: undefined }, cancelled))!);
      const [snapshot] = sandbox.world.snapshotsOf(disk.diskId);
      assert.ok(snapshot && answer.includes(snapshot.snapshotId), answer);
      assert.equal(sandbox.stats.byAction.CreateSnapshot, 1);
      const tracked = tracker.operations().filter((op) => op.intent.request.diskId === disk.diskId);
      assert.equal(tracked.length, 1);
      assert.equal(tracked[0].snapshotId, snapshot.snapshotId);
    });

    test('an invalid input gets no confirmation and nothing is sent', async () => {
      const tool = tools().map.get(CREATE_SNAPSHOT_TOOL)!;
      const prepared = await tool.prepareInvocation!({ input: { disk: 'agent-confirm-data', retentionDays: 0 } }, cancelled);
      assert.equal(prepared?.confirmationMessages, undefined);
      const rule = parseBackupArguments({ retentionDays: 0 });
      assert.ok(!rule.ok);
      assert.ok(prepared?.invocationMessage && String(prepared.invocationMessage).includes(rule.message), String(prepared?.invocationMessage));
      assert.deepEqual(sentByTools(), []);
    });
  });
});

// Activation (src/extension.ts) registers stand-ins only: the Disks view with a provider that
// arrives later and a stand-in per contributed command. The extension proper (extensionMain.ts:
// tracker, sandbox, create flow, catalog, gateway) loads on first use: the view's first request,
// a command, or tracked operations waiting in workspaceState.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { installVscodeStub } from '../../bench/children/vscodeStub';
import { serialize } from '../../src/tracker/trackedOperation';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the stand-in installed above
const vscodeStub = require('vscode') as Record<string, Record<string, unknown>>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the manifest VS Code hands over
const packageJSON = require('../../package.json') as { contributes: { commands: { command: string }[] } };
const src = path.resolve(__dirname, '../../src');

interface Recorded {
  commands: Map<string, (...args: unknown[]) => unknown>;
  executed: { id: string; args: unknown[] }[];
  views: { id: string; provider: { getChildren(element?: unknown): unknown } }[];
}

/** Records what activation registers; every other vscode API is the bench's stand-in. */
function recording(): Recorded {
  const recorded: Recorded = { commands: new Map(), executed: [], views: [] };
  vscodeStub.commands.registerCommand = (id: string, run: (...args: unknown[]) => unknown) => {
    if (recorded.commands.has(id)) throw new Error(`command '${id}' already exists`);
    recorded.commands.set(id, run);
    return { dispose: () => recorded.commands.delete(id) };
  };
  vscodeStub.commands.executeCommand = async (id: string, ...args: unknown[]) => {
    recorded.executed.push({ id, args });
  };
  vscodeStub.window.createTreeView = (id: string, options: { treeDataProvider: Recorded['views'][0]['provider'] }) => {
    recorded.views.push({ id, provider: options.treeDataProvider });
    return { dispose() {} };
  };
  return recorded;
}

function memento(values: Record<string, unknown> = {}) {
  return { keys: () => Object.keys(values), get: (key: string) => values[key], update: async () => undefined };
}

function context(workspaceState = memento()) {
  return {
    subscriptions: [] as { dispose(): void }[],
    extension: { packageJSON },
    workspaceState,
    globalState: memento(),
    globalStorageUri: { fsPath: path.join(__dirname, 'no-such-storage') },
    secrets: vscodeStub.workspace.secretStorageStandIn,
  };
}

/** Our modules that are loaded now (src/...), relative to src. */
const loadedSources = () =>
  Object.keys(require.cache)
    .filter((key) => key.startsWith(src + path.sep))
    .map((key) => path.relative(src, key).split(path.sep).join('/'));

const isMain = (file: string) => file === 'extensionMain.ts';

function activate(ctx = context()): ReturnType<typeof import('../../src/extension').activate> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded afresh by each test
  return (require('../../src/extension') as typeof import('../../src/extension')).activate(ctx as never);
}

/** Loaded at activation besides the stand-ins: the extension API object (types only, loads main.js on its first call). */
const isApiStandIn = (file: string) => file === 'automation/extensionApi.ts';

describe('activation', () => {
  beforeEach(() => {
    for (const key of Object.keys(require.cache)) if (key.startsWith(src + path.sep)) delete require.cache[key];
  });

  it('loads only the stand-ins: no tracker, sandbox, create flow, catalog or gateway', () => {
    const recorded = recording();
    const api = activate();
    const loaded = loadedSources();
    assert.deepEqual(loaded.filter((file) => !file.startsWith('activation/') && file !== 'extension.ts' && !isApiStandIn(file)), []);
    assert.equal(api.apiVersion, 1, 'activate() returns the extension API');
    assert.deepEqual(recorded.views.map((v) => v.id), ['ecsSnapshots.disks']);
    assert.deepEqual([...recorded.commands.keys()].sort(), packageJSON.contributes.commands.map((c) => c.command).sort());
  });

  it('a command loads the extension, which takes over the command id, and runs it with its arguments', async () => {
    const recorded = recording();
    activate();
    const standIn = recorded.commands.get('ecsSnapshots.createSnapshot');
    assert.ok(standIn);
    await standIn('disk-arg', 2);
    assert.ok(loadedSources().some(isMain));
    assert.deepEqual(recorded.executed.filter((e) => e.id === 'ecsSnapshots.createSnapshot'), [{ id: 'ecsSnapshots.createSnapshot', args: ['disk-arg', 2] }]);
    // The real commands replaced the stand-ins (registering one over a stand-in would have thrown).
    assert.notEqual(recorded.commands.get('ecsSnapshots.createSnapshot'), standIn);
    assert.deepEqual(recorded.views.map((v) => v.id), ['ecsSnapshots.disks']);
  });

  it('the Disks view asking for its items loads the extension', async () => {
    const recorded = recording();
    activate();
    assert.ok(!loadedSources().some(isMain));
    await recorded.views[0].provider.getChildren(undefined);
    assert.ok(loadedSources().some(isMain));
  });

  it('tracked operations in workspaceState load the extension at activation, so the tracker resumes', () => {
    recording();
    const op = { regionId: 'cn-hangzhou', diskId: 'd-1', snapshotId: 's-1', startedAt: 1 } as unknown as Parameters<typeof serialize>[0][0];
    activate(context(memento({ 'ecsSnapshots.tracker': serialize([op]) })));
    assert.ok(loadedSources().some(isMain));
  });

  it('a tracker state with nothing in it does not', () => {
    recording();
    activate(context(memento({ 'ecsSnapshots.tracker': serialize([]), 'ecsSnapshots.quickBackup.disk': 'd-1' })));
    assert.ok(!loadedSources().some(isMain));
  });
});

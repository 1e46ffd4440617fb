// The `ecs-snapshot` task provider's stand-in: registered at activation without loading the
// extension proper, for the type package.json contributes; asked for tasks, it loads main.js and
// hands the question to the real provider.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { installVscodeStub } from '../../bench/children/vscodeStub';

installVscodeStub();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the stand-in installed above
const vscodeStub = require('vscode') as Record<string, Record<string, unknown>>;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the manifest VS Code hands over
const packageJSON = require('../../package.json') as { contributes: { taskDefinitions: { type: string; properties: Record<string, unknown> }[] } };
const src = path.resolve(__dirname, '../../src');

interface Provider {
  provideTasks(token?: unknown): unknown;
  resolveTask(task: unknown, token?: unknown): unknown;
}

function memento(values: Record<string, unknown> = {}) {
  return { keys: () => Object.keys(values), get: (key: string) => values[key], update: async () => undefined };
}

function activate(workspaceState = memento()): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  vscodeStub.tasks.registerTaskProvider = (type: string, provider: Provider) => {
    providers.set(type, provider);
    return { dispose: () => providers.delete(type) };
  };
  const context = {
    subscriptions: [] as { dispose(): void }[],
    extension: { packageJSON },
    workspaceState,
    globalState: memento(),
    globalStorageUri: { fsPath: path.join(__dirname, 'no-such-storage') },
    secrets: vscodeStub.workspace.secretStorageStandIn,
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded afresh by each test
  (require('../../src/extension') as typeof import('../../src/extension')).activate(context as never);
  return providers;
}

const mainLoaded = () => Object.keys(require.cache).some((key) => key === path.join(src, 'extensionMain.ts'));

describe('ecs-snapshot task provider at activation', () => {
  beforeEach(() => {
    for (const key of Object.keys(require.cache)) if (key.startsWith(src + path.sep)) delete require.cache[key];
  });

  it('is registered for the type package.json contributes, without loading the extension', () => {
    const providers = activate();
    assert.deepEqual([...providers.keys()], packageJSON.contributes.taskDefinitions.map((d) => d.type));
    assert.deepEqual([...providers.keys()], ['ecs-snapshot']);
    assert.ok(!mainLoaded());
  });

  it('asked for tasks, loads the extension and answers with the real provider (the Quick Backup task of the remembered disk)', async () => {
    const remembered = { regionId: 'cn-hangzhou', diskId: 'd-bp1quick', diskName: 'web-data', sourceKey: 'sandbox' };
    const provider = activate(memento({ 'ecsSnapshots.quickBackupDisk': remembered })).get('ecs-snapshot');
    assert.ok(provider);
    const tasks = await provider.provideTasks();
    assert.ok(mainLoaded());
    assert.ok(Array.isArray(tasks), 'the real provider did not answer');
    assert.equal(tasks.length, 1);
  });

  it('without a remembered Quick Backup disk, offers no task', async () => {
    const provider = activate().get('ecs-snapshot');
    assert.deepEqual(await provider?.provideTasks(), []);
  });

  it('declares every property the task reads', () => {
    assert.deepEqual(Object.keys(packageJSON.contributes.taskDefinitions[0].properties).sort(), ['description', 'disk', 'name', 'quick', 'region', 'retentionDays', 'tags', 'wait']);
  });
});

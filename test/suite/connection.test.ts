// The connection manager in the real extension host: settings + secret storage -> gateways, the
// view's label, and the rule that a secret lives only in secret storage.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AccessKeyStore } from '../../src/connection/accessKeyStore';
import { ConnectionManager } from '../../src/connection/connectionManager';
import { SandboxHost } from '../../src/connection/sandboxHost';
import { startSandbox, type Sandbox } from '../../src/sandbox';

/** SecretStorage in memory, with the change event the manager listens to. */
class MemorySecrets implements vscode.SecretStorage {
  private readonly values = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.emitter.event;
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
    this.emitter.fire({ key });
  }
  async delete(key: string) {
    this.values.delete(key);
    this.emitter.fire({ key });
  }
  async keys() {
    return [...this.values.keys()];
  }
}

const KEYS = ['credentialSource', 'profile', 'region', 'endpoint'] as const;

async function configure(values: Partial<Record<(typeof KEYS)[number], string | undefined>>): Promise<void> {
  const config = vscode.workspace.getConfiguration('ecsSnapshots');
  for (const key of KEYS) await config.update(key, values[key], vscode.ConfigurationTarget.Global);
}

suite('Connection manager', () => {
  let sandbox: Sandbox;
  let secrets: MemorySecrets;
  let host: SandboxHost;
  let manager: ConnectionManager;
  const log = vscode.window.createOutputChannel('ECS Snapshots connection suite', { log: true });

  suiteSetup(async () => {
    sandbox = await startSandbox({ seed: 3 });
  });
  suiteTeardown(async () => {
    await configure({});
    await sandbox?.close();
    log.dispose();
  });
  setup(() => {
    secrets = new MemorySecrets();
    host = new SandboxHost(log);
    manager = new ConnectionManager(new AccessKeyStore(secrets), host, log);
    sandbox.stats.reset();
  });
  teardown(() => {
    manager.dispose();
    host.dispose();
  });

  test('a stored AccessKey gives a working connection labelled without its secret; settings hold no secret', async () => {
    await configure({ credentialSource: 'accessKey', endpoint: sandbox.endpoint, region: 'cn-hangzhou' });
    await new AccessKeyStore(secrets).set({ accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret });
    const connection = await manager.current();
    assert.ok(connection, 'no connection');
    assert.equal(connection.label, 'cn-hangzhou · AccessKey LTAI…0001');
    assert.equal(connection.sourceKey, 'accessKey:LTAI…0001');
    const page = await connection.gateway.listDisks({ regionId: 'cn-hangzhou' });
    assert.ok(page.items.length >= 10, `only ${page.items.length} disks`);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('ecsSnapshots'));
    assert.ok(!settings.includes(sandbox.accessKeySecret), 'the secret reached the settings');
  });

  test('changing the stored key fires onDidChange and yields a new gateway', async () => {
    await configure({ credentialSource: 'accessKey', endpoint: sandbox.endpoint, region: 'cn-hangzhou' });
    const store = new AccessKeyStore(secrets);
    await store.set({ accessKeyId: sandbox.accessKeyId, accessKeySecret: 'wrong-secret-000000000000' });
    const before = await manager.current();
    const changed = new Promise<void>((resolve) => manager.onDidChange(() => resolve()));
    await store.set({ accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret });
    await changed;
    const after = await manager.current();
    assert.notEqual(after?.gateway, before?.gateway);
    await assert.rejects(before!.gateway.listDisks({ regionId: 'cn-hangzhou' }), { code: 'SignatureDoesNotMatch' });
    assert.ok((await after!.gateway.listDisks({ regionId: 'cn-hangzhou' })).items.length > 0);
  });

  test('the accessKey source without a stored key is "not configured"', async () => {
    await configure({ credentialSource: 'accessKey', endpoint: sandbox.endpoint });
    assert.equal(await manager.current(), undefined);
  });

  test('forRegion serves other regions of the same source and refuses another source', async () => {
    await configure({ credentialSource: 'sandbox', endpoint: sandbox.endpoint, region: 'cn-hangzhou' });
    const shanghai = await manager.forRegion('cn-shanghai', 'sandbox');
    assert.equal(shanghai?.regionId, 'cn-shanghai');
    assert.ok((await shanghai!.gateway.listDisks({ regionId: 'cn-shanghai' })).items.length > 0);
    assert.equal(await manager.forRegion('cn-hangzhou', 'profile:dev'), undefined);
    assert.equal((await manager.current())?.label, 'cn-hangzhou · sandbox');
  });

  test('sandbox mode uses a loopback endpoint setting, but never sends sandbox keys to a remote one', async () => {
    await configure({ credentialSource: 'sandbox', endpoint: 'ecs-vpc.cn-hangzhou.aliyuncs.com', region: 'cn-hangzhou' });
    const connection = await manager.current();
    assert.ok(connection);
    const builtIn = await host.endpoint();
    assert.notEqual(builtIn.endpoint, sandbox.endpoint);
    // Count on the built-in sandbox: the extension under test may itself talk to the test sandbox
    // meanwhile (it follows the same global settings).
    builtIn.stats.reset();
    const page = await connection.gateway.listDisks({ regionId: 'cn-hangzhou' });
    assert.ok(page.items.length >= 10, 'the built-in sandbox did not answer');
    assert.equal(builtIn.stats.byAction.DescribeDisks, 1, 'the request did not go to the built-in sandbox');
  });

  test('a newcomer with an aliyun CLI config and nothing chosen gets the CLI\'s current profile', async () => {
    // Only the endpoint is set (VS Code then hands the unset credentialSource over as ""), and the
    // CLI's own config file sits in a temporary HOME, as on a developer's machine.
    await configure({ endpoint: sandbox.endpoint });
    assert.equal(vscode.workspace.getConfiguration('ecsSnapshots').get('credentialSource'), '', 'VS Code no longer hands "" over: revisit');
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-snapshots-home-'));
    const fixture = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'aliyun-cli-config.json');
    const config = fs.readFileSync(fixture, 'utf8').replace('ACCESS_KEY_ID', sandbox.accessKeyId).replace('ACCESS_KEY_SECRET', sandbox.accessKeySecret);
    fs.mkdirSync(path.join(home, '.aliyun'));
    fs.writeFileSync(path.join(home, '.aliyun', 'config.json'), config);
    const realHome = process.env.HOME;
    process.env.HOME = home;
    try {
      manager.reset();
      const connection = await manager.current();
      assert.ok(connection, 'the CLI profile was not used: "not configured"');
      assert.equal(connection.label, 'cn-shanghai · profile dev');
      const page = await connection.gateway.listDisks({ regionId: connection.regionId });
      assert.ok(page.items.length > 0, 'no disks through the CLI profile');
    } finally {
      process.env.HOME = realHome;
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

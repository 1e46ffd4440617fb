// The shipped layout, built by scripts/build.mjs --production into a temporary directory (plus the
// gateway alone, as main.js holds it): extension.js carries only the activation stand-ins, main.js
// the extension without the SDK, and sdk.js the SDK with only the models and client methods of
// the actions we call, required on the first request and, given a cache directory, through V8's code cache on disk.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startScriptedServer } from './gatewayScriptedServer';

const root = path.resolve(__dirname, '../..');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-bundle-'));
after(() => fs.rmSync(outdir, { recursive: true, force: true }));

const SDK_MARKER = 'DescribeDisksResponseBodyDisksDisk';
// A model, and the client method, of an action we never call: neither may be in sdk.js.
const UNUSED_MODEL = 'CreateAutoProvisioningGroupRequestLaunchConfiguration';
const UNUSED_METHOD = 'createAutoProvisioningGroupWithOptions';

type GatewayBundle = typeof import('../../bench/children/gateway');
type SdkBundle = typeof import('../../src/ecs/sdkClient');

const file = (name: string) => path.join(outdir, name);
const size = (name: string) => fs.statSync(file(name)).size;
const text = (name: string) => fs.readFileSync(file(name), 'utf8');

describe('bundles', () => {
  before(() => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--production', '--outdir', outdir, '--entry', 'gateway=bench/children/gateway.ts'], {
      cwd: root,
      stdio: 'pipe',
    });
  });

  it('keep activation small: extension.js holds neither the extension nor the SDK', () => {
    assert.ok(size('extension.js') < 20_000, `extension.js is ${size('extension.js')} bytes`);
    assert.ok(!text('extension.js').includes('DiskTreeProvider'), 'extension.js contains the Disks view');
    assert.ok(!text('extension.js').includes(SDK_MARKER), 'extension.js contains the SDK');
    assert.ok(text('main.js').includes('DiskTreeProvider'));
    assert.ok(!text('main.js').includes(SDK_MARKER), 'main.js contains the SDK');
  });

  it('carry in sdk.js only the models and client methods of the actions we call', () => {
    assert.ok(text('sdk.js').includes(SDK_MARKER));
    assert.ok(text('sdk.js').includes('describeDisksWithOptions'));
    assert.ok(!text('sdk.js').includes(UNUSED_MODEL), 'sdk.js contains models of actions never called');
    assert.ok(!text('sdk.js').includes(UNUSED_METHOD), 'sdk.js contains client methods of actions never called');
    assert.ok(size('sdk.js') < 1_200_000, `sdk.js is ${size('sdk.js')} bytes`);
  });

  it('send every action we call through the bundled SDK client', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test
    const sdk = require(file('sdk.js')) as SdkBundle;
    const server = await startScriptedServer();
    try {
      const client = sdk.createEcsSdk({
        credentials: { type: 'accessKey', accessKeyId: 'LTAI-bundle', accessKeySecret: 'bundle-secret' },
        endpoint: server.endpoint.replace(/^https?:\/\//, ''),
        protocol: 'http',
        regionId: 'cn-hangzhou',
        connectTimeoutMs: 5000,
        readTimeoutMs: 5000,
      });
      const calls: Record<keyof typeof client, () => Promise<{ requestId?: string }>> = {
        describeRegions: () => client.describeRegions({}),
        describeDisks: () => client.describeDisks({ regionId: 'cn-hangzhou', maxResults: 10 }),
        createSnapshot: () => client.createSnapshot({ diskId: 'd-1', clientToken: 't', tag: [{ key: 'k', value: 'v' }] }),
        describeSnapshots: () => client.describeSnapshots({ regionId: 'cn-hangzhou', maxResults: 10 }),
        describeInstances: () => client.describeInstances({ regionId: 'cn-hangzhou', instanceIds: '["i-1"]', maxResults: 10 }),
        deleteSnapshot: () => client.deleteSnapshot({ snapshotId: 's-1' }),
        resetDisk: () => client.resetDisk({ diskId: 'd-1', snapshotId: 's-1' }),
        stopInstance: () => client.stopInstance({ instanceId: 'i-1', stoppedMode: 'KeepCharging' }),
        startInstance: () => client.startInstance({ instanceId: 'i-1' }),
        describeInstanceStatus: () => client.describeInstanceStatus({ regionId: 'cn-hangzhou', instanceIds: ['i-1'], pageNumber: 1, pageSize: 50 }),
        createSnapshotGroup: () =>
          client.createSnapshotGroup({ regionId: 'cn-hangzhou', clientToken: 't', instanceId: 'i-1', excludeDiskId: ['d-2'], tag: [{ key: 'k', value: 'v' }] }),
        describeSnapshotGroups: () => client.describeSnapshotGroups({ regionId: 'cn-hangzhou', maxResults: 10, snapshotGroupId: ['ssg-1'] }),
        deleteSnapshotGroup: () => client.deleteSnapshotGroup({ regionId: 'cn-hangzhou', snapshotGroupId: 'ssg-1' }),
        modifySnapshotGroup: () => client.modifySnapshotGroup({ regionId: 'cn-hangzhou', snapshotGroupId: 'ssg-1', name: 'ab' }),
      };
      for (const [name, call] of Object.entries(calls)) {
        server.script({ body: { RequestId: `r-${name}` } });
        assert.equal((await call()).requestId, `r-${name}`, name);
      }
    } finally {
      await server.close();
    }
  });

  it('load sdk.js on the first request, and keep its compiled code for the next start', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test
    const bundled = require(file('gateway.js')) as GatewayBundle;
    const cacheDir = file('code-cache');
    bundled.useSdkCompileCache(cacheDir);
    const server = await startScriptedServer();
    try {
      server.script({ body: { RequestId: 'r', Regions: { Region: [{ RegionId: 'cn-hangzhou', LocalName: 'Hangzhou' }] } } });
      const gateway = bundled.createEcsGateway({
        credentials: { type: 'accessKey', accessKeyId: 'LTAI-bundle', accessKeySecret: 'bundle-secret' },
        regionId: 'cn-hangzhou',
        endpoint: server.endpoint,
      });
      assert.equal(bundled.isSdkLoaded(), false);
      assert.equal(fs.existsSync(cacheDir), false);
      assert.equal((await gateway.listRegions())[0].regionId, 'cn-hangzhou');
      assert.equal(bundled.isSdkLoaded(), true);
      // Written once the first request settled.
      const cacheFiles = () => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.endsWith('.cache')) : []);
      // Generous: on a loaded 2-core machine the write may take seconds.
      for (let i = 0; i < 300 && cacheFiles().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      const caches = cacheFiles();
      assert.equal(caches.length, 1);
      assert.match(caches[0], /^sdk\.js-.*\.cache$/);
      assert.ok(fs.statSync(path.join(cacheDir, caches[0])).size > 100_000);
    } finally {
      await server.close();
    }
  });
});

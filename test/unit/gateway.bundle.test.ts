// The shipped layout: the SDK lives in its own bundle (sdk.js) that the gateway requires on its
// first request, and the extension bundle does not contain it. Built here with the same esbuild
// settings as scripts/build.mjs, into a temporary directory.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { startScriptedServer } from './gatewayScriptedServer';

const root = path.resolve(__dirname, '../..');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-bundle-'));
after(() => fs.rmSync(outdir, { recursive: true, force: true }));

const SDK_MARKER = 'DescribeDisksResponseBodyDisksDisk';

describe('bundles', () => {
  it('keep the SDK out of extension.js and load sdk.js on the first request', async () => {
    await esbuild.build({
      entryPoints: {
        extension: path.join(root, 'src/extension.ts'),
        gateway: path.join(root, 'src/ecs/createEcsGateway.ts'),
        sdk: path.join(root, 'src/ecs/sdkClient.ts'),
      },
      bundle: true,
      outdir,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode'],
      define: { ECS_SDK_BUNDLE: 'true' },
      logLevel: 'silent',
    });
    const size = (name: string) => fs.statSync(path.join(outdir, name)).size;
    const extension = fs.readFileSync(path.join(outdir, 'extension.js'), 'utf8');
    assert.ok(!extension.includes(SDK_MARKER), 'extension.js contains the SDK');
    assert.ok(size('extension.js') < 1_000_000, `extension.js is ${size('extension.js')} bytes`);
    assert.ok(fs.readFileSync(path.join(outdir, 'sdk.js'), 'utf8').includes(SDK_MARKER));
    assert.ok(size('sdk.js') > 2_000_000, `sdk.js is only ${size('sdk.js')} bytes`);

    const sdkPath = path.join(outdir, 'sdk.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle under test
    const bundled = require(path.join(outdir, 'gateway.js')) as typeof import('../../src/ecs/createEcsGateway');
    assert.equal(require.cache[sdkPath], undefined);
    const server = await startScriptedServer();
    try {
      server.script({ body: { RequestId: 'r', Regions: { Region: [{ RegionId: 'cn-hangzhou', LocalName: 'Hangzhou' }] } } });
      const gateway = bundled.createEcsGateway({
        credentials: { type: 'accessKey', accessKeyId: 'LTAI-bundle', accessKeySecret: 'bundle-secret' },
        regionId: 'cn-hangzhou',
        endpoint: server.endpoint,
      });
      assert.equal(require.cache[sdkPath], undefined);
      assert.equal((await gateway.listRegions())[0].regionId, 'cn-hangzhou');
      assert.ok(require.cache[sdkPath], 'sdk.js was not loaded by the first request');
    } finally {
      await server.close();
    }
  });
});

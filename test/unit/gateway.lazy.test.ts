// Activation must not pay for the SDK (~460 ms to require): importing the gateway loads nothing
// of it; the first request does. Its own file, so no other test has loaded the SDK already.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { createEcsGateway } from '../../src/ecs/createEcsGateway';
import { isSdkLoaded } from '../../src/ecs/sdkLoader';
import { startScriptedServer } from './gatewayScriptedServer';

const sdkModules = () => Object.keys(require.cache).filter((key) => /[\\/]@alicloud[\\/]/.test(key));

describe('lazy SDK', () => {
  it('is not loaded by importing or creating the gateway, only by the first request', async () => {
    assert.deepEqual(sdkModules(), []);
    const server = await startScriptedServer();
    try {
      const gateway = createEcsGateway({
        credentials: { type: 'accessKey', accessKeyId: 'LTAI-lazy', accessKeySecret: 'lazy-secret-value' },
        regionId: 'cn-hangzhou',
        endpoint: server.endpoint,
      });
      assert.equal(isSdkLoaded(), false);
      assert.deepEqual(sdkModules(), []);
      server.script({ body: { RequestId: 'r', Regions: { Region: [{ RegionId: 'cn-hangzhou', LocalName: 'Hangzhou' }] } } });
      const regions = await gateway.listRegions();
      assert.equal(regions[0].regionId, 'cn-hangzhou');
      assert.equal(isSdkLoaded(), true);
      assert.ok(sdkModules().some((key) => key.includes('ecs20140526')));
    } finally {
      await server.close();
    }
  });
});

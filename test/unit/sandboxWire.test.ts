// The sandbox on the wire: signatures checked exactly, credentials and STS tokens, and garbage
// requests that must get an ECS-shaped error body (never a crash or a hang).

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import * as $Ecs from '@alicloud/ecs20140526';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { errorBodyOf, rawRequest, rejectsWith, sdkClient } from './sandboxHelpers';

const STS = { accessKeyId: 'STS.SandboxTemp0001', accessKeySecret: 'sts-secret-0001', securityToken: 'CAIS-token-0001' };
const STS_EXPIRED = { accessKeyId: 'STS.SandboxTemp0002', accessKeySecret: 'sts-secret-0002', securityToken: 'CAIS-token-0002', expiresAt: Date.now() - 1000 };

describe('sandbox wire: credentials and signatures through the SDK', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox({ credentials: [STS, STS_EXPIRED] })));
  after(() => sb.close());
  const regions = (client: ReturnType<typeof sdkClient>) => client.describeRegions(new $Ecs.DescribeRegionsRequest({}));

  it('accepts the sandbox key pair', async () => {
    const res = await regions(sdkClient(sb));
    assert.equal(res.statusCode, 200);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch, never echoing a secret', async () => {
    const wrong = 'TotallyWrongSecretValue123';
    const err = await rejectsWith(regions(sdkClient(sb, { accessKeySecret: wrong })), 'SignatureDoesNotMatch', 400);
    const everything = JSON.stringify({ message: err.message, data: err.data, stack: (err as unknown as Error).stack });
    assert.ok(!everything.includes(wrong));
    assert.ok(!everything.includes(sb.accessKeySecret));
  });

  it('refuses an unknown AccessKey id', async () => {
    await rejectsWith(regions(sdkClient(sb, { accessKeyId: 'LTAI5tNobodyKnowsMe' })), 'InvalidAccessKeyId.NotFound', 404);
  });

  it('accepts an STS key with its token, refuses a wrong, missing or expired token', async () => {
    const ok = await regions(sdkClient(sb, STS));
    assert.equal(ok.statusCode, 200);
    await rejectsWith(regions(sdkClient(sb, { ...STS, securityToken: 'CAIS-forged' })), 'InvalidSecurityToken.Malformed', 400);
    await rejectsWith(regions(sdkClient(sb, { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret })), 'InvalidSecurityToken.Malformed');
    await rejectsWith(regions(sdkClient(sb, STS_EXPIRED)), 'InvalidSecurityToken.Expired', 400);
    await rejectsWith(regions(sdkClient(sb, { ...sb, securityToken: 'unexpected' })), 'InvalidSecurityToken.Malformed');
  });

  it('verifies parameters whose encodings differ between wire and signature', async () => {
    // The SDK sends ! ' ( ) * raw but signs them percent-encoded; spaces and unicode too.
    const res = await sdkClient(sb).describeDisks(
      new $Ecs.DescribeDisksRequest({ regionId: 'cn-hangzhou', diskName: "it's (a) *test*! ~ 数据 +x" }),
    );
    assert.equal(res.body?.totalCount, 0);
  });
});

describe('sandbox wire: any parameter text verifies', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());

  it('accepts the SDK signature for arbitrary Unicode parameter values', async () => {
    const client = sdkClient(sb);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ maxLength: 20 }), async (name, description) => {
        const res = await client.describeDisks(
          new $Ecs.DescribeDisksRequest({ regionId: 'cn-hangzhou', diskName: name || 'x', resourceGroupId: description || undefined }),
        );
        return res.statusCode === 200;
      }),
      { numRuns: 150 },
    );
  });
});

describe('sandbox wire: raw requests', () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox()));
  after(() => sb.close());
  const signed = (o: Parameters<typeof rawRequest>[1] = {}) =>
    rawRequest(sb.endpoint, { accessKeyId: sb.accessKeyId, secret: sb.accessKeySecret, ...o });

  it('accepts a request signed by hand like the SDK does', async () => {
    const res = await signed({ action: 'DescribeDisks', params: { RegionId: 'cn-hangzhou', MaxResults: '10' } });
    assert.equal(res.status, 200, res.body);
    assert.equal((JSON.parse(res.body) as { Disks: { Disk: unknown[] } }).Disks.Disk.length, 10);
  });

  it('refuses a stale x-acs-date (more than 15 minutes off)', async () => {
    const date = new Date(Date.now() - 16 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const res = await signed({ date });
    assert.equal(res.status, 400);
    assert.equal(errorBodyOf(res).Code, 'InvalidTimeStamp.Expired');
    const fine = await signed({ date: new Date(Date.now() - 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z') });
    assert.equal(fine.status, 200);
  });

  it('refuses a malformed date', async () => {
    const res = await signed({ date: 'yesterday' });
    assert.equal(errorBodyOf(res).Code, 'InvalidTimeStamp.Format');
  });

  it('refuses an x-acs-* header that is not signed', async () => {
    const res = await signed({ extraHeaders: { 'x-acs-extra': '1' } });
    assert.equal(res.status, 400);
    assert.equal(errorBodyOf(res).Code, 'IncompleteSignature');
  });

  it('refuses a malformed or missing Authorization header', async () => {
    for (const authorization of ['ACS3-HMAC-SHA256 Credential=x', 'Bearer abc', 'ACS3-HMAC-SHA256 Credential=LTAI,SignedHeaders=host,Signature=zz']) {
      const res = await rawRequest(sb.endpoint, { authorization });
      assert.equal(res.status, 400);
      assert.equal(errorBodyOf(res).Code, 'IncompleteSignature');
    }
    const none = await rawRequest(sb.endpoint, {});
    assert.equal(errorBodyOf(none).Code, 'IncompleteSignature');
  });

  it('signs the host header with its port', async () => {
    const res = await signed({ extraHeaders: { host: '127.0.0.1:1' } });
    assert.equal(errorBodyOf(res).Code, 'SignatureDoesNotMatch');
  });

  it('detects a changed parameter value', async () => {
    const res = await signed({
      action: 'DescribeDisks',
      params: { RegionId: 'cn-hangzhou' },
      rawQuery: 'RegionId=cn-shanghai',
    });
    assert.equal(errorBodyOf(res).Code, 'SignatureDoesNotMatch');
  });

  it('refuses a replayed nonce', async () => {
    const nonce = 'fixed-nonce-1';
    assert.equal((await signed({ nonce })).status, 200);
    const again = await signed({ nonce });
    assert.equal(errorBodyOf(again).Code, 'SignatureNonceUsed');
  });

  it('answers an unknown action with InvalidAction.NotFound (404)', async () => {
    const res = await signed({ action: 'LaunchRockets' });
    assert.equal(res.status, 404);
    assert.equal(errorBodyOf(res).Code, 'InvalidAction.NotFound');
    const proto = await signed({ action: 'toString' });
    assert.equal(errorBodyOf(proto).Code, 'InvalidAction.NotFound');
  });

  it('refuses another API version', async () => {
    const res = await signed({ extraHeaders: { 'x-acs-version': '2099-01-01' } });
    assert.equal(errorBodyOf(res).Code, 'SignatureDoesNotMatch'); // changed after signing
  });

  it('answers garbage query strings, repeated parameters and odd methods with error bodies', async () => {
    const bad = await rawRequest(sb.endpoint, { rawQuery: 'RegionId=%zz&&=&%' });
    assert.equal(bad.status, 400);
    assert.equal(errorBodyOf(bad).Code, 'InvalidParameter');
    const twice = await rawRequest(sb.endpoint, { rawQuery: 'A=1&A=2' });
    assert.equal(errorBodyOf(twice).Code, 'InvalidParameter');
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await rawRequest(sb.endpoint, { method });
      assert.equal(res.status, 405);
      assert.equal(errorBodyOf(res).Code, 'UnsupportedHTTPMethod');
    }
  });

  it('caps URL and body sizes with error bodies', async () => {
    const longUrl = await rawRequest(sb.endpoint, { rawQuery: `DiskIds=${'x'.repeat(40_000)}` });
    assert.equal(longUrl.status, 414);
    assert.equal(errorBodyOf(longUrl).Code, 'InvalidParameter.UriTooLong');
    const hugeHeaders = await rawRequest(sb.endpoint, { rawQuery: `a=${'y'.repeat(70_000)}` });
    assert.equal(hugeHeaders.status, 431);
    assert.equal(errorBodyOf(hugeHeaders).Code, 'InvalidParameter.HeadersTooLarge');
    const hugeBody = await rawRequest(sb.endpoint, { body: 'z'.repeat(1_100_000) }).catch((e: Error) => e);
    if (!(hugeBody instanceof Error)) {
      assert.equal(hugeBody.status, 413);
      errorBodyOf(hugeBody);
    }
  });

  it('survives broken HTTP and keeps serving', async () => {
    const reply = await new Promise<string>((resolve) => {
      const [host, port] = sb.endpoint.split(':');
      const socket = connect(Number(port), host, () => socket.write('THIS IS NOT HTTP\r\n\r\n'));
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('close', () => resolve(data));
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    assert.match(reply, /"Code":"InvalidParameter"/);
    assert.equal((await signed()).status, 200);
  });

  it('reads form-encoded body parameters and checks the body hash', async () => {
    const res = await signed({ action: 'DescribeDisks', body: 'RegionId=cn-hangzhou', extraHeaders: { 'content-type': 'application/x-www-form-urlencoded' } });
    // content-type was not signed here, so the body hash is what protects it: accepted.
    assert.equal(res.status, 200, res.body);
    const tampered = await signed({
      action: 'DescribeDisks',
      body: 'RegionId=cn-hangzhou',
      wireBody: 'RegionId=cn-beijing!',
      extraHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(tampered.status, 400);
    assert.match(errorBodyOf(tampered).Message, /x-acs-content-sha256/);
  });
});

describe('sandbox wire: RPC (HMAC-SHA1) signing', () => {
  it('accepts the older signature style', async () => {
    const sb = await startSandbox();
    try {
      const { createHmac, randomUUID } = await import('node:crypto');
      const { encode3986 } = await import('./sandboxHelpers');
      const params: Record<string, string> = {
        AccessKeyId: sb.accessKeyId,
        Action: 'DescribeRegions',
        Format: 'JSON',
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: randomUUID(),
        SignatureVersion: '1.0',
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Version: '2014-05-26',
      };
      const canonical = Object.keys(params).sort().map((k) => `${encode3986(k)}=${encode3986(params[k])}`).join('&');
      params.Signature = createHmac('sha1', `${sb.accessKeySecret}&`).update(`GET&%2F&${encode3986(canonical)}`).digest('base64');
      const rawQuery = Object.keys(params).map((k) => `${k}=${encode3986(params[k])}`).join('&');
      const ok = await rawRequest(sb.endpoint, { method: 'GET', rawQuery });
      assert.equal(ok.status, 200, ok.body);
      const forged = await rawRequest(sb.endpoint, { method: 'GET', rawQuery: rawQuery.replace('DescribeRegions', 'DescribeDisks') });
      assert.equal(errorBodyOf(forged).Code, 'SignatureDoesNotMatch');
    } finally {
      await sb.close();
    }
  });
});

// toEcsError on its own: how each kind of failure is classified, and the secret scrubbing net.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { EcsError } from '../../src/ecs/errors';
import { parseEndpoint } from '../../src/ecs/endpoint';
import { scrubText, toEcsError } from '../../src/ecs/toEcsError';

const SECRET = 'scrub-me-secret-0123456789';
const context = { action: 'DescribeDisks', secrets: [SECRET], readTimeoutMs: 30_000, connectTimeoutMs: 5_000 };

function named(name: string, fields: Record<string, unknown> = {}, message = 'boom'): Error {
  return Object.assign(new Error(message), { name }, fields);
}

describe('toEcsError', () => {
  it('maps a credentials provider failure to kind credentials', () => {
    const error = toEcsError(named('CredentialsUnavailableError', {}, `refresh session token failed: secret ${SECRET}`), context);
    assert.equal(error.kind, 'credentials');
    assert.equal(error.code, 'CredentialsUnavailable');
    assert.equal(error.retryable, false);
    assert.ok(!error.message.includes(SECRET));
  });

  it('tells a read timeout from a connect timeout by whether the socket connected', () => {
    const sdkTimeout = named('RequestTimeoutError', {}, 'ConnectTimeout: Connect http://127.0.0.1/ failed.');
    const read = toEcsError(sdkTimeout, { ...context, exchange: { connected: true } });
    assert.deepEqual([read.kind, read.code, read.retryable], ['timeout', 'ReadTimeout', true]);
    assert.match(read.message, /did not answer DescribeDisks within 30 s/);
    const connect = toEcsError(sdkTimeout, { ...context, exchange: { connected: false } });
    assert.deepEqual([connect.kind, connect.code], ['timeout', 'ConnectTimeout']);
    assert.match(connect.message, /within 5 s/);
  });

  it('maps DNS, refused and reset connections to kind network', () => {
    const dns = toEcsError(named('Error', { code: 'ENOTFOUND', hostname: 'ecs.xx-nowhere-1.aliyuncs.com' }), context);
    assert.deepEqual([dns.kind, dns.code, dns.retryable], ['network', 'ENOTFOUND', false]);
    assert.match(dns.message, /ecs\.xx-nowhere-1\.aliyuncs\.com/);
    const reset = toEcsError(named('Error', { code: 'ECONNRESET' }, 'socket hang up'), context);
    assert.deepEqual([reset.kind, reset.retryable], ['network', true]);
  });

  it('keeps throttling details from an SDK ThrottlingError', () => {
    const error = toEcsError(
      named('ThrottlingError', {
        code: 'Throttling.User',
        statusCode: 400,
        retryAfter: 2000, // milliseconds, as openapi-core parses x-acs-retry-after
        requestId: 'req-1',
        data: { RequestId: 'req-1', Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', Recommend: 'https://r' },
      }),
      context,
    );
    assert.deepEqual(
      [error.kind, error.code, error.httpStatus, error.requestId, error.recommend, error.retryAfterSeconds, error.retryable],
      ['throttling', 'Throttling.User', 400, 'req-1', 'https://r', 2, true],
    );
  });

  it('does not invent a RequestId from the SDK\'s "undefined"', () => {
    const error = toEcsError(named('ServerError', { code: 'undefined', statusCode: 503, requestId: 'undefined', data: {} }), context);
    assert.equal(error.requestId, undefined);
    assert.equal(error.code, 'Http503');
    assert.equal(error.retryable, true);
  });

  it('passes an EcsError through and wraps the unknown as protocol', () => {
    const own = new EcsError({ kind: 'api', code: 'X', message: 'x', retryable: false });
    assert.equal(toEcsError(own, context), own);
    const odd = toEcsError('weird', context);
    assert.equal(odd.kind, 'protocol');
    assert.equal(odd.retryable, false);
  });
});

describe('scrubText', () => {
  it('removes known secrets, signatures and token assignments', () => {
    const text = `secret ${SECRET}; Authorization: ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=${'ab'.repeat(32)} SecurityToken=CAIS-abc access_key_secret: "zzz"`;
    const out = scrubText(text, [SECRET]);
    assert.ok(!out.includes(SECRET));
    assert.ok(!out.includes('ab'.repeat(32)));
    assert.ok(!out.includes('CAIS-abc'));
    assert.ok(!out.includes('zzz'));
    assert.match(out, /Credential=AK/);
  });
});

describe('parseEndpoint', () => {
  it('takes the protocol from the URL, defaulting to https (http on loopback)', () => {
    assert.deepEqual(parseEndpoint('https://ecs-vpc.cn-hangzhou.aliyuncs.com'), { host: 'ecs-vpc.cn-hangzhou.aliyuncs.com', protocol: 'https' });
    assert.deepEqual(parseEndpoint('http://proxy.internal:8080/'), { host: 'proxy.internal:8080', protocol: 'http' });
    assert.deepEqual(parseEndpoint('ecs.cn-shanghai.aliyuncs.com'), { host: 'ecs.cn-shanghai.aliyuncs.com', protocol: 'https' });
    assert.deepEqual(parseEndpoint(' 127.0.0.1:4000 '), { host: '127.0.0.1:4000', protocol: 'http' });
  });

  it('refuses what cannot be an endpoint', () => {
    for (const bad of ['', 'ftp://x', 'http://u:p@host', 'host/path', 'http://host?x=1', 'bad_host!']) {
      assert.throws(() => parseEndpoint(bad), (e: unknown) => e instanceof EcsError && e.code === 'InvalidEndpoint', bad);
    }
  });
});

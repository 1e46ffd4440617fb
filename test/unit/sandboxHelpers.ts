// Shared by the sandbox tests: a real SDK client for a sandbox, an assertion for SDK errors, and a
// raw ACS3 signer for requests the SDK would never send (stale dates, unsigned headers, ...).

import assert from 'node:assert/strict';
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import Ecs from '@alicloud/ecs20140526';
import * as $OpenApi from '@alicloud/openapi-core';
import type { Sandbox } from '../../src/sandbox';

export function sdkClient(
  sb: Pick<Sandbox, 'endpoint' | 'accessKeyId' | 'accessKeySecret'>,
  overrides: { accessKeyId?: string; accessKeySecret?: string; securityToken?: string; readTimeout?: number } = {},
): Ecs {
  return new Ecs(
    new $OpenApi.$OpenApiUtil.Config({
      accessKeyId: overrides.accessKeyId ?? sb.accessKeyId,
      accessKeySecret: overrides.accessKeySecret ?? sb.accessKeySecret,
      securityToken: overrides.securityToken,
      endpoint: sb.endpoint,
      protocol: 'http',
      regionId: 'cn-hangzhou',
      connectTimeout: 5000,
      readTimeout: overrides.readTimeout ?? 10000,
    }),
  );
}

export interface SdkError {
  name: string;
  code: string;
  statusCode: number;
  message: string;
  data?: Record<string, unknown>;
  retryAfter?: number;
}

/** Awaits `p`, expecting the SDK to throw the given code (and status); returns the error. */
export async function rejectsWith(p: Promise<unknown>, code: string, status?: number): Promise<SdkError> {
  try {
    await p;
  } catch (err) {
    const e = err as SdkError;
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    if (status !== undefined) assert.equal(e.statusCode, status, `status of ${code}`);
    return e;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

export const encode3986 = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface RawOptions {
  action?: string;
  params?: Record<string, string>;
  method?: string;
  date?: string;
  nonce?: string;
  accessKeyId?: string;
  secret?: string;
  /** Headers added after signing (so unsigned), or overriding signed ones. */
  extraHeaders?: Record<string, string>;
  /** Replace the Authorization header entirely. */
  authorization?: string;
  /** Raw query string instead of `params`. */
  rawQuery?: string;
  body?: string;
  /** Sent instead of `body` (which is what gets hashed and signed). */
  wireBody?: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Signs like the SDK (ACS3-HMAC-SHA256) and sends with node:http. */
export function rawRequest(endpoint: string, o: RawOptions): Promise<RawResponse> {
  const [host, port] = endpoint.split(':');
  const params = o.params ?? {};
  const query =
    o.rawQuery ??
    Object.keys(params)
      .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k])}`)
      .join('&');
  const body = o.body ?? '';
  const headers: Record<string, string> = {
    host: endpoint,
    'x-acs-action': o.action ?? 'DescribeRegions',
    'x-acs-version': '2014-05-26',
    'x-acs-date': o.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': o.nonce ?? randomUUID(),
    'x-acs-content-sha256': createHash('sha256').update(body).digest('hex'),
  };
  const method = o.method ?? 'POST';
  if (o.authorization !== undefined) {
    headers.authorization = o.authorization;
  } else if (o.accessKeyId) {
    const names = Object.keys(headers).sort();
    const canonicalQuery = Object.keys(params)
      .sort()
      .map((k) => `${k}=${encode3986(params[k])}`)
      .join('&');
    const canonical = [
      method,
      '/',
      canonicalQuery,
      names.map((n) => `${n}:${headers[n].trim()}\n`).join(''),
      names.join(';'),
      headers['x-acs-content-sha256'],
    ].join('\n');
    const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
    const sig = createHmac('sha256', o.secret ?? '').update(toSign).digest('hex');
    headers.authorization = `ACS3-HMAC-SHA256 Credential=${o.accessKeyId},SignedHeaders=${names.join(';')},Signature=${sig}`;
  }
  Object.assign(headers, o.extraHeaders);
  return new Promise((resolve, reject) => {
    const req = request(
      { host, port: Number(port), method, path: `/${query ? `?${query}` : ''}`, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(o.wireBody ?? body);
  });
}

/** Parses an error body and checks it has ECS's documented shape. */
export function errorBodyOf(res: RawResponse): { Code: string; Message: string; RequestId: string } {
  const body = JSON.parse(res.body) as Record<string, string>;
  for (const field of ['RequestId', 'HostId', 'Code', 'Message', 'Recommend']) {
    assert.equal(typeof body[field], 'string', `error body field ${field}`);
  }
  assert.match(body.RequestId, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  assert.ok(body.Recommend.includes(`q=${encodeURIComponent(body.Code)}`));
  return body as unknown as { Code: string; Message: string; RequestId: string };
}

// Independent Alibaba Cloud clients, pointed at a sandbox: pop-core (RPC, GET or POST form),
// aliyun-sdk (RPC, everything in a POST form) and openapi-client (RPC with query + form body, or
// ACS3 with HMAC-SHA256 or SM3). Each call resolves to the answer body or rejects with
// { code, status, message }, whatever the client's own error shape.

import RPCClient from '@alicloud/pop-core';
import OpenApiClient, * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import ALY from 'aliyun-sdk';
import type { Sandbox } from '../../src/sandbox';

export type Body = Record<string, unknown>;
export interface ClientFailure {
  code: string;
  status?: number;
  message: string;
}
export type Keys = Pick<Sandbox, 'endpoint' | 'accessKeyId' | 'accessKeySecret'>;
/** One way of sending an action with its parameters (flat, as on the wire: Tag.1.Key, DiskIds). */
export type Call = (action: string, params: Record<string, string>) => Promise<Body>;

export function popCore(keys: Keys, method: 'GET' | 'POST'): Call {
  const client = new RPCClient({
    accessKeyId: keys.accessKeyId,
    accessKeySecret: keys.accessKeySecret,
    endpoint: `http://${keys.endpoint}`,
    apiVersion: '2014-05-26',
  });
  return (action, params) =>
    client.request<Body>(action, params, { method, timeout: 10_000, formatParams: false }).catch((err: Error & { code?: string; data?: Body }) => {
      throw { code: err.code ?? err.name, message: err.message } satisfies ClientFailure;
    });
}

export function aliyunSdk(keys: Keys): Call {
  const ecs = new ALY.ECS({
    accessKeyId: keys.accessKeyId,
    secretAccessKey: keys.accessKeySecret,
    endpoint: `http://${keys.endpoint}`,
    apiVersion: '2014-05-26',
    maxRetries: 0,
    paramValidation: false,
    httpOptions: { timeout: 10_000 },
  });
  return (action, params) =>
    new Promise((resolve, reject) => {
      const method = ecs[action.charAt(0).toLowerCase() + action.slice(1)] as (p: object, cb: (e: unknown, d: Body) => void) => void;
      // Without its parameter validation (which knows only a 2014 list of parameters), the SDK
      // also leaves Action to the caller.
      method.call(ecs, { Action: action, ...params }, (err, data) => {
        if (!err) return resolve(data);
        const e = err as { code?: string; statusCode?: number; message?: string };
        reject({ code: e.code ?? 'Unknown', status: e.statusCode, message: e.message ?? '' } satisfies ClientFailure);
      });
    });
}

export interface OpenApiOptions {
  /** 'v2' for RPC (HMAC-SHA1); otherwise ACS3-HMAC-SHA256 (default) or ACS3-HMAC-SM3. */
  signatureAlgorithm?: 'v2' | 'ACS3-HMAC-SHA256' | 'ACS3-HMAC-SM3';
  /** Parameters whose names match go in the form body; the rest in the query. */
  inBody?: RegExp;
  /** ACS3 only: send the body as JSON instead of a form. */
  jsonBody?: boolean;
  method?: 'GET' | 'POST';
  /** 'string' resolves to the raw answer text instead of parsed JSON. */
  bodyType?: 'json' | 'string';
  /** Extra request headers, over the client's own (e.g. a fixed x-acs-signature-nonce). */
  headers?: Record<string, string>;
}

export function openApi(keys: Keys, o: OpenApiOptions = {}): Call {
  const client = new OpenApiClient(
    new $OpenApi.Config({
      accessKeyId: keys.accessKeyId,
      accessKeySecret: keys.accessKeySecret,
      endpoint: keys.endpoint,
      protocol: 'http',
      regionId: 'cn-hangzhou',
      signatureAlgorithm: o.signatureAlgorithm,
      readTimeout: 10_000,
      connectTimeout: 5_000,
    }),
  );
  return async (action, params) => {
    const query: Record<string, string> = {};
    const body: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) (o.inBody?.test(k) ? body : query)[k] = v;
    const request = new $OpenApi.OpenApiRequest({ query, headers: o.headers, body: Object.keys(body).length ? body : undefined });
    const spec = new $OpenApi.Params({
      action,
      version: '2014-05-26',
      protocol: 'HTTP',
      pathname: '/',
      method: o.method ?? 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: o.jsonBody ? 'json' : 'formData',
      bodyType: o.bodyType ?? 'json',
    });
    try {
      const res = (await client.callApi(spec, request, new $Util.RuntimeOptions({ autoretry: false }))) as { body: Body };
      return res.body;
    } catch (err) {
      const e = err as { code?: string; data?: { statusCode?: number }; message?: string };
      throw { code: e.code ?? 'Unknown', status: e.data?.statusCode, message: e.message ?? '' } satisfies ClientFailure;
    }
  };
}

/** Awaits `p`, expecting a failure with this code (and status, when the client reports one). */
export async function failsWith(p: Promise<unknown>, code: string, status?: number): Promise<ClientFailure> {
  try {
    await p;
  } catch (err) {
    const f = err as ClientFailure;
    if (f.code !== code) throw new Error(`expected ${code}, got ${f.code}: ${f.message}`, { cause: err });
    if (status !== undefined && f.status !== undefined && f.status !== status) {
      throw new Error(`expected HTTP ${status} for ${code}, got ${f.status}`, { cause: err });
    }
    return f;
  }
  throw new Error(`expected ${code}, but the call succeeded`);
}

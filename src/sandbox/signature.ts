// Checks a request's signature exactly as ECS does, for the SDK's default ACS3-HMAC-SHA256 (v3), its
// SM3 twin ACS3-HMAC-SM3, and the older RPC HMAC-SHA1 (Signature in the query or the form body). Secrets never appear in any error.

import { createHash, createHmac, getHashes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, errors } from './errors';
import type { Params } from './params';
import { encodePercentWtf8 } from './wtf8';

export interface Credential {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS: the token that must accompany this key. */
  securityToken?: string;
  /** STS: when the token stops working, ms since epoch. */
  expiresAt?: number;
}

export interface SignedRequest {
  method: string;
  /** Raw path, before the query string. */
  path: string;
  /** The query string's parameters: what ACS3 signs (a body is signed through its hash). */
  query: Params;
  /** Query and form-body parameters together: what RPC signing covers. */
  params: Params;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Caller {
  accessKeyId: string;
  action: string;
  version: string;
}

const MAX_SKEW_MS = 15 * 60 * 1000;

/** ACS3 algorithms and the digest each uses for the request hash, the body hash and the HMAC. */
const ACS3_DIGESTS: Record<string, string> = { 'ACS3-HMAC-SHA256': 'sha256', 'ACS3-HMAC-SM3': 'sm3' };

/** RFC 3986 encoding as the SDK signs it: encodeURIComponent plus ! ' ( ) *. */
export function rfc3986(s: string): string {
  return encodePercentWtf8(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export class SignatureVerifier {
  /** Nonces seen in the last 15 minutes: a replayed request is refused. */
  private readonly nonces = new Map<string, number>();

  constructor(
    private readonly credentials: Map<string, Credential>,
    private readonly wallClock: () => number = Date.now,
  ) {}

  verify(req: SignedRequest): Caller {
    const auth = header(req.headers, 'authorization');
    if (auth !== undefined) return this.verifyV3(req, auth);
    if (req.params.has('Signature')) return this.verifyRpc(req);
    throw errors.incompleteSignature('The Authorization header is missing.');
  }

  private verifyV3(req: SignedRequest, auth: string): Caller {
    const m = /^(ACS3-HMAC-SHA256|ACS3-HMAC-SM3) Credential=([^,\s]+),SignedHeaders=([^,\s]*),Signature=([0-9a-f]{64})$/.exec(auth.trim());
    if (!m) {
      throw errors.incompleteSignature(
        'Expected "ACS3-HMAC-SHA256 (or ACS3-HMAC-SM3) Credential=<AccessKeyId>,SignedHeaders=<a;b>,Signature=<hex>".',
      );
    }
    const [, algorithm, accessKeyId, signedList, signature] = m;
    const digest = ACS3_DIGESTS[algorithm];
    if (!getHashes().includes(digest)) {
      throw errors.incompleteSignature(`${algorithm} is not available: this Node.js build's OpenSSL has no ${digest}.`);
    }
    const signed = signedList.split(';');
    if (!signed.includes('host')) throw errors.incompleteSignature('The host header must be signed.');
    for (const name of Object.keys(req.headers)) {
      if (name.startsWith('x-acs-') && !signed.includes(name)) {
        throw errors.incompleteSignature(`The header ${name} is sent but not signed.`);
      }
    }
    for (const name of signed) {
      if (header(req.headers, name) === undefined) {
        throw errors.incompleteSignature(`The signed header ${name.slice(0, 64)} is missing.`);
      }
    }
    const action = header(req.headers, 'x-acs-action');
    const version = header(req.headers, 'x-acs-version');
    const date = header(req.headers, 'x-acs-date');
    const nonce = header(req.headers, 'x-acs-signature-nonce');
    const contentSha = header(req.headers, 'x-acs-content-sha256');
    if (!action || !version || !date || !nonce || !contentSha) {
      throw errors.incompleteSignature(
        'Headers x-acs-action, x-acs-version, x-acs-date, x-acs-signature-nonce and x-acs-content-sha256 are required.',
      );
    }
    const credential = this.credentials.get(accessKeyId);
    if (!credential) throw errors.accessKeyNotFound();
    this.checkDate(date);
    this.checkToken(credential, header(req.headers, 'x-acs-security-token'));

    const canonicalQuery = [...req.query.keys()]
      .sort()
      .map((k) => `${k}=${rfc3986(req.query.get(k) ?? '')}`)
      .join('&');
    const canonicalHeaders = [...signed]
      .sort()
      .map((n) => `${n}:${(header(req.headers, n) ?? '').trim()}\n`)
      .join('');
    const canonicalUri = req.path.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
    const canonicalRequest = [req.method, canonicalUri, canonicalQuery, canonicalHeaders, signed.join(';'), contentSha].join('\n');
    const stringToSign = `${algorithm}\n${hexDigest(digest, canonicalRequest)}`;
    const expected = createHmac(digest, credential.accessKeySecret).update(stringToSign).digest('hex');
    if (!sameText(expected, signature)) throw errors.signatureDoesNotMatch(stringToSign);
    // The header keeps its name whatever the algorithm; with SM3 it holds the body's SM3 hash.
    if (hexDigest(digest, req.body) !== contentSha) {
      throw new ApiError(400, 'SignatureDoesNotMatch', 'The x-acs-content-sha256 header does not match the request body.');
    }
    this.checkNonce(nonce);
    return { accessKeyId, action, version };
  }

  /**
   * The older RPC style: HMAC-SHA1 keyed with secret + "&" over every parameter, sorted, whether it
   * came in the query, the form body or (as openapi-client sends) partly in each.
   */
  private verifyRpc(req: SignedRequest): Caller {
    const p = req.params;
    const accessKeyId = p.get('AccessKeyId');
    const action = p.get('Action');
    const version = p.get('Version');
    const timestamp = p.get('Timestamp');
    const nonce = p.get('SignatureNonce');
    if (!accessKeyId || !action || !version || !timestamp || !nonce || p.get('SignatureMethod') !== 'HMAC-SHA1') {
      throw errors.incompleteSignature(
        'RPC signing needs AccessKeyId, Action, Version, Timestamp, SignatureNonce and SignatureMethod=HMAC-SHA1.',
      );
    }
    const credential = this.credentials.get(accessKeyId);
    if (!credential) throw errors.accessKeyNotFound();
    this.checkDate(timestamp);
    this.checkToken(credential, p.get('SecurityToken'));
    const canonical = [...p.keys()]
      .filter((k) => k !== 'Signature')
      .sort()
      .map((k) => `${rfc3986(k)}=${rfc3986(p.get(k) ?? '')}`)
      .join('&');
    const stringToSign = `${req.method}&${rfc3986('/')}&${rfc3986(canonical)}`;
    const expected = createHmac('sha1', `${credential.accessKeySecret}&`).update(stringToSign).digest('base64');
    if (!sameText(expected, p.get('Signature') ?? '')) throw errors.signatureDoesNotMatch(stringToSign);
    this.checkNonce(nonce);
    return { accessKeyId, action, version };
  }

  private checkDate(value: string): void {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) || Number.isNaN(Date.parse(value))) {
      throw new ApiError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
    }
    if (Math.abs(this.wallClock() - Date.parse(value)) > MAX_SKEW_MS) throw errors.timestampExpired();
  }

  private checkToken(credential: Credential, token: string | undefined): void {
    if (credential.securityToken === undefined) {
      if (token) throw errors.securityTokenMalformed();
      return;
    }
    if (!token || !sameText(token, credential.securityToken)) throw errors.securityTokenMalformed();
    if (credential.expiresAt !== undefined && credential.expiresAt <= this.wallClock()) {
      throw errors.securityTokenExpired();
    }
  }

  private checkNonce(nonce: string): void {
    const now = this.wallClock();
    if (this.nonces.size > 10_000) {
      // Insertion order is time order (a nonce is re-inserted, never updated in place), so stop
      // at the first fresh one: a full scan per request made busy sandboxes quadratic.
      for (const [n, t] of this.nonces) {
        if (now - t <= MAX_SKEW_MS) break;
        this.nonces.delete(n);
      }
    }
    const seen = this.nonces.get(nonce);
    if (seen !== undefined && now - seen <= MAX_SKEW_MS) {
      throw new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    }
    this.nonces.delete(nonce);
    this.nonces.set(nonce, now);
  }
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

function hexDigest(algorithm: string, data: string | Buffer): string {
  return createHash(algorithm).update(data).digest('hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

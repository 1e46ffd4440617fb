// Sends CreateSnapshot the way a non-SDK client could send text the SDK refuses to encode: a lone
// surrogate written as its WTF-8 bytes (U+D800 -> %ED%A0%80), signed with ACS3-HMAC-SHA256 over
// the same percent-encoding. The SDK throws "URI malformed" for such text before sending anything.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';

export interface WireTarget {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export type WireOutcome = { ok: true; snapshotId: string } | { ok: false; status: number; code: string; message: string };

/** RFC 3986 percent-encoding of the text's WTF-8 bytes (UTF-8, with lone surrogates allowed). */
export function wtf8Percent(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(ch).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
  }
  return out;
}

/** Sends `action` with `params` (values as WTF-8) and reads the answer. `encode` may replace the wire encoding. */
export function sendWtf8(target: WireTarget, action: string, params: Record<string, string>, encode = wtf8Percent): Promise<WireOutcome> {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${k}=${encode(params[k])}`)
    .join('&');
  const emptySha = createHash('sha256').update('').digest('hex');
  const headers: Record<string, string> = {
    host: target.endpoint,
    'x-acs-action': action,
    'x-acs-content-sha256': emptySha,
    'x-acs-date': new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': randomUUID(),
    'x-acs-version': '2014-05-26',
  };
  const names = Object.keys(headers).sort();
  const canonical = ['POST', '/', query, names.map((n) => `${n}:${headers[n]}\n`).join(''), names.join(';'), emptySha].join('\n');
  const toSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', target.accessKeySecret).update(toSign).digest('hex');
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${target.accessKeyId},SignedHeaders=${names.join(';')},Signature=${signature}`;
  const [host, port] = target.endpoint.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host, port: Number(port), method: 'POST', path: `/?${query}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SnapshotId?: string; Code?: string; Message?: string };
        if (res.statusCode === 200) resolve({ ok: true, snapshotId: body.SnapshotId ?? '' });
        else resolve({ ok: false, status: res.statusCode ?? 0, code: body.Code ?? 'NoCode', message: body.Message ?? '' });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

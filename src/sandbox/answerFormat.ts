// JSON or XML answers, as ECS gives them: `Format` (any case) decides; without it, an RPC-signed
// request gets XML (the RPC clients' default, as on the cloud) and an ACS3 one JSON. The XML has
// the cloud's shape: <ActionResponse> for a result, <Error> for an error, a list as repeated
// elements of the item's name (Disks: {Disk: [a, b]} -> <Disks><Disk>a</Disk><Disk>b</Disk></Disks>).

import type { Params } from './params';

export type AnswerFormat = 'JSON' | 'XML';

export function answerFormat(params: Params, rpc: boolean): AnswerFormat {
  const asked = params.get('Format')?.toUpperCase();
  if (asked === 'XML' || asked === 'JSON') return asked;
  return rpc ? 'XML' : 'JSON';
}

export const CONTENT_TYPES: Record<AnswerFormat, string> = {
  JSON: 'application/json;charset=utf-8',
  XML: 'text/xml;charset=utf-8',
};

export function serialize(format: AnswerFormat, root: string, body: Record<string, unknown>): string {
  if (format === 'JSON') return JSON.stringify(body);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, body)}`;
}

function element(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => element(name, item)).join('');
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value).map(([k, v]) => element(k, v)).join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${text(value === undefined || value === null ? '' : String(value))}</${name}>`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes markup, and replaces what XML 1.0 cannot carry (controls, lone surrogates) with U+FFFD. */
function text(s: string): string {
  let out = '';
  for (const ch of s) {
    // for...of yields whole code points; a lone surrogate comes out alone.
    const c = ch.codePointAt(0) ?? 0;
    const unfit = (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff;
    out += unfit ? '\uFFFD' : (ESCAPES[ch] ?? ch);
  }
  return out;
}

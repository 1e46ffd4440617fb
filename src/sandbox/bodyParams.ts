// Parameters carried in a request body, as ECS reads them: a form (`application/x-www-form-urlencoded`,
// what RPC clients and openapi-client send) or, with ACS3, a JSON object (openapi-client's
// reqBodyType 'json'). JSON lists and objects are flattened the RPC way: Tag: [{Key, Value}] becomes
// Tag.1.Key / Tag.1.Value. Other bodies carry no parameters (ACS3 still checks their hash).

import type { IncomingMessage } from 'node:http';
import { errors } from './errors';
import { parseQuery, type Params } from './params';

const FORM = /^\s*application\/x-www-form-urlencoded\s*(;|$)/i;
const JSON_TYPE = /^\s*application\/json\s*(;|$)/i;

/** The body's parameters (none for an empty body or another media type). */
export function bodyParams(req: IncomingMessage, body: Buffer): Params {
  const type = req.headers['content-type'] ?? '';
  if (body.length === 0) return new Map();
  if (FORM.test(type)) return parseQuery(body.toString('utf8'));
  if (JSON_TYPE.test(type)) return jsonParams(body.toString('utf8'));
  return new Map();
}

function jsonParams(text: string): Params {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw errors.invalidParameter('Body', 'It is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw errors.invalidParameter('Body', 'A JSON body must be an object of parameters.');
  }
  const params: Params = new Map();
  flatten(params, '', parsed);
  return params;
}

function flatten(into: Params, prefix: string, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => flatten(into, `${prefix}.${i + 1}`, item));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(into, prefix ? `${prefix}.${k}` : k, v);
  } else if (value !== null && value !== undefined) {
    into.set(prefix, String(value));
  }
}

/** Adds the body's parameters; a name given in both places is refused, as a repeated one is. */
export function withBodyParams(params: Params, fromBody: Params): Params {
  for (const [k, v] of fromBody) {
    if (params.has(k)) throw errors.invalidParameter(k.slice(0, 64), 'The parameter is given more than once.');
    params.set(k, v);
  }
  return params;
}

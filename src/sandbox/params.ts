// Query parsing and the paging/ID-list conventions shared by the Describe* actions.

import { createHash } from 'node:crypto';
import { errors } from './errors';
import { decodePercentWtf8 } from './wtf8';

/** Request parameters by name, decoded. The SDK never repeats a name, so neither do we. */
export type Params = Map<string, string>;

/** Parses `a=1&b=2` (form encoding: `+` is a space). Throws InvalidParameter on garbage. */
export function parseQuery(raw: string): Params {
  const params: Params = new Map();
  if (!raw) return params;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    if (params.has(key)) throw errors.invalidParameter(safeName(key), 'The parameter is given more than once.');
    params.set(key, value);
  }
  return params;
}

// A lone surrogate sent as WTF-8 is read as such, for the action to refuse with its own error.
function decode(s: string): string {
  const decoded = decodePercentWtf8(s.replace(/\+/g, ' '));
  if (decoded === undefined) throw errors.invalidParameter('QueryString', 'It contains a malformed percent-encoding.');
  return decoded;
}

/** Keeps error messages short and printable whatever the caller sent as a name. */
function safeName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, '?').slice(0, 64);
}

/** A parameter's value, with the empty string meaning "not given" (as ECS treats optional strings). */
export function optional(params: Params, name: string): string | undefined {
  const v = params.get(name);
  return v === undefined || v === '' ? undefined : v;
}

export function required(params: Params, name: string): string {
  const v = optional(params, name);
  if (v === undefined) throw errors.missing(name);
  return v;
}

/** A JSON array of ID strings such as `["d-1","d-2"]`, at most `max` of them. */
export function idList(params: Params, name: string, max = 100): string[] | undefined {
  const raw = optional(params, name);
  if (raw === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw errors.malformedIds(name, 'It must be a JSON array of strings, e.g. ["id-1","id-2"].');
  }
  if (!Array.isArray(parsed) || !parsed.every((x): x is string => typeof x === 'string')) {
    throw errors.malformedIds(name, 'It must be a JSON array of strings, e.g. ["id-1","id-2"].');
  }
  if (parsed.length > max) throw errors.tooManyIds(name, max);
  return parsed;
}

/** A decimal integer parameter within [min, max]; undefined when not given. */
export function intParam(params: Params, name: string, min: number, max: number): number | undefined {
  const raw = optional(params, name);
  if (raw === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(raw)) throw errors.invalidParameter(name, `It must be an integer from ${min} to ${max}.`);
  const n = Number(raw);
  if (n < min || n > max) throw errors.invalidParameter(name, `It must be an integer from ${min} to ${max}.`);
  return n;
}

export function boolParam(params: Params, name: string): boolean | undefined {
  const raw = optional(params, name);
  if (raw === undefined) return undefined;
  if (raw !== 'true' && raw !== 'false') throw errors.invalidParameter(name, 'It must be true or false.');
  return raw === 'true';
}

export interface PagingRules {
  maxResults: { min: number; max: number };
  pageSizeMax: number;
}

export type Paging =
  | { mode: 'token'; offset: number; limit: number }
  | { mode: 'page'; offset: number; limit: number; pageNumber: number; pageSize: number };

/**
 * MaxResults + NextToken (preferred) or PageNumber/PageSize ("about to be deprecated"). As the
 * reference says, once NextToken (or MaxResults) is given PageNumber/PageSize have no effect (they
 * are still checked). Without either, the classic default: page 1 of 10.
 */
export function paging(params: Params, rules: PagingRules, scope: string): Paging {
  const maxResults = intParam(params, 'MaxResults', rules.maxResults.min, rules.maxResults.max);
  const nextToken = optional(params, 'NextToken');
  const pageNumber = intParam(params, 'PageNumber', 1, 1_000_000_000);
  const pageSize = intParam(params, 'PageSize', 1, rules.pageSizeMax);
  if (maxResults !== undefined || nextToken !== undefined) {
    return { mode: 'token', offset: nextToken ? decodeToken(nextToken, scope) : 0, limit: maxResults ?? 10 };
  }
  const size = pageSize ?? 10;
  const number = pageNumber ?? 1;
  return { mode: 'page', offset: (number - 1) * size, limit: size, pageNumber: number, pageSize: size };
}

/** Opaque to clients; bound to the query it came from so it cannot be replayed on another. */
export function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
}

function decodeToken(token: string, scope: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.s === scope) {
      return parsed.o;
    }
  } catch {
    // fall through
  }
  throw errors.invalidParameter('NextToken', 'Use the NextToken of the previous response of the same query.');
}

/** One page of `items` and the fields every Describe* answer carries about paging. */
export function page<T>(items: T[], p: Paging, scope: string): { items: T[]; fields: Record<string, unknown> } {
  const slice = items.slice(p.offset, p.offset + p.limit);
  const end = p.offset + slice.length;
  if (p.mode === 'token') {
    return {
      items: slice,
      fields: { NextToken: end < items.length ? encodeToken(end, scope) : '', TotalCount: items.length },
    };
  }
  return { items: slice, fields: { PageNumber: p.pageNumber, PageSize: p.pageSize, TotalCount: items.length } };
}

const NOT_FILTERS = /^(NextToken|MaxResults|PageNumber|PageSize|AccessKeyId|Signature.*|Timestamp|Version|Action|Format|SecurityToken)$/;

/** Identifies a query by its filters (not its paging or signing), to bind NextToken to it. */
export function queryScope(action: string, params: Params): string {
  const filters = [...params].filter(([k]) => !NOT_FILTERS.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify([action, filters])).digest('hex').slice(0, 16);
}

// The loopback HTTP server: reads a request, applies faults, checks the signature, runs the action
// and answers in ECS's shape. Every failure, including garbage, gets an error body; nothing throws
// out of a handler and nothing hangs.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { actions, changingActions } from './actions';
import { answerFormat, CONTENT_TYPES, serialize, type AnswerFormat } from './answerFormat';
import { bodyParams, withBodyParams } from './bodyParams';
import { answerAndDestroy, capConnections } from './connections';
import { ApiError, errorBody, errors } from './errors';
import { FaultInjector, HTML_502 } from './faults';
import { parseQuery } from './params';
import { withTagAliases } from './tagAliases';
import type { SignatureVerifier } from './signature';
import type { World } from './world';

export const API_VERSION = '2014-05-26';
const MAX_URL = 32 * 1024;
const MAX_BODY = 1024 * 1024;

export interface Stats {
  /** Requests received, by the action they named (including refused ones). */
  byAction: Record<string, number>;
  total: number;
}

export interface ServerParts {
  world: World;
  verifier: SignatureVerifier;
  faults: FaultInjector;
  stats: Stats;
  log: (line: string) => void;
  /** Filled in once listening: "127.0.0.1:PORT". */
  endpoint: () => string;
  /** Called after an action that may have changed the world succeeds (must not throw). */
  changed?: () => void;
  /** Connections held at most; a request (headers and body) must arrive within requestTimeoutMs. */
  limits: { maxConnections: number; requestTimeoutMs: number };
}

export function createSandboxServer(parts: ServerParts): Server {
  const { maxConnections, requestTimeoutMs } = parts.limits;
  const server = createServer(
    {
      maxHeaderSize: 64 * 1024,
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      // Longer than Node's 5 s: a client reusing a pooled socket just as the server drops it gets
      // "socket hang up", and a loaded machine (a stalled event loop) makes that race likely.
      keepAliveTimeout: Math.min(15_000, requestTimeoutMs),
      // Node checks the two timeouts above only this often (30 s by default).
      connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(requestTimeoutMs / 4))),
    },
    (req, res) => {
      handle(parts, req, res).catch((err: unknown) => {
        parts.log(`internal error: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) send(res, parts, errors.internalError(), newRequestId());
        else res.destroy();
      });
    },
  );
  const answerRaw = (socket: Socket, apiError: ApiError) =>
    answerAndDestroy(socket, apiError, JSON.stringify(errorBody(apiError, newRequestId(), parts.endpoint())));
  // Requests Node itself refuses (oversized headers, broken HTTP, too slow) still get an ECS-shaped
  // body, and their sockets are destroyed rather than left half-closed.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (pending?.headersSent) return socket.destroy();
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      parts.log(`request timed out after ${requestTimeoutMs}ms`);
      return answerRaw(socket, errors.requestTimeout(requestTimeoutMs));
    }
    if (err.code === 'HPE_HEADER_OVERFLOW') return answerRaw(socket, errors.headersTooLarge());
    answerRaw(socket, errors.invalidParameter('Request', 'It is not valid HTTP.'));
  });
  // ECS is no proxy: CONNECT gets the answer any other unsupported method gets.
  server.on('connect', (_req: IncomingMessage, socket: Socket) => answerRaw(socket, errors.methodNotAllowed()));
  capConnections(server, maxConnections, (socket) => answerRaw(socket, errors.tooManyConnections()));
  return server;
}

function newRequestId(): string {
  return randomUUID().toUpperCase();
}

async function handle(parts: ServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = newRequestId();
  const started = Date.now();
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  let claimed = claimedAction(req, rawQuery);
  const count = () => {
    parts.stats.total++;
    parts.stats.byAction[claimed] = (parts.stats.byAction[claimed] ?? 0) + 1;
  };
  const finish = (status: number) => parts.log(`${req.method} ${claimed} ${status} ${Date.now() - started}ms`);

  // JSON until the parameters are read and say otherwise.
  let format: AnswerFormat = 'JSON';
  const fail = (err: ApiError) => {
    send(res, parts, err, requestId, format);
    finish(err.status);
  };
  const refuse = (err: ApiError) => {
    count();
    drainThen(req, () => fail(err));
  };
  if (req.method !== 'POST' && req.method !== 'GET') return refuse(errors.methodNotAllowed());
  if (url.length > MAX_URL) return refuse(errors.uriTooLong());
  const body = await readBody(req);
  if (body === 'aborted') return; // the client left, or the request timed out and was answered
  if (body === undefined) {
    count();
    return fail(errors.bodyTooLarge());
  }
  // RPC clients (aliyun-sdk, pop-core with POST) name the action in the form body only.
  if (claimed === '(none)' && body.length > 0) claimed = claimedAction(req, body.toString('utf8', 0, 4096));
  count();

  const fault = parts.faults.decide();
  if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
  if (fault.kind === 'drop') {
    parts.log(`${req.method} ${claimed} dropped (fault)`);
    req.socket.destroy();
    return;
  }
  if (fault.kind === 'html') {
    res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(HTML_502) });
    res.end(HTML_502);
    return finish(502);
  }

  // From here on everything is synchronous: no other request runs between a check and a write.
  try {
    const query = parseQuery(rawQuery);
    // Like ECS, parameters count the same from the query or the body: for the action and for RPC
    // signing (which covers both). ACS3 signs the query, and the body through its hash.
    const params = withBodyParams(new Map(query), bodyParams(req, body));
    format = answerFormat(params, req.headers.authorization === undefined && params.has('Signature'));
    const caller = parts.verifier.verify({ method: req.method, path, query, params, headers: req.headers, body });
    if (caller.version !== API_VERSION) throw errors.versionNotSupported();
    const action = Object.prototype.hasOwnProperty.call(actions, caller.action) ? actions[caller.action] : undefined;
    if (!action) throw errors.actionNotFound();
    if (fault.kind === 'throttle') throw errors.throttling(parts.faults.retryAfterSeconds);
    if (fault.kind === 'error') throw errors.internalError();
    const result = action({ world: parts.world, params: withTagAliases(params), endpoint: parts.endpoint(), accessKeyId: caller.accessKeyId });
    if (changingActions.has(caller.action)) parts.changed?.();
    if (fault.kind === 'lost') {
      // Done, but the client never learns it: the case idempotency and read-back exist for.
      parts.log(`${req.method} ${claimed} executed, answer lost (fault)`);
      req.socket.destroy();
      return;
    }
    const text = serialize(format, `${caller.action}Response`, { RequestId: requestId, ...result });
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[format],
      'content-length': Buffer.byteLength(text),
      'x-acs-request-id': requestId,
    });
    res.end(text);
    finish(200);
  } catch (err) {
    if (err instanceof ApiError) return fail(err);
    throw err;
  }
}

function claimedAction(req: IncomingMessage, rawParams: string): string {
  const header = req.headers['x-acs-action'];
  // Only plain names become stats keys (no "__proto__" or log noise).
  if (typeof header === 'string' && header) return /^[A-Za-z]{1,64}$/.test(header) ? header : '(invalid)';
  const m = /(?:^|&)Action=([A-Za-z]{1,64})(?:&|$)/.exec(rawParams);
  return m ? m[1] : '(none)';
}

/**
 * The body; undefined when it exceeds the cap (the connection is then closed after answering);
 * 'aborted' when the connection ended first (a timed-out request was answered by clientError).
 */
function readBody(req: IncomingMessage): Promise<Buffer | undefined | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > MAX_BODY) {
        settled = true;
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!settled) resolve(Buffer.concat(chunks));
      settled = true;
    });
    const aborted = () => {
      if (!settled) resolve('aborted');
      settled = true;
    };
    req.on('error', aborted);
    req.on('close', aborted);
  });
}

function drainThen(req: IncomingMessage, then: () => void): void {
  req.resume();
  then();
}

function send(res: ServerResponse, parts: ServerParts, err: ApiError, requestId: string, format: AnswerFormat = 'JSON'): void {
  const text = serialize(format, 'Error', { ...errorBody(err, requestId, parts.endpoint()) });
  res.writeHead(err.status, {
    ...err.headers,
    'content-type': CONTENT_TYPES[format],
    'content-length': Buffer.byteLength(text),
    'x-acs-request-id': requestId,
    ...(err.status === 413 || err.status === 414 ? { connection: 'close' } : {}),
  });
  res.end(text);
}

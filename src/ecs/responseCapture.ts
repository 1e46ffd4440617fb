// Sees the raw HTTP exchange under one SDK call, without touching the SDK.
//
// Why: openapi-core parses every error body with JSON.parse; a non-JSON body (a gateway's HTML
// 502, say) throws a bare SyntaxError and the status code is lost. Re-sending the request to
// learn the status is not an option (CreateSnapshot is not safe to repeat blindly).
// How: Node publishes every outgoing http(s) request on the `http.client.request.start`
// diagnostics channel, synchronously inside `http.request()`, and so inside the async context
// of the SDK call that made it. An AsyncLocalStorage scope per call ties the request to the call;
// the request's own 'response' event then records status and headers.
//
// It also separates the connect timeout from the read timeout. The SDK's HTTP layer (httpx)
// uses its connect timeout as the socket's idle timeout for the whole exchange, so a server that
// is slow to answer fails after the connect timeout, labelled "ConnectTimeout". Once the socket is
// connected we lift the idle timeout to the read timeout and note that we did connect.
import { AsyncLocalStorage } from 'node:async_hooks';
import * as diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export interface CapturedExchange {
  /** Set once the TCP (or TLS) connection is up. */
  connected: boolean;
  statusCode?: number;
  headers?: IncomingHttpHeaders;
}

interface Scope {
  exchange: CapturedExchange;
  readTimeoutMs: number;
}

const storage = new AsyncLocalStorage<Scope>();
let subscribed = false;

function onRequestStart(message: unknown): void {
  const scope = storage.getStore();
  if (!scope) return;
  const request = (message as { request?: ClientRequest }).request;
  if (!request) return;
  const { exchange } = scope;
  const watchSocket = (socket: Socket) => {
    const onConnect = () => {
      exchange.connected = true;
      request.setTimeout(scope.readTimeoutMs);
    };
    if (socket.connecting) socket.once('connect', onConnect);
    else onConnect();
  };
  // The channel fires when the request is flushed, which can be after the socket was assigned.
  if (request.socket) watchSocket(request.socket);
  else request.once('socket', watchSocket);
  request.prependOnceListener('response', (response: IncomingMessage) => {
    exchange.statusCode = response.statusCode;
    exchange.headers = response.headers;
  });
}

/** Runs `fn` while recording the HTTP exchange it makes (the last one, if several). */
export async function withCapturedExchange<T>(
  readTimeoutMs: number,
  fn: () => Promise<T>,
): Promise<{ exchange: CapturedExchange; outcome: { ok: true; value: T } | { ok: false; error: unknown } }> {
  if (!subscribed) {
    diagnostics.subscribe('http.client.request.start', onRequestStart);
    subscribed = true;
  }
  const exchange: CapturedExchange = { connected: false };
  return storage.run({ exchange, readTimeoutMs }, async () => {
    try {
      return { exchange, outcome: { ok: true as const, value: await fn() } };
    } catch (error) {
      return { exchange, outcome: { ok: false as const, error } };
    }
  });
}

// Connection hygiene: a loopback emulator must not be emptied of file descriptors by clients that
// connect and stall. Timed-out sockets are destroyed (not half-closed: a client that never reads
// would keep them), at most `maxConnections` are held (the oldest idle or stalled one makes room
// for a newcomer), and answers written straight to a socket still carry ECS's error body.

import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiError } from './errors';

export const DEFAULT_MAX_CONNECTIONS = 256;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/**
 * How long a client gets to read an answer written before closing: destroying at once could reset
 * the connection (unread input) before the client reads it; never destroying lets a client that
 * never reads keep the descriptor.
 */
const CLOSE_GRACE_MS = 1000;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
};

/** Writes a complete HTTP answer to a raw socket, then destroys it after a short grace. */
export function answerAndDestroy(socket: Socket, err: ApiError, body: string): void {
  // Already answered (a broken request can raise several parse errors): its timer is running.
  if (socket.destroyed || socket.writableEnded) return;
  const timer = setTimeout(() => socket.destroy(), CLOSE_GRACE_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  if (!socket.writable) return void socket.destroy();
  socket.end(
    `HTTP/1.1 ${err.status} ${REASONS[err.status] ?? 'Error'}\r\n` +
      `Content-Type: application/json;charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Holds at most `max` connections. A newcomer beyond that evicts the oldest one with no request
 * being handled (idle keep-alive, or still sending its headers); when every one is busy, the
 * newcomer is answered `refuse()` and closed.
 */
export function capConnections(server: Server, max: number, refuse: (socket: Socket) => void): void {
  const open = new Set<Socket>();
  const busy = new WeakSet<Socket>();
  server.on('connection', (socket: Socket) => {
    if (open.size >= max) {
      const idle = [...open].find((s) => !busy.has(s));
      if (idle) {
        open.delete(idle);
        idle.destroy();
      } else {
        return refuse(socket);
      }
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    busy.add(socket);
    res.once('close', () => busy.delete(socket));
  });
}

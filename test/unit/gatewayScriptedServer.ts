// A loopback HTTP server answering ECS requests from a script, so gateway tests drive the real
// SDK over real HTTP and see exactly what it sent.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedAnswer {
  status?: number;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Close the connection (after delayMs) without answering: a reset as the client sees it. */
  drop?: boolean;
}

export interface SeenRequest {
  action: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

export interface ScriptedServer {
  endpoint: string;
  seen: SeenRequest[];
  /** Answers, in order; the last one repeats once the script runs out. */
  script(...answers: (ScriptedAnswer | ((request: SeenRequest) => ScriptedAnswer))[]): void;
  close(): Promise<void>;
}

export async function startScriptedServer(): Promise<ScriptedServer> {
  let answers: (ScriptedAnswer | ((request: SeenRequest) => ScriptedAnswer))[] = [{ body: { RequestId: 'req-default' } }];
  const seen: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const request: SeenRequest = { action: String(req.headers['x-acs-action'] ?? ''), query: url.searchParams, headers: req.headers };
      seen.push(request);
      const next = answers.length > 1 ? answers.shift()! : answers[0];
      const answer = typeof next === 'function' ? next(request) : next;
      const send = () => {
        if (res.destroyed) return;
        if (answer.drop) {
          res.socket?.destroy();
          return;
        }
        const isText = typeof answer.body === 'string';
        res.writeHead(answer.status ?? 200, {
          'content-type': isText ? 'text/html' : 'application/json;charset=utf-8',
          ...answer.headers,
        });
        res.end(isText ? answer.body : JSON.stringify(answer.body ?? {}));
      };
      if (answer.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          send();
        }, answer.delayMs);
        timers.add(timer);
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `127.0.0.1:${port}`,
    seen,
    script(...next) {
      answers = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An ECS error body as the API sends it. */
export function ecsError(code: string, message: string, requestId = `req-${code}`): Record<string, string> {
  return {
    RequestId: requestId,
    HostId: 'ecs.aliyuncs.com',
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=Ecs`,
  };
}

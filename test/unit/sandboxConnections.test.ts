// Slow and idle connections (issue 10, item 8): the sandbox destroys them after its request timeout
// (a client that never reads must not keep a descriptor), caps how many it holds, answers 408 for a
// request that never completes, and answers CONNECT with an ECS-style error. Loopback only, bounded
// counts and times.

import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import * as $Ecs from '@alicloud/ecs20140526';
import { startSandbox, type Sandbox } from '../../src/sandbox';
import { sdkClient } from './sandboxHelpers';

const TIMEOUT_MS = 1200;
const CAP = 16;

async function withSandbox(fn: (sb: Sandbox) => Promise<void>): Promise<void> {
  const sb = await startSandbox({ requestTimeoutMs: TIMEOUT_MS, maxConnections: CAP });
  try {
    await fn(sb);
  } finally {
    await sb.close();
  }
}

/** A client that connects, optionally sends `text`, and never reads what comes back. */
function openSilent(sb: Sandbox, text: string): Promise<Socket> {
  const [host, port] = sb.endpoint.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host, () => {
      socket.pause();
      if (text) socket.write(text);
      resolve(socket);
    });
    socket.on('error', () => undefined); // the server resetting it is the point
    socket.once('error', reject);
  });
}

/** Sends `text` on a fresh connection and collects everything until the server closes it. */
function exchange(sb: Sandbox, text: string, limitMs: number): Promise<string> {
  const [host, port] = sb.endpoint.split(':');
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect(Number(port), host, () => socket.write(text));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${limitMs} ms; got ${JSON.stringify(data.slice(0, 200))}`));
    }, limitMs);
    socket.on('data', (c: Buffer) => (data += c.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what} within ${limitMs} ms`);
}

const regions = (sb: Sandbox) => sdkClient(sb).describeRegions(new $Ecs.DescribeRegionsRequest({}));

describe('sandbox connections', () => {
  it('serves a valid request while more slow connections than its cap are held, then destroys them', async () => {
    await withSandbox(async (sb) => {
      const held: Socket[] = [];
      try {
        for (let i = 0; i < CAP * 3; i++) {
          // Idle ones, and ones stuck in their headers (a slowloris).
          held.push(await openSilent(sb, i % 2 ? '' : 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nx-slow: 1\r\n'));
        }
        const res = await regions(sb);
        assert.equal(res.statusCode, 200);
        assert.ok((await sb.openConnections()) <= CAP, 'the cap holds');
        // Never read by their clients, they must still be gone from the server after its timeout.
        await waitFor('every slow connection destroyed', async () => (await sb.openConnections()) === 0, TIMEOUT_MS + 4000);
        assert.equal((await regions(sb)).statusCode, 200);
      } finally {
        for (const s of held) s.destroy();
      }
    });
  });

  it('destroys a timed-out connection whose client never reads the answer', async () => {
    await withSandbox(async (sb) => {
      const socket = await openSilent(sb, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nRegionId=');
      try {
        await waitFor('the half-sent request destroyed', async () => (await sb.openConnections()) === 0, TIMEOUT_MS + 4000);
      } finally {
        socket.destroy();
      }
    });
  });

  it('answers a request that never completes with 408 and an ECS-style body', async () => {
    await withSandbox(async (sb) => {
      const reply = await exchange(sb, 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nRegionId=', TIMEOUT_MS + 4000);
      assert.match(reply, /^HTTP\/1\.1 408 /);
      const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)) as Record<string, string>;
      assert.equal(body.Code, 'RequestTimeout');
      for (const field of ['RequestId', 'HostId', 'Message', 'Recommend']) assert.equal(typeof body[field], 'string', field);
    });
  });

  it('answers CONNECT with an ECS-style error instead of a silent close', async () => {
    await withSandbox(async (sb) => {
      const reply = await exchange(sb, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n', 3000);
      assert.match(reply, /^HTTP\/1\.1 405 /);
      const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)) as Record<string, string>;
      assert.equal(body.Code, 'UnsupportedHTTPMethod');
      assert.equal(typeof body.RequestId, 'string');
      assert.equal((await regions(sb)).statusCode, 200);
    });
  });

  it('refuses option values that would disable the protections', async () => {
    await assert.rejects(startSandbox({ maxConnections: 0 }), RangeError);
    await assert.rejects(startSandbox({ requestTimeoutMs: 0 }), RangeError);
  });
});

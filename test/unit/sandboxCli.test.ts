// `npm run sandbox`: one JSON line on stdout, a working endpoint, a clean stop on SIGTERM/SIGINT.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as $Ecs from '@alicloud/ecs20140526';
import { sdkClient } from './sandboxHelpers';

const ROOT = join(__dirname, '..', '..');

interface Started {
  child: ChildProcess;
  info: { endpoint: string; regionId: string; accessKeyId: string; accessKeySecret: string };
  stderr: () => string;
}

async function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  let out = '';
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing: ${err}`)));
    setTimeout(() => reject(new Error(`no output in 20 s: ${err}`)), 20_000).unref();
  });
  return { child, info: JSON.parse(line) as Started['info'], stderr: () => err };
}

describe('sandbox CLI', () => {
  it('prints one JSON line, serves the SDK, logs on stderr and stops on SIGTERM', async () => {
    const { child, info, stderr } = await startCli(['--port', '0', '--disks', '40', '--seed', '3']);
    try {
      assert.match(info.endpoint, /^127\.0\.0\.1:\d+$/);
      assert.equal(info.regionId, 'cn-hangzhou');
      assert.equal(info.accessKeyId, 'LTAI5tSandboxKey000001');
      const res = await sdkClient(info).describeDisks(new $Ecs.DescribeDisksRequest({ regionId: info.regionId, maxResults: 100 }));
      assert.equal(res.body?.disks?.disk?.length, 40);
      for (let i = 0; i < 50 && !/DescribeDisks 200/.test(stderr()); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(stderr(), /DescribeDisks 200/);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
    assert.match(stderr(), /SIGTERM: stopping/);
  });

  it('stops cleanly on SIGINT too', async () => {
    const { child } = await startCli(['--port=0', '--time-scale', '60']);
    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('refuses unknown options with a usage hint', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/cli.ts', '--bogus', '1'], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(err, /Unknown option --bogus/);
  });
});

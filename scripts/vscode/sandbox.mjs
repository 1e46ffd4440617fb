// The ECS sandbox (emulator) as a separate process: `tsx src/sandbox/cli.ts --port 0` prints one
// JSON line describing where it listens, then serves until stopped.
import path from 'node:path';
import { repoRoot } from './paths.mjs';
import { startService } from './processes.mjs';

/** Starts the sandbox; resolves with its announcement (at least `endpoint`, "127.0.0.1:PORT"). */
export function startSandboxProcess({ args = [], timeoutMs = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let announced = false;
    const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
    const service = startService('sandbox', tsx, ['src/sandbox/cli.ts', '--port', '0', ...args], {
      cwd: repoRoot,
      onOutput: (text) => {
        if (announced) return;
        buffered += text;
        const line = buffered.split('\n').find((l) => l.trim().startsWith('{'));
        if (!line) return;
        try {
          const info = JSON.parse(line);
          const endpoint = info.endpoint ?? `${info.host ?? '127.0.0.1'}:${info.port}`;
          announced = true;
          clearTimeout(timer);
          resolve({ ...info, endpoint: endpoint.replace(/^https?:\/\//, ''), service });
        } catch { /* partial line: wait for more */ }
      },
    });
    const timer = setTimeout(() => reject(new Error(`the sandbox did not announce itself within ${timeoutMs / 1000}s:\n${buffered}`)), timeoutMs);
    service.child.on('exit', (code) => {
      if (!announced) { clearTimeout(timer); reject(new Error(`the sandbox exited (${code}) before announcing itself:\n${buffered}`)); }
    });
  });
}

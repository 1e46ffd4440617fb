// What the fresh-process rows share: the production build (scripts/build.mjs --production, plus the
// gateway alone as an extra entry) in a temp dir, the child scripts bundled beside it, and a way
// to run a child and read the figures it prints.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';

const run = promisify(execFile);
export const repoRoot = join(__dirname, '..');

export interface ProdBuild {
  dir: string;
  /** A bundled child script of bench/children/ ('activate', 'activationWhen', 'firstListDisks'). */
  child(name: string): string;
  dispose(): void;
}

let shared: { build: Promise<ProdBuild>; users: number } | undefined;

/** Builds once per run, shared by the rows that need it; each user disposes its share. */
export function prodBuild(): Promise<ProdBuild> {
  if (!shared) shared = { build: build(), users: 0 };
  shared.users++;
  return shared.build;
}

async function build(): Promise<ProdBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-bench-prod-'));
  await run(process.execPath, ['scripts/build.mjs', '--production', '--outdir', dir, '--entry', 'gateway=bench/children/gateway.ts'], {
    cwd: repoRoot,
  });
  const children = join(dir, 'children');
  await esbuild.build({
    entryPoints: ['activate', 'activationWhen', 'firstListDisks'].map((name) => join(repoRoot, 'bench', 'children', `${name}.ts`)),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    external: ['vscode'], // the stand-in, installed by the child itself
    outdir: children,
    logLevel: 'silent',
  });
  return {
    dir,
    child: (name) => join(children, `${name}.js`),
    dispose() {
      if (shared && --shared.users === 0) {
        shared = undefined;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Runs a node child (without the parent's loaders) and returns the JSON line it printed last. */
export async function runChild<T>(args: string[], cwd?: string): Promise<T> {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const { stdout } = await run(process.execPath, args, { cwd, env });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

/** Wall time of starting a Node process that does nothing: the fresh-process baseline. */
export async function emptyProcessMs(): Promise<number> {
  const start = performance.now();
  await run(process.execPath, ['-e', '0']);
  return performance.now() - start;
}

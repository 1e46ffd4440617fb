// Requires a bundled file (dist/sdk.js) through V8's code cache kept on disk: a later window loads
// the SDK without compiling it again. Works on every Node the extension host may run (Node's own
// module.enableCompileCache needs 22.1+ and caches every module of the host, not just ours).
// The cache is written after the first request, so it also holds the functions that request
// compiled (the client, the signer, the HTTP stack), not only the top level.
import * as fs from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

export interface CachedRequire<T> {
  exports: T;
  /** Whether V8 took the compiled code from the cache on disk. */
  fromCache: boolean;
  /** Writes the code cache (once, and only if it was missing or stale); errors are ignored. */
  save(): Promise<void>;
}

export function requireWithCodeCache<T>(file: string, cacheDir: string): CachedRequire<T> {
  const source = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  // V8 rejects a cache made by another V8 or for another source; the name also changes with both.
  const cacheFile = path.join(cacheDir, `${path.basename(file)}-${process.versions.v8}-${stat.size}-${Math.round(stat.mtimeMs)}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  const module = { exports: {} as T, filename: file };
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  let saved = !fresh;
  return {
    exports: module.exports,
    fromCache: !fresh,
    async save() {
      if (saved) return;
      saved = true;
      try {
        await fs.promises.mkdir(cacheDir, { recursive: true });
        await removeStale(cacheDir, path.basename(file));
        // Written aside, then renamed: a window starting meanwhile never reads half a cache.
        const partial = `${cacheFile}.${process.pid}.tmp`;
        await fs.promises.writeFile(partial, script.createCachedData());
        await fs.promises.rename(partial, cacheFile);
      } catch {
        // A cache is an optimisation: without it the next load compiles again.
      }
    },
  };
}

async function removeStale(cacheDir: string, base: string): Promise<void> {
  for (const name of await fs.promises.readdir(cacheDir)) {
    if (name.startsWith(`${base}-`) && (name.endsWith('.cache') || name.endsWith('.tmp'))) await fs.promises.rm(path.join(cacheDir, name), { force: true });
  }
}

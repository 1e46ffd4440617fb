// Loads the SDK adapter on the first request, never at activation (requiring it costs ~460 ms).
// In the bundle, sdkClient.ts is its own file, dist/sdk.js, beside dist/extension.js: the build
// defines ECS_SDK_BUNDLE so the branch that would pull the SDK into extension.js is dead code.
// Under tsx (tests, the sandbox CLI) the TypeScript source is required directly.
import * as path from 'node:path';
import { EcsError } from './errors';
import { requireWithCodeCache } from './sdkCodeCache';

type SdkModule = typeof import('./sdkClient');

declare const ECS_SDK_BUNDLE: boolean | undefined;

let loaded: SdkModule | undefined;
let codeCacheDir: string | undefined;

/** Keeps V8's compiled code of the bundled SDK in this directory (the extension's global storage). */
export function useSdkCompileCache(dir: string): void {
  codeCacheDir = dir;
}

export function loadSdk(): SdkModule {
  if (loaded) return loaded;
  try {
    if (typeof ECS_SDK_BUNDLE !== 'undefined' && ECS_SDK_BUNDLE) {
      // A computed path keeps esbuild from following (and bundling) this require.
      const bundled = path.join(__dirname, 'sdk.js');
      loaded = codeCacheDir ? savingAfterFirstRequest(requireWithCodeCache<SdkModule>(bundled, codeCacheDir)) : requireBundle(bundled);
    } else {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time on purpose
      loaded = require('./sdkClient') as SdkModule;
    }
  } catch (error) {
    throw new EcsError({
      kind: 'protocol',
      code: 'SdkUnavailable',
      message: `The Alibaba Cloud SDK could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      retryable: false,
    });
  }
  return loaded;
}

function requireBundle(file: string): SdkModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time on purpose
  return require(file) as SdkModule;
}

/** The code cache is written once the first request has settled, so it holds what that request compiled. */
function savingAfterFirstRequest(cached: { exports: SdkModule; save(): Promise<void> }): SdkModule {
  const sdk = cached.exports;
  return {
    ...sdk,
    createEcsSdk(options) {
      const client = sdk.createEcsSdk(options);
      const wrapped = {} as Record<string, unknown>;
      for (const [name, call] of Object.entries(client) as [string, (...args: unknown[]) => Promise<unknown>][]) {
        wrapped[name] = (...args: unknown[]) => call(...args).finally(() => void cached.save());
      }
      return wrapped as unknown as typeof client;
    },
  };
}

/** Whether the SDK has been loaded yet (for tests and diagnostics). */
export function isSdkLoaded(): boolean {
  return loaded !== undefined;
}

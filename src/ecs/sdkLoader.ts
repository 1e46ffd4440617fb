// Loads the SDK adapter on the first request, never at activation (requiring it costs ~460 ms).
// In the bundle, sdkClient.ts is its own file, dist/sdk.js, beside dist/extension.js: the build
// defines ECS_SDK_BUNDLE so the branch that would pull the SDK into extension.js is dead code.
// Under tsx (tests, the sandbox CLI) the TypeScript source is required directly.
import * as path from 'node:path';
import { EcsError } from './errors';

type SdkModule = typeof import('./sdkClient');

declare const ECS_SDK_BUNDLE: boolean | undefined;

let loaded: SdkModule | undefined;

export function loadSdk(): SdkModule {
  if (loaded) return loaded;
  try {
    if (typeof ECS_SDK_BUNDLE !== 'undefined' && ECS_SDK_BUNDLE) {
      // A computed path keeps esbuild from following (and bundling) this require.
      const bundled = path.join(__dirname, 'sdk.js');
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at run time on purpose
      loaded = require(bundled) as SdkModule;
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

/** Whether the SDK has been loaded yet (for tests and diagnostics). */
export function isSdkLoaded(): boolean {
  return loaded !== undefined;
}

// A stand-in for the `vscode` module in a plain Node process: every property is a callable object
// (so window.createTreeView(...).message = ... works), l10n.t formats nothing, and values set on a
// stand-in read back. Enough for activate(); installed before the extension is required.
import Module from 'node:module';

function stand(): unknown {
  const own = new Map<PropertyKey, unknown>();
  return new Proxy(function () {}, {
    set: (_t, key, value) => (own.set(key, value), true),
    get(_t, key) {
      if (own.has(key)) return own.get(key);
      if (key === 'then' || key === Symbol.iterator || key === Symbol.asyncIterator || key === 'bundle') return undefined;
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 't') return (message: string | { message: string }) => (typeof message === 'string' ? message : message.message);
      const value = stand();
      own.set(key, value);
      return value;
    },
    apply: () => stand(),
    construct: () => stand() as object,
  });
}

/** Makes require('vscode') return the stand-in. */
export function installVscodeStub(): void {
  // esbuild's import helper copies own properties, so the stand-in is the prototype of a plain object.
  const exports = Object.create(stand() as object) as object;
  const loader = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  const cached = { id: 'vscode', filename: 'vscode', loaded: true, exports } as unknown as NodeJS.Module;
  require.cache['vscode'] = cached;
}

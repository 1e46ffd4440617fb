// Tag.N.key / Tag.N.value: the deprecated lower-case spellings the references still document
// ("use Tag.N.Key for compatibility"). ECS takes them as aliases, so the sandbox reads them as the
// canonical names before any action sees the parameters. The canonical spelling wins when both
// are given.

import type { Params } from './params';

const ALIAS = /^Tag\.([0-9]+)\.(key|value)$/;

export function withTagAliases(params: Params): Params {
  for (const [name, value] of [...params]) {
    const m = ALIAS.exec(name);
    if (!m) continue;
    params.delete(name);
    const canonical = `Tag.${m[1]}.${m[2] === 'key' ? 'Key' : 'Value'}`;
    if (!params.has(canonical)) params.set(canonical, value);
  }
  return params;
}

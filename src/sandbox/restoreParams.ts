// Parameters of the restore actions: required ones (MissingParameter), RegionId, enumerations, and
// ID lists sent the way the SDK sends string arrays (InstanceId.1, InstanceId.2, ...).

import { errors } from './errors';
import { optional, type Params } from './params';
import { restoreErrors } from './restoreErrors';
import type { World } from './world';

export const MAX_INSTANCE_IDS = 100;

export function requireParam(params: Params, name: string): string {
  const v = optional(params, name);
  if (v === undefined) throw restoreErrors.missing(name);
  return v;
}

export function requireRegion(world: World, params: Params): string {
  const regionId = requireParam(params, 'RegionId');
  if (!world.region(regionId)) throw errors.regionNotFound();
  return regionId;
}

export function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[]): T | undefined {
  const v = optional(params, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw errors.invalidParameter(name, `It must be one of ${allowed.join(', ')}.`);
  return v as T;
}

/**
 * `Name.1` ... `Name.N`, in order. Over 100 -> TooManyInstanceIds; a gap in the numbering, an
 * empty or repeated ID -> Abs.InvalidInstanceIds.MalFormed. Empty list: [].
 */
export function instanceIdList(params: Params, name = 'InstanceId'): string[] {
  const byIndex = new Map<number, string>();
  const pattern = new RegExp(`^${name}\\.([0-9]{1,6})$`);
  for (const [key, value] of params) {
    const m = pattern.exec(key);
    if (m) byIndex.set(Number(m[1]), value);
  }
  if (byIndex.size > MAX_INSTANCE_IDS) throw restoreErrors.tooManyInstanceIds();
  const ids: string[] = [];
  for (let n = 1; n <= byIndex.size; n++) {
    const id = byIndex.get(n);
    if (id === undefined) throw restoreErrors.malformedInstanceIds(`${name}.N must be numbered from 1 without gaps.`);
    if (id === '') throw restoreErrors.malformedInstanceIds(`${name}.${n} is empty.`);
    if (ids.includes(id)) throw restoreErrors.malformedInstanceIds(`${id} is given more than once.`);
    ids.push(id);
  }
  return ids;
}

// RegionId handling shared by the Describe* actions.

import { errors } from './errors';
import { required, type Params } from './params';
import type { World } from './world';

export function regionOf(world: World, params: Params): string {
  const regionId = required(params, 'RegionId');
  if (!world.region(regionId)) throw errors.regionNotFound();
  return regionId;
}

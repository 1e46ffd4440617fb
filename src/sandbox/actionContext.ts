// What every action receives, and what it returns: the response body minus RequestId.

import type { Params } from './params';
import type { World } from './world';

export interface ActionContext {
  world: World;
  params: Params;
  /** The sandbox's own endpoint: every region is served here. */
  endpoint: string;
  accessKeyId: string;
}

export type ActionHandler = (ctx: ActionContext) => Record<string, unknown>;

/** ECS's timestamp format, e.g. 2026-11-27T07:04:20Z. */
export function isoTime(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function tagsOut(tags: Array<{ key: string; value: string }>): { Tag: Array<{ TagKey: string; TagValue: string }> } {
  return { Tag: tags.map((t) => ({ TagKey: t.key, TagValue: t.value })) };
}

/** Tag.N.Key/Tag.N.Value filters of the Describe* actions: every given pair must match. */
export function tagFilter(params: Params): (tags: Array<{ key: string; value: string }>) => boolean {
  const wanted: Array<{ key: string; value?: string }> = [];
  for (let n = 1; n <= 20; n++) {
    const key = params.get(`Tag.${n}.Key`);
    if (key) wanted.push({ key, value: params.get(`Tag.${n}.Value`) || undefined });
  }
  return (tags) => wanted.every((w) => tags.some((t) => t.key === w.key && (w.value === undefined || t.value === w.value)));
}

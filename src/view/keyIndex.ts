// A map from string keys (disk ids) that grows without a long pause. One Map of 100,000 entries
// doubles its table in one go (at 65,536 entries: ~20 ms of CPU, longer on a busy machine), so a
// page arriving then blocks the extension host; here the keys are spread over many small Maps,
// each of which grows in steps too small to notice.

const SHARDS = 64;

export class KeyIndex<V> {
  private readonly shards: (Map<string, V> | undefined)[] = new Array<Map<string, V> | undefined>(SHARDS);
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    return this.shards[shardOf(key)]?.get(key);
  }

  has(key: string): boolean {
    return this.shards[shardOf(key)]?.has(key) ?? false;
  }

  set(key: string, value: V): void {
    const i = shardOf(key);
    const shard = (this.shards[i] ??= new Map());
    const before = shard.size;
    shard.set(key, value);
    this.count += shard.size - before;
  }

  delete(key: string): boolean {
    const deleted = this.shards[shardOf(key)]?.delete(key) ?? false;
    if (deleted) this.count--;
    return deleted;
  }
}

/** From the last characters, where ids differ (ECS ids end in random letters and digits). */
function shardOf(key: string): number {
  const n = key.length;
  return (key.charCodeAt(n - 1) * 961 + key.charCodeAt(n - 2) * 31 + key.charCodeAt(n - 3)) & (SHARDS - 1);
}

// A list that grows one page at a time. Concurrent `loadNext()` calls share one request, so a
// double-clicked "Load more" costs one page, and a reset (refresh, region switch) discards
// whatever an older request brings back late. Each page costs only its own items: the keys seen
// so far are kept (not rebuilt per page) and pages are appended in place (not copied).
import type { Page } from '../ecs/gateway';

export type PageFetcher<T> = (nextToken: string | undefined) => Promise<Page<T>>;

export class PagedList<T> {
  private loaded: T[] = [];
  /** Every loaded item by key (when keyed): dedupes a page and finds an item without a scan. */
  private byKey = new Map<string, T>();
  private token: string | undefined;
  private started = false;
  private inFlight: Promise<T[]> | undefined;
  private generation = 0;
  private lastError: unknown;

  /**
   * @param keyOf identity of an item: one that shows up again on a later page (the list shifted
   *   while paging) is dropped, so the tree never gets two elements with one id.
   */
  constructor(
    private readonly fetch: PageFetcher<T>,
    private readonly keyOf?: (item: T) => string,
  ) {}

  /** The loaded items in page order. Grows in place as pages arrive. */
  get items(): readonly T[] {
    return this.loaded;
  }

  /** The loaded item with this key (a keyed list only). */
  find(key: string): T | undefined {
    return this.byKey.get(key);
  }

  /** True once the first page arrived and the API said no page follows. */
  get complete(): boolean {
    return this.started && this.token === undefined;
  }

  /** More pages may follow (including "nothing loaded yet"). */
  get hasMore(): boolean {
    return !this.complete;
  }

  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  /** Whether any page has arrived. */
  get loadedOnce(): boolean {
    return this.started;
  }

  /** The error of the last failed load; cleared by the next successful one. */
  get error(): unknown {
    return this.lastError;
  }

  /**
   * Loads the next page (the first one when nothing is loaded) and resolves with that page's
   * items. While a load is running, every caller gets the same promise.
   */
  loadNext(): Promise<T[]> {
    if (this.inFlight) return this.inFlight;
    if (this.complete) return Promise.resolve([]);
    const generation = this.generation;
    const request = (async () => {
      try {
        const page = await this.fetch(this.token);
        if (generation !== this.generation) return [];
        const fresh = this.withoutKnown(page.items);
        for (const item of fresh) this.loaded.push(item);
        this.token = page.nextToken || undefined;
        this.started = true;
        this.lastError = undefined;
        return fresh;
      } catch (error) {
        if (generation === this.generation) this.lastError = error;
        throw error;
      } finally {
        if (generation === this.generation) this.inFlight = undefined;
      }
    })();
    this.inFlight = request;
    return request;
  }

  /** Forgets everything; a running request's result is dropped when it arrives. */
  reset(): void {
    this.generation++;
    this.loaded = [];
    this.byKey = new Map();
    this.token = undefined;
    this.started = false;
    this.inFlight = undefined;
    this.lastError = undefined;
  }

  private withoutKnown(items: readonly T[]): T[] {
    const keyOf = this.keyOf;
    if (!keyOf) return [...items];
    const fresh: T[] = [];
    for (const item of items) {
      const key = keyOf(item);
      if (this.byKey.has(key)) continue;
      this.byKey.set(key, item);
      fresh.push(item);
    }
    return fresh;
  }

  /** Removes items locally (e.g. a deleted snapshot) without a request. */
  remove(predicate: (item: T) => boolean): void {
    const kept: T[] = [];
    for (const item of this.loaded) {
      if (!predicate(item)) kept.push(item);
      else if (this.keyOf) this.byKey.delete(this.keyOf(item));
    }
    this.loaded = kept;
  }
}

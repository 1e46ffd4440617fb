// A list that grows one page at a time. Concurrent `loadNext()` calls share one request, so a
// double-clicked "Load more" costs one page, and a reset (refresh, region switch) discards
// whatever an older request brings back late.
import type { Page } from '../ecs/gateway';

export type PageFetcher<T> = (nextToken: string | undefined) => Promise<Page<T>>;

export class PagedList<T> {
  private loaded: T[] = [];
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

  get items(): readonly T[] {
    return this.loaded;
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
        this.loaded = this.loaded.concat(fresh);
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
    this.token = undefined;
    this.started = false;
    this.inFlight = undefined;
    this.lastError = undefined;
  }

  private withoutKnown(items: readonly T[]): T[] {
    const keyOf = this.keyOf;
    if (!keyOf) return [...items];
    const seen = new Set(this.loaded.map(keyOf));
    return items.filter((item) => {
      const key = keyOf(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Removes items locally (e.g. a deleted snapshot) without a request. */
  remove(predicate: (item: T) => boolean): void {
    this.loaded = this.loaded.filter((item) => !predicate(item));
  }
}

// The root's disk rows: the loaded disks the filter keeps, in load order. They are kept while the
// list and the filter stay the same, and only disks loaded since are read when the list grows
// (no pass over every disk per page). A filter over a big region (100,000 disks) is read in
// slices that yield to the event loop between them, so a keystroke never blocks the extension host.
import type { Disk } from '../ecs/gateway';
import { diskSearchText, textMatches } from './diskFilter';
import type { DiskNode } from './nodes';
import type { RegionDisks } from './regionDisks';

export interface ShownDisksHost {
  diskNode(region: RegionDisks, disk: Disk): DiskNode;
  filterText(): string;
  filterTerms(): readonly string[];
  /** How long one slice may read before yielding (ms). */
  readonly sliceMs: number;
  /** A reading that had to yield has reached the end (the message can say the count now). */
  finished(): void;
}

/** Where the reading of the loaded disks stands. */
export interface ShownStatus {
  done: boolean;
  /** Disks read so far, of `total` loaded. */
  read: number;
  total: number;
  /** Matches among those read. */
  shown: number;
}

interface Reading {
  readonly region: RegionDisks;
  readonly items: readonly Disk[];
  readonly filter: string;
  readonly terms: readonly string[];
  read: number;
  readonly nodes: DiskNode[];
  /** The slices still to come, while the reading yields. */
  running: Promise<void> | undefined;
}

/** Disks read between two looks at the clock. */
const CHUNK = 1024;

export class ShownDisks {
  private reading: Reading | undefined;
  /** The unfiltered rows are kept aside while a filter is on: clearing the filter reads nothing again. */
  private all: Reading | undefined;

  constructor(private readonly host: ShownDisksHost) {}

  /** Forgets the rows (another region, a refresh). */
  clear(): void {
    this.reading = undefined;
    this.all = undefined;
  }

  /** Where the reading stands; starts or goes on with it (the first slice at once). */
  status(region: RegionDisks): ShownStatus {
    const r = this.start(region);
    return { done: r.read === r.items.length, read: r.read, total: r.items.length, shown: r.nodes.length };
  }

  /** The rows once every loaded disk is read with the filter as it is by then (a newer filter supersedes an older one). */
  async nodes(region: RegionDisks): Promise<readonly DiskNode[]> {
    for (;;) {
      const r = this.start(region);
      if (r.read === r.items.length) return r.nodes;
      await r.running;
    }
  }

  private start(region: RegionDisks): Reading {
    const items = region.disks.items;
    const filter = this.host.filterText();
    let r = filter === '' && this.reading?.filter !== '' ? this.all : this.reading;
    // The list grows in place; a reset or a removal makes a new array.
    if (!r || r.region !== region || r.items !== items || r.filter !== filter || r.read > items.length) {
      r = { region, items, filter, terms: this.host.filterTerms(), read: 0, nodes: [], running: undefined };
    }
    if (this.reading !== r) {
      if (this.reading?.filter === '') this.all = this.reading;
      this.reading = r;
    }
    if (!r.running && r.read < items.length) {
      this.slice(r);
      if (r.read < items.length) r.running = this.goOn(r);
    }
    return r;
  }

  private async goOn(r: Reading): Promise<void> {
    while (this.reading === r && r.read < r.items.length) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.reading === r) this.slice(r);
    }
    r.running = undefined;
    if (this.reading === r) this.host.finished();
  }

  private slice(r: Reading): void {
    const deadline = performance.now() + this.host.sliceMs;
    const { items, region, terms, nodes } = r;
    do {
      const end = Math.min(items.length, r.read + CHUNK);
      for (let i = r.read; i < end; i++) {
        const node = this.host.diskNode(region, items[i]);
        if (terms.length === 0 || matches(node, terms)) nodes.push(node);
      }
      r.read = end;
    } while (r.read < items.length && performance.now() < deadline);
  }
}

/** The disk's search text is read once per disk object. */
function matches(node: DiskNode, terms: readonly string[]): boolean {
  if (node.searchedDisk !== node.disk || node.searchText === undefined) {
    node.searchText = diskSearchText(node.disk);
    node.searchedDisk = node.disk;
  }
  return textMatches(node.searchText, terms);
}

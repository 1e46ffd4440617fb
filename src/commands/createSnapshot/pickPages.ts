// Choices arriving page by page into one quick pick. VS Code's QuickPick cannot append: every
// `items` assignment hands the whole list to the workbench again, so handing over every page
// costs pages x list (100,000 disks in pages of 500: 10 million items). Here a page is handed
// over once the list has grown GROWTH-fold since the last hand-over, and whatever waits is handed
// over when the source ends, when the user types (the search then covers every loaded choice) or
// when the choice to highlight arrives. In total about 1.4x the list (at most 2.4x at any size);
// no `vscode` import, so it is unit-tested with a fake pick.

/** The part of a QuickPick this needs. */
export interface ItemList<I> {
  items: readonly I[];
  activeItems: readonly I[];
}

/** A hand-over once the list is this many times what the pick shows. */
export const GROWTH = 4;

export class PickPages<I> {
  private readonly all: I[] = [];
  private shown = 0;
  private placed = false;
  private wantedWaits = false;
  /** How many items were handed to the pick in total (what the budget counts). */
  handedOver = 0;

  /** @param isWanted the item to highlight once it arrives (e.g. the disk picked before Back). */
  constructor(
    private readonly pick: ItemList<I>,
    private readonly isWanted: (item: I) => boolean = () => false,
  ) {}

  /** The pick shows fewer items than have arrived. */
  get pending(): boolean {
    return this.all.length > this.shown;
  }

  add(items: readonly I[]): void {
    for (const item of items) this.all.push(item);
    if (!this.placed && !this.wantedWaits) this.wantedWaits = items.some(this.isWanted);
    if (this.shown === 0 || this.wantedWaits || this.all.length >= GROWTH * this.shown) this.flush();
  }

  /** Hands over every item that arrived (source ended, user typed). */
  flush(): void {
    if (!this.pending) return;
    const kept = this.pick.activeItems;
    this.pick.items = this.all.slice();
    this.handedOver += this.all.length;
    const from = this.shown;
    this.shown = this.all.length;
    if (this.wantedWaits) {
      const wanted = this.all.find(this.isWanted);
      if (wanted !== undefined) {
        this.pick.activeItems = [wanted];
        this.placed = true;
        this.wantedWaits = false;
        return;
      }
    }
    // Handing over moves the highlight to the top: keep the user's place.
    if (from > 0 && kept.length) this.pick.activeItems = kept;
  }
}

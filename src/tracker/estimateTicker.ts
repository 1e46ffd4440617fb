// The one redraw timer of the status bar while an estimate moves ("~62%" between polls): armed
// about once a second while something progresses, none at all when idle. No `vscode` import.
import { ESTIMATE } from './progressEstimate';
import type { Clock, TimerHandle } from './trackerCore';

export class EstimateTicker {
  private timer: TimerHandle | undefined;
  private disposed = false;

  /**
   * @param isMoving whether a shown estimate would change by waiting
   * @param redraw renders the status bar
   */
  constructor(
    private readonly clock: Clock,
    private readonly isMoving: () => boolean,
    private readonly redraw: () => void,
  ) {}

  /** Call after every render: keeps the one timer armed while an estimate moves, clears it otherwise. */
  update(): void {
    if (this.disposed || !this.isMoving()) {
      this.clear();
      return;
    }
    if (this.timer === undefined) {
      this.timer = this.clock.setTimer(() => {
        this.timer = undefined;
        this.redraw();
        this.update();
      }, ESTIMATE.renderEveryMs);
    }
  }

  get armed(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private clear(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimer(this.timer);
      this.timer = undefined;
    }
  }
}

// The work an interaction causes after its ack (routing, database, Web API calls), on a lane of its own
// that yields to the network: one item starts per turn of the event loop (setImmediate, after the poll
// phase), so every request already received is read, checked and acknowledged before the next item's
// synchronous part (the router's database work, rendering) runs. A burst of clicks is acked at the pace
// of the acks, and the work follows right behind; a lone click's work starts on the next turn.
// Yielding has a bound: items that have waited `maxWaitMs` start without waiting for further turns (as
// much time per turn as the network took since the previous one), so under sustained load the work keeps
// pace (the acks then share the CPU with it) and a Slack modal still opens inside the ~3 s its trigger_id
// lives. The bench (bench/ack.bench.ts) reports how much work was left when the last ack went out.

/** How long an item may wait behind incoming requests before it starts regardless. */
export const DEFAULT_MAX_WAIT_MS = 1000;

/** The least and the most time one turn spends starting overdue items. */
const MIN_SLICE_MS = 4;
const MAX_SLICE_MS = 50;

export interface WorkLaneStats {
  /** Items started since the lane was made. */
  started: number;
  /** Of those, how many started only because they had waited maxWaitMs. */
  overdue: number;
  /** Items that failed (their error went to the caller's promise). */
  failed: number;
}

export class WorkLane {
  private readonly queue: Array<{ start: () => void; queuedAt: number }> = [];
  private active = 0;
  private scheduled = false;
  private lastTurnEnd = Number.POSITIVE_INFINITY;
  private waiters: Array<() => void> = [];
  readonly stats: WorkLaneStats = { started: 0, overdue: 0, failed: 0 };

  constructor(private readonly maxWaitMs = DEFAULT_MAX_WAIT_MS, private readonly clock: () => number = () => performance.now()) {}

  /** Items queued or running. */
  get pending(): number {
    return this.queue.length + this.active;
  }

  /** Queue `work`; the promise settles with its outcome. */
  run<T>(work: () => Promise<T> | T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ queuedAt: this.clock(), start: () => {
        this.active += 1;
        this.stats.started += 1;
        let p: Promise<T>;
        try {
          p = Promise.resolve(work());
        } catch (e) {
          p = Promise.reject(e);
        }
        p.then(resolve, (e: unknown) => {
          this.stats.failed += 1;
          reject(e);
        }).finally(() => {
          this.active -= 1;
          this.wakeIfIdle();
        });
      } });
      this.schedule();
    });
  }

  /** Resolves once nothing is queued or running (work queued meanwhile included). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const sliceStart = this.clock();
      // Overdue work gets as much of the loop as the network had since the last turn (a fair share, at
      // least MIN_SLICE_MS, at most MAX_SLICE_MS): it keeps pace without one long stall of the event loop,
      // which would hold up every ack behind it.
      const slice = Math.min(MAX_SLICE_MS, Math.max(MIN_SLICE_MS, sliceStart - this.lastTurnEnd));
      this.queue.shift()?.start();
      while (this.queue.length > 0 && this.clock() - this.queue[0]!.queuedAt >= this.maxWaitMs && this.clock() - sliceStart < slice) {
        this.stats.overdue += 1;
        this.queue.shift()!.start();
      }
      this.lastTurnEnd = this.clock();
      this.schedule();
    });
  }

  private wakeIfIdle(): void {
    if (this.pending > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

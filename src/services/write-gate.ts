import { type Bound, BoundExceeded } from '../domain/bounds';

interface Waiter {
  units: number;
  /** True once nobody waits for the answer (the response bound fired, the client left). */
  abandoned: () => boolean;
  start: () => void;
  drop: () => void;
}

/**
 * A few large writes at a time, the rest queued in the process in arrival order. Eight bulk
 * requests writing at once on two cores made each statement eight times slower and queued them on
 * each other's row locks inside Postgres, where a wait counts against the statement timeout and
 * ends in 503 `timeout`; queued here, they wait without holding a connection or a lock. The queue
 * is bounded in units (events): past it a request is refused at once with 503 `overloaded` and
 * Retry-After, so a wait never grows past a few seconds of work. A request whose caller has
 * already been answered (the response bound) is dropped before it writes, so a 503 never hides a
 * write that lands afterwards.
 */
export class WriteGate {
  private running = 0;
  private waitingUnits = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly slots: number,
    private readonly maxWaitingUnits: number,
    private readonly bound: Bound,
  ) {}

  async run<T>(units: number, abandoned: () => boolean, fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.slots || this.queue.length > 0) {
      if (this.waitingUnits + units > this.maxWaitingUnits) {
        throw new BoundExceeded(
          this.bound,
          `${this.waitingUnits} items are already waiting to be written; retry shortly`,
          'overloaded',
        );
      }
      this.waitingUnits += units;
      await new Promise<void>((start, drop) => {
        this.queue.push({ units, abandoned, start, drop: () => drop(new AbandonedWrite()) });
      });
    } else {
      this.running += 1;
    }
    try {
      return await fn();
    } finally {
      this.running -= 1;
      this.next();
    }
  }

  /** What is queued and running, for metrics and tests. */
  get state() {
    return { running: this.running, waiting: this.queue.length, waitingUnits: this.waitingUnits };
  }

  private next(): void {
    while (this.running < this.slots && this.queue.length > 0) {
      const w = this.queue.shift()!;
      this.waitingUnits -= w.units;
      if (w.abandoned()) {
        w.drop();
        continue;
      }
      this.running += 1;
      w.start();
    }
  }
}

/** The request was answered (by its response bound) while it waited: it writes nothing. */
export class AbandonedWrite extends BoundExceeded {
  constructor() {
    super('response', 'Answered before its turn to write came; nothing was written');
  }
}

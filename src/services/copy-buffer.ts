import type { Logger } from 'pino';
import { type Bound, BoundExceeded } from '../domain/bounds';

const FLUSH_MS = 200;
const MAX_BATCH = 1000;

/**
 * Rows logged off the request path (the decision log, the access log): buffered and written as one
 * COPY every 200 ms (or 1,000 rows), flushed on shutdown. A crash can lose at most that window.
 * They wait as their COPY text, one string per request: held as object graphs, every
 * young-generation collection in those 200 ms copied each of them again, which was a tenth of a
 * bulk evaluation's CPU.
 */
export class CopyBuffer {
  private buffer: string[] = [];
  private buffered = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  /** Rows held in memory: buffered, or in batches waiting for (or in) their insert. */
  private held = 0;

  constructor(
    private readonly opts: {
      /** Writes a batch of COPY lines; a batch it fails is tried again with the next flush. */
      write(text: string): Promise<void>;
      logger: Logger;
      maxHeld: number;
      bound: Bound;
      /** What the log is, for its 503 and error lines ("decision log"). */
      name: string;
    },
  ) {}

  /** Takes room for `rows` before their lines are built; refuses (503) rather than hold rows without end. */
  reserve(rows: number): void {
    if (this.held + rows > this.opts.maxHeld) {
      throw new BoundExceeded(this.opts.bound, `The ${this.opts.name} is not keeping up; retry shortly`, 'overloaded');
    }
    this.held += rows;
  }

  /** Lines (joined: one flat string rather than a tree of pieces for the collector to copy) of reserved rows. */
  push(text: string, rows: number): void {
    if (rows === 0) return;
    this.buffer.push(text);
    this.buffered += rows;
    if (this.buffered >= MAX_BATCH) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.buffered;
    if (rows === 0) return this.writing;
    const batch = this.buffer.join('');
    this.buffer = [];
    this.buffered = 0;
    // Batches queue behind each other; `held` keeps counting them until their insert is done.
    this.writing = this.writing.then(() =>
      this.opts.write(batch).then(
        () => {
          this.held -= rows;
        },
        (err: unknown) => {
          this.opts.logger.error({ err, rows }, `writing the ${this.opts.name} failed; will retry`);
          this.push(batch, rows);
        },
      ),
    );
    return this.writing;
  }
}

import type { Logger } from 'pino';
import type { Db } from '../db/client';
import { BoundExceeded } from '../api/bounds';
import type { ApiMetrics } from '../api/metrics';
import { type DecisionRow, insertDecisions, sweepDecisions } from '../db/queries/policy';

const FLUSH_MS = 200;
const MAX_BATCH = 1000;
const SWEEP_MS = 60 * 60 * 1000;

/**
 * Decisions are logged off the request path: buffered and written as one multi-row insert
 * every 200 ms (or 1,000 rows), flushed on shutdown. A crash can lose at most that window.
 */
export class DecisionRecorder {
  private buffer: DecisionRow[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    retentionDays: number,
    private readonly maxBuffered = 100_000,
    private readonly metrics?: Pick<ApiMetrics, 'decisions'>,
  ) {
    const sweep = () =>
      sweepDecisions(db, retentionDays).catch((err: unknown) => logger.warn({ err }, 'decision log sweep failed'));
    this.sweeper = setInterval(sweep, SWEEP_MS);
    this.sweeper.unref();
  }

  /** Rows held in memory: buffered, or in batches waiting for (or in) their insert. */
  private held = 0;

  /** Refuses (503) rather than hold rows without end while the database cannot keep up. */
  record(rows: DecisionRow[]): void {
    if (this.held + rows.length > this.maxBuffered) {
      throw new BoundExceeded('decision_buffer', 'The decision log is not keeping up; retry shortly', 'overloaded');
    }
    this.held += rows.length;
    if (this.metrics) for (const row of rows) this.metrics.decisions.inc({ decision: row.decision });
    this.push(rows);
  }

  private push(rows: DecisionRow[]): void {
    this.buffer.push(...rows);
    if (this.buffer.length >= MAX_BATCH) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer.splice(0);
    if (batch.length === 0) return this.writing;
    // Batches queue behind each other; `held` keeps counting them until their insert is done.
    this.writing = this.writing.then(() =>
      insertDecisions(this.db, batch).then(
        () => {
          this.held -= batch.length;
        },
        (err: unknown) => {
          this.logger.error({ err, rows: batch.length }, 'writing the decision log failed; will retry');
          this.push(batch);
        },
      ),
    );
    return this.writing;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.flush();
  }
}

import type { Logger } from 'pino';
import type { Db } from '../db/client';
import { BoundExceeded } from '../domain/bounds';
import { type DecisionRow, sweepDecisions } from '../db/queries/policy';
import { decisionLine, insertDecisionLines } from '../db/queries/decision-log';

const FLUSH_MS = 200;
const MAX_BATCH = 1000;
const SWEEP_MS = 60 * 60 * 1000;

/**
 * Decisions are logged off the request path: buffered and written as one COPY every 200 ms (or
 * 1,000 rows), flushed on shutdown. A crash can lose at most that window. They wait as their COPY
 * text, one string per request: held as object graphs, every young-generation collection in those
 * 200 ms copied each of them again, which was a tenth of a bulk evaluation's CPU.
 */
export class DecisionRecorder {
  private buffer: string[] = [];
  private buffered = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    retentionDays: number,
    private readonly maxBuffered = 100_000,
    private readonly metrics?: { decisions: { inc(labels: { decision: string }, n: number): void } },
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
    const lines: string[] = [];
    const counts = new Map<string, number>();
    for (const row of rows) {
      lines.push(decisionLine(row));
      counts.set(row.decision, (counts.get(row.decision) ?? 0) + 1);
    }
    if (this.metrics) for (const [decision, n] of counts) this.metrics.decisions.inc({ decision }, n);
    // Joined, the lines are one flat string rather than a tree of pieces for the collector to copy.
    this.push(lines.join(''), rows.length);
  }

  private push(text: string, rows: number): void {
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
      insertDecisionLines(this.db, batch).then(
        () => {
          this.held -= rows;
        },
        (err: unknown) => {
          this.logger.error({ err, rows }, 'writing the decision log failed; will retry');
          this.push(batch, rows);
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

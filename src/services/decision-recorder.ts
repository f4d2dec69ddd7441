import type { Logger } from 'pino';
import type { Db } from '../db/client';
import type { DecisionRow } from '../db/queries/policy';
import { decisionLine, insertDecisionLines } from '../db/queries/decision-log';
import { CopyBuffer } from './copy-buffer';

/**
 * Decisions are logged off the request path (CopyBuffer). Retention is the worker's: its partition
 * maintenance drops the decision log's months past MIR_DECISION_RETENTION_DAYS (ADR 0009).
 */
export class DecisionRecorder {
  private readonly buffer: CopyBuffer;

  constructor(
    db: Db,
    logger: Logger,
    maxBuffered = 100_000,
    private readonly metrics?: { decisions: { inc(labels: { decision: string }, n: number): void } },
  ) {
    this.buffer = new CopyBuffer({
      write: (text) => insertDecisionLines(db, text),
      logger,
      maxHeld: maxBuffered,
      bound: 'decision_buffer',
      name: 'decision log',
    });
  }

  /** Refuses (503) rather than hold rows without end while the database cannot keep up. */
  record(rows: DecisionRow[]): void {
    this.buffer.reserve(rows.length);
    const lines: string[] = [];
    const counts = new Map<string, number>();
    for (const row of rows) {
      lines.push(decisionLine(row));
      counts.set(row.decision, (counts.get(row.decision) ?? 0) + 1);
    }
    if (this.metrics) for (const [decision, n] of counts) this.metrics.decisions.inc({ decision }, n);
    this.buffer.push(lines.join(''), rows.length);
  }

  flush(): Promise<void> {
    return this.buffer.flush();
  }

  async close(): Promise<void> {
    await this.buffer.flush();
  }
}

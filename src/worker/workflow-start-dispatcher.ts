import { ROOT_CONTEXT, context, propagation } from '@opentelemetry/api';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/client';
import {
  type QueuedStart,
  WORKFLOW_STARTS_CHANNEL,
  claimDueStarts,
  deleteStarts,
  recordStartFailure,
} from '../db/queries/workflow-starts';
import { type StartSettings, startQueuedWorkflow, temporalUnreachable } from '../temporal/client';

const BATCH = 100;
/** Starts in flight at once within a batch. */
const PARALLEL = 10;
/** A start Temporal refused (not one it never answered) waits longer each time, up to this. */
const MAX_BACKOFF_MS = 5 * 60_000;

export interface DispatcherOptions {
  database: Database;
  temporal: Client;
  logger: Logger;
  /** Its own task queue (the rows it takes, and where their workflows run) and config. */
  settings: StartSettings;
  /** The sweep that backs up LISTEN/NOTIFY (a notification is lost while the connection reconnects). */
  sweepMs: number;
  /** Each start's deadline, so a batch never holds its rows for longer than Temporal is slow. */
  callTimeoutMs: number;
}

type Outcome = { row: QueuedStart; result?: Awaited<ReturnType<typeof startQueuedWorkflow>>; err?: unknown };

/**
 * Drains the outbox (`workflow_starts`) of its task queue: woken by NOTIFY at each commit that
 * queued a start, and sweeping every sweepMs besides. A batch is claimed in one transaction with
 * FOR UPDATE SKIP LOCKED, its workflows started, and the started rows deleted in that same
 * transaction: another dispatcher skips the claimed rows, and one killed mid-batch leaves them
 * all (its transaction rolls back) to a dispatcher that starts them again, each under its row's
 * request id, which Temporal answers with the run it already has. Already started is success.
 * A signal-with-start row is sent again too: one more wake-up of a workflow that reads Postgres.
 */
export class WorkflowStartDispatcher {
  private stopped = false;
  private wake: (() => void) | null = null;
  /** A commit notified while a batch was running: look again before sleeping. */
  private notified = false;
  /** The last batch met a Temporal that did not answer: wait for the sweep before the next. */
  private stalled = false;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly opts: DispatcherOptions) {}

  async start(): Promise<void> {
    try {
      const listening = await this.opts.database.sql.listen(WORKFLOW_STARTS_CHANNEL, () => {
        this.notified = true;
        this.wake?.();
      });
      this.unlisten = listening.unlisten;
    } catch (err) {
      this.opts.logger.warn({ err }, 'workflow start dispatcher cannot LISTEN; sweeping only');
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.unlisten?.().catch(() => undefined);
  }

  /** One batch; answers how many rows it claimed. */
  dispatchOnce(): Promise<number> {
    return this.opts.database.db.transaction(async (tx) => {
      const rows = await claimDueStarts(tx, this.opts.settings.taskQueue, BATCH);
      const outcomes: Outcome[] = [];
      this.stalled = false;
      for (let i = 0; i < rows.length && !this.stopped && !this.stalled; i += PARALLEL) {
        const chunk = await Promise.all(rows.slice(i, i + PARALLEL).map((row) => this.startOne(row)));
        outcomes.push(...chunk);
        // Temporal does not answer: the rest of the batch would only wait for it too.
        this.stalled = chunk.some((o) => o.err !== undefined && temporalUnreachable(o.err));
      }
      await this.record(tx, outcomes);
      return rows.length;
    });
  }

  private async startOne(row: QueuedStart): Promise<Outcome> {
    const parent = propagation.extract(ROOT_CONTEXT, row.traceContext ?? {});
    try {
      // The writer's trace, when it had one: the start is a span of the request that queued it.
      const outcome = await context.with(parent, () =>
        this.opts.temporal.withDeadline(Date.now() + this.opts.callTimeoutMs, () =>
          startQueuedWorkflow(this.opts.temporal, this.opts.settings, row),
        ),
      );
      return { row, result: outcome };
    } catch (err) {
      return { row, err };
    }
  }

  private async record(tx: Tx, outcomes: Outcome[]): Promise<void> {
    const failed = outcomes.filter((o) => o.err !== undefined);
    await deleteStarts(
      tx,
      outcomes.filter((o) => o.err === undefined).map((o) => o.row.id),
    );
    for (const { row, err } of failed) {
      // Unanswered starts are tried again at the next sweep; refused ones back off.
      const retryInMs = temporalUnreachable(err)
        ? 0
        : Math.min(MAX_BACKOFF_MS, this.opts.sweepMs * 2 ** Math.min(row.attempts, 20));
      await recordStartFailure(tx, row.id, err instanceof Error ? err.message : String(err), retryInMs);
      this.opts.logger.warn({ err, workflowId: row.workflowId, attempts: row.attempts + 1 }, 'workflow start failed');
    }
    if (outcomes.length > 0) {
      const count = (result: Outcome['result']) => outcomes.filter((o) => o.result === result).length;
      this.opts.logger.info(
        {
          started: count('started'),
          alreadyStarted: count('already_started'),
          signalled: count('signalled'),
          failed: failed.length,
        },
        'workflow starts dispatched',
      );
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let handled = 0;
      this.notified = false;
      try {
        handled = await this.dispatchOnce();
      } catch (err) {
        this.stalled = true;
        this.opts.logger.warn({ err }, 'workflow start dispatch failed; retrying');
      }
      const more = handled === BATCH || this.notified;
      if ((this.stalled || !more) && !this.stopped) await this.sleep(this.opts.sweepMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

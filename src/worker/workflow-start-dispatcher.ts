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
import { DrainLoop } from './drain-loop';

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
  /** The sweep that backs up LISTEN/NOTIFY (DrainLoop). */
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
  private readonly loop: DrainLoop;

  constructor(private readonly opts: DispatcherOptions) {
    this.loop = new DrainLoop({
      database: opts.database,
      logger: opts.logger,
      name: 'workflow start dispatcher',
      channel: WORKFLOW_STARTS_CHANNEL,
      sweepMs: opts.sweepMs,
      pass: () => this.dispatchOnce(),
    });
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One batch. Stalled: it met a Temporal that did not answer, so the next waits for the sweep. */
  private dispatchOnce(): Promise<{ more: boolean; stalled: boolean }> {
    return this.opts.database.db.transaction(async (tx) => {
      const rows = await claimDueStarts(tx, this.opts.settings.taskQueue, BATCH);
      const outcomes: Outcome[] = [];
      let stalled = false;
      for (let i = 0; i < rows.length && !this.loop.stopping && !stalled; i += PARALLEL) {
        const chunk = await Promise.all(rows.slice(i, i + PARALLEL).map((row) => this.startOne(row)));
        outcomes.push(...chunk);
        // Temporal does not answer: the rest of the batch would only wait for it too.
        stalled = chunk.some((o) => o.err !== undefined && temporalUnreachable(o.err));
      }
      await this.record(tx, outcomes);
      return { more: rows.length === BATCH, stalled };
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
}

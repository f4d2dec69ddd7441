import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Database } from '../db/client';
import { markDispatched, undispatchedDeliveries } from '../db/queries/webhook-deliveries';
import { WEBHOOK_OUTBOX_CHANNEL } from '../db/queries/webhook-events';
import { startWebhookDelivery } from '../temporal/client';

const BATCH = 100;

export interface DispatcherOptions {
  database: Database;
  temporal: Client;
  logger: Logger;
  /** Where a delivery runs when its row names no queue. */
  taskQueue: string;
  retryScheduleMs: number[];
  /** The poll that backs up LISTEN/NOTIFY (a notification is lost while the connection reconnects). */
  intervalMs: number;
}

/**
 * Turns outbox rows (deliveries written with the change they report) into delivery workflows:
 * woken by NOTIFY at each commit that wrote one, and polling every intervalMs besides. Starting is
 * idempotent (the workflow id is the delivery's), so several workers may run a dispatcher, and
 * one that dies between starting and marking a row loses nothing.
 */
export class WebhookDispatcher {
  private stopped = false;
  private wake: (() => void) | null = null;
  /** A commit notified while a batch was running: look again before sleeping. */
  private notified = false;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly opts: DispatcherOptions) {}

  async start(): Promise<void> {
    try {
      const listening = await this.opts.database.sql.listen(WEBHOOK_OUTBOX_CHANNEL, () => {
        this.notified = true;
        this.wake?.();
      });
      this.unlisten = listening.unlisten;
    } catch (err) {
      this.opts.logger.warn({ err }, 'webhook dispatcher cannot LISTEN; polling only');
    }
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.unlisten?.().catch(() => undefined);
  }

  /** Starts what the outbox holds; answers how many rows it handled. */
  async dispatchOnce(): Promise<number> {
    const rows = await undispatchedDeliveries(this.opts.database.db, BATCH);
    const done: string[] = [];
    try {
      for (const row of rows) {
        if (this.stopped) break;
        await startWebhookDelivery(this.opts.temporal, row.taskQueue ?? this.opts.taskQueue, {
          deliveryId: row.id,
          organizationId: row.organizationId,
          endpointId: row.endpointId,
          eventType: row.eventType,
          retryScheduleMs: this.opts.retryScheduleMs,
        });
        done.push(row.id);
      }
    } finally {
      // What did start is marked even when a later start failed, so it is not started again.
      if (done.length > 0) await markDispatched(this.opts.database.db, done);
    }
    return rows.length;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let handled = 0;
      this.notified = false;
      try {
        handled = await this.dispatchOnce();
      } catch (err) {
        this.opts.logger.warn({ err }, 'webhook dispatch failed; retrying');
      }
      if (handled < BATCH && !this.notified && !this.stopped) await this.sleep(this.opts.intervalMs);
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

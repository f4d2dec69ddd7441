import type { Db } from '../db/client';
import { BoundExceeded } from '../domain/bounds';
import { type NewEvent, type OwnedEvent, type StoredEvent, insertEvent, storeEvents } from '../db/queries/events';

interface Waiting extends OwnedEvent {
  /** Null: the user is suppressed (storeEvents). */
  resolve: (stored: StoredEvent | null) => void;
  reject: (err: unknown) => void;
}

// One write at a time: measured against two, it raises the average batch under ten concurrent
// senders from 3 events to 5, which cuts the work per event enough to serve 13-25% more events
// per second, with a lower p99.
const MAX_IN_FLIGHT = 1;
const MAX_BATCH = 200;

/**
 * Group commit for POST /events. A lone event is written at once; events that arrive while a
 * write is running wait for it to finish and then go together, in one statement and one commit.
 * Nothing is added to a quiet request's latency, and under load a commit and a round trip are
 * shared by every event that queued behind them.
 *
 * Each caller's promise settles only once its event is committed, so the 201 still means stored.
 * A batch is one statement: should it fail, every event in it fails and none is stored, so each
 * caller may retry. Writes inside a caller's transaction (an Idempotency-Key) never come here.
 */
export class EventWriter {
  private queue: Waiting[] = [];
  private inFlight = 0;

  /** `maxQueued` bounds the memory a burst can take: past it a caller gets 503 at once. */
  constructor(
    private readonly db: Db,
    private readonly maxQueued = 10_000,
    private readonly metrics?: { batchSize: { observe(value: number): void } },
  ) {}

  write(organizationId: string, event: NewEvent): Promise<StoredEvent | null> {
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(
        new BoundExceeded(
          'event_queue',
          `${this.maxQueued} events are waiting to be written; retry shortly`,
          'overloaded',
        ),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ organizationId, event, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight += 1;
      void this.flush(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: Waiting[]): Promise<void> {
    try {
      const stored =
        batch.length === 1
          ? [await insertEvent(this.db, batch[0]!.organizationId, batch[0]!.event)]
          : await storeEvents(this.db, batch);
      this.metrics?.batchSize.observe(batch.length);
      stored.forEach((s, i) => batch[i]!.resolve(s));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}

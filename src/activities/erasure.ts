import { Context } from '@temporalio/activity';
import type { Db } from '../db/client';
import { beginErasure, eraseStep, openErasureByAccount } from '../db/queries/erasure-progress';
import { type ErasureSummary, finishErasure, purgeErasureNotices } from '../db/queries/erasure-finish';

export type { ErasureSummary } from '../db/queries/erasure-finish';
export type { OpenErasure } from '../db/queries/erasure-progress';

/** Steps per activity: its history stays small, and a worker that dies loses at most one step. */
const STEPS_PER_BATCH = 500;

function heartbeat(details: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    /* not in an activity (a test or script calling it directly) */
  }
}

/**
 * A person's erasure (the erasure workflow). Postgres holds every bit of its state, each step
 * commits with its count, so every activity is safe to run again from the start.
 */
export function createErasureActivities(db: Db) {
  return {
    async openErasure(input: { accountId: string }) {
      return openErasureByAccount(db, input.accountId);
    },

    async beginErasure(input: { erasureId: string }) {
      return beginErasure(db, input.erasureId);
    },

    /**
     * Steps of the erasure in committed chunks, heartbeating after each, until it is done, waits
     * for webhook deliveries, or has run STEPS_PER_BATCH steps.
     */
    async eraseBatch(input: { erasureId: string }): Promise<{ done: boolean; waiting: boolean }> {
      for (let steps = 1; ; steps += 1) {
        const step = await eraseStep(db, input.erasureId);
        heartbeat({ steps });
        if (step.done || step.waiting || steps >= STEPS_PER_BATCH) return step;
      }
    },

    async finishErasure(input: { erasureId: string }): Promise<ErasureSummary | null> {
      return finishErasure(db, input.erasureId);
    },

    async purgeErasureNotices(input: { erasureId: string }): Promise<ErasureSummary | null> {
      return purgeErasureNotices(db, input.erasureId);
    },
  };
}

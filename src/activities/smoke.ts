import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { smokePings } from '../db/schema';

export interface RecordSmokePingInput {
  pingId: string;
  workflowId: string;
}

export interface SmokePingResult {
  pingId: string;
  recordedAt: string;
}

export function createSmokeActivities(db: Db) {
  return {
    /** Safe to retry: a second attempt finds the first row and returns its original time. */
    async recordSmokePing(input: RecordSmokePingInput): Promise<SmokePingResult> {
      const [row] = await db
        .insert(smokePings)
        .values({ id: input.pingId, workflowId: input.workflowId })
        .onConflictDoUpdate({ target: smokePings.id, set: { id: sql`excluded.id` } })
        .returning();
      if (!row) throw new Error('smoke ping upsert returned no row');
      return { pingId: row.id, recordedAt: row.recordedAt.toISOString() };
    },
  };
}

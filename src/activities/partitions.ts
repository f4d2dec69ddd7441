import type { Db } from '../db/client';
import { type PartitionOutcome, maintainPartitions } from '../db/queries/partitions';

export type { PartitionOutcome } from '../db/queries/partitions';

export interface PartitionOptions {
  /** MIR_DECISION_RETENTION_DAYS. */
  decisionRetentionDays: number;
  /** MIR_EVENT_RETENTION_DAYS; undefined keeps events for ever. */
  eventRetentionDays?: number;
}

/** Months created ahead of the current one: three daily runs could fail in a row for a quarter. */
export const MONTHS_AHEAD = 3;

export function createPartitionActivities(db: Db, opts: PartitionOptions = { decisionRetentionDays: 90 }) {
  return {
    /**
     * Creates the months ahead, empties the DEFAULT partitions into their months and drops the
     * months past retention, for events and the decision log. Safe to retry and to run twice at
     * once: each table's run takes an advisory lock, and what exists is left as it is.
     */
    async maintainPartitions(): Promise<PartitionOutcome[]> {
      return [
        await maintainPartitions(db, {
          table: 'events',
          monthsAhead: MONTHS_AHEAD,
          retentionDays: opts.eventRetentionDays,
        }),
        await maintainPartitions(db, {
          table: 'policy_decisions',
          monthsAhead: MONTHS_AHEAD,
          retentionDays: opts.decisionRetentionDays,
        }),
      ];
    },
  };
}

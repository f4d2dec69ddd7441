import { Context } from '@temporalio/activity';
import type { Db } from '../db/client';
import { completeRevocation, revokeDescendantsChunk, revokedSoFar } from '../db/queries/revocation-batches';

/** Agents revoked per transaction: small enough for short row locks, large enough to be cheap. */
export const REVOKE_CHUNK = 250;

export interface RevocationSummary {
  operationId: string;
  rootAgentId: string;
  total: number;
  revoked: number;
  status: string;
}

function heartbeat(details: unknown): void {
  // Also callable outside a worker (tests, scripts), where there is nothing to heartbeat to.
  try {
    Context.current().heartbeat(details);
  } catch {
    /* not in an activity */
  }
}

/** The kill switch: a family revoked in committed, heartbeated chunks (revokeDescendants workflow). */
export function createKillSwitchActivities(db: Db) {
  return {
    /**
     * Up to `maxAgents` revocations in committed chunks, heartbeating after each, so a worker
     * killed midway loses at most one uncommitted chunk and the retry resumes from the database.
     */
    async revokeDescendantsBatch(input: { operationId: string; maxAgents: number }) {
      let revoked = 0;
      while (revoked < input.maxAgents) {
        const n = await revokeDescendantsChunk(
          db,
          input.operationId,
          Math.min(REVOKE_CHUNK, input.maxAgents - revoked),
        );
        revoked += n;
        heartbeat({ revoked });
        if (n === 0) return { revoked, done: true, revokedSoFar: await revokedSoFar(db, input.operationId) };
      }
      return { revoked, done: false, revokedSoFar: await revokedSoFar(db, input.operationId) };
    },

    async finishRevocation(input: { operationId: string }): Promise<RevocationSummary> {
      const op = await completeRevocation(db, input.operationId);
      return {
        operationId: op.id,
        rootAgentId: op.rootAgentId,
        total: op.total,
        revoked: op.revoked,
        status: op.status,
      };
    },
  };
}

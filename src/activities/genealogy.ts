import { Context } from '@temporalio/activity';
import type { Db } from '../db/client';
import { completeRevocation, revokeDescendantsChunk, revokedSoFar } from '../db/queries/revocation-batches';
import { decideSpawnRequest, expireSpawnRequest } from '../db/queries/spawn-decisions';
import type { Decider } from '../db/queries/spawn-requests';

export type { SpawnDecisionOutcome } from '../db/queries/spawn-decisions';

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

export function createGenealogyActivities(db: Db) {
  return {
    /** A decision sent to spawnApproval (a signal from the CLI or UI, an update from the API); first wins. */
    async decideSpawn(input: {
      spawnRequestId: string;
      decision: 'approve' | 'reject';
      approver: string;
      reason: string | null;
      /** Present for a REST decision: the partner key that made it (null only for a keyless caller). */
      viaApiKey?: string | null;
      /** An operator's decision over the admin API (`npm run mir -- spawn-requests approve`). */
      viaAdminApi?: boolean;
    }) {
      const decider: Decider = input.viaAdminApi
        ? { type: 'admin', id: input.approver, via: 'admin_api' }
        : input.viaApiKey !== undefined
          ? { type: 'api_key', id: input.viaApiKey, via: 'api' }
          : { type: 'admin', id: input.approver, via: 'temporal_signal' };
      return decideSpawnRequest(db, {
        spawnRequestId: input.spawnRequestId,
        decision: input.decision,
        decider,
        reason: input.reason,
      });
    },

    async expireSpawn(input: { spawnRequestId: string }) {
      return expireSpawnRequest(db, input.spawnRequestId);
    },

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

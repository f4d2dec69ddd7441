import type { Db } from '../db/client';
import { queueApprovalReminderMails } from '../db/queries/approver-mails';
import { decideSpawnRequest, expireSpawnRequest } from '../db/queries/spawn-outcomes';
import type { Decider } from '../db/queries/spawn-requests';

export type { SpawnDecisionOutcome } from '../db/queries/spawn-outcomes';

/** A spawn request's one decision (spawnApproval workflow): approved, rejected or expired. */
export function createSpawnApprovalActivities(db: Db) {
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
      /** A person's decision with their session: their MIR account id. */
      viaSession?: string;
    }) {
      const decider: Decider = input.viaAdminApi
        ? { type: 'admin', id: input.approver, via: 'admin_api' }
        : input.viaSession !== undefined
          ? { type: 'user', id: input.viaSession, via: 'session' }
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

    /** A day before the deadline: mails the approvers again if the request still waits; once, even when retried. */
    async remindSpawnApprovers(input: { spawnRequestId: string }): Promise<{ queued: number }> {
      return { queued: await queueApprovalReminderMails(db, input.spawnRequestId) };
    },
  };
}

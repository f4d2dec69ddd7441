import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import type { Database } from '../db/client';
import { pipelinedTransaction } from '../db/pipelined';
import { insertSupersedingCode, isSecretHashConflict } from '../db/queries/link-codes';
import { findRequestBySecret } from '../db/queries/link-requests';
import { type LinkRequestRef } from '../domain/links';
import { lockedLinkState } from '../db/queries/link-state';
import { CODE_TTL_MS, newLinkCode, normalizeLinkCode } from '../domain/link-codes';
import { keyedHash } from '../domain/keys';
import type { ConfirmOutcome } from '../domain/links';
import { confirmLink, workflowIds } from '../temporal/client';
import type { ServiceDeps } from './deps';
import { ApiError, userAlreadyLinked } from '../domain/errors';
import { queueLinkWorkflow } from './link-workflows';
import { callQueuedWorkflow } from './queued-workflows';
import { admitAttempt, ipScope } from './throttle';

type Deps = Pick<ServiceDeps, 'database' | 'linkCodeKey' | 'temporal'>;

export const CODE_FAILURE_LIMIT = 5;
/** Wrong codes per client address, whatever account they come from. */
export const CODE_FAILURE_LIMIT_PER_IP = 20;
export const CODE_WINDOW_SECONDS = 15 * 60;

/** 20^8 codes: a draw colliding with a stored hash (of any status) is rare; five in a row means a bug. */
const ISSUE_ATTEMPTS = 5;

/** What the key for link codes is derived for (deriveKey); changing it voids every pending code. */
export const LINK_CODE_KEY_PURPOSE = 'mir link codes v1';

/**
 * A new pending code for the partner user; earlier pending codes are closed (see
 * insertSupersedingCode). The plaintext is returned to the caller only: Postgres keeps its HMAC
 * under `key` (20^8 codes are too few for a plain hash to hide them) and Temporal only the
 * request id. The code's workflow start commits with it (the outbox).
 */
export async function issueLinkCode(
  database: Database,
  key: Buffer,
  params: { organizationId: string; userId: string; agentId: string | null },
): Promise<{ request: LinkRequestRef; code: string }> {
  for (let attempt = 1; ; attempt += 1) {
    const code = newLinkCode();
    try {
      const request = await pipelinedTransaction(database, async (tx) => {
        const state = await lockedLinkState(tx, params.organizationId, params.userId);
        if (state.linked) throw userAlreadyLinked();
        const issued = await insertSupersedingCode(tx, {
          organizationId: params.organizationId,
          partnerUserId: state.partnerUserId,
          secretHash: keyedHash(code, key),
          expiresAt: new Date(Date.now() + CODE_TTL_MS),
        });
        await queueLinkWorkflow(tx, issued, params.agentId);
        return issued;
      });
      return { request, code };
    } catch (err) {
      if (!isSecretHashConflict(err) || attempt >= ISSUE_ATTEMPTS) throw err;
    }
  }
}

/** The same answer for unknown, malformed, used, superseded and expired codes: it reveals nothing. */
const invalidCode = () => new ApiError('invalid_code', 'This code is not valid; check it or ask for a new one');

/**
 * Redeems a code for a logged-in, verified MIR user. Order matters: the attempt is counted (per
 * person and per client address) before anything is looked up, so a burst of parallel guesses
 * cannot pass the limit, and throwaway accounts on one address share that address's limit.
 * Every wrong code (unknown, malformed, used, expired) costs the same queries and stays counted;
 * a code that links (or is valid but already linked) takes its attempt back.
 */
export async function redeemLinkCode(
  deps: Deps,
  mirUserId: string,
  input: string,
  ip: string | undefined,
): Promise<{ partner: { id: string; name: string }; linkedAt: string }> {
  const db = deps.database.db;
  const attempt = await admitAttempt(
    db,
    [
      { scope: `code:user:${mirUserId}`, limit: CODE_FAILURE_LIMIT, windowSeconds: CODE_WINDOW_SECONDS },
      { scope: ipScope('code', ip), limit: CODE_FAILURE_LIMIT_PER_IP, windowSeconds: CODE_WINDOW_SECONDS },
    ],
    'Too many wrong codes',
  );
  const code = normalizeLinkCode(input);
  const found = await findRequestBySecret(db, keyedHash(code ?? input, deps.linkCodeKey));
  const usable =
    code !== null &&
    found !== null &&
    found.request.kind === 'code' &&
    found.request.status === 'PENDING' &&
    found.request.expiresAt.getTime() > Date.now();
  if (!found || !usable) throw invalidCode();

  let outcome: ConfirmOutcome;
  try {
    const workflowId = workflowIds.linkRequest(found.request);
    outcome = await callQueuedWorkflow(db, workflowId, () => confirmLink(deps.temporal, found.request, mirUserId));
  } catch (err) {
    const unavailable = err instanceof ApiError && err.code === 'worker_unavailable';
    if (unavailable || err instanceof ServiceError || err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      await attempt.refund();
      throw new ApiError('worker_unavailable', 'Linking is unavailable right now; try the same code again shortly');
    }
    // The workflow finished (expired, used) or its validator refused: the code is spent.
    if (!(err instanceof WorkflowNotFoundError || err instanceof WorkflowUpdateFailedError)) throw err;
    outcome = { ok: false, reason: 'not_pending' };
  }
  if (outcome.ok) {
    await attempt.refund();
    return {
      partner: { id: found.request.organizationId, name: found.partnerName },
      linkedAt: outcome.linkedAt,
    };
  }
  if (outcome.reason === 'account_closing') {
    await attempt.refund();
    throw new ApiError('invalid_state', 'Your account is being erased: cancel the erasure to link it again');
  }
  if (outcome.reason === 'already_linked') {
    await attempt.refund();
    throw new ApiError('already_linked', 'You or this partner account already have an active link');
  }
  throw invalidCode();
}

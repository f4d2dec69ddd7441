import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { MirUserId } from './search-attributes';
import type { Activities } from '../activities';
import {
  type ConfirmOutcome,
  type LinkRequestStatus,
  confirmLinkUpdate,
  declineLinkUpdate,
  linkStatusQuery,
} from './messages';

const { confirmLinkRequest, closeLinkRequest } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 20 },
});

export interface LinkRequestInput {
  requestId: string;
  organizationId: string;
  expiresAt: string;
}

/**
 * Waits for the person: a confirmation writes the link through an activity, a refusal or the
 * deadline closes the request. Only ids and times are in the input; the token never is.
 *
 * It decides once: confirm, decline and the deadline each take their turn (`deciding`, taken with
 * no await between the check and the set), so one that arrives while another is being written
 * waits for it and then sees its result. Closing returns the row's real status, so the result is
 * always what Postgres holds.
 */
async function awaitPersonsDecision(kind: string, input: LinkRequestInput): Promise<LinkRequestStatus> {
  let status: LinkRequestStatus = 'PENDING';
  let deciding = false;
  const turn = async () => {
    while (deciding) await condition(() => !deciding);
    deciding = true;
  };
  const open = () => {
    if (status !== 'PENDING') throw new Error(`this ${kind} is already ${status.toLowerCase()}`);
  };
  const settle = (next: LinkRequestStatus) => {
    status = next;
    if (next !== 'PENDING') setCurrentDetails(`${kind} ${input.requestId}: ${next.toLowerCase()}`);
  };
  setCurrentDetails(
    `${kind} ${input.requestId} of ${input.organizationId}: waiting for the person to ${kind === 'code' ? 'redeem the code' : 'confirm or decline'}, deadline ${input.expiresAt}`,
  );
  setHandler(linkStatusQuery, () => status);
  setHandler(
    confirmLinkUpdate,
    async ({ mirUserId }): Promise<ConfirmOutcome> => {
      await turn();
      try {
        if (status !== 'PENDING') return { ok: false, reason: 'not_pending' };
        const outcome = await confirmLinkRequest({ requestId: input.requestId, mirUserId });
        if (outcome.ok) {
          // Runs recorded before the person was searchable carry on without the new command.
          if (patched('link-sets-mir-user-id')) upsertSearchAttributes([{ key: MirUserId, value: mirUserId }]);
          settle('CONFIRMED');
        }
        return outcome;
      } finally {
        deciding = false;
      }
    },
    { validator: (_input: { mirUserId: string }) => open() },
  );
  setHandler(
    declineLinkUpdate,
    async () => {
      await turn();
      try {
        if (status === 'PENDING') {
          settle((await closeLinkRequest({ requestId: input.requestId, status: 'DECLINED' })) ?? 'DECLINED');
        }
        return status;
      } finally {
        deciding = false;
      }
    },
    { validator: open },
  );
  const remainingMs = Math.max(0, Date.parse(input.expiresAt) - Date.now());
  if (!(await condition(() => status !== 'PENDING', remainingMs))) {
    // A confirmation already being written at the deadline finishes first; it may have won.
    await turn();
    if (status === 'PENDING') {
      settle((await closeLinkRequest({ requestId: input.requestId, status: 'EXPIRED' })) ?? 'EXPIRED');
    }
    deciding = false;
  }
  await condition(allHandlersFinished);
  return status;
}

export const linkInviteWorkflow = (input: LinkRequestInput) => awaitPersonsDecision('invite', input);
export const linkCodeWorkflow = (input: LinkRequestInput) => awaitPersonsDecision('code', input);

import { allHandlersFinished, condition, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { type LinkRequestStatus, confirmLinkUpdate, declineLinkUpdate, linkStatusQuery } from './messages';

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
 * It decides once. `deciding` is set by an accepted update before its first await, so a second
 * confirm or a decline that arrives while the first is being written is refused by its validator,
 * and the deadline waits for a decision under way instead of racing it. Closing returns the row's
 * real status, so the result is always what Postgres holds.
 */
async function awaitPersonsDecision(kind: string, input: LinkRequestInput): Promise<LinkRequestStatus> {
  let status: LinkRequestStatus = 'PENDING';
  let deciding = false;
  const open = () => {
    if (status !== 'PENDING') throw new Error(`this ${kind} is already ${status.toLowerCase()}`);
    if (deciding) throw new Error(`this ${kind} is being decided`);
  };
  setCurrentDetails(
    `${kind} ${input.requestId} for ${input.organizationId}: waiting for the person until ${input.expiresAt}`,
  );
  setHandler(linkStatusQuery, () => status);
  setHandler(
    confirmLinkUpdate,
    async ({ mirUserId }) => {
      deciding = true;
      try {
        const outcome = await confirmLinkRequest({ requestId: input.requestId, mirUserId });
        if (outcome.ok) {
          status = 'CONFIRMED';
          setCurrentDetails(`${kind} ${input.requestId}: confirmed by ${mirUserId}`);
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
      deciding = true;
      try {
        status = (await closeLinkRequest({ requestId: input.requestId, status: 'DECLINED' })) ?? 'DECLINED';
        setCurrentDetails(`${kind} ${input.requestId}: ${status.toLowerCase()}`);
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
    await condition(() => !deciding);
    if (status === 'PENDING') {
      deciding = true;
      status = (await closeLinkRequest({ requestId: input.requestId, status: 'EXPIRED' })) ?? 'EXPIRED';
      setCurrentDetails(`${kind} ${input.requestId}: ${status.toLowerCase()}`);
    }
  }
  await condition(allHandlersFinished);
  return status;
}

export const linkInviteWorkflow = (input: LinkRequestInput) => awaitPersonsDecision('invite', input);
export const linkCodeWorkflow = (input: LinkRequestInput) => awaitPersonsDecision('code', input);

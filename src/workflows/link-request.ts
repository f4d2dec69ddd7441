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
 */
async function awaitPersonsDecision(kind: string, input: LinkRequestInput): Promise<LinkRequestStatus> {
  let status: LinkRequestStatus = 'PENDING';
  const stillPending = () => {
    if (status !== 'PENDING') throw new Error(`this ${kind} is already ${status.toLowerCase()}`);
  };
  setCurrentDetails(
    `${kind} ${input.requestId} for ${input.organizationId}: waiting for the person until ${input.expiresAt}`,
  );
  setHandler(linkStatusQuery, () => status);
  setHandler(
    confirmLinkUpdate,
    async ({ mirUserId }) => {
      const outcome = await confirmLinkRequest({ requestId: input.requestId, mirUserId });
      if (outcome.ok) {
        status = 'CONFIRMED';
        setCurrentDetails(`${kind} ${input.requestId}: confirmed by ${mirUserId}`);
      }
      return outcome;
    },
    { validator: (_input: { mirUserId: string }) => stillPending() },
  );
  setHandler(
    declineLinkUpdate,
    async () => {
      await closeLinkRequest({ requestId: input.requestId, status: 'DECLINED' });
      status = 'DECLINED';
      setCurrentDetails(`${kind} ${input.requestId}: declined`);
      return status;
    },
    { validator: stillPending },
  );
  const remainingMs = Math.max(0, Date.parse(input.expiresAt) - Date.now());
  if (!(await condition(() => status !== 'PENDING', remainingMs))) {
    await closeLinkRequest({ requestId: input.requestId, status: 'EXPIRED' });
    status = 'EXPIRED';
    setCurrentDetails(`${kind} ${input.requestId}: expired`);
  }
  await condition(allHandlersFinished);
  return status;
}

export const linkInviteWorkflow = (input: LinkRequestInput) => awaitPersonsDecision('invite', input);
export const linkCodeWorkflow = (input: LinkRequestInput) => awaitPersonsDecision('code', input);

import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ParentClosePolicy,
  defineQuery,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  startChild,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { workflowIds } from '../domain/workflow-ids';
import { MirOperation, MirOrgId, NO_ORGANIZATION } from './search-attributes';

// Small writes that must happen, however long Postgres is away: retried until they do.
const { createIssuerKey, nextIssuerKeyRotation, retireIssuerKey } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/** Where a rotation stands: kids and times only, never key material. */
export interface IssuerKeyRotationProgress {
  generation: number;
  phase: 'CREATING' | 'PUBLISHED' | 'RETIRING_PREVIOUS' | 'DONE';
  kid: string | null;
  signsFrom: string | null;
  previousKid: string | null;
  /** When the previous key's last credential expires (the rotation's next look), while it waits. */
  previousRetiresAt: string | null;
  previousRetiredAt: string | null;
}

export const issuerKeyRotationQuery = defineQuery<IssuerKeyRotationProgress>('issuerKeyRotation');

/** Temporal's clock and Postgres's may differ a little: never wake again at once. */
const untilAtLeastASecond = (iso: string) => Math.max(1000, Date.parse(iso) - Date.now());

/**
 * `issuer-key-rotation:<generation>`: makes key `generation` (published in the JWKS at once),
 * waits until it signs (MIR_ISSUER_KEY_PREPUBLISH_SECONDS later), then waits until every
 * credential the previous key signed has expired and retires it, so the JWKS drops it. Only kids
 * and times pass through here; the private key is made and encrypted inside the activity.
 */
export async function issuerKeyRotationWorkflow(input: { generation: number }): Promise<IssuerKeyRotationProgress> {
  const progress: IssuerKeyRotationProgress = {
    generation: input.generation,
    phase: 'CREATING',
    kid: null,
    signsFrom: null,
    previousKid: null,
    previousRetiresAt: null,
    previousRetiredAt: null,
  };
  setHandler(issuerKeyRotationQuery, () => progress);
  const { key, previous } = await createIssuerKey({ generation: input.generation });
  Object.assign(progress, {
    phase: 'PUBLISHED',
    kid: key.kid,
    signsFrom: key.signsFrom,
    previousKid: previous?.kid ?? null,
  });
  setCurrentDetails(
    `issuer key ${key.kid} (generation ${key.generation}) is published; it signs from ${key.signsFrom}`,
  );
  await sleep(untilAtLeastASecond(key.signsFrom));
  if (previous) {
    progress.phase = 'RETIRING_PREVIOUS';
    for (;;) {
      const outcome = await retireIssuerKey({ kid: previous.kid });
      if ('retiredAt' in outcome) {
        Object.assign(progress, { previousRetiresAt: null, previousRetiredAt: outcome.retiredAt });
        break;
      }
      progress.previousRetiresAt = outcome.waitUntil;
      setCurrentDetails(
        `issuer key ${key.kid} signs; the previous key ${previous.kid} stays published until ${outcome.waitUntil}, when its last credential has expired`,
      );
      await sleep(untilAtLeastASecond(outcome.waitUntil));
    }
  }
  progress.phase = 'DONE';
  setCurrentDetails(`issuer key ${key.kid} signs${previous ? `; ${previous.kid} retired` : ''}`);
  return progress;
}

/**
 * What the `issuer-key-rotation` Schedule runs: starts the next rotation under its business key,
 * unless a new key is still waiting to sign (a rotation is under way) or an operator's
 * `issuer-keys rotate` started it at the same moment. The rotation outlives this run (ABANDON).
 */
export async function scheduledIssuerKeyRotationWorkflow(): Promise<{ workflowId: string; started: boolean }> {
  const next = await nextIssuerKeyRotation();
  if (next.pending) return { workflowId: workflowIds.issuerKeyRotation(next.pending.generation), started: false };
  const workflowId = workflowIds.issuerKeyRotation(next.generation);
  try {
    await startChild(issuerKeyRotationWorkflow, {
      workflowId,
      args: [{ generation: next.generation }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: MirOrgId, value: NO_ORGANIZATION },
        { key: MirOperation, value: 'issuer-key-rotation' },
      ],
      staticSummary: `Rotate the credential issuer key to generation ${next.generation} (scheduled)`,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
    throw err;
  }
  return { workflowId, started: true };
}

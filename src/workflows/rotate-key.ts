import { proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { KeyRotationOutcome } from '../activities/keys';

const { applyKeyRotation } = proxyActivities<Activities>({
  startToCloseTimeout: '5 seconds',
  // The API waits for the workflow (its execution timeout bounds every retry); a dead rotation is
  // an answer, not an error, so only infrastructure failures are retried.
  retry: { initialInterval: '250 milliseconds', backoffCoefficient: 2, maximumInterval: '2 seconds' },
});

/** Ids only: the new key's plaintext and hash stay in Postgres (hash) and the API's response (plaintext). */
export interface RotateKeyWorkflowInput {
  rotationId: string;
  organizationId: string;
  agentId: string;
}

/**
 * `key-rotate:<agentId>:<version>`: installs the key the API stored as a PENDING rotation. The
 * swap, the retired old hash and the `agent.key_rotated` audit entry commit in one activity.
 */
export async function rotateKeyWorkflow(input: RotateKeyWorkflowInput): Promise<KeyRotationOutcome> {
  setCurrentDetails(
    `rotation ${input.rotationId} of agent ${input.agentId} (${input.organizationId}): swapping the key`,
  );
  return applyKeyRotation({ rotationId: input.rotationId });
}

import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { workflowIds } from '../../domain/workflow-ids';
import {
  type IssuerKeyRotationProgress,
  issuerKeyRotationQuery,
  type issuerKeyRotationWorkflow,
} from '../../workflows/issuer-key-rotation';
import { MirOperation, MirOrgId, NO_ORGANIZATION } from '../../workflows/search-attributes';

/**
 * An operator's rotation to `generation` (the one after the newest key): under its business key,
 * so two asks at once, or an ask and the Schedule's run, start one rotation. A closed rotation of
 * the same generation (failed or terminated before its key was made) may run again.
 */
export async function startIssuerKeyRotation(
  client: Client,
  taskQueue: string,
  generation: number,
): Promise<'started' | 'already_started'> {
  try {
    await client.workflow.start<typeof issuerKeyRotationWorkflow>('issuerKeyRotationWorkflow', {
      workflowId: workflowIds.issuerKeyRotation(generation),
      taskQueue,
      args: [{ generation }],
      typedSearchAttributes: [
        { key: MirOrgId, value: NO_ORGANIZATION },
        { key: MirOperation, value: 'issuer-key-rotation' },
      ],
      staticSummary: `Rotate the credential issuer key to generation ${generation}`,
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already_started';
    throw err;
  }
}

/** Where the rotation to `generation` stands, as its workflow answers. */
export function issuerKeyRotationProgress(client: Client, generation: number): Promise<IssuerKeyRotationProgress> {
  return client.workflow.getHandle(workflowIds.issuerKeyRotation(generation)).query(issuerKeyRotationQuery);
}

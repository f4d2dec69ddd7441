import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { RegulationInput, regulationWorkflow } from '../../workflows/regulation';
import { MirOperation, MirOrgId } from '../../workflows/search-attributes';
import { workflowIds } from '../../domain/workflow-ids';

/**
 * Starts `regulation:<id>` for a regulation already committed. Its id names one row, so it never
 * runs twice; a run already there (a repeated start) is as good as a start.
 */
export async function startRegulation(client: Client, taskQueue: string, input: RegulationInput): Promise<void> {
  try {
    await client.workflow.start<typeof regulationWorkflow>('regulationWorkflow', {
      workflowId: workflowIds.regulation(input.regulationId),
      taskQueue,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: MirOrgId, value: input.organizationId },
        { key: MirOperation, value: 'regulation' },
      ],
      staticSummary: `${input.regulationType} regulation ${input.regulationId} for ${input.organizationId}`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

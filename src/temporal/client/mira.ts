import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { MiraMeetingInput } from '../../workflows/mira-meeting';
import { MiraOrgId, MirOperation, MirOrgId, NO_ORGANIZATION } from '../../workflows/search-attributes';
import { workflowIds } from '../../domain/workflow-ids';

/**
 * One run per meeting, ever (REJECT_DUPLICATE): starting it again, from a retried request or the
 * starter that picks up meetings Temporal never accepted, finds the first run and is harmless.
 */
export async function startMiraMeeting(client: Client, taskQueue: string, input: MiraMeetingInput): Promise<void> {
  try {
    await client.workflow.start('miraMeetingWorkflow', {
      workflowId: workflowIds.miraMeeting(input.meetingId),
      taskQueue,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: MirOrgId, value: NO_ORGANIZATION },
        { key: MiraOrgId, value: input.organizationId },
        { key: MirOperation, value: 'mira-meeting' },
      ],
      staticSummary: `Mira ${input.source === 'roleplay' ? 'roleplay session' : 'meeting'} ${input.meetingId}`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

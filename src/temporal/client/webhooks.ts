import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import type { webhookDeliveryWorkflow, WebhookDeliveryInput } from '../../workflows/webhook-delivery';
import { MirOperation, MirOrgId } from '../../workflows/search-attributes';
import { workflowIds } from '../../domain/workflow-ids';

/**
 * Starts `webhook-delivery:<deliveryId>` once: the id is the delivery's, and a delivery whose
 * workflow already ran (or runs) is never started again, so a dispatcher that crashed before
 * marking a row dispatched repeats nothing. A manual retry is a new delivery with its own id.
 */
export async function startWebhookDelivery(
  client: Client,
  taskQueue: string,
  input: WebhookDeliveryInput,
): Promise<'started' | 'already_started'> {
  try {
    await client.workflow.start<typeof webhookDeliveryWorkflow>('webhookDeliveryWorkflow', {
      workflowId: workflowIds.webhookDelivery(input.deliveryId),
      taskQueue,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: MirOrgId, value: input.organizationId },
        { key: MirOperation, value: 'webhook' },
      ],
      staticSummary: `Deliver ${input.eventType} to webhook ${input.endpointId}`,
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already_started';
    throw err;
  }
}

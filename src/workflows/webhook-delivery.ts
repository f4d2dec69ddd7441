import { proxyActivities, setCurrentDetails, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { AttemptOutcome } from '../activities/webhooks';

const { attemptWebhookDelivery } = proxyActivities<Activities>({
  // DNS (5 s) + the POST (15 s) + Postgres; a failed HTTP attempt is a result, not an error, so
  // only infrastructure failures (the database, a lost worker) retry the activity.
  startToCloseTimeout: '45 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Ids and the schedule only: the endpoint, its secrets and the payload stay in Postgres. */
export interface WebhookDeliveryInput {
  deliveryId: string;
  organizationId: string;
  endpointId: string;
  eventType: string;
  /** The wait before each attempt (the first is usually 0); MIR_WEBHOOK_RETRY_SCHEDULE_MS. */
  retryScheduleMs: number[];
}

export interface WebhookDeliveryResult {
  deliveryId: string;
  status: AttemptOutcome['status'];
  attempts: number;
  httpStatus: number | null;
}

/**
 * `webhook-delivery:<deliveryId>`: one message to one endpoint, attempt after attempt on the
 * schedule, each wait a durable timer (a worker restarting meanwhile changes nothing), until an
 * attempt succeeds, the endpoint is disabled, or the schedule runs out.
 */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<WebhookDeliveryResult> {
  const schedule = input.retryScheduleMs.length > 0 ? input.retryScheduleMs : [0];
  let outcome: AttemptOutcome | null = null;
  for (let i = 0; i < schedule.length; i += 1) {
    const wait = schedule[i]!;
    if (wait > 0) {
      setCurrentDetails(
        `${input.eventType} to ${input.endpointId}: attempt ${i + 1} of ${schedule.length} in ${wait} ms`,
      );
      await sleep(wait);
    }
    outcome = await attemptWebhookDelivery({
      deliveryId: input.deliveryId,
      attempt: i + 1,
      nextDelayMs: i + 1 < schedule.length ? schedule[i + 1]! : null,
    });
    if (outcome.status !== 'RETRYING') break;
  }
  setCurrentDetails(`${input.eventType} to ${input.endpointId}: ${outcome!.status.toLowerCase()}`);
  return {
    deliveryId: input.deliveryId,
    status: outcome!.status,
    attempts: outcome!.attempt,
    httpStatus: outcome!.httpStatus,
  };
}

import { writeAudit } from '../../db/queries/audit';
import { listDeliveries } from '../../db/queries/webhook-deliveries';
import { findWebhookEndpoint } from '../../db/queries/webhook-endpoints';
import { recordTestEvent } from '../../db/queries/webhook-events';
import { encodeCursor } from '../../domain/cursor';
import { workflowIds } from '../../domain/workflow-ids';
import { ApiError } from '../../domain/errors';
import { retryWebhookDelivery } from '../../services/webhooks/retry';
import { auditActorOf } from '../present/agents';
import { presentDelivery } from '../present/webhooks';
import { defineRoute } from '../route';
import {
  deliveryIdParams,
  deliveryListResponse,
  deliveryResponse,
  listQuery,
  testEventResponse,
  webhookIdParams,
} from '../schemas/webhooks';
import { MANAGE_WEBHOOKS, webhookNotFound } from './webhooks';

export const webhookDeliveryRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/webhooks/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    summary:
      "An endpoint's deliveries, newest first: each attempt's time, HTTP status and latency, and the next attempt",
    tags: ['Webhooks'],
    auth: 'partner',
    access: MANAGE_WEBHOOKS,
    params: webhookIdParams,
    query: listQuery,
    errors: ['webhook_not_found'],
    responses: { 200: { description: 'One page of deliveries', schema: deliveryListResponse } },
    handler: async ({ params, query, db, principal }) => {
      if (!(await findWebhookEndpoint(db, principal.organizationId, params.id))) throw webhookNotFound(params.id);
      const page = await listDeliveries(db, params.id, query);
      return {
        status: 200,
        body: {
          deliveries: page.deliveries.map(presentDelivery),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/webhooks/:id/deliveries/:deliveryId/retry',
    operationId: 'retryWebhookDelivery',
    summary: 'Send a delivery again: a new delivery of the same message (same webhook-id), on the full schedule',
    tags: ['Webhooks'],
    auth: 'partner',
    access: MANAGE_WEBHOOKS,
    params: deliveryIdParams,
    errors: ['webhook_not_found', 'delivery_not_found', 'invalid_state'],
    responses: { 202: { description: 'The new delivery, queued', schema: deliveryResponse } },
    handler: async ({ params, db, principal, requestId }) => {
      const retry = await retryWebhookDelivery(db, {
        organizationId: principal.organizationId,
        endpointId: params.id,
        deliveryId: params.deliveryId,
        actor: auditActorOf(principal),
        requestId,
      });
      return { status: 202, body: presentDelivery({ ...retry, attemptLog: [] }) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/webhooks/:id/test',
    operationId: 'testWebhook',
    summary: 'Send a webhook.test event to this endpoint, whatever it subscribed to',
    tags: ['Webhooks'],
    auth: 'partner',
    access: MANAGE_WEBHOOKS,
    params: webhookIdParams,
    errors: ['webhook_not_found', 'invalid_state'],
    responses: { 202: { description: 'Queued', schema: testEventResponse } },
    handler: async ({ params, db, principal, requestId }) => {
      return db.transaction(async (tx) => {
        const endpoint = await findWebhookEndpoint(tx, principal.organizationId, params.id);
        if (!endpoint) throw webhookNotFound(params.id);
        if (!endpoint.enabled) throw new ApiError('invalid_state', `Webhook ${params.id} is disabled; enable it first`);
        const sent = await recordTestEvent(tx, principal.organizationId, endpoint.id, { webhookId: endpoint.id });
        const deliveryId = sent.deliveryIds[0]!;
        await writeAudit(tx, {
          organizationId: principal.organizationId,
          actor: auditActorOf(principal),
          requestId,
          action: 'webhook.tested',
          targetType: 'webhook_endpoint',
          targetId: endpoint.id,
          details: { deliveryId, messageId: sent.messageId },
        });
        const body = { deliveryId, messageId: sent.messageId, workflowId: workflowIds.webhookDelivery(deliveryId) };
        return { status: 202, body };
      });
    },
  }),
];

import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookSecret,
  updateWebhookEndpoint,
} from '../../db/queries/webhook-endpoints';
import { encodeCursor } from '../../domain/cursor';
import { SECRET_OVERLAP_MS, issueSigningSecret } from '../../domain/webhooks';
import { encryptSecret } from '../../services/webhooks/secrets';
import { resolveTarget, targetPolicy } from '../../services/webhooks/target';
import type { AccessRule } from '../../domain/authorize';
import type { AppDeps } from '../context';
import { ApiError } from '../../domain/errors';
import { auditActorOf } from '../present/agents';
import { presentWebhook } from '../present/webhooks';
import { defineRoute } from '../route';
import {
  createWebhookBody,
  listQuery,
  patchWebhookBody,
  webhookIdParams,
  webhookListResponse,
  webhookResponse,
  webhookWithSecretResponse,
} from '../schemas/webhooks';
import type { Logger } from 'pino';
import { z } from 'zod';

export const MANAGE_WEBHOOKS: AccessRule = { permission: 'webhooks:manage' };

export const webhookNotFound = (id: string) => new ApiError('webhook_not_found', `Webhook ${id} not found`);

/**
 * Resolves the URL now, as each delivery will: a refused address is 422, before anything is stored.
 * The caller learns `target_not_allowed` for any refusal the network decided; what the name
 * resolved to is logged here only (the detail names the host, never the URL's path or query).
 */
async function assertDeliverable(deps: AppDeps, log: Logger, url: string): Promise<void> {
  const target = await resolveTarget(url, targetPolicy(deps.config));
  if (target.ok) return;
  log.info({ refusal: target.detail }, 'webhook URL refused');
  throw new ApiError('webhook_url_refused', `Webhook URL refused: ${target.reason}`, { reason: target.reason });
}

export const webhookRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/webhooks',
    operationId: 'createWebhook',
    summary: 'Register a webhook endpoint; its whsec_ signing secret is shown only in this response',
    description:
      'MIR POSTs each event type you subscribe to (or `["*"]` for all) to the URL, signed per Standard Webhooks with the `whsec_` secret shown once. A URL that resolves to a private address is refused in production (422 `webhook_url_refused`).',
    tags: ['Webhooks'],
    auth: 'partner',
    access: MANAGE_WEBHOOKS,
    // The URL is resolved (DNS) before anything is written: no transaction waits on the network.
    ownTransactions: true,
    // The URL may hold the receiver's own secret: Postgres keeps it whole only on the endpoint.
    secretFields: ['secret', 'url'],
    body: createWebhookBody,
    example: { body: { url: 'https://hooks.example.com/mir', eventTypes: ['*'], description: 'Production receiver' } },
    errors: ['webhook_url_refused'],
    responses: { 201: { description: 'Created', schema: webhookWithSecretResponse } },
    handler: async ({ body, deps, db, log, principal, requestId }) => {
      await assertDeliverable(deps, log, body.url);
      const secret = issueSigningSecret();
      const endpoint = await createWebhookEndpoint(db, {
        organizationId: principal.organizationId,
        url: body.url,
        description: body.description ?? null,
        eventTypes: body.eventTypes,
        enabled: body.enabled,
        secretCiphertext: encryptSecret(deps.webhookSecretKey, secret),
        actor: auditActorOf(principal),
        requestId,
      });
      return { status: 201, body: { ...presentWebhook(endpoint), secret } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/webhooks',
    operationId: 'listWebhooks',
    summary: "The organization's webhook endpoints, newest first; a disabled one says why",
    tags: ['Webhooks'],
    auth: 'partner',
    access: MANAGE_WEBHOOKS,
    query: listQuery,
    responses: { 200: { description: 'One page of endpoints', schema: webhookListResponse } },
    handler: async ({ query, db, principal }) => {
      const page = await listWebhookEndpoints(db, principal.organizationId, query);
      return {
        status: 200,
        body: { webhooks: page.endpoints.map(presentWebhook), nextCursor: page.next ? encodeCursor(page.next) : null },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/webhooks/:id',
    operationId: 'getWebhook',
    summary: 'One webhook endpoint',
    tags: ['Webhooks'],
    auth: 'partner',
    access: MANAGE_WEBHOOKS,
    params: webhookIdParams,
    errors: ['webhook_not_found'],
    responses: { 200: { description: 'The endpoint', schema: webhookResponse } },
    handler: async ({ params, db, principal }) => {
      const endpoint = await findWebhookEndpoint(db, principal.organizationId, params.id);
      if (!endpoint) throw webhookNotFound(params.id);
      return { status: 200, body: presentWebhook(endpoint) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/webhooks/:id',
    operationId: 'updateWebhook',
    summary: "Change an endpoint's URL, event types, description, or enable it again",
    tags: ['Webhooks'],
    auth: 'partner',
    access: MANAGE_WEBHOOKS,
    ownTransactions: true,
    params: webhookIdParams,
    body: patchWebhookBody,
    errors: ['webhook_not_found', 'webhook_url_refused'],
    responses: { 200: { description: 'The endpoint after the change', schema: webhookResponse } },
    handler: async ({ params, body, deps, db, log, principal, requestId }) => {
      if (body.url !== undefined) await assertDeliverable(deps, log, body.url);
      const endpoint = await updateWebhookEndpoint(db, principal.organizationId, params.id, body, {
        actor: auditActorOf(principal),
        requestId,
      });
      if (!endpoint) throw webhookNotFound(params.id);
      return { status: 200, body: presentWebhook(endpoint) };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/webhooks/:id',
    operationId: 'deleteWebhook',
    summary: 'Delete an endpoint: its pending deliveries stop',
    tags: ['Webhooks'],
    auth: 'partner',
    access: MANAGE_WEBHOOKS,
    params: webhookIdParams,
    errors: ['webhook_not_found'],
    responses: { 200: { description: 'Deleted', schema: z.object({ id: z.string(), deleted: z.literal(true) }) } },
    handler: async ({ params, db, principal, requestId }) => {
      const audited = { actor: auditActorOf(principal), requestId };
      if (!(await deleteWebhookEndpoint(db, principal.organizationId, params.id, audited))) {
        throw webhookNotFound(params.id);
      }
      return { status: 200, body: { id: params.id, deleted: true } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/webhooks/:id/secret/rotate',
    operationId: 'rotateWebhookSecret',
    summary:
      'A new signing secret, shown once; the previous one keeps signing alongside it for 24 hours (a rotation inside those 24 hours keeps the original and its end)',
    tags: ['Webhooks'],
    auth: 'partner',
    access: MANAGE_WEBHOOKS,
    // The URL may hold the receiver's own secret: Postgres keeps it whole only on the endpoint.
    secretFields: ['secret', 'url'],
    params: webhookIdParams,
    errors: ['webhook_not_found'],
    responses: { 200: { description: 'Rotated', schema: webhookWithSecretResponse } },
    handler: async ({ params, deps, db, principal, requestId }) => {
      const secret = issueSigningSecret();
      const endpoint = await rotateWebhookSecret(db, principal.organizationId, params.id, {
        secretCiphertext: encryptSecret(deps.webhookSecretKey, secret),
        overlapMs: SECRET_OVERLAP_MS,
        actor: auditActorOf(principal),
        requestId,
      });
      if (!endpoint) throw webhookNotFound(params.id);
      return { status: 200, body: { ...presentWebhook(endpoint), secret } };
    },
  }),
];

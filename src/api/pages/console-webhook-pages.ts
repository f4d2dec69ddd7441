import { type Request, type Response, Router } from 'express';
import { listDeliveries, retriesOf } from '../../db/queries/webhook-deliveries';
import { findWebhookEndpoint, listWebhookEndpoints } from '../../db/queries/webhook-endpoints';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { ApiError } from '../../domain/errors';
import { retryWebhookDelivery } from '../../services/webhooks/retry';
import type { AppDeps } from '../context';
import { auditActorOf } from '../present/agents';
import { MANAGE_WEBHOOKS } from '../routes/webhooks';
import { type ConsoleContext, type ContextOf, consoleProblem } from './console-pages';
import { ID_SHAPE } from './console-spawn-pages';
import { consolePage, orgBase } from './console-templates';
import { deliveriesContent, endpointsContent } from './console-webhook-templates';
import { sendHtml } from './page-responses';

const ENDPOINTS_SHOWN = 50;
const DELIVERIES_SHOWN = 25;

const NOTICES: Record<string, string> = {
  retried: 'Sent again: the new delivery is at the top, its first attempt goes out at once.',
};

const noEndpoint = (res: Response) =>
  consoleProblem(res, 404, 'Webhook not found', 'There is no webhook endpoint with that id in this organisation.');

const firstPage = (res: Response) =>
  consoleProblem(res, 400, 'That page does not exist', 'Open the list from its first page.');

/** Endpoints, an endpoint's deliveries with their attempts, and a retry of a failed delivery (webhooks:manage). */
export function consoleWebhookRouter(deps: AppDeps, contextOf: ContextOf): Router {
  const router = Router({ mergeParams: true });
  const db = deps.database.db;
  const endpointOf = (req: Request, org: string) => {
    const id = String(req.params.webhookId);
    return ID_SHAPE.test(id) ? findWebhookEndpoint(db, org, id) : Promise.resolve(null);
  };

  router.get('/webhooks', async (req, res) => {
    const ctx = await contextOf(req, res, MANAGE_WEBHOOKS);
    if (!ctx) return;
    const raw = req.query.cursor;
    const cursor = typeof raw === 'string' ? decodeCursor(raw) : undefined;
    if (raw !== undefined && !cursor) return firstPage(res);
    const org = ctx.principal.organizationId;
    const page = await listWebhookEndpoints(db, org, { limit: ENDPOINTS_SHOWN, cursor: cursor ?? undefined });
    const content = endpointsContent(orgBase(org), page.endpoints, page.next ? encodeCursor(page.next) : null);
    sendHtml(res, 200, consolePage('webhooks', 'Webhooks', ctx.frame, content));
  });

  async function show(req: Request, res: Response, ctx: ConsoleContext, status = 200, error?: string) {
    const org = ctx.principal.organizationId;
    const endpoint = await endpointOf(req, org);
    if (!endpoint) return noEndpoint(res);
    const raw = req.query.cursor;
    const cursor = typeof raw === 'string' ? decodeCursor(raw) : undefined;
    if (raw !== undefined && !cursor) return firstPage(res);
    const page = await listDeliveries(db, endpoint.id, { limit: DELIVERIES_SHOWN, cursor: cursor ?? undefined });
    const retries = await retriesOf(
      db,
      page.deliveries.map((d) => d.id),
    );
    const retriedAs = new Map(retries.map((r) => [r.retryOf, r.id]));
    const shown = page.deliveries.map((d) => ({ ...d, retriedAs: retriedAs.get(d.id) ?? null }));
    const next = page.next ? encodeCursor(page.next) : null;
    const frame = { ...ctx.frame, notice: NOTICES[String(req.query.notice)], error };
    const content = deliveriesContent(orgBase(org), ctx.frame.csrf, endpoint, shown, next);
    sendHtml(res, status, consolePage('webhooks', 'Webhook deliveries', frame, content));
  }

  router.get('/webhooks/:webhookId', async (req, res) => {
    const ctx = await contextOf(req, res, MANAGE_WEBHOOKS);
    if (ctx) await show(req, res, ctx);
  });

  // The API's retry (retryWebhookDelivery), once: a FAILED delivery not retried yet, whatever races.
  router.post('/webhooks/:webhookId/deliveries/:deliveryId/retry', async (req, res) => {
    const ctx = await contextOf(req, res, MANAGE_WEBHOOKS);
    if (!ctx) return;
    const [endpointId, deliveryId] = [String(req.params.webhookId), String(req.params.deliveryId)];
    if (!ID_SHAPE.test(endpointId)) return noEndpoint(res);
    const org = ctx.principal.organizationId;
    try {
      if (!ID_SHAPE.test(deliveryId)) throw new ApiError('delivery_not_found', 'no such delivery');
      await retryWebhookDelivery(db, {
        organizationId: org,
        endpointId,
        deliveryId,
        actor: auditActorOf(ctx.principal),
        requestId: req.id,
        once: true,
      });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'webhook_not_found') return noEndpoint(res);
      if (err.code === 'delivery_not_found')
        return show(req, res, ctx, 404, 'This endpoint has no such delivery; nothing was sent.');
      if (err.code === 'invalid_state') return show(req, res, ctx, 409, `${err.message}. Nothing was sent.`);
      throw err;
    }
    res.redirect(303, `${orgBase(org)}/webhooks/${encodeURIComponent(endpointId)}?notice=retried`);
  });

  return router;
}

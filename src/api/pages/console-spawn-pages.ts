import { type Request, type Response, Router } from 'express';
import { findAgent } from '../../db/queries/agents';
import { findSpawnRequest, listSpawnRequests } from '../../db/queries/spawn-requests';
import { ApiError } from '../../domain/errors';
import { decidePendingSpawn } from '../../services/spawn-decisions';
import type { AppDeps } from '../context';
import { APPROVERS } from '../routes/spawn-requests';
import type { ConsoleContext, ContextOf } from './console-pages';
import { consoleProblem } from './console-pages';
import { spawnRequestsContent } from './console-spawn-templates';
import { consolePage, orgBase } from './console-templates';
import { sendHtml } from './link-page';

/** Ids as newId issues them; anything else is no such request, before any lookup. */
export const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const PENDING_SHOWN = 100;
const DECIDED_SHOWN = 20;
const REASON_MAX = 500;

/** What `?notice=` may say after a decision: fixed sentences, never text from the URL. */
const NOTICES: Record<string, string> = {
  approved: 'Approved: the child agent now exists and its key works.',
  rejected: 'Rejected: the child agent will never exist.',
};

/** The console's spawn requests: pending first, each beside its parent; approve or reject through the workflow. */
export function consoleSpawnRouter(deps: AppDeps, contextOf: ContextOf): Router {
  const router = Router({ mergeParams: true });
  const db = deps.database.db;

  async function show(req: Request, res: Response, ctx: ConsoleContext, status = 200, error?: string) {
    const org = ctx.principal.organizationId;
    const [pending, recent] = await Promise.all([
      listSpawnRequests(db, org, { status: 'PENDING_APPROVAL', limit: PENDING_SHOWN }),
      listSpawnRequests(db, org, { limit: DECIDED_SHOWN + PENDING_SHOWN }),
    ]);
    const decided = recent.filter((r) => r.status !== 'PENDING_APPROVAL').slice(0, DECIDED_SHOWN);
    const parentIds = [...new Set(pending.map((r) => r.parentAgentId))];
    const parents = new Map(
      (await Promise.all(parentIds.map((id) => findAgent(db, org, id)))).map((a, i) => [parentIds[i]!, a]),
    );
    const frame = { ...ctx.frame, notice: NOTICES[String(req.query.notice)], error };
    const content = spawnRequestsContent({
      base: orgBase(org),
      csrf: ctx.frame.csrf,
      pending,
      decided,
      parents,
      accountId: ctx.accountId,
    });
    sendHtml(res, status, consolePage('spawn-requests', 'Spawn requests', frame, content));
  }

  router.get('/spawn-requests', async (req, res) => {
    const ctx = await contextOf(req, res, APPROVERS);
    if (ctx) await show(req, res, ctx);
  });

  router.post('/spawn-requests/:id/:decision', async (req, res) => {
    const ctx = await contextOf(req, res, APPROVERS);
    if (!ctx) return;
    const { id, decision } = req.params as { id: string; decision: string };
    if (decision !== 'approve' && decision !== 'reject') {
      return consoleProblem(res, 404, 'Page not found', 'There is no console page at this address.');
    }
    const pending = ID_SHAPE.test(id) ? await findSpawnRequest(db, ctx.principal.organizationId, id) : null;
    if (!pending)
      return show(req, res, ctx, 404, 'There is no such spawn request in this organisation; nothing was decided.');
    const raw: unknown = req.body?.reason;
    const reason = typeof raw === 'string' ? raw.trim() : '';
    if (reason.length > REASON_MAX)
      return show(req, res, ctx, 400, `A reason has at most ${REASON_MAX} characters; nothing was decided.`);
    try {
      await decidePendingSpawn(deps, pending, decision, { accountId: ctx.accountId }, reason || undefined);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'forbidden') {
        return show(
          req,
          res,
          ctx,
          403,
          'You cannot decide your own request: another approver must. Nothing was decided.',
        );
      }
      if (err.code === 'invalid_state') {
        const { status } = err.details as { status: string };
        return show(req, res, ctx, 409, `Already decided: that request is ${status}. Nothing was changed.`);
      }
      if (err.code === 'worker_unavailable') return show(req, res, ctx, 503, `${err.message}. Try again in a minute.`);
      throw err;
    }
    res.redirect(
      303,
      `${orgBase(ctx.principal.organizationId)}/spawn-requests?notice=${decision === 'approve' ? 'approved' : 'rejected'}`,
    );
  });

  return router;
}

import { type Request, type Response, Router } from 'express';
import { type Agent, findAgents } from '../../db/queries/agents';
import { type SpawnRequest, findSpawnRequest, listSpawnRequests } from '../../db/queries/spawn-requests';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { ApiError } from '../../domain/errors';
import { decidePendingSpawn } from '../../services/spawn-decisions';
import type { AppDeps } from '../context';
import { APPROVERS } from '../routes/spawn-requests';
import type { ConsoleContext, ContextOf } from './console-pages';
import { consoleProblem } from './console-pages';
import { spawnRequestsContent } from './console-spawn-templates';
import { consolePage, orgBase } from './console-templates';
import { sendHtml } from './page-responses';

/** Ids as newId issues them; anything else is no such request, before any lookup. */
export const ID_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;
const PENDING_SHOWN = 25;
const DECIDED_SHOWN = 20;
const REASON_MAX = 500;

const cursorOf = (raw: unknown) => (typeof raw === 'string' ? decodeCursor(raw) : undefined);

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
    const [pendingAt, decidedAt] = [cursorOf(req.query.pending), cursorOf(req.query.decided)];
    if (pendingAt === null || decidedAt === null) {
      return consoleProblem(res, 400, 'That page does not exist', 'Open the spawn requests from their first page.');
    }
    const [pendingRows, decidedRows] = await Promise.all([
      listSpawnRequests(db, org, { status: 'PENDING_APPROVAL', limit: PENDING_SHOWN + 1, cursor: pendingAt }),
      listSpawnRequests(db, org, { decided: true, limit: DECIDED_SHOWN + 1, cursor: decidedAt }),
    ]);
    const [pending, decided] = [pendingRows.slice(0, PENDING_SHOWN), decidedRows.slice(0, DECIDED_SHOWN)];
    const found = await findAgents(db, org, [...new Set(pending.map((r) => r.parentAgentId))]);
    const parents = new Map<string, Agent | null>(found.map((a) => [a.id, a]));
    const frame = { ...ctx.frame, notice: NOTICES[String(req.query.notice)], error };
    // Each list pages on its own; the other list's position is kept in the link.
    const link = (name: 'pending' | 'decided', rows: SpawnRequest[], shown: SpawnRequest[]) => {
      const last = shown[shown.length - 1];
      if (rows.length <= shown.length || !last) return null;
      const query = new URLSearchParams();
      const other = name === 'pending' ? 'decided' : 'pending';
      if (typeof req.query[other] === 'string') query.set(other, req.query[other]);
      query.set(name, encodeCursor({ at: last.createdAt, id: last.id }));
      return `${orgBase(org)}/spawn-requests?${query}`;
    };
    const content = spawnRequestsContent({
      base: orgBase(org),
      csrf: ctx.frame.csrf,
      pending,
      decided,
      parents,
      accountId: ctx.accountId,
      nextPending: link('pending', pendingRows, pending),
      nextDecided: link('decided', decidedRows, decided),
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

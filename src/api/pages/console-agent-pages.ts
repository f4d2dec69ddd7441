import { type Request, type Response, Router } from 'express';
import { ancestorsOf, familyTree, revocableCount } from '../../db/queries/agent-tree';
import { findAgent, listAgents } from '../../db/queries/agents';
import { findRevocation, startRevocation } from '../../db/queries/revocations';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import type { AppDeps } from '../context';
import { auditActorOf } from '../present/agents';
import { KILL_SWITCH } from '../routes/agent-kill-switch';
import { MANAGE_AGENTS } from '../routes/agents';
import { agentContent, agentListContent, confirmKillContent, revocationContent } from './console-agent-templates';
import { type ContextOf, consoleProblem } from './console-pages';
import { ID_SHAPE } from './console-spawn-pages';
import { consolePage, orgBase } from './console-templates';
import { treeLegend, treeSvg } from './console-tree';
import { sendHtml } from './page-responses';
import { html } from './html';

const PAGE = 50;
/** The most agents one tree drawing shows; the page says when the family is larger. */
export const TREE_NODES = 300;
const REASON_MAX = 500;

const noAgent = (res: Response) =>
  consoleProblem(res, 404, 'Agent not found', 'There is no agent with that id in this organisation.');

/** Agents (list, tree, one agent with its lineage) and the kill switch behind its confirmation page. */
export function consoleAgentRouter(deps: AppDeps, contextOf: ContextOf): Router {
  const router = Router({ mergeParams: true });
  const db = deps.database.db;
  const agentOf = (req: Request, org: string) => {
    const id = String(req.params.agentId);
    return ID_SHAPE.test(id) ? findAgent(db, org, id) : Promise.resolve(null);
  };
  const href = (org: string) => (id: string) => `${orgBase(org)}/agents/${encodeURIComponent(id)}`;

  async function tree(org: string, root?: { id: string; ancestry: string }) {
    const { nodes, more } = await familyTree(db, org, TREE_NODES, root);
    const bound = more
      ? html`<p class="muted" id="tree-bound">
          Showing the first ${TREE_NODES} agents in depth-first order; the family is larger.
        </p>`
      : '';
    return { svg: treeSvg(nodes, href(org)), bound };
  }

  router.get('/agents', async (req, res) => {
    const ctx = await contextOf(req, res, MANAGE_AGENTS);
    if (!ctx) return;
    const raw = req.query.cursor;
    const cursor = typeof raw === 'string' ? decodeCursor(raw) : undefined;
    const org = ctx.principal.organizationId;
    if (raw !== undefined && !cursor) {
      return consoleProblem(res, 400, 'That page does not exist', 'Open the agents list from its first page.');
    }
    const page = await listAgents(db, org, { includeRevoked: true, limit: PAGE, cursor: cursor ?? undefined });
    const content = agentListContent(orgBase(org), page.agents, page.next ? encodeCursor(page.next) : null);
    sendHtml(res, 200, consolePage('agents', 'Agents', ctx.frame, content));
  });

  router.get('/agents/tree', async (req, res) => {
    const ctx = await contextOf(req, res, MANAGE_AGENTS);
    if (!ctx) return;
    const { svg, bound } = await tree(ctx.principal.organizationId);
    const content = html`${treeLegend}${bound}${svg}`;
    sendHtml(res, 200, consolePage('tree', 'Family tree', ctx.frame, content));
  });

  router.get('/agents/:agentId', async (req, res) => {
    const ctx = await contextOf(req, res, MANAGE_AGENTS);
    if (!ctx) return;
    const org = ctx.principal.organizationId;
    const agent = await agentOf(req, org);
    if (!agent) return noAgent(res);
    const [lineage, family] = await Promise.all([ancestorsOf(db, agent), tree(org, agent)]);
    const content = agentContent(orgBase(org), agent, lineage, html`${treeLegend}${family.bound}${family.svg}`);
    sendHtml(res, 200, consolePage('agents', agent.name, ctx.frame, content));
  });

  router.get('/agents/:agentId/kill-switch', async (req, res) => {
    const ctx = await contextOf(req, res, KILL_SWITCH);
    if (!ctx) return;
    const org = ctx.principal.organizationId;
    const found = ID_SHAPE.test(String(req.params.agentId))
      ? await revocableCount(db, org, String(req.params.agentId))
      : null;
    if (!found) return noAgent(res);
    const content = confirmKillContent(orgBase(org), ctx.frame.csrf, found.agent, found.count);
    sendHtml(res, 200, consolePage('agents', `Kill switch: ${found.agent.name}`, ctx.frame, content));
  });

  // The same query the API's POST /v1/agents/:id/revoke-descendants runs: in force on its commit.
  router.post('/agents/:agentId/kill-switch', async (req, res) => {
    const ctx = await contextOf(req, res, KILL_SWITCH);
    if (!ctx) return;
    const org = ctx.principal.organizationId;
    const raw: unknown = req.body?.reason;
    const reason = typeof raw === 'string' ? raw.trim().slice(0, REASON_MAX) : '';
    const id = String(req.params.agentId);
    const started = ID_SHAPE.test(id)
      ? await startRevocation(db, {
          organizationId: org,
          agentId: id,
          reason: reason || null,
          actor: auditActorOf(ctx.principal),
          requestId: req.id,
        })
      : null;
    if (!started) return noAgent(res);
    res.redirect(303, `${orgBase(org)}/revocations/${encodeURIComponent(started.operation.id)}`);
  });

  router.get('/revocations/:operationId', async (req, res) => {
    const ctx = await contextOf(req, res, KILL_SWITCH);
    if (!ctx) return;
    const org = ctx.principal.organizationId;
    const id = String(req.params.operationId);
    const op = ID_SHAPE.test(id) ? await findRevocation(db, org, id) : null;
    if (!op)
      return consoleProblem(res, 404, 'Kill switch not found', 'There is no such operation in this organisation.');
    const refresh = op.status === 'RUNNING' ? 2 : undefined;
    sendHtml(
      res,
      200,
      consolePage('agents', 'Kill switch progress', ctx.frame, revocationContent(orgBase(org), op), refresh),
    );
  });

  return router;
}

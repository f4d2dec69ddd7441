import { presentAgent } from '../present/agents';
import { buildTree, presentNode } from '../present/lineage';
import { findForestPage, findLineage, findTreeNodes } from '../../db/queries/lineage';
import { encodeCursor } from '../../domain/cursor';
import { ApiError, agentNotFound } from '../../domain/errors';
import { defineRoute } from '../route';
import { agentIdParams } from '../schemas/agents';
import { lineageResponse, treeQuery, treeResponse } from '../schemas/lineage';
import { authorizeSelfOrManager } from '../../services/spawn-plan';
import { MANAGE_AGENTS } from './agents';

export const agentLineageRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/agents/tree',
    operationId: 'getAgentTree',
    summary: 'The lineage tree: a page of roots (newest first) with their families, or the subtree of rootAgentId',
    tags: ['Agent genealogy'],
    auth: 'partner',
    access: MANAGE_AGENTS,
    query: treeQuery,
    errors: ['agent_not_found'],
    responses: { 200: { description: 'Nested agents with depth, source and status', schema: treeResponse } },
    handler: async ({ query, db, principal }) => {
      if (query.rootAgentId !== undefined) {
        const nodes = await findTreeNodes(db, principal.organizationId, query.rootAgentId);
        if (!nodes) throw agentNotFound(query.rootAgentId);
        const roots = buildTree(nodes, query.rootAgentId);
        return { status: 200, body: { roots, total: nodes.length, nextCursor: null } };
      }
      const page = await findForestPage(db, principal.organizationId, query);
      const rank = new Map(page.rootIds.map((id, i) => [id, i]));
      const roots = buildTree(page.nodes).sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
      return {
        status: 200,
        body: {
          roots,
          total: page.nodes.length,
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/agents/:id/lineage',
    operationId: 'getAgentLineage',
    errors: ['agent_not_found'],
    summary: 'Ancestry from the root orchestrator to the agent, and its direct children (three queries)',
    tags: ['Agent genealogy'],
    auth: 'partner',
    access: { plan: 'enterprise' },
    params: agentIdParams,
    responses: { 200: { description: 'The lineage', schema: lineageResponse } },
    handler: async ({ params, db, principal }) => {
      authorizeSelfOrManager(principal, params.id);
      const lineage = await findLineage(db, principal.organizationId, params.id);
      if (!lineage) throw agentNotFound(params.id);
      if (lineage.ancestors.length !== lineage.agent.spawnDepth) {
        // An ancestor row missing would silently shorten the chain; say so instead.
        throw new ApiError('internal_error', `Lineage of ${params.id} is incomplete`);
      }
      return {
        status: 200,
        body: {
          agent: presentAgent(lineage.agent),
          ancestors: lineage.ancestors.map(presentNode),
          children: lineage.children.map(presentNode),
          depth: lineage.agent.spawnDepth,
        },
      };
    },
  }),
];

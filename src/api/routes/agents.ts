import { createAgent, findAgent, isExternalIdConflict, listAgents } from '../../db/queries/agents';
import { encodeCursor } from '../../domain/cursor';
import { configForCreate } from '../../services/agent-config';
import type { AccessRule } from '../../domain/authorize';
import { ApiError, agentNotFound } from '../../domain/errors';
import { auditActorOf, presentAgent, presentAgentListItem, presentCreatedAgent } from '../present/agents';
import { effectiveRateLimit } from '../rate-limit';
import { defineRoute } from '../route';
import {
  agentDetailResponse,
  agentIdParams,
  agentListResponse,
  agentMeResponse,
  createAgentBody,
  createdAgentResponse,
  listAgentsQuery,
} from '../schemas/agents';

export const MANAGE_AGENTS: AccessRule = { plan: 'enterprise', roles: ['OWNER', 'ADMIN'] };

export const agentRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/agents',
    operationId: 'createAgent',
    errors: ['agent_external_id_taken', 'guardrail_violation'],
    summary: 'Register an AI agent or service account; its API key is shown only in this response',
    description:
      'An agent acts with its own key (`mir_agent_\u2026`, shown once) or as your key with `x-mir-agent-id`. A preset (`event_emitter`, `verifier`, `reconciler`, `admin`) or explicit `permissions` decides what it may do; `allowedEventTypes` and `allowedEventPatterns` narrow the events it may send.',
    tags: ['Agents'],
    auth: 'partner',
    access: MANAGE_AGENTS,
    secretFields: ['apiKey'],
    body: createAgentBody,
    example: {
      body: {
        name: 'Review importer',
        type: 'SERVICE_ACCOUNT',
        preset: 'event_emitter',
        description: 'Imports storefront reviews every hour',
      },
    },
    responses: { 201: { description: 'Created', schema: createdAgentResponse } },
    handler: async ({ body, db, principal, requestId }) => {
      const config = configForCreate(body);
      try {
        const { agent, apiKey } = await createAgent(db, {
          organizationId: principal.organizationId,
          name: body.name,
          description: body.description ?? null,
          config,
          rateLimitPerMinute: body.rateLimitPerMinute ?? null,
          agentExternalId: body.agentExternalId ?? null,
          generateKey: body.generateKey,
          actor: auditActorOf(principal),
          requestId,
        });
        return { status: 201, body: presentCreatedAgent(agent, apiKey) };
      } catch (err) {
        if (isExternalIdConflict(err)) {
          throw new ApiError(
            'agent_external_id_taken',
            'Another agent of your organization already has this agentExternalId',
          );
        }
        throw err;
      }
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/agents',
    operationId: 'listAgents',
    summary: "List your organization's agents",
    tags: ['Agents'],
    auth: 'partner',
    access: MANAGE_AGENTS,
    query: listAgentsQuery,
    responses: { 200: { description: 'Agents, newest first', schema: agentListResponse } },
    handler: async ({ query, db, principal }) => {
      const page = await listAgents(db, principal.organizationId, query);
      return {
        status: 200,
        body: {
          agents: page.agents.map(presentAgentListItem),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/agents/me',
    operationId: 'getCurrentAgent',
    errors: ['agent_not_found'],
    summary: 'The calling agent itself (agent API key only)',
    tags: ['Agents'],
    auth: 'partner',
    access: { agentKeyOnly: true },
    responses: { 200: { description: 'The agent, and what it may do now', schema: agentMeResponse } },
    handler: async ({ db, principal }) => {
      const actor = principal.agent!;
      const agent = await findAgent(db, principal.organizationId, actor.id);
      if (!agent) throw agentNotFound(actor.id);
      const effective = {
        permissions: actor.permissions,
        rateLimitPerMinute: effectiveRateLimit(principal, actor),
        maxBulkItems: actor.maxBulkItems,
      };
      return { status: 200, body: { ...presentAgent(agent), effective } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/agents/:id',
    operationId: 'getAgent',
    errors: ['agent_not_found'],
    summary: 'Full details of one agent',
    tags: ['Agents'],
    auth: 'partner',
    access: MANAGE_AGENTS,
    params: agentIdParams,
    responses: { 200: { description: 'The agent', schema: agentDetailResponse } },
    handler: async ({ params, db, principal }) => {
      const agent = await findAgent(db, principal.organizationId, params.id);
      if (!agent) throw agentNotFound(params.id);
      return { status: 200, body: presentAgent(agent) };
    },
  }),
];

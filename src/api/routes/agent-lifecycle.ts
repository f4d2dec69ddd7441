import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { revokeAgentRows } from '../../db/queries/agent-revocation';
import { type Agent, applyAgentChange, findAgent, lockAgent } from '../../db/queries/agents';
import type { PartnerPrincipal } from '../../domain/principals';
import { configForPatch } from '../../services/agent-config';
import { assertWithinParent } from '../../services/patch-inheritance';
import { ApiError, agentNotFound } from '../../domain/errors';
import { auditActorOf, presentAgent } from '../present/agents';
import { defineRoute } from '../route';
import { agentDetailResponse, agentIdParams, patchAgentBody, reasonBody } from '../schemas/agents';
import { MANAGE_AGENTS } from './agents';

type Decision =
  { action: string; changes: Partial<Agent>; reason?: string | null } | { revoke: true; reason: string | null } | null;

interface ChangeContext {
  db: Executor;
  principal: PartnerPrincipal;
  requestId: string;
}

/** Locks the agent, lets `decide` compute the change, and writes it with its audit entry in one transaction. */
async function changeAgent(
  ctx: ChangeContext,
  agentId: string,
  decide: (agent: Agent, tx: Executor) => Decision | Promise<Decision>,
) {
  return ctx.db.transaction(async (tx) => {
    const agent = await lockAgent(tx, ctx.principal.organizationId, agentId);
    if (!agent) throw agentNotFound(agentId);
    const decision = await decide(agent, tx);
    if (!decision) return agent;
    const audited = { actor: auditActorOf(ctx.principal), requestId: ctx.requestId };
    if ('revoke' in decision) {
      // The same query and audit shape as a kill switch's cascade.
      await revokeAgentRows(tx, [agent], { reason: decision.reason, ...audited });
      return (await findAgent(tx, ctx.principal.organizationId, agentId))!;
    }
    return applyAgentChange(tx, agent, decision.changes, {
      action: decision.action,
      reason: decision.reason,
      actor: auditActorOf(ctx.principal),
      requestId: ctx.requestId,
    });
  });
}

const revokedConflict = (agent: Agent) =>
  new ApiError('invalid_state', `Agent ${agent.id} is revoked; revocation is permanent`, { status: agent.status });

const lifecycleRoute = (name: string, summary: string, decide: (agent: Agent, reason: string | null) => Decision) =>
  defineRoute({
    method: 'post',
    path: `/v1/agents/:id/${name}`,
    operationId: `${name}Agent`,
    summary,
    tags: ['Agents'],
    auth: 'partner',
    access: MANAGE_AGENTS,
    params: agentIdParams,
    body: reasonBody.optional(),
    example: { body: { reason: 'Paused while the storefront migrates' } },
    errors: ['invalid_state', 'agent_not_found'],
    responses: {
      200: { description: 'The agent after the change (repeating it changes nothing)', schema: agentDetailResponse },
    },
    handler: async ({ params, body, db, principal, requestId }) => {
      const agent = await changeAgent({ db, principal, requestId }, params.id, (a) => decide(a, body?.reason ?? null));
      return { status: 200, body: presentAgent(agent) };
    },
  });

export const agentLifecycleRoutes = [
  defineRoute({
    method: 'patch',
    path: '/v1/agents/:id',
    operationId: 'updateAgent',
    summary: "Update an agent's name, description, permissions, allowlists or limits (guardrails re-checked)",
    tags: ['Agents'],
    auth: 'partner',
    access: MANAGE_AGENTS,
    params: agentIdParams,
    body: patchAgentBody,
    example: { body: { description: 'Imports storefront reviews and ratings every hour' } },
    errors: ['invalid_state', 'agent_external_id_taken', 'agent_not_found', 'escalation_denied', 'guardrail_violation'],
    responses: { 200: { description: 'The updated agent', schema: agentDetailResponse } },
    handler: async ({ params, body, db, principal, requestId }) => {
      // Checked under the agent's row lock and its parent's (assertWithinParent locks it), so a
      // parent narrowed meanwhile is judged as it is now.
      const agent = await changeAgent({ db, principal, requestId }, params.id, async (current, tx) => {
        if (current.status === 'REVOKED') throw revokedConflict(current);
        const config = configForPatch(current, body);
        const rate = body.rateLimitPerMinute !== undefined ? body.rateLimitPerMinute : current.rateLimitPerMinute;
        await assertWithinParent(tx, principal, current, config, rate);
        const { type: _type, ...configChanges } = config;
        const changes: Partial<Agent> = { ...configChanges };
        if (body.name !== undefined) changes.name = body.name;
        if (body.description !== undefined) changes.description = body.description;
        if (body.rateLimitPerMinute !== undefined) changes.rateLimitPerMinute = body.rateLimitPerMinute;
        return { action: 'agent.updated', changes };
      });
      return { status: 200, body: presentAgent(agent) };
    },
  }),
  lifecycleRoute('suspend', 'Suspend an agent: its key is kept but refused until reactivation', (agent, reason) => {
    if (agent.status === 'REVOKED') throw revokedConflict(agent);
    if (agent.status === 'SUSPENDED') return null;
    return {
      action: 'agent.suspended',
      reason,
      changes: { status: 'SUSPENDED', statusReason: reason, suspendedAt: sql`now()` as never },
    };
  }),
  lifecycleRoute('reactivate', 'Reactivate a suspended agent', (agent) => {
    if (agent.status === 'REVOKED') throw revokedConflict(agent);
    if (agent.status === 'ACTIVE') return null;
    return { action: 'agent.reactivated', changes: { status: 'ACTIVE', statusReason: null, suspendedAt: null } };
  }),
  lifecycleRoute('revoke', 'Revoke an agent permanently: its key hash is deleted', (agent, reason) =>
    agent.status === 'REVOKED' ? null : { revoke: true, reason },
  ),
];

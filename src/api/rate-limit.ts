import type { Response } from 'express';
import { countRequest, countRequests } from '../db/queries/rate-limit';
import { DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE } from '../domain/agents';
import type { AgentActor, AppDeps, PartnerPrincipal } from './context';
import { ApiError } from './errors';
import { LocalWindows } from './local-windows';

export { DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE };

const orgWindows = new LocalWindows();

function answer(res: Response, limit: number, count: number, resetsAt: number): void {
  const reset = Math.max(1, Math.ceil((resetsAt - Date.now()) / 1000));
  res.setHeader('RateLimit-Limit', String(limit));
  res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - count)));
  res.setHeader('RateLimit-Reset', String(reset));
  res.setHeader('RateLimit-Policy', `${limit};w=60`);
  if (count > limit) {
    res.setHeader('Retry-After', String(reset));
    throw new ApiError('rate_limited', `Rate limit of ${limit} requests per minute exceeded; retry in ${reset} s`, {
      limit,
      retryAfterSeconds: reset,
    });
  }
}

/** Never more than any ancestor allows itself (null: the organisation's default). */
export function effectiveRateLimit(principal: PartnerPrincipal, agent: AgentActor): number {
  const orgDefault = principal.settings.agentRateLimitPerMinute ?? DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE;
  return Math.min(...[agent.rateLimitPerMinute, ...agent.ancestorRateLimits].map((r) => r ?? orgDefault));
}

/**
 * Agents: a per-agent fixed window shared through Postgres by every API process. Partner keys
 * acting as themselves: a per-organisation window counted in this process, because a shared
 * counter row would serialise every request of a busy organisation on one row lock. Answers
 * carry the IETF RateLimit header fields, and a refusal says when to come back in Retry-After.
 */
export async function enforceRateLimit(deps: AppDeps, principal: PartnerPrincipal, res: Response): Promise<void> {
  const agent = principal.agent;
  if (!agent) {
    const limit = principal.settings.partnerRateLimitPerMinute ?? deps.config.MIR_PARTNER_RATE_LIMIT_PER_MINUTE;
    const { count, resetsAt } = orgWindows.count(principal.organizationId);
    answer(res, limit, count, resetsAt);
    return;
  }
  const orgDefault = principal.settings.agentRateLimitPerMinute ?? DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE;
  // A family shares its root's budget, so spawning children does not multiply what it may send.
  const limit = effectiveRateLimit(principal, agent);
  const own = `agent:${agent.id}`;
  if (!agent.rootId) {
    const { count, resetsAt } = await countRequest(deps.database.db, own);
    answer(res, limit, count, resetsAt.getTime());
    return;
  }
  const family = `agent:${agent.rootId}`;
  const counts = await countRequests(deps.database.db, own, family);
  const familyLimit = agent.ancestorRateLimits[0] ?? orgDefault;
  const mine = counts.get(own)!;
  const shared = counts.get(family)!;
  // Whichever budget has less left speaks for the answer's headers.
  if (familyLimit - shared.count < limit - mine.count)
    answer(res, familyLimit, shared.count, shared.resetsAt.getTime());
  else answer(res, limit, mine.count, mine.resetsAt.getTime());
}

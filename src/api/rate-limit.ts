import type { Response } from 'express';
import { countRequest } from '../db/queries/rate-limit';
import type { AppDeps, PartnerPrincipal } from './context';
import { ApiError } from './errors';
import { LocalWindows } from './local-windows';

/** Agents without their own rateLimitPerMinute inherit this unless the organisation sets another. */
export const DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE = 600;

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
  const limit =
    agent.rateLimitPerMinute ?? principal.settings.agentRateLimitPerMinute ?? DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE;
  const { count, resetsAt } = await countRequest(deps.database.db, `agent:${agent.id}`);
  answer(res, limit, count, resetsAt.getTime());
}

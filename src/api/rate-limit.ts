import type { Response } from 'express';
import type { Db } from '../db/client';
import { countRequest } from '../db/queries/rate-limit';
import type { PartnerPrincipal } from './context';
import { ApiError } from './errors';

/** Agents without their own rateLimitPerMinute inherit this unless the organisation sets another. */
export const DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE = 600;

/**
 * Per-agent fixed window, shared through Postgres by every API process. Answers carry the
 * IETF RateLimit header fields, and a refusal says when to come back in Retry-After.
 */
export async function enforceRateLimit(db: Db, principal: PartnerPrincipal, res: Response): Promise<void> {
  const agent = principal.agent;
  if (!agent) return;
  const limit =
    agent.rateLimitPerMinute ?? principal.settings.agentRateLimitPerMinute ?? DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE;
  const { count, resetsAt } = await countRequest(db, `agent:${agent.id}`);
  const reset = Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000));
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

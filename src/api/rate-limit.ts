import type { Response } from 'express';
import { type Bucket, countRequest } from '../db/queries/rate-limit';
import { DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE } from '../domain/agents';
import type { AppDeps } from './context';
import type { AgentActor, PartnerPrincipal } from '../domain/principals';
import { ApiError } from '../domain/errors';
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

/**
 * The agent's lineage, root first and the agent last, each with its effective limit: its own
 * (null: the organisation's default) lowered to the smallest of its ancestors'.
 */
function lineageBuckets(principal: PartnerPrincipal, agent: AgentActor): Bucket[] {
  const orgDefault = principal.settings.agentRateLimitPerMinute ?? DEFAULT_AGENT_RATE_LIMIT_PER_MINUTE;
  let limit = Infinity;
  return [...agent.ancestorRateLimits, { id: agent.id, rateLimitPerMinute: agent.rateLimitPerMinute }].map((a) => {
    limit = Math.min(limit, a.rateLimitPerMinute ?? orgDefault);
    return { bucket: `agent:${a.id}`, limit };
  });
}

/** Never more than any ancestor allows itself (null: the organisation's default). */
export function effectiveRateLimit(principal: PartnerPrincipal, agent: AgentActor): number {
  return lineageBuckets(principal, agent).at(-1)!.limit;
}

/**
 * Agents: every request counts in a fixed one-minute window of the agent and of each of its
 * ancestors, each at that one's effective limit, so a subtree never sends more than its top allows
 * however many children it spawns. A request any window refuses is kept by none: a child past its
 * own smaller limit does not spend its parent's budget.
 * O(depth): the ancestors come with the agent from its one authentication query (at most 20), and
 * one statement counts every window (mir_count_request: depth + 1 primary-key upserts).
 * Shared across API processes: the windows are rows in Postgres, updated under row locks taken
 * deepest first, so every process sees one count and two requests of a family never deadlock.
 * Partner keys acting as themselves: a per-organisation window counted in this process, because a
 * shared counter row would serialise every request of a busy organisation on one row lock.
 * Answers carry the IETF RateLimit header fields, and a refusal says when to come back in Retry-After.
 */
export async function enforceRateLimit(deps: AppDeps, principal: PartnerPrincipal, res: Response): Promise<void> {
  const agent = principal.agent;
  if (!agent) {
    const limit = principal.settings.partnerRateLimitPerMinute ?? deps.config.MIR_PARTNER_RATE_LIMIT_PER_MINUTE;
    const { count, resetsAt } = orgWindows.count(principal.organizationId);
    answer(res, limit, count, resetsAt);
    return;
  }
  const buckets = lineageBuckets(principal, agent).reverse();
  const counts = await countRequest(deps.database.db, buckets);
  // The window with the least left speaks for the answer (the agent's own on a tie).
  let speaks = 0;
  buckets.forEach((b, i) => {
    const best = buckets[speaks]!;
    if (b.limit - counts[i]!.count < best.limit - counts[speaks]!.count) speaks = i;
  });
  answer(res, buckets[speaks]!.limit, counts[speaks]!.count, counts[speaks]!.resetsAt.getTime());
}

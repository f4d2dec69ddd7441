import type { Response } from 'express';
import { countRequest } from '../../db/queries/rate-limit';
import type { AppDeps } from '../context';
import type { MiraPrincipal } from './auth';
import { MiraError } from './errors';

/**
 * Each Mira key gets its own limit (set by an operator, PATCH …/keys/:keyId) or else
 * MIRA_KEY_RATE_LIMIT_PER_MINUTE requests per wall-clock minute, counted in
 * Postgres (mir_count_request, like MIR's agent windows), so the bound holds however many API
 * processes share the key's traffic; a refused request is not counted. Every answer carries the
 * IETF RateLimit header fields; a refusal is a 429 `rate_limited` in Mira's envelope that says, in
 * Retry-After too, when to come back.
 */
export async function enforceMiraRateLimit(deps: AppDeps, principal: MiraPrincipal, res: Response): Promise<void> {
  const limit = principal.rateLimitPerMinute ?? deps.config.MIRA_KEY_RATE_LIMIT_PER_MINUTE;
  const [window] = await countRequest(deps.database.db, [{ bucket: `mira-key:${principal.keyId}`, limit }]);
  const { count, resetsAt } = window!;
  const reset = Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000));
  res.setHeader('RateLimit-Limit', String(limit));
  res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - count)));
  res.setHeader('RateLimit-Reset', String(reset));
  res.setHeader('RateLimit-Policy', `${limit};w=60`);
  if (count > limit) {
    res.setHeader('Retry-After', String(reset));
    throw new MiraError(
      'rate_limited',
      `Rate limit of ${limit} requests per minute for this key exceeded; retry in ${reset} s`,
    );
  }
}

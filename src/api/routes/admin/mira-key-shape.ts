import { z } from 'zod';
import { findMiraOrganization } from '../../../db/queries/mira/organizations';
import type { MiraKeyListing } from '../../../db/queries/mira/keys';
import type { Executor } from '../../../db/client';
import { ApiError } from '../../../domain/errors';
import { minutesAgo } from '../../openapi-examples';

/** What the admin Mira key routes (src/api/routes/admin/mira.ts) take and answer. */
const shownOnce = z.string().nullable().describe('Shown only in this response (null on an Idempotency-Key replay)');
const permissions = z.array(z.enum(['read', 'write']));
export const keyAnswer = z.object({ id: z.uuid(), permissions, apiKey: shownOnce });

/** The column's CHECK (migration 0037) says the same, so a refused value never reaches Postgres. */
export const rateLimit = z
  .int()
  .min(1)
  .max(100_000_000)
  .describe("Requests per minute for this key alone; null: the server's MIRA_KEY_RATE_LIMIT_PER_MINUTE");

export const listedKey = z.object({
  id: z.uuid(),
  name: z.string().nullable().describe('The name given when the key was made; null if none (the first key)'),
  prefix: z.string().describe('The first characters of the key, to tell keys apart; never the key'),
  permissions,
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable().describe('To about a minute; null if never used'),
  revokedAt: z.iso.datetime().nullable(),
  rateLimitPerMinute: z.int().nullable().describe('The limit set for this key; null if it has the default'),
  effectiveRateLimitPerMinute: z.int().describe('The limit its requests are counted against now'),
});
export const orgParams = z.object({ id: z.string().min(1).max(64) });
export const keyParams = orgParams.extend({ keyId: z.string().min(1).max(64) });
export const isUuid = (s: string) => z.uuid().safeParse(s).success;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** `defaultLimit` is this process's MIRA_KEY_RATE_LIMIT_PER_MINUTE, what a key without its own gets. */
export const present = (k: MiraKeyListing, defaultLimit: number): z.input<typeof listedKey> => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  permissions: k.canWrite ? ['read', 'write'] : ['read'],
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
  rateLimitPerMinute: k.rateLimitPerMinute,
  effectiveRateLimitPerMinute: k.rateLimitPerMinute ?? defaultLimit,
});

/**
 * What /docs shows for a key (the integration suite records none of these admin calls). Dates are
 * minutes before the routes load, as docs:generate expects, so docs/api-reference.md stays put.
 */
export const exampleKey: z.input<typeof listedKey> = {
  id: '0b9f3c2e-5d41-4f7a-9c8e-2a6d1e4b7f30',
  name: 'crm-sync',
  prefix: 'mira_live_4kq9Zb',
  permissions: ['read', 'write'],
  createdAt: minutesAgo(6 * 24 * 60),
  lastUsedAt: minutesAgo(42),
  revokedAt: null,
  rateLimitPerMinute: null,
  effectiveRateLimitPerMinute: 1200,
};

/** Mira ids are uuids; anything else names no organisation (and would not reach Postgres as one). */
export async function organizationOf(db: Executor, id: string): Promise<void> {
  if (!isUuid(id) || !(await findMiraOrganization(db, id))) {
    throw new ApiError('not_found', `Mira organization ${id} not found`);
  }
}

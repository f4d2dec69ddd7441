import { z } from 'zod';
import { HISTORY_CLAIMS } from '../../domain/credentials';
import type { CredentialRow } from '../../db/queries/credentials';

export const credentialIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export const issueBody = z
  .strictObject({
    disclose: z
      .array(z.enum(HISTORY_CLAIMS))
      .min(1)
      .max(HISTORY_CLAIMS.length)
      .refine((a) => new Set(a).size === a.length, 'must not name a claim twice')
      .default(['tier'])
      .describe('The claims whose disclosures are appended (each is selectively disclosable)'),
    expiresInDays: z.int().min(1).max(90).default(30),
  })
  .describe('A JSON object; `{}` takes every default');

const claims = z.object({
  tier: z.int().min(0).max(3),
  eventCount: z.int(),
  partnerCount: z.int(),
  lastActivityMonth: z.string().nullable(),
});

export const credentialView = z.object({
  id: z.string(),
  status: z.enum(['ACTIVE', 'REVOKED', 'EXPIRED']),
  claims: claims.describe('The values signed, all of them (the presentation carries only `disclosed`)'),
  disclosed: z.array(z.enum(HISTORY_CLAIMS)),
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});

export function toCredentialView(c: CredentialRow, now: Date): z.infer<typeof credentialView> {
  return {
    id: c.id,
    status: c.revokedAt ? 'REVOKED' : c.expiresAt <= now ? 'EXPIRED' : 'ACTIVE',
    claims: c.claims,
    disclosed: c.disclosed as z.infer<typeof credentialView>['disclosed'],
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
  };
}

import { z } from 'zod';
import { publicUrl } from '../../config';
import { insertVerification, listVerifications } from '../../db/queries/credential-verifications';
import { VERIFICATION_STATUSES } from '../../domain/credentials';
import { encodeCursor } from '../../domain/cursor';
import { verifyCredential } from '../../services/credentials/verify';
import { defineRoute } from '../route';
import { pageParams } from '../schemas/pagination';

const verification = z.object({
  valid: z.boolean(),
  status: z.enum(VERIFICATION_STATUSES),
  reason: z.string().optional().describe('Why it is INVALID'),
  disclosed: z.record(z.string(), z.unknown()).describe('The claims the holder disclosed'),
  expiresAt: z.iso.datetime().nullable(),
});

const claimEntry = z.object({
  id: z.string(),
  status: z.enum(VERIFICATION_STATUSES),
  reason: z.string().nullable(),
  disclosed: z.record(z.string(), z.unknown()),
  expiresAt: z.iso.datetime().nullable(),
  verifiedAt: z.iso.datetime(),
});

/** Partners checking a person's history credential (docs/credentials.md, "Partners"). */
export const claimRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/claims/verify',
    operationId: 'verifyClaim',
    summary: 'Verify a history credential: signature, issuer, expiry and status; the person sees that you did',
    tags: ['Credentials'],
    auth: 'partner',
    access: { permission: 'claims:write' },
    body: z.strictObject({ credential: z.string().min(1).max(8192) }),
    responses: { 200: { description: 'The verdict (a refusal is an answer, not an error)', schema: verification } },
    handler: async ({ principal, body, db, deps }) => {
      const v = await verifyCredential(db, body.credential, publicUrl(deps.config));
      await insertVerification(db, { organizationId: principal.organizationId, ...v });
      return {
        status: 200,
        body: {
          valid: v.status === 'VALID',
          status: v.status,
          ...(v.reason ? { reason: v.reason } : {}),
          disclosed: v.disclosed,
          expiresAt: v.expiresAt?.toISOString() ?? null,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/claims',
    operationId: 'listClaims',
    summary: 'The credentials this organisation verified, newest first',
    tags: ['Credentials'],
    auth: 'partner',
    access: { permission: 'claims:read' },
    query: z.strictObject(pageParams),
    responses: {
      200: {
        description: 'One page',
        schema: z.object({ claims: z.array(claimEntry), nextCursor: z.string().nullable() }),
      },
    },
    handler: async ({ principal, query, db }) => {
      const page = await listVerifications(db, { organizationId: principal.organizationId }, query);
      return {
        status: 200,
        body: {
          claims: page.items.map((v) => ({
            id: v.id,
            status: v.status,
            reason: v.reason,
            disclosed: v.disclosed,
            expiresAt: v.expiresAt?.toISOString() ?? null,
            verifiedAt: v.verifiedAt.toISOString(),
          })),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
];

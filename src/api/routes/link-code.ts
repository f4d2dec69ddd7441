import { z } from 'zod';
import { formatLinkCode } from '../../domain/link-codes';
import { assertEmailVerified } from '../../services/email-verification';
import { issueLinkCode, redeemLinkCode } from '../../services/link-codes';
import { defineRoute } from '../route';
import { userIdSchema } from '../schemas/events';
import { EXAMPLE_USER, minutesAgo } from '../openapi-examples';

const codeResponse = z.object({
  code: z
    .string()
    .nullable()
    .describe('`XXXX-XXXX`, shown once (null on an Idempotency-Key replay); give it to the person'),
  expiresAt: z.iso.datetime(),
});
const redeemResponse = z.object({
  partner: z.object({ id: z.string(), name: z.string() }),
  linkedAt: z.iso.datetime(),
});

export const linkCodeRoutes = [
  defineRoute({
    method: 'post',
    path: '/partners/link/code',
    operationId: 'createLinkCode',
    versioned: true,
    summary: 'A short single-use code (10 minutes) one of your users types into MIR to link their account',
    description:
      'The person types the code into MIR (POST /v1/me/links/code) within 10 minutes to link their MIR account to this user id.',
    tags: ['Linking'],
    auth: 'partner',
    ownTransactions: true,
    access: { permission: 'events:write' },
    secretFields: ['code'],
    body: z.strictObject({ userId: userIdSchema }),
    example: { body: { userId: EXAMPLE_USER } },
    responses: {
      201: { description: 'The code; any earlier pending code for this userId stops working', schema: codeResponse },
    },
    handler: async ({ body, principal, deps }) => {
      const { request, code } = await issueLinkCode(deps.database, deps.linkCodeKey, {
        organizationId: principal.organizationId,
        userId: body.userId,
        agentId: principal.agent?.id ?? null,
      });
      return { status: 201, body: { code: formatLinkCode(code), expiresAt: request.expiresAt.toISOString() } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/me/links/code',
    operationId: 'redeemLinkCode',
    summary:
      'Link your MIR account (verified email) to the partner that gave you this code (5 wrong codes per 15 minutes)',
    tags: ['Accounts'],
    auth: 'user',
    ownTransactions: true,
    body: z.strictObject({
      code: z.string().min(1).max(64).describe('As shown (`BCDF-GHJK`); case, spaces and dashes are ignored'),
    }),
    errors: [
      'invalid_code',
      'already_linked',
      'invalid_state',
      'too_many_attempts',
      'worker_unavailable',
      'email_not_verified',
    ],
    responses: { 200: { description: 'Linked', schema: redeemResponse } },
    example: {
      body: { code: 'NSRC-DHPG' },
      response: {
        partner: { id: 'org_01m97p4z62d8h4qqsfs1yh0vd7', name: 'Acme Marketplace' },
        linkedAt: minutesAgo(1),
      },
    },
    handler: async ({ body, principal, deps, req }) => {
      assertEmailVerified(principal);
      return { status: 200, body: await redeemLinkCode(deps, principal.userId, body.code, req.ip) };
    },
  }),
];

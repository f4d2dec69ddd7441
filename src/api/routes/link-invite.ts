import { z } from 'zod';
import { publicUrl } from '../../config';
import { pipelinedTransaction } from '../../db/pipelined';
import { insertLinkRequest, linkStatusOf, replaceRequestSecret } from '../../db/queries/link-requests';
import { lockedLinkState } from '../../db/queries/link-state';
import { newOpaqueToken } from '../../services/accounts';
import { userAlreadyLinked } from '../../domain/errors';
import { queueLinkWorkflow } from '../../services/link-workflows';
import { assertRedirectAllowed } from '../../services/redirect-origins';
import { defineRoute } from '../route';
import { userIdSchema } from '../schemas/events';
import { EXAMPLE_USER } from '../openapi-examples';

export const DEFAULT_INVITE_TTL_SECONDS = 7 * 24 * 60 * 60;

const inviteBody = z.strictObject({
  userId: userIdSchema,
  redirectUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional()
    .describe(
      "Where the page sends the person after confirming; its origin must be in the settings' linkRedirectOrigins",
    ),
});
const inviteResponse = z.object({
  inviteId: z.string(),
  inviteUrl: z.string().nullable(),
  expiresAt: z.iso.datetime(),
});
const statusResponse = z.object({
  userId: z.string(),
  linked: z.boolean(),
  linkedAt: z.iso.datetime().optional(),
  pendingInvite: z.object({ inviteId: z.string(), expiresAt: z.iso.datetime() }).optional(),
});

export const linkInviteRoutes = [
  defineRoute({
    method: 'post',
    path: '/partners/link/invite',
    operationId: 'createLinkInvite',
    errors: ['already_linked', 'too_many_attempts'],
    versioned: true,
    summary: 'Invite one of your users to link their MIR account; only the person can confirm',
    description:
      "Answers the invite URL to send the person; only they can confirm it, logged in to MIR. A user already linked is 409 `already_linked`; inviting again while one is pending replaces its secret. `redirectUrl` must be on one of your settings' `linkRedirectOrigins`.",
    tags: ['Linking'],
    auth: 'partner',
    ownTransactions: true,
    access: { permission: 'events:write' },
    secretFields: ['inviteUrl'],
    body: inviteBody,
    example: { body: { userId: EXAMPLE_USER } },
    responses: {
      201: { description: 'The invite (a pending one is returned again, with a fresh URL)', schema: inviteResponse },
    },
    handler: async ({ body, principal, deps }) => {
      assertRedirectAllowed(body.redirectUrl, principal, deps.config);
      const secret = newOpaqueToken('');
      // The request and its workflow's start commit together (the outbox).
      const request = await pipelinedTransaction(deps.database, async (tx) => {
        const state = await lockedLinkState(tx, principal.organizationId, body.userId);
        if (state.linked) throw userAlreadyLinked();
        const pending = state.pendingInvite;
        let invite;
        if (pending) {
          await replaceRequestSecret(tx, pending.id, secret.hash, body.redirectUrl ?? pending.redirectUrl);
          invite = pending;
        } else {
          const ttl = (principal.settings.linkInviteTtlSeconds ?? DEFAULT_INVITE_TTL_SECONDS) * 1000;
          invite = await insertLinkRequest(tx, {
            kind: 'invite',
            organizationId: principal.organizationId,
            partnerUserId: state.partnerUserId,
            secretHash: secret.hash,
            redirectUrl: body.redirectUrl,
            expiresAt: new Date(Date.now() + ttl),
          });
        }
        await queueLinkWorkflow(tx, invite, principal.agent?.id ?? null);
        return invite;
      });
      return {
        status: 201,
        body: {
          inviteId: request.id,
          inviteUrl: `${publicUrl(deps.config)}/link/${secret.token}`,
          expiresAt: request.expiresAt.toISOString(),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/partners/link/status',
    operationId: 'getLinkStatus',
    versioned: true,
    summary: 'Whether one of your users has linked their MIR account, and any pending invite',
    tags: ['Linking'],
    auth: 'partner',
    access: { permission: 'users:resolve' },
    query: z.strictObject({ userId: userIdSchema }),
    responses: { 200: { description: 'Link status', schema: statusResponse } },
    handler: async ({ query, db, principal, deps }) => {
      const { link, invite } = await linkStatusOf(db, principal.organizationId, query.userId);
      if (link) {
        const { organizationId } = principal;
        deps.accessLog.record([{ link, organizationId, operation: 'link_status' }], new Date());
      }
      return {
        status: 200,
        body: {
          userId: query.userId,
          linked: link !== null,
          ...(link ? { linkedAt: link.linkedAt.toISOString() } : {}),
          ...(invite ? { pendingInvite: { inviteId: invite.id, expiresAt: invite.expiresAt.toISOString() } } : {}),
        },
      };
    },
  }),
];

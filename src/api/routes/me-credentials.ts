import { z } from 'zod';
import { publicUrl } from '../../config';
import { listVerifications } from '../../db/queries/credential-verifications';
import { listCredentials, revokeCredential } from '../../db/queries/credentials';
import { VERIFICATION_STATUSES } from '../../domain/credentials';
import { encodeCursor } from '../../domain/cursor';
import { ApiError } from '../../domain/errors';
import { issueCredential } from '../../services/credentials/issue';
import { issuerKeyEncryptionKey } from '../../services/credentials/issuer-keys';
import { defineRoute } from '../route';
import { credentialIdParams, credentialView, issueBody, toCredentialView } from '../schemas/credentials';
import { pageParams } from '../schemas/pagination';

/** A person's verifiable history credentials (docs/credentials.md). */
export const meCredentialRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/me/credentials',
    operationId: 'issueMyCredential',
    summary: 'A signed SD-JWT VC of your history tier, to show any platform; only the claims you choose are disclosed',
    tags: ['Accounts'],
    auth: 'user',
    body: issueBody,
    secretFields: ['credential'],
    responses: {
      201: {
        description: 'The credential, shown once',
        schema: z.object({ id: z.string(), credential: z.string(), expiresAt: z.iso.datetime() }),
      },
    },
    handler: async ({ principal, body, db, deps }) => {
      const issued = await issueCredential(db, {
        mirUserId: principal.userId,
        disclose: body.disclose,
        expiresInDays: body.expiresInDays,
        issuer: publicUrl(deps.config),
        encryptionKey: issuerKeyEncryptionKey(deps.webhookSecretKey),
      });
      return { status: 201, body: { ...issued, expiresAt: issued.expiresAt.toISOString() } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me/credentials',
    operationId: 'listMyCredentials',
    summary: 'Your credentials, newest first, with their status',
    tags: ['Accounts'],
    auth: 'user',
    query: z.strictObject(pageParams),
    responses: {
      200: {
        description: 'One page',
        schema: z.object({ credentials: z.array(credentialView), nextCursor: z.string().nullable() }),
      },
    },
    handler: async ({ principal, query, db }) => {
      const page = await listCredentials(db, principal.userId, query);
      const now = new Date();
      return {
        status: 200,
        body: {
          credentials: page.items.map((c) => toCredentialView(c, now)),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/me/credentials/:id',
    operationId: 'revokeMyCredential',
    summary: 'Revoke a credential: its status list says so within a minute, everywhere',
    tags: ['Accounts'],
    auth: 'user',
    params: credentialIdParams,
    errors: ['not_found'],
    responses: { 200: { description: 'The credential, revoked', schema: credentialView } },
    handler: async ({ principal, params, db }) => {
      const revoked = await revokeCredential(db, principal.userId, params.id);
      if (!revoked) throw new ApiError('not_found', 'No such credential');
      return { status: 200, body: toCredentialView(revoked, new Date()) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me/credentials/verifications',
    operationId: 'listMyCredentialVerifications',
    summary: 'Every verification of your credentials by a partner, newest first',
    tags: ['Accounts'],
    auth: 'user',
    query: z.strictObject(pageParams),
    responses: {
      200: {
        description: 'One page',
        schema: z.object({
          verifications: z.array(
            z.object({
              partner: z.object({ id: z.string(), name: z.string() }),
              credentialId: z.string().nullable(),
              status: z.enum(VERIFICATION_STATUSES),
              at: z.iso.datetime(),
            }),
          ),
          nextCursor: z.string().nullable(),
        }),
      },
    },
    handler: async ({ principal, query, db }) => {
      const page = await listVerifications(db, { mirUserId: principal.userId }, query);
      return {
        status: 200,
        body: {
          verifications: page.items.map((v) => ({
            partner: { id: v.partnerId, name: v.partnerName },
            credentialId: v.credentialId,
            status: v.status,
            at: v.verifiedAt.toISOString(),
          })),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        },
      };
    },
  }),
];

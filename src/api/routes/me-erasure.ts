import { z } from 'zod';
import { ERASURE_STATUSES } from '../../domain/erasure';
import { passwordField } from '../../services/account-actions';
import { cancelMyErasure, erasureStatus, requestErasure } from '../../services/erasure';
import { minutesAgo } from '../openapi-examples';
import { defineRoute } from '../route';

const erasure = z.object({
  erasureId: z.string(),
  status: z.enum(ERASURE_STATUSES),
  requestedAt: z.iso.datetime(),
  erasesAt: z.iso.datetime().describe('When the erasure begins, unless cancelled before'),
  cancelledAt: z.iso.datetime().nullable(),
});

export const meErasureRoutes = [
  defineRoute({
    method: 'post',
    path: '/v1/me/erasure',
    operationId: 'requestMyErasure',
    summary:
      'Erase your account: at once no partner sees your shared history; after the grace period everything MIR holds about you is deleted, unless you cancel or log in before',
    tags: ['Accounts'],
    auth: 'user',
    ownTransactions: true,
    // The body is a password: no Idempotency-Key fingerprint may keep a fast hash of it. Asking twice answers the first erasure.
    passwordInBody: true,
    body: z.strictObject({ password: passwordField.describe("Your account's password, asked again") }),
    errors: ['invalid_credentials', 'too_many_attempts'],
    responses: {
      202: { description: 'Scheduled (or already scheduled)', schema: erasure.pick({ erasureId: true, erasesAt: true }) },
    },
    example: {
      body: { password: 'correct horse battery staple' },
      response: { erasureId: 'era_01m97mzqx4w3a5pay6gz4enrde', erasesAt: minutesAgo(-7 * 24 * 60) },
    },
    handler: async ({ body, principal, req, deps }) => {
      const scheduled = await requestErasure(deps, principal, body.password, req.ip);
      return { status: 202, body: { erasureId: scheduled.erasureId, erasesAt: scheduled.erasesAt } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me/erasure',
    operationId: 'getMyErasure',
    summary: 'Your newest erasure request and where it stands',
    tags: ['Accounts'],
    auth: 'user',
    ownTransactions: true,
    errors: ['not_found'],
    responses: { 200: { description: 'The erasure', schema: erasure } },
    handler: async ({ principal, deps }) => ({ status: 200, body: await erasureStatus(deps, principal.userId) }),
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/me/erasure',
    operationId: 'cancelMyErasure',
    summary: 'Cancel your erasure during its grace period: your links come back as they were',
    tags: ['Accounts'],
    auth: 'user',
    ownTransactions: true,
    errors: ['not_found', 'invalid_state'],
    responses: { 200: { description: 'Cancelled', schema: erasure } },
    handler: async ({ principal, deps }) => ({ status: 200, body: await cancelMyErasure(deps, principal.userId) }),
  }),
];

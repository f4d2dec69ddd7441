import { z } from 'zod';
import { trimmedText } from '../../../domain/text';
import { createApiKey, revokeApiKey } from '../../../db/queries/api-keys';
import { importMembers } from '../../../db/queries/member-import';
import { emailField } from '../../../services/account-actions';
import { createOrganization, findOrganization } from '../../../db/queries/organizations';
import { PLANS, ROLES } from '../../../domain/roles';
import { ApiError } from '../../../domain/errors';
import { defineRoute } from '../../route';

const ADMIN_ACTOR = { type: 'admin', id: null } as const;
const orgParams = z.object({ id: z.string().min(1).max(64) });
const keyParams = orgParams.extend({ keyId: z.string().min(1).max(64) });

const createOrgBody = z.strictObject({
  name: trimmedText(200),
  plan: z.enum(PLANS),
  /** A person who is OWNER member: at once if their address is verified, else when they verify it. */
  ownerEmail: emailField.optional(),
});
const shownOnce = z.string().nullable().describe('Shown only in this response (null on an Idempotency-Key replay)');
const ownerInvite = z
  .object({ id: z.string(), email: z.string(), status: z.enum(['PENDING', 'CLAIMED']) })
  .optional()
  .describe('With ownerEmail, its OWNER invite: CLAIMED when the person was already verified and is a member now');
const createOrgResponse = z.object({
  id: z.string(),
  name: z.string(),
  plan: z.enum(PLANS),
  apiKey: shownOnce,
  apiKeyId: z.string().describe("The OWNER key's id: GET /portal/api/keys lists it, …/revoke and …/rotate take it"),
  ownerInvite,
});

const createKeyBody = z.strictObject({
  role: z.enum(ROLES),
  name: trimmedText(100).optional(),
});
const createKeyResponse = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  name: z.string().nullable(),
  apiKey: shownOnce,
});
const revokeKeyResponse = z.object({ id: z.string(), revoked: z.literal(true), revokedAt: z.iso.datetime() });

export const adminOrganizationRoutes = [
  defineRoute({
    method: 'post',
    path: '/admin/organizations',
    operationId: 'adminCreateOrganization',
    errors: ['too_many_emails'],
    summary:
      'Create a partner organisation, its first OWNER key (shown only in this response) and optionally its OWNER member',
    tags: ['Admin'],
    auth: 'admin',
    secretFields: ['apiKey'],
    body: createOrgBody,
    responses: { 201: { description: 'Created', schema: createOrgResponse } },
    handler: async ({ body, db, requestId }) => {
      const { ownerEmail, ...fields } = body;
      // One transaction: the organisation never exists without the OWNER it was created for.
      const { org, key, owner } = await db.transaction(async (tx) => {
        const created = await createOrganization(tx, { ...fields, actor: ADMIN_ACTOR, requestId });
        const [invited] = ownerEmail
          ? await importMembers(tx, {
              organizationId: created.org.id,
              rows: [{ email: ownerEmail, role: 'OWNER' }],
              importSource: 'operator',
              actor: ADMIN_ACTOR,
              requestId,
            })
          : [];
        return { ...created, owner: invited ?? null };
      });
      const ownerInvite = owner ? { ownerInvite: { id: owner.id, email: owner.email, status: owner.status } } : {};
      return {
        status: 201,
        body: { id: org.id, name: org.name, plan: org.plan, apiKey: key.plaintext, apiKeyId: key.id, ...ownerInvite },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/organizations/:id/keys',
    operationId: 'adminCreateOrganizationKey',
    errors: ['not_found'],
    summary: 'Issue another partner key with a role (shown only in this response)',
    tags: ['Admin'],
    auth: 'admin',
    secretFields: ['apiKey'],
    params: orgParams,
    body: createKeyBody,
    responses: { 201: { description: 'Created', schema: createKeyResponse } },
    handler: async ({ params, body, db, requestId }) => {
      if (!(await findOrganization(db, params.id)))
        throw new ApiError('not_found', `Organization ${params.id} not found`);
      const key = await createApiKey(db, {
        organizationId: params.id,
        role: body.role,
        name: body.name,
        actor: ADMIN_ACTOR,
        requestId,
      });
      return { status: 201, body: { id: key.id, role: key.role, name: key.name, apiKey: key.plaintext } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/organizations/:id/keys/:keyId/revoke',
    operationId: 'adminRevokeOrganizationKey',
    errors: ['not_found'],
    summary:
      'Revoke a partner key; refused from the very next request here, and within milliseconds on every other API process',
    tags: ['Admin'],
    auth: 'admin',
    params: keyParams,
    responses: { 200: { description: 'Revoked (idempotent)', schema: revokeKeyResponse } },
    handler: async ({ params, db, deps, requestId, onCommit }) => {
      const key = await revokeApiKey(db, {
        organizationId: params.id,
        keyId: params.keyId,
        actor: ADMIN_ACTOR,
        requestId,
      });
      onCommit(() => deps.authCache.flush());
      if (!key?.revokedAt)
        throw new ApiError('not_found', `Key ${params.keyId} not found in organization ${params.id}`);
      return { status: 200, body: { id: key.id, revoked: true, revokedAt: key.revokedAt.toISOString() } };
    },
  }),
];

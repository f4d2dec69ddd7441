import { z } from 'zod';
import { createApiKey } from '../../db/queries/api-keys';
import {
  type KeyChange,
  type KeyListing,
  listPartnerKeys,
  revokePartnerKey,
  rotatePartnerKey,
} from '../../db/queries/partner-keys';
import { encodeCursor } from '../../domain/cursor';
import { ApiError } from '../../domain/errors';
import type { PartnerPrincipal } from '../../domain/principals';
import { ROLES, type Role } from '../../domain/roles';
import { auditActorOf } from '../present/agents';
import { defineRoute } from '../route';
import { pageParams } from '../schemas/pagination';

/** OWNER and ADMIN manage keys, even under enforceAgentAuth: an owner can always revoke a leaked key. */
const MANAGE_KEYS = { roles: ['OWNER', 'ADMIN'] as const, exemptFromAgentAuth: true };

const keySchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
  prefix: z.string().describe('The first characters of the key, to tell keys apart; never the key'),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable().describe('To about a minute; null if never used'),
  revokedAt: z.iso.datetime().nullable(),
});

const shownOnce = z
  .string()
  .nullable()
  .describe('The key, shown only in this response (null when an Idempotency-Key replays it)');

const keyParams = z.strictObject({ id: z.string().min(1).max(64) });
const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Field by field: a stored row also carries the key's hash, which no answer may hold. */
const present = (k: KeyListing): z.input<typeof keySchema> => ({
  id: k.id,
  name: k.name,
  role: k.role,
  prefix: k.prefix,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
});

const outranked = (role: Role | null) =>
  new ApiError('role_required', 'Only an OWNER key may create, revoke or rotate an OWNER key', {
    required: ['OWNER'],
    role,
  });

/** The answer of a revocation or rotation, or the error its outcome means. */
function changed(change: KeyChange, id: string, principal: PartnerPrincipal) {
  switch (change.outcome) {
    case 'not_found':
      throw new ApiError('not_found', `Key ${id} not found in your organization`);
    case 'outranks':
      throw outranked(principal.role);
    case 'revoked':
      throw new ApiError('invalid_state', `Key ${id} is revoked; a revoked key cannot be rotated`);
    case 'last_owner':
      throw new ApiError('last_owner_key', `Key ${id} is your organization's last OWNER key: create another first`);
    default:
      return change;
  }
}

export const keyRoutes = [
  defineRoute({
    method: 'get',
    path: '/portal/api/keys',
    operationId: 'listApiKeys',
    summary: "List your organization's partner keys, newest first (never the keys themselves)",
    tags: ['Keys'],
    auth: 'partner',
    access: MANAGE_KEYS,
    query: z.strictObject({
      ...pageParams,
      includeRevoked: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
    }),
    responses: {
      200: {
        description: 'One page of keys',
        schema: z.object({ keys: z.array(keySchema), nextCursor: z.string().nullable() }),
      },
    },
    handler: async ({ query, db, principal }) => {
      const rows = await listPartnerKeys(db, { organizationId: principal.organizationId, ...query });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > query.limit && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null;
      return { status: 200, body: { keys: page.map(present), nextCursor } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/portal/api/keys',
    operationId: 'createApiKey',
    errors: ['role_required'],
    summary: 'Create a partner key with a role (the key is shown only in this response)',
    tags: ['Keys'],
    auth: 'partner',
    access: MANAGE_KEYS,
    secretFields: ['apiKey'],
    body: z.strictObject({ role: z.enum(ROLES), name: z.string().trim().min(1).max(100).optional() }),
    example: { body: { role: 'ANALYST', name: 'Reporting dashboard' } },
    responses: { 201: { description: 'Created', schema: keySchema.extend({ apiKey: shownOnce }) } },
    handler: async ({ body, db, principal, requestId, onCommit, deps }) => {
      if (body.role === 'OWNER' && principal.role !== 'OWNER') throw outranked(principal.role);
      const key = await createApiKey(db, {
        organizationId: principal.organizationId,
        role: body.role,
        name: body.name,
        actor: auditActorOf(principal),
        requestId,
      });
      onCommit(() => deps.authCache.flush());
      return { status: 201, body: { ...present({ ...key, prefix: key.keyPrefix }), apiKey: key.plaintext } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/portal/api/keys/:id/revoke',
    operationId: 'revokeApiKey',
    errors: ['not_found', 'role_required', 'invalid_state', 'last_owner_key'],
    summary: 'Revoke a partner key: refused from the next request on every API process (idempotent)',
    tags: ['Keys'],
    auth: 'partner',
    access: MANAGE_KEYS,
    params: keyParams,
    responses: { 200: { description: 'Revoked', schema: keySchema } },
    handler: async ({ params, db, principal, requestId, onCommit, deps }) => {
      const change = await revokePartnerKey(db, {
        organizationId: principal.organizationId,
        keyId: params.id,
        callerRole: principal.role,
        actor: auditActorOf(principal),
        requestId,
      });
      onCommit(() => deps.authCache.flush());
      return { status: 200, body: present(changed(change, params.id, principal).key) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/portal/api/keys/:id/rotate',
    operationId: 'rotateApiKey',
    errors: ['not_found', 'role_required', 'invalid_state', 'last_owner_key'],
    summary: 'Replace a partner key by a new one with its name and role; the old key stops working at once',
    tags: ['Keys'],
    auth: 'partner',
    access: MANAGE_KEYS,
    secretFields: ['apiKey'],
    params: keyParams,
    responses: {
      200: {
        description: 'The new key (save it now)',
        schema: keySchema.extend({ apiKey: shownOnce, replaces: z.string() }),
      },
    },
    handler: async ({ params, db, principal, requestId, onCommit, deps }) => {
      const change = await rotatePartnerKey(db, {
        organizationId: principal.organizationId,
        keyId: params.id,
        callerRole: principal.role,
        actor: auditActorOf(principal),
        requestId,
      });
      onCommit(() => deps.authCache.flush());
      const { key, plaintext } = changed(change, params.id, principal);
      return { status: 200, body: { ...present(key), apiKey: plaintext ?? null, replaces: params.id } };
    },
  }),
];

import { z } from 'zod';
import { PRINTABLE, trimmedText } from '../../../domain/text';
import { createMiraOrganization, insertMiraKey } from '../../../db/queries/mira/organizations';
import { listMiraKeys, revokeMiraKey, setMiraKeyRateLimit } from '../../../db/queries/mira/keys';
import { ApiError } from '../../../domain/errors';
import { minutesAgo } from '../../openapi-examples';
import { defineRoute } from '../../route';
import {
  exampleKey,
  isUuid,
  keyAnswer,
  keyParams,
  listedKey,
  organizationOf,
  orgParams,
  present,
  rateLimit,
} from './mira-key-shape';

/** Operators create Mira organisations and keys (the CLI's `mira org create` / `mira key create`). */
export const adminMiraRoutes = [
  defineRoute({
    method: 'post',
    path: '/admin/mira/organizations',
    operationId: 'adminCreateMiraOrganization',
    summary: 'Create a Mira organisation and its first read+write key (shown only in this response)',
    tags: ['Admin'],
    auth: 'admin',
    secretFields: ['key.apiKey'],
    body: z.strictObject({ name: trimmedText(200) }),
    responses: {
      201: { description: 'Created', schema: z.object({ id: z.uuid(), name: z.string(), key: keyAnswer }) },
    },
    handler: async ({ body, db }) => {
      const { org, key } = await createMiraOrganization(db, body.name);
      return {
        status: 201,
        body: {
          id: org.id,
          name: org.name,
          key: { id: key.id, permissions: ['read', 'write'], apiKey: key.plaintext },
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/mira/organizations/:id/keys',
    operationId: 'adminCreateMiraKey',
    errors: ['not_found'],
    summary: 'Issue another Mira key: read+write, or read-only (shown only in this response)',
    tags: ['Admin'],
    auth: 'admin',
    secretFields: ['apiKey'],
    params: orgParams,
    body: z.strictObject({
      readOnly: z.boolean().default(false),
      name: trimmedText(100)
        .regex(PRINTABLE, 'must be printable text')
        .optional()
        .describe('To tell keys apart in the list (GET …/keys)'),
      rateLimitPerMinute: rateLimit.nullable().optional(),
    }),
    responses: { 201: { description: 'Created', schema: keyAnswer } },
    example: {
      body: { name: 'crm-sync', rateLimitPerMinute: 300 },
      response: { id: exampleKey.id, permissions: ['read', 'write'], apiKey: 'mira_live_…' },
    },
    handler: async ({ params, body, db }) => {
      await organizationOf(db, params.id);
      const key = await insertMiraKey(
        db,
        params.id,
        !body.readOnly,
        body.name ?? null,
        body.rateLimitPerMinute ?? null,
      );
      return {
        status: 201,
        body: { id: key.id, permissions: key.canWrite ? ['read', 'write'] : ['read'], apiKey: key.plaintext },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/admin/mira/organizations/:id/keys',
    operationId: 'adminListMiraKeys',
    errors: ['not_found'],
    summary: "List a Mira organisation's keys, revoked ones too, oldest first (never the keys themselves)",
    tags: ['Admin'],
    auth: 'admin',
    params: orgParams,
    responses: { 200: { description: 'The keys', schema: z.object({ keys: z.array(listedKey) }) } },
    example: { response: { keys: [exampleKey] } },
    handler: async ({ params, db, deps }) => {
      await organizationOf(db, params.id);
      const keys = await listMiraKeys(db, params.id);
      return { status: 200, body: { keys: keys.map((k) => present(k, deps.config.MIRA_KEY_RATE_LIMIT_PER_MINUTE)) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/admin/mira/organizations/:id/keys/:keyId/revoke',
    operationId: 'adminRevokeMiraKey',
    errors: ['not_found'],
    summary: 'Revoke a Mira key: refused from the next request on every API process (idempotent)',
    tags: ['Admin'],
    auth: 'admin',
    params: keyParams,
    responses: { 200: { description: 'Revoked (a key revoked before keeps its first revokedAt)', schema: listedKey } },
    example: { response: { ...exampleKey, revokedAt: minutesAgo(1) } },
    handler: async ({ params, db, onCommit, deps }) => {
      await organizationOf(db, params.id);
      const key = isUuid(params.keyId) ? await revokeMiraKey(db, params.id, params.keyId) : null;
      if (!key) throw new ApiError('not_found', `Mira key ${params.keyId} not found in organization ${params.id}`);
      // This process at once; the others on the NOTIFY the revocation's commit sends.
      onCommit(() => deps.authCache.flush());
      return { status: 200, body: present(key, deps.config.MIRA_KEY_RATE_LIMIT_PER_MINUTE) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/admin/mira/organizations/:id/keys/:keyId',
    operationId: 'adminUpdateMiraKey',
    errors: ['not_found'],
    summary: "Set a Mira key's own rate limit, or null for the default: applies from the next request (idempotent)",
    tags: ['Admin'],
    auth: 'admin',
    params: keyParams,
    body: z.strictObject({ rateLimitPerMinute: rateLimit.nullable() }),
    responses: { 200: { description: 'The key as it now is', schema: listedKey } },
    example: {
      body: { rateLimitPerMinute: 300 },
      response: { ...exampleKey, rateLimitPerMinute: 300, effectiveRateLimitPerMinute: 300 },
    },
    handler: async ({ params, body, db, onCommit, deps }) => {
      await organizationOf(db, params.id);
      const key = isUuid(params.keyId)
        ? await setMiraKeyRateLimit(db, params.id, params.keyId, body.rateLimitPerMinute)
        : null;
      if (!key) throw new ApiError('not_found', `Mira key ${params.keyId} not found in organization ${params.id}`);
      // The limit is cached with the key: this process at once, the others on the trigger's NOTIFY (0037).
      onCommit(() => deps.authCache.flush());
      return { status: 200, body: present(key, deps.config.MIRA_KEY_RATE_LIMIT_PER_MINUTE) };
    },
  }),
];

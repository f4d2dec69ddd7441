import { z } from 'zod';
import { PRINTABLE, trimmedText } from '../../../domain/text';
import { createMiraOrganization, findMiraOrganization, insertMiraKey } from '../../../db/queries/mira/organizations';
import { type MiraKeyListing, listMiraKeys, revokeMiraKey } from '../../../db/queries/mira/keys';
import type { Executor } from '../../../db/client';
import { ApiError } from '../../../domain/errors';
import { defineRoute } from '../../route';

const shownOnce = z.string().nullable().describe('Shown only in this response (null on an Idempotency-Key replay)');
const permissions = z.array(z.enum(['read', 'write']));
const keyAnswer = z.object({ id: z.uuid(), permissions, apiKey: shownOnce });
const listedKey = z.object({
  id: z.uuid(),
  name: z.string().nullable().describe('The name given when the key was made; null if none (the first key)'),
  prefix: z.string().describe('The first characters of the key, to tell keys apart; never the key'),
  permissions,
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable().describe('To about a minute; null if never used'),
  revokedAt: z.iso.datetime().nullable(),
});
const orgParams = z.object({ id: z.string().min(1).max(64) });
const keyParams = orgParams.extend({ keyId: z.string().min(1).max(64) });
const isUuid = (s: string) => z.uuid().safeParse(s).success;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const present = (k: MiraKeyListing): z.input<typeof listedKey> => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  permissions: k.canWrite ? ['read', 'write'] : ['read'],
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
});

/**
 * What /docs shows for a key (the integration suite records none of these admin calls). Dates are
 * minutes before the routes load, as docs:generate expects, so docs/api-reference.md stays put.
 */
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const exampleKey: z.input<typeof listedKey> = {
  id: '0b9f3c2e-5d41-4f7a-9c8e-2a6d1e4b7f30',
  name: 'crm-sync',
  prefix: 'mira_live_4kq9Zb',
  permissions: ['read', 'write'],
  createdAt: minutesAgo(6 * 24 * 60),
  lastUsedAt: minutesAgo(42),
  revokedAt: null,
};

/** Mira ids are uuids; anything else names no organisation (and would not reach Postgres as one). */
async function organizationOf(db: Executor, id: string): Promise<void> {
  if (!isUuid(id) || !(await findMiraOrganization(db, id))) {
    throw new ApiError('not_found', `Mira organization ${id} not found`);
  }
}

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
    }),
    responses: { 201: { description: 'Created', schema: keyAnswer } },
    handler: async ({ params, body, db }) => {
      await organizationOf(db, params.id);
      const key = await insertMiraKey(db, params.id, !body.readOnly, body.name ?? null);
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
    handler: async ({ params, db }) => {
      await organizationOf(db, params.id);
      return { status: 200, body: { keys: (await listMiraKeys(db, params.id)).map(present) } };
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
      return { status: 200, body: present(key) };
    },
  }),
];

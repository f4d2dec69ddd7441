import { z } from 'zod';
import { trimmedText } from '../../../domain/text';
import { createMiraOrganization, findMiraOrganization, insertMiraKey } from '../../../db/queries/mira/organizations';
import { ApiError } from '../../../domain/errors';
import { defineRoute } from '../../route';

const shownOnce = z.string().nullable().describe('Shown only in this response (null on an Idempotency-Key replay)');
const permissions = z.array(z.enum(['read', 'write']));
const keyAnswer = z.object({ id: z.uuid(), permissions, apiKey: shownOnce });

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
    params: z.object({ id: z.string().min(1).max(64) }),
    body: z.strictObject({ readOnly: z.boolean().default(false) }),
    responses: { 201: { description: 'Created', schema: keyAnswer } },
    handler: async ({ params, body, db }) => {
      // Mira ids are uuids; anything else names no organisation (and would not reach Postgres as one).
      if (!z.uuid().safeParse(params.id).success || !(await findMiraOrganization(db, params.id))) {
        throw new ApiError('not_found', `Mira organization ${params.id} not found`);
      }
      const key = await insertMiraKey(db, params.id, !body.readOnly);
      return {
        status: 201,
        body: { id: key.id, permissions: key.canWrite ? ['read', 'write'] : ['read'], apiKey: key.plaintext },
      };
    },
  }),
];

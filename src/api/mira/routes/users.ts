import { z } from 'zod';
import { insertMiraUser, listMiraUsers } from '../../../db/queries/mira/users';
import { MiraError } from '../errors';
import { presentUser } from '../present';
import { defineMiraRoute } from '../route';
import { pageQuery, textField } from '../schemas/common';
import { userSchema } from '../schemas/resources';

const createUserBody = z.strictObject({
  name: textField(200),
  email: z
    .email({ message: 'must be an email address' })
    .max(320)
    // RFC 5321's limit on the part before the @, which the email format implies and zod does not check.
    .refine((e) => e.slice(0, e.lastIndexOf('@')).length <= 64, 'the part before @ may have at most 64 characters'),
});

/** Reps: not in 003, which assumes they exist; the uuid is the `user_id` every filter takes. */
export const miraUserRoutes = [
  defineMiraRoute({
    method: 'post',
    path: '/users',
    operationId: 'createUser',
    summary: "Add a rep (a user); its id is the user_id of meetings and filters. Requires 'write' permission.",
    tags: ['Users'],
    write: true,
    body: createUserBody,
    example: { body: { name: 'Jane Smith', email: 'jane.smith@acme.example' } },
    errors: ['conflict'],
    responses: { 201: { description: 'Created', data: userSchema } },
    handler: async ({ db, principal, body }) => {
      const user = await insertMiraUser(db, principal.organizationId, body);
      if (!user)
        throw new MiraError('conflict', `email: a user with ${body.email} already exists in your organization`);
      return { status: 201, data: presentUser(user) };
    },
  }),
  defineMiraRoute({
    method: 'get',
    path: '/users',
    operationId: 'listUsers',
    summary: 'List the reps of your organization',
    tags: ['Users'],
    query: z.strictObject({ ...pageQuery }),
    responses: { 200: { description: 'A page of users', data: z.array(userSchema), list: true } },
    handler: async ({ db, principal, query }) => {
      const page = await listMiraUsers(db, principal.organizationId, query);
      return { status: 200, data: page.rows.map(presentUser), meta: { ...query, total: page.total } };
    },
  }),
];

import { z } from 'zod';
import { linksOfUser, unlink } from '../../db/queries/links';
import { ApiError } from '../../domain/errors';
import { defineRoute } from '../route';

const linkSchema = z.object({ partner: z.object({ id: z.string(), name: z.string() }), linkedAt: z.iso.datetime() });

export const meLinkRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/me/links',
    operationId: 'listMyLinks',
    summary: 'The partners you have linked your MIR account to',
    tags: ['Accounts'],
    auth: 'user',
    responses: { 200: { description: 'Your links', schema: z.object({ links: z.array(linkSchema) }) } },
    handler: async ({ principal, db }) => {
      const links = await linksOfUser(db, principal.userId);
      return {
        status: 200,
        body: {
          links: links.map((l) => ({
            partner: { id: l.organizationId, name: l.name },
            linkedAt: l.linkedAt.toISOString(),
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/me/links/:partnerId',
    operationId: 'unlinkMyPartner',
    errors: ['not_found'],
    summary: 'Unlink a partner: it stops seeing your shared history at once (its own events stay its own)',
    tags: ['Accounts'],
    auth: 'user',
    params: z.strictObject({ partnerId: z.string().min(1).max(64) }),
    responses: {
      200: { description: 'Unlinked', schema: z.object({ partnerId: z.string(), unlinked: z.literal(true) }) },
    },
    handler: async ({ params, principal, db }) => {
      if (!(await unlink(db, principal.userId, params.partnerId))) {
        throw new ApiError('not_found', 'You have no link with this partner');
      }
      return { status: 200, body: { partnerId: params.partnerId, unlinked: true } };
    },
  }),
];

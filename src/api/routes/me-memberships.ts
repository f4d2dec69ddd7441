import { z } from 'zod';
import { leaveOrganization, membershipsOf } from '../../db/queries/memberships';
import { ApiError } from '../../domain/errors';
import { ROLES } from '../../domain/roles';
import { defineRoute } from '../route';

const membership = z.object({
  organization: z.object({ id: z.string(), name: z.string() }),
  memberId: z.string().describe('Your id in that organisation: what its members list and webhooks show'),
  role: z.enum(ROLES),
  since: z.iso.datetime(),
});

export const meMembershipRoutes = [
  defineRoute({
    method: 'get',
    path: '/v1/me/memberships',
    operationId: 'listMyMemberships',
    summary: 'The organisations that hold you as a member (by importing your address), and your role in each',
    tags: ['Accounts'],
    auth: 'user',
    responses: {
      200: { description: 'Your memberships', schema: z.object({ memberships: z.array(membership) }) },
    },
    handler: async ({ principal, db }) => {
      const rows = await membershipsOf(db, principal.userId);
      return {
        status: 200,
        body: {
          memberships: rows.map((m) => ({
            organization: { id: m.organizationId, name: m.organizationName },
            memberId: m.memberId,
            role: m.role,
            since: m.since.toISOString(),
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/me/memberships/:orgId',
    operationId: 'leaveMyMembership',
    errors: ['not_found'],
    summary:
      'Leave an organisation: it no longer lists you as a member, and importing your address again does not add you back',
    tags: ['Accounts'],
    auth: 'user',
    params: z.strictObject({ orgId: z.string().min(1).max(64) }),
    responses: {
      200: { description: 'Left', schema: z.object({ organizationId: z.string(), left: z.literal(true) }) },
    },
    handler: async ({ params, principal, db }) => {
      if (!(await leaveOrganization(db, principal.userId, params.orgId))) {
        throw new ApiError('not_found', 'You are not a member of this organization');
      }
      return { status: 200, body: { organizationId: params.orgId, left: true } };
    },
  }),
];

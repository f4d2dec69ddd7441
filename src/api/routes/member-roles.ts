import { z } from 'zod';
import { changeMemberRole } from '../../db/queries/member-roles';
import { ROLES } from '../../domain/roles';
import { ApiError } from '../../domain/errors';
import { auditActorOf } from '../present/agents';
import { defineRoute } from '../route';
import { member } from './members';

export const memberRoleRoutes = [
  defineRoute({
    method: 'patch',
    path: '/enterprise/api/members/:id',
    operationId: 'updateMemberRole',
    summary: "Promote or demote a member (OWNER only); the organization's last OWNER cannot be demoted",
    tags: ['Members'],
    auth: 'partner',
    access: { plan: 'enterprise', roles: ['OWNER'] },
    params: z.object({ id: z.string().min(1).max(64) }),
    body: z.strictObject({ role: z.enum(ROLES) }),
    responses: { 200: { description: 'The member with its role now', schema: member } },
    errors: ['member_not_found', 'last_owner'],
    handler: async ({ params, body, db, principal, requestId }) => {
      const changed = await changeMemberRole(db, {
        organizationId: principal.organizationId,
        memberId: params.id,
        role: body.role,
        actor: auditActorOf(principal),
        requestId,
      });
      if (!changed) throw new ApiError('member_not_found', `No current member ${params.id} in this organization`);
      return { status: 200, body: { ...changed, createdAt: changed.createdAt.toISOString() } };
    },
  }),
];

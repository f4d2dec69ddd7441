import { z } from 'zod';
import { findOrganization } from '../../../db/queries/organizations';
import { setOrgAction } from '../../../db/queries/policy';
import { ACTION_NAME, DEFAULT_ACTIONS, actionConfigSchema, actionOverrideSchema } from '../../../domain/policy/actions';
import { ApiError } from '../../../domain/errors';
import { defineRoute } from '../../route';

const ADMIN_ACTOR = { type: 'admin', id: null } as const;
const params = z.strictObject({
  id: z.string().min(1).max(64),
  action: z.string().max(100).regex(ACTION_NAME, 'must be category.action'),
});

async function assertOrg(db: Parameters<typeof findOrganization>[0], id: string) {
  if (!(await findOrganization(db, id))) throw new ApiError('not_found', `Organization ${id} not found`);
}

export const adminPolicyActionRoutes = [
  defineRoute({
    method: 'put',
    path: '/admin/organizations/:id/policy/actions/:action',
    operationId: 'adminSetPolicyAction',
    errors: ['not_found'],
    summary: "Set an organization's custom action, or override fields of a default one (audited)",
    tags: ['Admin'],
    auth: 'admin',
    params,
    body: actionOverrideSchema,
    responses: { 200: { description: 'Stored; GET /policy/actions/:action shows the effective result' } },
    handler: async ({ params: p, body, db, deps, requestId, onCommit }) => {
      await assertOrg(db, p.id);
      if (!DEFAULT_ACTIONS[p.action]) {
        const full = actionConfigSchema.safeParse(body);
        if (!full.success) {
          throw new ApiError(
            'validation_failed',
            'A custom action needs every field: description, required_tier, fail_behavior, agent, service, rules',
            full.error.issues.map((i) => ({ in: 'body', path: i.path.join('.'), message: i.message })),
          );
        }
      }
      await setOrgAction(db, { organizationId: p.id, action: p.action, config: body, actor: ADMIN_ACTOR, requestId });
      onCommit(() => deps.actionCache.flush());
      return { status: 200, body: { organizationId: p.id, action: p.action, config: body } };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/admin/organizations/:id/policy/actions/:action',
    operationId: 'adminDeletePolicyAction',
    errors: ['not_found'],
    summary: "Remove an organization's custom action or override (defaults apply again)",
    tags: ['Admin'],
    auth: 'admin',
    params,
    responses: { 200: { description: 'Removed' } },
    handler: async ({ params: p, db, deps, requestId, onCommit }) => {
      await assertOrg(db, p.id);
      const removed = await setOrgAction(db, {
        organizationId: p.id,
        action: p.action,
        config: null,
        actor: ADMIN_ACTOR,
        requestId,
      });
      onCommit(() => deps.actionCache.flush());
      if (!removed) throw new ApiError('not_found', `Organization ${p.id} has no own configuration for ${p.action}`);
      return { status: 200, body: { organizationId: p.id, action: p.action, removed: true } };
    },
  }),
];

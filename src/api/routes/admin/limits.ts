import { z } from 'zod';
import { findOrganization, updateOrganizationSettings } from '../../../db/queries/organizations';
import { ApiError } from '../../../domain/errors';
import { defineRoute } from '../../route';

const limitsBody = z.strictObject({
  partnerRateLimitPerMinute: z
    .int()
    .min(1)
    .max(100_000_000)
    .nullable()
    .describe("Requests per minute per API process for this organisation's partner keys; null restores the default"),
});
const limitsResponse = z.object({
  organizationId: z.string(),
  partnerRateLimitPerMinute: z.int().nullable().describe('null: MIR_PARTNER_RATE_LIMIT_PER_MINUTE applies'),
});

/** An operator's setting, not the partner's: an organisation must not lift its own limit. */
export const adminLimitRoutes = [
  defineRoute({
    method: 'patch',
    path: '/admin/organizations/:id/limits',
    operationId: 'adminUpdateOrganizationLimits',
    errors: ['not_found'],
    summary: "Set an organisation's partner-key rate limit (operators only)",
    tags: ['Admin'],
    auth: 'admin',
    params: z.object({ id: z.string().min(1).max(64) }),
    body: limitsBody,
    responses: { 200: { description: 'The limits now in force', schema: limitsResponse } },
    handler: async ({ params, body, db, deps, requestId, onCommit }) => {
      if (!(await findOrganization(db, params.id))) {
        throw new ApiError('not_found', `Organization ${params.id} not found`);
      }
      const settings = await updateOrganizationSettings(db, {
        organizationId: params.id,
        changes: { partnerRateLimitPerMinute: body.partnerRateLimitPerMinute ?? undefined },
        actor: { type: 'admin', id: null },
        requestId,
      });
      onCommit(() => deps.authCache.flush());
      const limit = settings.partnerRateLimitPerMinute as number | undefined;
      return { status: 200, body: { organizationId: params.id, partnerRateLimitPerMinute: limit ?? null } };
    },
  }),
];

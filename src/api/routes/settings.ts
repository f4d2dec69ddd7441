import { z } from 'zod';
import { findOrganization } from '../../db/queries/organizations';
import type { AccessRule } from '../../domain/authorize';
import { changeOrgSettings } from '../../services/org-settings';
import { auditActorOf } from '../present/agents';
import { spawnPolicySchema } from '../schemas/spawn';
import { defineRoute } from '../route';

/** Reading the settings is OWNER's and ADMIN's, changing them OWNER's; never locked out by enforceAgentAuth. */
export const READ_SETTINGS: AccessRule = { roles: ['OWNER', 'ADMIN'], exemptFromAgentAuth: true };
export const CHANGE_SETTINGS: AccessRule = { roles: ['OWNER'], exemptFromAgentAuth: true };

export const settingsBody = z
  .strictObject({
    enforceAgentAuth: z.boolean().optional().describe('When true, a partner key alone is refused: send agent context'),
    agentRateLimitPerMinute: z
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .describe('Default for agents without their own limit'),
    linkInviteTtlSeconds: z
      .int()
      .min(5)
      .max(30 * 86_400)
      .optional()
      .describe('How long link invites stay valid (default 7 days)'),
    spawnPolicy: spawnPolicySchema.optional().describe('Whether and how agents may spawn children (replaced whole)'),
    linkRedirectOrigins: z
      .array(z.string().min(1).max(300))
      .max(20)
      .optional()
      .describe('Origins (https://host[:port]) an invite redirectUrl may point to (replaced whole)'),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one setting')
  .meta({ minProperties: 1 });

const settingsResponse = z.object({
  settings: z.object({
    enforceAgentAuth: z.boolean(),
    agentRateLimitPerMinute: z.int().nullable(),
    linkInviteTtlSeconds: z.int().nullable(),
    spawnPolicy: spawnPolicySchema.nullable(),
    linkRedirectOrigins: z.array(z.string()),
  }),
});

type Stored = Record<string, unknown>;

export function presentSettings(settings: Stored): z.input<typeof settingsResponse> {
  return {
    settings: {
      enforceAgentAuth: settings.enforceAgentAuth === true,
      agentRateLimitPerMinute: (settings.agentRateLimitPerMinute as number | undefined) ?? null,
      linkInviteTtlSeconds: (settings.linkInviteTtlSeconds as number | undefined) ?? null,
      spawnPolicy: (settings.spawnPolicy as z.output<typeof spawnPolicySchema> | undefined) ?? null,
      linkRedirectOrigins: (settings.linkRedirectOrigins as string[] | undefined) ?? [],
    },
  };
}

export const settingsRoutes = [
  defineRoute({
    method: 'get',
    path: '/portal/api/settings',
    operationId: 'getSettings',
    summary: "Read your organization's settings (OWNER and ADMIN; always reachable with a partner key)",
    tags: ['Settings'],
    auth: 'partner',
    access: READ_SETTINGS,
    responses: { 200: { description: 'The settings in force', schema: settingsResponse } },
    handler: async ({ db, principal }) => {
      const org = await findOrganization(db, principal.organizationId);
      return { status: 200, body: presentSettings((org?.settings ?? {}) as Stored) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/portal/api/settings',
    operationId: 'updateSettings',
    summary: "Change your organization's settings (OWNER only; always reachable with a partner key)",
    tags: ['Settings'],
    auth: 'partner',
    access: CHANGE_SETTINGS,
    body: settingsBody,
    example: { body: { agentRateLimitPerMinute: 600 } },
    responses: { 200: { description: 'The settings now in force', schema: settingsResponse } },
    handler: async ({ body, db, deps, principal, requestId, onCommit }) => {
      const settings = await changeOrgSettings(deps, db, {
        organizationId: principal.organizationId,
        changes: body,
        actor: auditActorOf(principal),
        requestId,
      });
      onCommit(() => deps.authCache.flush());
      return { status: 200, body: presentSettings(settings) };
    },
  }),
];

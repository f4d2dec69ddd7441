import { z } from 'zod';
import type { AnyWebhookEventType } from '../../domain/webhooks';

const iso = z.string().describe('ISO 8601');
const userId = z.string().nullable().describe('Your own id for the user (the userId you send MIR)');
const agent = {
  agentId: z.string(),
  agentExternalId: z.string().nullable(),
  name: z.string(),
  type: z.string(),
  status: z.string(),
  parentId: z.string().nullable(),
  spawnDepth: z.int(),
};
const actor = z.object({ type: z.string(), id: z.string().nullable() });

/** The `data` of each event: ids and non-secret fields only, never a key, token or a person's email. */
export const WEBHOOK_EVENT_DATA: Record<AnyWebhookEventType, { summary: string; data: z.ZodType }> = {
  'link.confirmed': {
    summary: 'A person confirmed a link invite or redeemed a link code',
    data: z.object({
      linkId: z.string(),
      userId,
      method: z.enum(['invite', 'code']),
      requestId: z.string(),
      linkedAt: iso,
    }),
  },
  'link.removed': {
    summary: 'A person ended their link to you',
    data: z.object({ linkId: z.string(), userId, unlinkedAt: iso.nullable() }),
  },
  'link.invite.expired': {
    summary: 'A link invite ran out without an answer',
    data: z.object({ inviteId: z.string(), userId, expiresAt: iso }),
  },
  'agent.created': {
    summary: 'An agent was registered, or spawned (at once, or on approval)',
    data: z.object({ ...agent, permissions: z.array(z.string()), spawnRequestId: z.string().nullable().optional() }),
  },
  'agent.suspended': {
    summary: 'An agent was suspended',
    data: z.object({ ...agent, reason: z.string().optional() }),
  },
  'agent.reactivated': { summary: 'A suspended agent was reactivated', data: z.object(agent) },
  'agent.revoked': {
    summary: 'An agent was revoked on its own (a kill switch reports agent.descendants_revoked instead)',
    data: z.object({ agentId: z.string(), reason: z.string().nullable(), revokedAt: iso.nullable() }),
  },
  'agent.key_rotated': {
    summary: "An agent's API key was rotated (the key itself is never sent)",
    data: z.object({ ...agent, keyVersion: z.int() }),
  },
  'agent.spawn.requested': {
    summary: 'A spawn waits for approval: what an approver needs to decide',
    data: z.object({
      spawnRequestId: z.string(),
      parentAgentId: z.string(),
      childAgentId: z.string(),
      childName: z.string(),
      requestedPermissions: z.array(z.string()),
      approvalReasons: z.array(z.string()),
      requestedBy: actor,
      expiresAt: iso.describe('The deadline: without a decision by then the request is EXPIRED'),
    }),
  },
  'agent.spawn.decided': {
    summary: 'A spawn request was approved, rejected or expired',
    data: z.object({
      spawnRequestId: z.string(),
      parentAgentId: z.string(),
      childAgentId: z.string(),
      status: z.enum(['APPROVED', 'REJECTED', 'EXPIRED']),
      decidedBy: actor.extend({ via: z.string() }),
      reason: z.string().nullable(),
      decidedAt: iso.nullable(),
    }),
  },
  'agent.descendants_revoked': {
    summary: 'A kill switch finished: the agent and its whole family are revoked',
    data: z.object({
      operationId: z.string(),
      rootAgentId: z.string(),
      total: z.int(),
      revoked: z.int(),
      reason: z.string().nullable(),
      completedAt: iso.nullable(),
    }),
  },
  'member.claimed': {
    summary:
      'A person verified their address and claimed your member invite; memberId is their id in your organisation (never their MIR account id)',
    data: z.object({
      inviteId: z.string(),
      memberId: z.string(),
      role: z.string(),
      claimedAt: iso.nullable(),
    }),
  },
  'user.erasure_scheduled': {
    summary:
      'A person linked to your user asked MIR to erase their account: you no longer see their shared history, and at erasesAt it is erased unless they cancel',
    data: z.object({ userId, linkId: z.string(), erasesAt: iso }),
  },
  'user.erasure_cancelled': {
    summary: 'The person cancelled the erasure during its grace period; linked: whether your link to them is back',
    data: z.object({ userId, linkId: z.string(), linked: z.boolean(), cancelledAt: iso }),
  },
  'user.erased': {
    summary:
      "The person's account is erased, with every event you sent about this user and its decision-log rows: erase them on your side too",
    data: z.object({ userId, linkId: z.string(), erasedAt: iso }),
  },
  'webhook.test': {
    summary: 'Sent by POST /v1/webhooks/:id/test',
    data: z.object({ webhookId: z.string() }),
  },
};

export function webhookEventSchema(type: AnyWebhookEventType) {
  return z.object({ type: z.literal(type), timestamp: iso, data: WEBHOOK_EVENT_DATA[type].data });
}

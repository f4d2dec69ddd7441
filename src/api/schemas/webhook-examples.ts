import type { AnyWebhookEventType } from '../../domain/webhooks';

const agent = {
  agentId: 'agent_01m8rpf3m0jz20ggx81v3zcdkd',
  agentExternalId: 'reconciler-eu-1',
  name: 'Nightly reconciler',
  type: 'SERVICE_ACCOUNT',
  status: 'ACTIVE',
  parentId: null,
  spawnDepth: 0,
};
const child = 'agent_01m8rpf3m0mg589rrb7vrb1aan';
const request = 'spr_01m8rpf3m0s944nkdafva805tb';

/** A realistic `data` for every event type: the guide and /openapi.json show them; a unit test parses each with its schema. */
export const WEBHOOK_EXAMPLES: Record<AnyWebhookEventType, Record<string, unknown>> = {
  'link.confirmed': {
    linkId: 'link_01m8rpf3m05t4qfybgtm69n2xm',
    userId: 'user_48213',
    method: 'code',
    requestId: 'lcode_01m8rpf3m0takp028wybp92q31',
    linkedAt: '2026-12-01T11:52:10.000Z',
  },
  'link.removed': {
    linkId: 'link_01m8rpf3m05t4qfybgtm69n2xm',
    userId: 'user_48213',
    unlinkedAt: '2026-12-01T11:58:00.000Z',
  },
  'link.invite.expired': {
    inviteId: 'linv_01m8rpf3m0y55tc0w01c7f3t3s',
    userId: 'user_48213',
    expiresAt: '2026-12-08T11:40:00.000Z',
  },
  'agent.created': { ...agent, permissions: ['events:read', 'events:write'], spawnRequestId: null },
  'agent.suspended': { ...agent, status: 'SUSPENDED', reason: 'paused during the migration' },
  'agent.reactivated': agent,
  'agent.revoked': { agentId: agent.agentId, reason: 'decommissioned', revokedAt: '2026-12-01T11:59:00.000Z' },
  'agent.key_rotated': { ...agent, keyVersion: 2 },
  'agent.spawn.requested': {
    spawnRequestId: request,
    parentAgentId: agent.agentId,
    childAgentId: child,
    childName: 'reader',
    requestedPermissions: ['events:read'],
    approvalReasons: ['permission events:read needs approval'],
    requestedBy: { type: 'agent', id: agent.agentId },
    expiresAt: '2026-12-04T11:50:00.000Z',
  },
  'agent.spawn.decided': {
    spawnRequestId: request,
    parentAgentId: agent.agentId,
    childAgentId: child,
    status: 'APPROVED',
    decidedBy: { type: 'user', id: 'acct_01m8rpf3m0wtxxpnvvg5hx240v', via: 'session' },
    reason: 'checked with the owner',
    decidedAt: '2026-12-01T12:00:00.000Z',
  },
  'agent.descendants_revoked': {
    operationId: 'rvk_01m8rpf3m01bvxhs2s2wgyshed',
    rootAgentId: agent.agentId,
    total: 12,
    revoked: 12,
    reason: 'leaked key',
    completedAt: '2026-12-01T12:00:03.000Z',
  },
  'member.claimed': {
    inviteId: 'minv_01m8rpf3m0gtqq8ytj70tn9sb0',
    memberId: 'mbr_01m8rpf3m0aazhxa869c1j9ysy',
    role: 'ADMIN',
    claimedAt: '2026-12-01T11:45:00.000Z',
  },
  'user.erasure_scheduled': {
    userId: 'user_48213',
    linkId: 'link_01m8rpf3m05t4qfybgtm69n2xm',
    erasesAt: '2026-12-31T12:00:00.000Z',
  },
  'user.erasure_cancelled': {
    userId: 'user_48213',
    linkId: 'link_01m8rpf3m05t4qfybgtm69n2xm',
    linked: true,
    cancelledAt: '2026-12-02T09:00:00.000Z',
  },
  'user.erased': {
    userId: 'user_48213',
    linkId: 'link_01m8rpf3m05t4qfybgtm69n2xm',
    erasedAt: '2026-12-31T12:00:05.000Z',
  },
  'webhook.test': { webhookId: 'whk_01m8rpf3m0thztw4actn3hqvjp' },
};

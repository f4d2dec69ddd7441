/** The roles matrix of docs/api.md, shared by the partner-key and the member-session matrices. */
export type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'ANALYST';
export const ROLES: Role[] = ['ANALYST', 'MEMBER', 'ADMIN', 'OWNER'];
const FROM_ANALYST: Role[] = ['ANALYST', 'MEMBER', 'ADMIN', 'OWNER'];
const FROM_MEMBER: Role[] = ['MEMBER', 'ADMIN', 'OWNER'];
const FROM_ADMIN: Role[] = ['ADMIN', 'OWNER'];
const OWNER_ONLY: Role[] = ['OWNER'];
const NONE: Role[] = [];

/**
 * What an allowed role gets for the request the matrix sends (no body for GET and DELETE, `{}`
 * otherwise, unknown ids in the url): `2xx`, or the one documented 4xx that body or id earns
 * (`<status> <code>`). Never anything else: a 500 on an allowed row fails. `-` where no role is allowed.
 */
export type Answer = '2xx' | `${400 | 404} ${string}` | '-';

/**
 * the roles matrix of docs/api.md, one row per partner endpoint: `path` is the route pattern, `answer` what
 * an allowed role gets, `url` what is called (unknown ids are fine: authorization answers before
 * the handler looks anything up, and an allowed role then gets the handler's 404).
 */
export const MATRIX: [method: string, path: string, allowed: Role[], answer: Answer, url?: string][] = [
  ['GET', '/events', FROM_ANALYST, '2xx'],
  ['POST', '/resolve', FROM_ANALYST, '400 validation_failed'],
  ['GET', '/partners/link/status', FROM_ANALYST, '2xx', '/partners/link/status?userId=u1'],
  ['GET', '/v1/audit', FROM_ANALYST, '2xx'],
  ['GET', '/v1/claims', FROM_ANALYST, '2xx'],
  ['GET', '/policy/decisions', FROM_ANALYST, '2xx'],
  ['GET', '/policy/health', FROM_ANALYST, '2xx'],
  ['GET', '/enterprise/api/members', FROM_ANALYST, '2xx'],
  ['GET', '/enterprise/api/members/invites', FROM_ANALYST, '2xx'],
  ['POST', '/events', FROM_MEMBER, '400 validation_failed'],
  ['POST', '/events/bulk', FROM_MEMBER, '400 validation_failed'],
  ['POST', '/partners/link/invite', FROM_MEMBER, '400 validation_failed'],
  ['POST', '/partners/link/code', FROM_MEMBER, '400 validation_failed'],
  ['POST', '/policy/evaluate', FROM_MEMBER, '400 validation_failed'],
  ['POST', '/policy/evaluate/bulk', FROM_MEMBER, '400 validation_failed'],
  ['POST', '/v1/claims/verify', FROM_MEMBER, '400 validation_failed'],
  ['GET', '/policy/actions', FROM_MEMBER, '2xx'],
  ['GET', '/policy/actions/:action', FROM_MEMBER, '2xx', '/policy/actions/checkout.complete'],
  ['POST', '/v1/agents', FROM_ADMIN, '400 validation_failed'],
  ['GET', '/v1/agents', FROM_ADMIN, '2xx'],
  ['GET', '/v1/agents/tree', FROM_ADMIN, '2xx'],
  ['GET', '/v1/agents/:id', FROM_ADMIN, '404 agent_not_found', '/v1/agents/agent_none'],
  ['PATCH', '/v1/agents/:id', FROM_ADMIN, '400 validation_failed', '/v1/agents/agent_none'],
  ['POST', '/v1/agents/:id/suspend', FROM_ADMIN, '404 agent_not_found', '/v1/agents/agent_none/suspend'],
  ['POST', '/v1/agents/:id/reactivate', FROM_ADMIN, '404 agent_not_found', '/v1/agents/agent_none/reactivate'],
  ['POST', '/v1/agents/:id/revoke', FROM_ADMIN, '404 agent_not_found', '/v1/agents/agent_none/revoke'],
  ['POST', '/v1/agents/:id/key/rotate', FROM_ADMIN, '404 agent_not_found', '/v1/agents/agent_none/key/rotate'],
  [
    'POST',
    '/v1/agents/:id/revoke-descendants',
    FROM_ADMIN,
    '404 agent_not_found',
    '/v1/agents/agent_none/revoke-descendants',
  ],
  [
    'GET',
    '/v1/agents/revocations/:operationId',
    FROM_ADMIN,
    '404 revocation_not_found',
    '/v1/agents/revocations/rvk_none',
  ],
  ['GET', '/v1/agents/spawn-requests', FROM_ADMIN, '2xx'],
  [
    'GET',
    '/v1/agents/spawn-requests/:id',
    FROM_ADMIN,
    '404 spawn_request_not_found',
    '/v1/agents/spawn-requests/spr_none',
  ],
  [
    'POST',
    '/v1/agents/spawn-requests/:id/approve',
    FROM_ADMIN,
    '404 spawn_request_not_found',
    '/v1/agents/spawn-requests/spr_none/approve',
  ],
  [
    'POST',
    '/v1/agents/spawn-requests/:id/reject',
    FROM_ADMIN,
    '404 spawn_request_not_found',
    '/v1/agents/spawn-requests/spr_none/reject',
  ],
  ['POST', '/enterprise/api/members/import', FROM_ADMIN, '2xx'],
  [
    'DELETE',
    '/enterprise/api/members/invites/:id',
    FROM_ADMIN,
    '404 invite_not_found',
    '/enterprise/api/members/invites/minv_none',
  ],
  ['PATCH', '/enterprise/api/members/:id', OWNER_ONLY, '400 validation_failed', '/enterprise/api/members/mbr_none'],
  ['PATCH', '/portal/api/settings', OWNER_ONLY, '400 validation_failed'],
  ['GET', '/portal/api/settings', FROM_ADMIN, '2xx'],
  ['GET', '/portal/api/keys', FROM_ADMIN, '2xx'],
  ['POST', '/portal/api/keys', FROM_ADMIN, '400 validation_failed'],
  ['POST', '/portal/api/keys/:id/revoke', FROM_ADMIN, '404 not_found', '/portal/api/keys/key_none/revoke'],
  ['POST', '/portal/api/keys/:id/rotate', FROM_ADMIN, '404 not_found', '/portal/api/keys/key_none/rotate'],
  ['POST', '/v1/webhooks', FROM_ADMIN, '400 validation_failed'],
  ['GET', '/v1/webhooks', FROM_ADMIN, '2xx'],
  ['GET', '/v1/webhooks/:id', FROM_ADMIN, '404 webhook_not_found', '/v1/webhooks/whk_none'],
  ['PATCH', '/v1/webhooks/:id', FROM_ADMIN, '400 validation_failed', '/v1/webhooks/whk_none'],
  ['DELETE', '/v1/webhooks/:id', FROM_ADMIN, '404 webhook_not_found', '/v1/webhooks/whk_none'],
  [
    'POST',
    '/v1/webhooks/:id/secret/rotate',
    FROM_ADMIN,
    '404 webhook_not_found',
    '/v1/webhooks/whk_none/secret/rotate',
  ],
  ['POST', '/v1/webhooks/:id/test', FROM_ADMIN, '404 webhook_not_found', '/v1/webhooks/whk_none/test'],
  ['GET', '/v1/webhooks/:id/deliveries', FROM_ADMIN, '404 webhook_not_found', '/v1/webhooks/whk_none/deliveries'],
  [
    'POST',
    '/v1/webhooks/:id/deliveries/:deliveryId/retry',
    FROM_ADMIN,
    '404 webhook_not_found',
    '/v1/webhooks/whk_none/deliveries/whd_none/retry',
  ],
  ['POST', '/v1/users/regulations', FROM_ADMIN, '400 validation_failed'],
  ['GET', '/v1/users/regulations', FROM_ADMIN, '2xx'],
  ['GET', '/v1/users/regulations/:id', FROM_ADMIN, '404 regulation_not_found', '/v1/users/regulations/reg_none'],
  ['GET', '/v1/users/suppressions', FROM_ADMIN, '2xx'],
  // Agent-only endpoints: a partner key of any role is refused (agent_key_required) or answers about agents it is not.
  ['GET', '/v1/agents/me', NONE, '-'],
];
/** Endpoints whose caller is an agent, not a role: outside the role matrix. */
export const AGENT_ENDPOINTS = ['GET /v1/agents/:id/lineage', 'POST /v1/agents/:id/spawn'];

/** The codes a role without the right gets (403). */
export const DENIED = ['role_required', 'permission_denied', 'agent_key_required'];

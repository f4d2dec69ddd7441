import { buildRoutes } from '../../src/api/routes';
import { issueKey } from '../helpers/agents';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';

type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'ANALYST';
const ROLES: Role[] = ['ANALYST', 'MEMBER', 'ADMIN', 'OWNER'];
const FROM_ANALYST: Role[] = ['ANALYST', 'MEMBER', 'ADMIN', 'OWNER'];
const FROM_MEMBER: Role[] = ['MEMBER', 'ADMIN', 'OWNER'];
const FROM_ADMIN: Role[] = ['ADMIN', 'OWNER'];
const OWNER_ONLY: Role[] = ['OWNER'];
const NONE: Role[] = [];

/**
 * README's roles matrix, one row per partner endpoint: `path` is the route pattern, `url` what is
 * called (unknown ids are fine: authorization answers before the handler looks anything up).
 */
const MATRIX: [method: string, path: string, allowed: Role[], url?: string][] = [
  ['GET', '/events', FROM_ANALYST],
  ['POST', '/resolve', FROM_ANALYST],
  ['GET', '/partners/link/status', FROM_ANALYST, '/partners/link/status?userId=u1'],
  ['GET', '/v1/audit', FROM_ANALYST],
  ['GET', '/policy/decisions', FROM_ANALYST],
  ['GET', '/policy/health', FROM_ANALYST],
  ['GET', '/enterprise/api/members', FROM_ANALYST],
  ['GET', '/enterprise/api/members/invites', FROM_ANALYST],
  ['POST', '/events', FROM_MEMBER],
  ['POST', '/events/bulk', FROM_MEMBER],
  ['POST', '/partners/link/invite', FROM_MEMBER],
  ['POST', '/partners/link/code', FROM_MEMBER],
  ['POST', '/policy/evaluate', FROM_MEMBER],
  ['POST', '/policy/evaluate/bulk', FROM_MEMBER],
  ['GET', '/policy/actions', FROM_MEMBER],
  ['GET', '/policy/actions/:action', FROM_MEMBER, '/policy/actions/checkout.complete'],
  ['POST', '/v1/agents', FROM_ADMIN],
  ['GET', '/v1/agents', FROM_ADMIN],
  ['GET', '/v1/agents/tree', FROM_ADMIN],
  ['GET', '/v1/agents/:id', FROM_ADMIN, '/v1/agents/agent_none'],
  ['PATCH', '/v1/agents/:id', FROM_ADMIN, '/v1/agents/agent_none'],
  ['POST', '/v1/agents/:id/suspend', FROM_ADMIN, '/v1/agents/agent_none/suspend'],
  ['POST', '/v1/agents/:id/reactivate', FROM_ADMIN, '/v1/agents/agent_none/reactivate'],
  ['POST', '/v1/agents/:id/revoke', FROM_ADMIN, '/v1/agents/agent_none/revoke'],
  ['POST', '/v1/agents/:id/key/rotate', FROM_ADMIN, '/v1/agents/agent_none/key/rotate'],
  ['POST', '/v1/agents/:id/revoke-descendants', FROM_ADMIN, '/v1/agents/agent_none/revoke-descendants'],
  ['GET', '/v1/agents/revocations/:operationId', FROM_ADMIN, '/v1/agents/revocations/rvk_none'],
  ['GET', '/v1/agents/spawn-requests', FROM_ADMIN],
  ['GET', '/v1/agents/spawn-requests/:id', FROM_ADMIN, '/v1/agents/spawn-requests/spr_none'],
  ['POST', '/v1/agents/spawn-requests/:id/approve', FROM_ADMIN, '/v1/agents/spawn-requests/spr_none/approve'],
  ['POST', '/v1/agents/spawn-requests/:id/reject', FROM_ADMIN, '/v1/agents/spawn-requests/spr_none/reject'],
  ['POST', '/enterprise/api/members/import', FROM_ADMIN],
  ['DELETE', '/enterprise/api/members/invites/:id', FROM_ADMIN, '/enterprise/api/members/invites/minv_none'],
  ['PATCH', '/portal/api/settings', OWNER_ONLY],
  // Agent-only endpoints: a partner key of any role is refused (agent_key_required) or answers about agents it is not.
  ['GET', '/v1/agents/me', NONE],
];
/** Endpoints whose caller is an agent, not a role: outside the role matrix. */
const AGENT_ENDPOINTS = ['GET /v1/agents/:id/lineage', 'POST /v1/agents/:id/spawn'];

const DENIED = ['role_required', 'permission_denied', 'agent_key_required'];

describe('the roles matrix', () => {
  it('names every partner endpoint', () => {
    const partner = buildRoutes()
      .filter((r) => r.auth === 'partner')
      .map((r) => `${r.method.toUpperCase()} ${r.path}`)
      .filter((r) => !AGENT_ENDPOINTS.includes(r));
    expect(MATRIX.map(([m, p]) => `${m} ${p}`).sort()).toEqual([...new Set(partner)].sort());
  });

  let keys: Record<Role, string>;
  beforeAll(async () => {
    const org = await createOrg();
    keys = { OWNER: org.apiKey, ADMIN: '', MEMBER: '', ANALYST: '' };
    for (const role of ['ADMIN', 'MEMBER', 'ANALYST'] as const) keys[role] = await issueKey(org.id, role);
  });

  const rows = MATRIX.flatMap(([method, path, allowed, url]) =>
    ROLES.map((role) => [method, path, role, allowed.includes(role), url ?? path] as const),
  );
  it.each(rows)('%s %s as %s: allowed %s', async (method, _path, role, allowed, url) => {
    const res = await http(method, url, {
      headers: keyHeaders(keys[role]),
      body: method === 'GET' || method === 'DELETE' ? undefined : {},
    });
    const code = res.body?.error?.code as string | undefined;
    if (allowed) expect(code && DENIED.includes(code) ? `${res.status} ${code}` : 'passed').toBe('passed');
    else {
      expect(res.status).toBe(403);
      expect(DENIED).toContain(code);
    }
  });
});

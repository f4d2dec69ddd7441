import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { rawRequest } from '../helpers/raw-http';
import { addMembers, asMember, createOrgFor, orgWithEveryRole, type Person } from '../helpers/member-sessions';
import { DENIED, MATRIX, ROLES, type Role } from '../helpers/role-matrix';

jest.setTimeout(120_000);
const sql = testSql();
afterAll(() => sql.end());

let org: { id: string; apiKey: string };
let other: { id: string; apiKey: string };
let people: Record<Role, Person>;
beforeAll(async () => {
  ({ org, people } = await orgWithEveryRole());
  other = await createOrgFor(await signupAndLogin());
});

const send = (method: string, url: string, headers: Record<string, string>) =>
  http(method, url, { headers, body: method === 'GET' || method === 'DELETE' ? undefined : {} });

describe('a person acts for an organisation with their session and their member role', () => {
  const rows = MATRIX.flatMap(([method, path, allowed, answer, url]) =>
    ROLES.map((role) => [method, path, role, allowed.includes(role), answer, url ?? path] as const),
  );
  it.each(rows)('%s %s as a %s member: allowed %s (%s)', async (method, _path, role, allowed, answer, url) => {
    const res = await send(method, url, asMember(people[role], org.id));
    const code = res.body?.error?.code as string | undefined;
    if (allowed) {
      const got = `${res.status} ${code ?? ''}`.trim();
      expect(res.status >= 200 && res.status < 300 ? '2xx' : got).toBe(answer);
    } else {
      expect(res.status).toBe(403);
      expect(DENIED).toContain(code);
    }
  });

  it.each(ROLES)('a %s member gets 404 for every route of an organisation they do not belong to', async (role) => {
    const answers = new Set<string>();
    for (const [method, path, , , url] of MATRIX) {
      const res = await send(method, url ?? path, asMember(people[role], other.id));
      answers.add(`${res.status} ${res.body?.error?.code}`);
    }
    expect([...answers]).toEqual(['404 organization_not_found']);
  });

  it('an unknown organisation answers exactly as one the person is not a member of', async () => {
    const unknown = await http('GET', '/v1/audit', { headers: asMember(people.OWNER, 'org_0000000000nothere') });
    const foreign = await http('GET', '/v1/audit', { headers: asMember(people.OWNER, other.id) });
    expect([unknown.status, foreign.status]).toEqual([404, 404]);
    const shape = (b: { error: { code: string; message: string } }) => [
      b.error.code,
      b.error.message.split(' org_')[0],
    ];
    expect(shape(unknown.body)).toEqual(shape(foreign.body));
  });

  it('what a member does is audited under their account id', async () => {
    const res = await http('POST', '/enterprise/api/members/import', {
      headers: asMember(people.ADMIN, org.id),
      body: { members: [`nobody-${Date.now()}@example.com`] },
    });
    expect(res.status).toBe(200);
    const audit = await http('GET', '/v1/audit?action=members.imported', { headers: asMember(people.ANALYST, org.id) });
    expect(audit.body.entries[0].actor).toEqual({ type: 'user', id: people.ADMIN.id });
  });
});

describe('what a session must carry', () => {
  const call = (headers: Record<string, string>) => http('GET', '/v1/audit', { headers });

  it('no X-MIR-Org is 400 organization_required; a malformed one 400 validation_failed naming the header', async () => {
    const missing = await call({ authorization: `Bearer ${people.OWNER.token}` });
    expect([missing.status, missing.body.error.code]).toEqual([400, 'organization_required']);
    for (const bad of ['org_ABC', 'org_', `org_${'a'.repeat(61)}`, `${org.id}, ${other.id}`, ' org_x/../y', 'acct_x']) {
      const res = await call({ authorization: `Bearer ${people.OWNER.token}`, 'x-mir-org': bad });
      expect([bad, res.status, res.body.error.code, res.body.error.details?.[0]?.in]).toEqual([
        bad,
        400,
        'validation_failed',
        'header',
      ]);
    }
  });

  it('an Authorization value that is no live session is 401, whatever its bytes', async () => {
    for (const value of ['Bearer nope', 'Bearer a"b<c>', `Bearer ${'x'.repeat(200)}`, 'Basic Zm9vOmJhcg==', 'Bearer']) {
      const res = await call({ authorization: value, 'x-mir-org': org.id });
      expect([value, res.status, res.body.error.code]).toEqual([value, 401, 'unauthorized']);
    }
    // Bytes that are not UTF-8, in either header: refused at the door, before any lookup.
    for (const headers of [
      { authorization: `Bearer ${people.OWNER.token}\xff\xfe`, 'x-mir-org': org.id },
      { authorization: `Bearer ${people.OWNER.token}`, 'x-mir-org': `${org.id}\xe9` },
    ]) {
      const res = await rawRequest('GET', '/v1/audit', headers);
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
  });

  it('under enforceAgentAuth a session is a bare partner key: only the routes open to one answer', async () => {
    const owner = await signupAndLogin();
    const own = await createOrgFor(owner);
    const on = await http('PATCH', '/portal/api/settings', {
      headers: asMember(owner, own.id),
      body: { enforceAgentAuth: true },
    });
    expect(on.status).toBe(200);
    const audit = await http('GET', '/v1/audit', { headers: asMember(owner, own.id) });
    expect([audit.status, audit.body.error.code]).toEqual([403, 'agent_auth_required']);
    expect((await http('GET', '/v1/agents/spawn-requests', { headers: asMember(owner, own.id) })).status).toBe(200);
  });

  it('a person never acts as an agent: x-mir-agent-id with a session is 403', async () => {
    const res = await call({ ...asMember(people.OWNER, org.id), 'x-mir-agent-id': 'bot-1' });
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('the cookie works from this origin only, and no origin is granted CORS', async () => {
    const cookie = { cookie: `mir_session=${people.ADMIN.token}`, 'x-mir-org': org.id };
    expect((await call(cookie)).status).toBe(200);
    expect((await call({ ...cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    for (const site of ['cross-site', 'same-site']) {
      const res = await http('POST', '/enterprise/api/members/import', {
        headers: { ...cookie, 'sec-fetch-site': site },
        body: { members: [`csrf-${Date.now()}@example.com`] },
      });
      expect([site, res.status, res.body.error.code]).toEqual([site, 403, 'forbidden']);
    }
    const preflight = await http('OPTIONS', '/enterprise/api/members/import', {
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-mir-org, content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('the state a session relies on, changing', () => {
  it('a logout, a removal and a demotion hold from the next request', async () => {
    const [admin, removed] = await addMembers(org.apiKey, ['ADMIN', 'MEMBER']);
    expect((await http('GET', '/v1/agents', { headers: asMember(admin!, org.id) })).status).toBe(200);
    const patched = await http('PATCH', `/enterprise/api/members/${await memberIdOf(admin!)}`, {
      headers: asMember(people.OWNER, org.id),
      body: { role: 'ANALYST' },
    });
    expect(patched.status).toBe(200);
    const demoted = await http('GET', '/v1/agents', { headers: asMember(admin!, org.id) });
    expect([demoted.status, demoted.body.error.code]).toEqual([403, 'role_required']);

    expect((await http('GET', '/v1/audit', { headers: asMember(removed!, org.id) })).status).toBe(200);
    const [invite] = await sql`select invite_id from org_members where mir_user_id = ${removed!.id}`;
    const del = await http('DELETE', `/enterprise/api/members/invites/${invite!.invite_id}`, {
      headers: keyHeaders(org.apiKey),
    });
    expect(del.status).toBe(200);
    const gone = await http('GET', '/v1/audit', { headers: asMember(removed!, org.id) });
    expect([gone.status, gone.body.error.code]).toEqual([404, 'organization_not_found']);

    const logout = await http('POST', '/v1/users/logout', { headers: { authorization: `Bearer ${admin!.token}` } });
    expect(logout.status).toBeLessThan(300);
    const after = await http('GET', '/v1/audit', { headers: asMember(admin!, org.id) });
    expect([after.status, after.body.error.code]).toEqual([401, 'unauthorized']);
  });
});

describe('Idempotency-Key belongs to the person', () => {
  it("a person's replay is theirs: another member or the organisation's key with the same key runs anew", async () => {
    const key = { 'idempotency-key': `member-${Date.now()}` };
    const body = { members: [`idem-${Date.now()}@example.com`] };
    const post = (headers: Record<string, string>) =>
      http('POST', '/enterprise/api/members/import', { headers: { ...headers, ...key }, body });
    const first = await post(asMember(people.ADMIN, org.id));
    expect(first.body.results.imported).toBe(1);
    const again = await post(asMember(people.ADMIN, org.id));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const owner = await post(asMember(people.OWNER, org.id));
    expect(owner.headers.get('idempotent-replayed')).toBeNull();
    expect(owner.body.results.alreadyImported).toBe(1);
    const partnerKey = await post(keyHeaders(org.apiKey));
    expect(partnerKey.headers.get('idempotent-replayed')).toBeNull();
    expect(partnerKey.body.results.alreadyImported).toBe(1);
  });
});

async function memberIdOf(person: Person): Promise<string> {
  const [row] = await sql`select id from org_members where mir_user_id = ${person.id} and organization_id = ${org.id}
    and ended_at is null`;
  return row!.id as string;
}

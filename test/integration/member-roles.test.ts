import { lastJson, runMir } from '../helpers/cli';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { adminHeaders, http } from '../helpers/http';
import { signUp } from '../helpers/members';
import { signupAndLogin } from '../helpers/linking';
import { addMembers, asMember, createOrgFor, type Person } from '../helpers/member-sessions';
import { eventually } from '../helpers/temporal';

jest.setTimeout(180_000);
const sql = testSql();
afterAll(() => sql.end());

const memberIdOf = async (orgId: string, person: Person) =>
  (
    await sql`select id from org_members where organization_id = ${orgId} and mir_user_id = ${person.id}
    and ended_at is null`
  )[0]?.id as string;
const setRole = (caller: Record<string, string>, memberId: string, body: unknown) =>
  http('PATCH', `/enterprise/api/members/${memberId}`, { headers: caller, body });
const ownersOf = async (orgId: string) =>
  (await sql`select id from org_members where organization_id = ${orgId} and role = 'OWNER' and ended_at is null`)
    .length;

describe('OWNER as a member role', () => {
  it('`npm run mir -- org create --owner-email` makes a verified person OWNER at once, an unverified one on verifying', async () => {
    const owner = await signupAndLogin();
    const res = await runMir([
      'org',
      'create',
      '--name',
      'Owned',
      '--plan',
      'enterprise',
      '--owner-email',
      owner.email,
      '--json',
    ]);
    expect(res.code).toBe(0);
    const org = lastJson(res);
    expect(org.ownerInvite).toMatchObject({ email: owner.email, status: 'CLAIMED' });
    const human = await runMir([
      'org',
      'create',
      '--name',
      'Owned 2',
      '--plan',
      'enterprise',
      '--owner-email',
      owner.email,
    ]);
    expect(human.stdout).toContain(`OWNER member: ${owner.email}`);
    // The OWNER key's id is printed with it, so the first key can be rotated or revoked by id.
    const printed = /^OWNER API key (key_\S+): (mir_\S+)$/m.exec(human.stdout);
    expect(printed).not.toBeNull();
    const listed = await http('GET', '/portal/api/keys', { headers: { 'x-api-key': printed![2]! } });
    expect(listed.body.keys.map((k: { id: string }) => k.id)).toEqual([printed![1]]);
    const settings = await http('PATCH', '/portal/api/settings', {
      headers: asMember(owner, org.id),
      body: { enforceAgentAuth: false },
    });
    expect(settings.status).toBe(200);

    const refused = await http('POST', '/admin/organizations', {
      headers: adminHeaders(),
      body: { name: 'x', plan: 'enterprise', ownerEmail: 'not an address' },
    });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'validation_failed']);

    const email = `later-${Date.now()}@example.com`;
    const later = await signUp(email);
    const created = await runMir([
      'org',
      'create',
      '--name',
      'Later',
      '--plan',
      'enterprise',
      '--owner-email',
      email,
      '--json',
    ]);
    const org2 = lastJson(created);
    expect(org2.ownerInvite).toMatchObject({ email, status: 'PENDING' });
    expect(await ownersOf(org2.id)).toBe(0);
    await later.verify();
    await eventually(async () => ((await ownersOf(org2.id)) === 1 ? true : undefined));
  });
});

describe('PATCH /enterprise/api/members/:id', () => {
  let org: { id: string; apiKey: string };
  let owner: Person;
  let admin: Person;
  let member: Person;
  beforeAll(async () => {
    owner = await signupAndLogin();
    org = await createOrgFor(owner);
    const added = await addMembers(org.apiKey, ['ADMIN', 'MEMBER']);
    [admin, member] = [added[0]!, added[1]!];
  });

  it('an OWNER promotes and demotes, audited under their account; the change holds from the next request', async () => {
    const id = await memberIdOf(org.id, member);
    expect((await http('GET', '/v1/agents', { headers: asMember(member, org.id) })).status).toBe(403);
    const res = await setRole(asMember(owner, org.id), id, { role: 'ADMIN' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, email: member.email, role: 'ADMIN' });
    expect((await http('GET', '/v1/agents', { headers: asMember(member, org.id) })).status).toBe(200);
    const [audit] = await sql`select actor_type, actor_id, details from audit_log
      where target_id = ${id} and action = 'member.role_changed'`;
    expect(audit).toEqual({ actor_type: 'user', actor_id: owner.id, details: { from: 'MEMBER', to: 'ADMIN' } });
    expect((await setRole(asMember(owner, org.id), id, { role: 'MEMBER' })).body.role).toBe('MEMBER');
  });

  it('only an OWNER (member or key); another organisation’s member is 404; a bad role is 400 and changes nothing', async () => {
    const id = await memberIdOf(org.id, member);
    const byAdmin = await setRole(asMember(admin, org.id), id, { role: 'OWNER' });
    expect([byAdmin.status, byAdmin.body.error.code]).toEqual([403, 'role_required']);
    const otherOrg = await createOrgFor(await signupAndLogin());
    const foreign = await setRole(keyHeaders(otherOrg.apiKey), id, { role: 'ADMIN' });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'member_not_found']);
    for (const body of [{ role: 'owner' }, { role: 'GOD' }, { role: 'ADMIN', extra: 1 }, {}, { role: 'ADMIN\u0000' }]) {
      const res = await setRole(keyHeaders(org.apiKey), id, body);
      expect([res.status, res.body.error.code]).toEqual([400, 'validation_failed']);
    }
    expect((await sql`select role from org_members where id = ${id}`)[0]!.role).toBe('MEMBER');
    expect((await setRole(keyHeaders(org.apiKey), id, { role: 'ANALYST' })).body.role).toBe('ANALYST');
  });

  it('the last OWNER cannot be demoted: 409 last_owner, nothing changed', async () => {
    const ownerId = await memberIdOf(org.id, owner);
    const res = await setRole(asMember(owner, org.id), ownerId, { role: 'ADMIN' });
    expect([res.status, res.body.error.code]).toEqual([409, 'last_owner']);
    expect(await ownersOf(org.id)).toBe(1);
  });

  it('two OWNERs demoted at once: one change wins, the other is 409, one OWNER remains', async () => {
    const adminId = await memberIdOf(org.id, admin);
    const ownerId = await memberIdOf(org.id, owner);
    for (let round = 0; round < 5; round += 1) {
      expect((await setRole(keyHeaders(org.apiKey), adminId, { role: 'OWNER' })).status).toBe(200);
      expect((await setRole(keyHeaders(org.apiKey), ownerId, { role: 'OWNER' })).status).toBe(200);
      expect(await ownersOf(org.id)).toBe(2);
      // Both by the OWNER key, so both are authorized: only the owner count decides.
      const answers = await Promise.all([
        setRole(keyHeaders(org.apiKey), adminId, { role: 'ADMIN' }),
        setRole(keyHeaders(org.apiKey), ownerId, { role: 'ADMIN' }),
      ]);
      const outcomes = answers.map((a) => `${a.status} ${a.body.error?.code ?? a.body.role}`).sort();
      expect(outcomes).toEqual(['200 ADMIN', '409 last_owner']);
      expect(await ownersOf(org.id)).toBe(1);
    }
  });
});

describe("ending an OWNER's membership by removing its invite", () => {
  it('only an OWNER may, and never the last one', async () => {
    const owner = await signupAndLogin();
    const org = await createOrgFor(owner);
    const [admin] = await addMembers(org.apiKey, ['ADMIN']);
    const remove = (caller: Record<string, string>) =>
      http('DELETE', `/enterprise/api/members/invites/${org.ownerInvite.id}`, { headers: caller });
    const byAdmin = await remove(asMember(admin!, org.id));
    expect([byAdmin.status, byAdmin.body.error.code]).toEqual([403, 'role_required']);
    const last = await remove(keyHeaders(org.apiKey));
    expect([last.status, last.body.error.code]).toEqual([409, 'last_owner']);
    expect(await ownersOf(org.id)).toBe(1);
    const adminId = await memberIdOf(org.id, admin!);
    expect((await setRole(keyHeaders(org.apiKey), adminId, { role: 'OWNER' })).status).toBe(200);
    const removed = await remove(asMember(admin!, org.id));
    expect([removed.status, removed.body.status]).toEqual([200, 'REMOVED']);
    const gone = await http('GET', '/v1/audit', { headers: asMember(owner, org.id) });
    expect(gone.status).toBe(404);
  });
});

import { bearer } from '../helpers/data-rights';
import { testSql } from '../helpers/db';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { freshDomain, importMembers, listInvites, listMembers, signUp } from '../helpers/members';
import { eventually } from '../helpers/temporal';

jest.setTimeout(120_000);
const sql = testSql();
afterAll(() => sql.end());

const memberships = (token: string) => http('GET', '/v1/me/memberships', { headers: bearer(token) });
const leave = (token: string, orgId: string) =>
  http('DELETE', `/v1/me/memberships/${orgId}`, { headers: bearer(token) });

/** The mails the dev outbox holds for the address whose subject matches. */
async function mailsTo(email: string, subject: RegExp, count = 1) {
  return eventually(async () => {
    const res = await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, { headers: adminHeaders() });
    const found = (res.body.messages as { subject: string; text: string }[]).filter((m) => subject.test(m.subject));
    return found.length >= count ? found : undefined;
  });
}

describe('a person’s memberships', () => {
  it('an import adds a verified person at once: they see it, are mailed who did it and how to leave', async () => {
    const org = await createOrg(`Globex ${Date.now()}`);
    const person = await signupAndLogin(`ana@${freshDomain()}`);
    const imported = await importMembers(org.apiKey, { analysts: [person.email] });
    expect(imported.body.results.autoLinked).toBe(1);

    const mine = await memberships(person.token);
    expect(mine.status).toBe(200);
    expect(mine.body.memberships).toEqual([
      {
        organization: { id: org.id, name: org.name },
        memberId: expect.stringMatching(/^mbr_/),
        role: 'ANALYST',
        since: expect.any(String),
      },
    ]);
    const memberId = mine.body.memberships[0].memberId as string;
    // The organisation knows the person by that member id, never by their MIR account id.
    const listed = (await listMembers(org.apiKey)).body.members;
    expect(listed).toEqual([
      {
        id: memberId,
        email: person.email,
        role: 'ANALYST',
        inviteId: expect.any(String),
        createdAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(person.id);
    const audit =
      await sql`select details::text as d from audit_log where organization_id = ${org.id} and action = 'member.linked'`;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.d).toContain(memberId);
    expect(audit[0]!.d).not.toContain(person.id);

    const [mail] = await mailsTo(person.email, /added you as a member/);
    expect(mail!.subject).toBe(`${org.name} added you as a member on MIR`);
    expect(mail!.text).toContain(`${org.name} imported your email address`);
    expect(mail!.text).toContain('as ANALYST');
    expect(mail!.text).toContain('/account/memberships');
    expect(mail!.text).toContain(`DELETE http`);
    expect(mail!.text).toContain(`/v1/me/memberships/${org.id}`);
    expect(mail!.text).not.toContain(person.id);
  });

  it('verifying an imported address makes a member too, and mails the person the same way', async () => {
    const org = await createOrg();
    const email = `late@${freshDomain()}`;
    await importMembers(org.apiKey, { members: [email] });
    const person = await signUp(email);
    await person.verify();
    await eventually(async () => ((await listMembers(org.apiKey)).body.members.length === 1 ? true : undefined));
    // Queued by the auto-link with the membership, sent by the worker once it has committed.
    const [mail] = await mailsTo(email, /added you as a member/);
    expect(mail!.subject).toBe(`${org.name} added you as a member on MIR`);
    expect(mail!.text).toContain(`/v1/me/memberships/${org.id}`);
    const audit =
      await sql`select details::text as d from audit_log where organization_id = ${org.id} and action = 'member.linked'`;
    expect(audit[0]!.d).not.toContain(person.id);
  });

  it('leaving ends the membership; a later import of the address does not add the person back', async () => {
    const org = await createOrg();
    const person = await signupAndLogin(`bo@${freshDomain()}`);
    await importMembers(org.apiKey, { members: [person.email] });
    const { memberId } = (await memberships(person.token)).body.memberships[0];

    const res = await leave(person.token, org.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ organizationId: org.id, left: true });
    expect((await memberships(person.token)).body.memberships).toEqual([]);
    expect((await listMembers(org.apiKey)).body.members).toEqual([]);
    const [left] = await sql`select actor_type, actor_id, target_id, details::text as d from audit_log
                             where organization_id = ${org.id} and action = 'member.left'`;
    expect(left).toEqual({ actor_type: 'user', actor_id: null, target_id: memberId, d: '{"role": "MEMBER"}' });

    const again = await importMembers(org.apiKey, { members: [person.email] });
    expect(again.body.results).toMatchObject({ imported: 0, alreadyImported: 1, autoLinked: 0 });
    expect((await memberships(person.token)).body.memberships).toEqual([]);
    expect((await listInvites(org.apiKey)).body.invites[0].status).toBe('CLAIMED');
  });

  it('two leaves at once end it once: one 200, one 404, one audit entry', async () => {
    const org = await createOrg();
    const person = await signupAndLogin(`cy@${freshDomain()}`);
    await importMembers(org.apiKey, { members: [person.email] });
    const answers = await Promise.all([leave(person.token, org.id), leave(person.token, org.id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404]);
    expect(answers.find((a) => a.status === 404)!.body.error.code).toBe('not_found');
    const [row] =
      await sql`select count(*)::int as n from audit_log where organization_id = ${org.id} and action = 'member.left'`;
    expect(row!.n).toBe(1);
  });

  it('nobody else sees or ends a person’s membership; no session is 401; odd ids change nothing', async () => {
    const org = await createOrg();
    const person = await signupAndLogin(`di@${freshDomain()}`);
    const other = await signupAndLogin(`ed@${freshDomain()}`);
    await importMembers(org.apiKey, { members: [person.email] });
    expect((await memberships(other.token)).body.memberships).toEqual([]);
    const stolen = await leave(other.token, org.id);
    expect([stolen.status, stolen.body.error.code]).toEqual([404, 'not_found']);
    expect((await http('GET', '/v1/me/memberships')).status).toBe(401);
    expect((await http('DELETE', `/v1/me/memberships/${org.id}`)).status).toBe(401);
    // The organisation's own key is no session either.
    expect(
      (await http('DELETE', `/v1/me/memberships/${org.id}`, { headers: { 'x-api-key': org.apiKey } })).status,
    ).toBe(401);
    for (const id of [org.id.toUpperCase(), `${org.id}%20`, '%E2%9C%93', 'org_%27%3B--', 'x'.repeat(64)]) {
      const res = await leave(person.token, id);
      expect([id, res.status, res.body.error.code]).toEqual([id, 404, 'not_found']);
    }
    const tooLong = await leave(person.token, 'x'.repeat(65));
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, 'validation_failed']);
    expect((await memberships(person.token)).body.memberships).toHaveLength(1);
  });
});

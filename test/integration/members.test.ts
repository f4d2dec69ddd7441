import { workflowIds } from '../../src/domain/workflow-ids';
import { testSql } from '../helpers/db';
import { maybeRecordHistory } from '../helpers/spawn';
import { createOrg } from '../helpers/http';
import { freshDomain, importMembers, listInvites, listMembers, signUp, verifiedPerson } from '../helpers/members';
import { eventually, testTemporalClient, whenStarted } from '../helpers/temporal';
import { http } from '../helpers/http';
import { keyHeaders } from '../helpers/events';

jest.setTimeout(120_000);
const sql = testSql();
afterAll(() => sql.end());

const memberEmails = async (apiKey: string) =>
  ((await listMembers(apiKey)).body.members as { email: string; role: string }[]).map((m) => `${m.email}:${m.role}`);
const linkedEventually = (apiKey: string, entry: string) =>
  eventually(async () => ((await memberEmails(apiKey)).includes(entry) ? true : undefined));

describe('POST /enterprise/api/members/import', () => {
  it('answers the documented example: a person with a verified account is linked at once', async () => {
    const d = freshDomain();
    const org = await createOrg();
    await verifiedPerson(`admin@${d}`);
    const res = await importMembers(org.apiKey, {
      members: [`alice@${d}`, `bob@${d}`],
      analysts: [`data-team@${d}`],
      admins: [`admin@${d}`],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      message: 'Import completed',
      results: {
        imported: 4,
        alreadyImported: 0,
        autoLinked: 1,
        invalid: 0,
        byRole: { members: 2, analysts: 1, admins: 1 },
        errors: [],
      },
    });
    expect(await memberEmails(org.apiKey)).toEqual([`admin@${d}:ADMIN`]);
    const invites = (await listInvites(org.apiKey)).body.invites as Record<string, unknown>[];
    expect(invites).toHaveLength(4);
    expect(invites.find((i) => i.email === `admin@${d}`)).toEqual({
      id: expect.stringMatching(/^minv_/),
      email: `admin@${d}`,
      status: 'CLAIMED',
      createdAt: expect.any(String),
      claimedAt: expect.any(String),
      importSource: 'api',
    });
    expect(invites.find((i) => i.email === `bob@${d}`)).toMatchObject({ status: 'PENDING', claimedAt: null });
    const audit =
      await sql`select action, actor_type from audit_log where organization_id = ${org.id} and action like 'member%' order by action`;
    expect(audit).toEqual([
      { action: 'member.linked', actor_type: 'api_key' },
      { action: 'members.imported', actor_type: 'api_key' },
    ]);
  });

  it('trims and lower-cases, counts duplicates, earlier imports and invalid addresses; emails = members', async () => {
    const d = freshDomain();
    const org = await createOrg();
    await importMembers(org.apiKey, { members: [`old@${d}`] });
    const res = await importMembers(org.apiKey, {
      emails: [`  New@${d.toUpperCase()} `, `new@${d}`, `old@${d}`, 'not-an-email', ''],
      admins: [`boss@${d}`, `NEW@${d}`],
    });
    expect(res.body.results).toEqual({
      imported: 2,
      // Admins are read first: NEW@ is an admin, both member spellings of it repeat it, old@ was imported before.
      alreadyImported: 3,
      autoLinked: 0,
      invalid: 2,
      byRole: { members: 0, analysts: 0, admins: 2 },
      errors: [
        { field: 'emails', index: 3, email: 'not-an-email', code: 'invalid_email' },
        { field: 'emails', index: 4, email: '', code: 'invalid_email' },
      ],
    });
    const emails = ((await listInvites(org.apiKey)).body.invites as { email: string }[]).map((i) => i.email).sort();
    expect(emails).toEqual([`boss@${d}`, `new@${d}`, `old@${d}`]);
  });

  it('imports 500 at once and refuses 501 with too_many_emails', async () => {
    const d = freshDomain();
    const org = await createOrg();
    const emails = Array.from({ length: 501 }, (_, i) => `p${i}@${d}`);
    const tooMany = await importMembers(org.apiKey, { members: emails.slice(0, 300), analysts: emails.slice(300) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'too_many_emails', details: { max: 500, received: 501 } });
    const started = Date.now();
    const ok = await importMembers(org.apiKey, { members: emails.slice(0, 500) });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(ok.body.results).toMatchObject({ imported: 500, byRole: { members: 500, analysts: 0, admins: 0 } });
  });

  it('refuses unknown fields and non-array values', async () => {
    const org = await createOrg();
    expect((await importMembers(org.apiKey, { owners: ['a@b.co'] })).status).toBe(400);
    expect((await importMembers(org.apiKey, { members: 'a@b.co' })).status).toBe(400);
  });
});

describe('auto-linking on verification', () => {
  it('a memberAutoLink workflow claims the pending invites of every organisation, each audited', async () => {
    const d = freshDomain();
    const [a, b] = [await createOrg(), await createOrg()];
    await importMembers(a.apiKey, { analysts: [`carol@${d}`] });
    await importMembers(b.apiKey, { admins: [`carol@${d}`] });
    const person = await signUp(`carol@${d}`);
    await person.verify();
    await linkedEventually(a.apiKey, `carol@${d}:ANALYST`);
    await linkedEventually(b.apiKey, `carol@${d}:ADMIN`);
    const [invite] = (await listInvites(a.apiKey, '?status=CLAIMED')).body.invites;
    expect(invite).toMatchObject({ email: `carol@${d}`, status: 'CLAIMED', claimedAt: expect.any(String) });
    const { client, close } = await testTemporalClient();
    try {
      const handle = client.workflow.getHandle(workflowIds.memberAutoLink(person.id));
      expect(await handle.result()).toHaveLength(2);
      await maybeRecordHistory(handle, 'member-autolink.json');
      const description = await handle.describe();
      expect(description.searchAttributes).toMatchObject({
        MirUserId: [person.id],
        MirOperation: ['member-autolink'],
      });
    } finally {
      await close();
    }
    const audit = await sql`select organization_id from audit_log where action = 'member.linked' and target_id in (
      select id from member_invites where email = ${`carol@${d}`})`;
    expect(audit.map((r) => r.organization_id).sort()).toEqual([a.id, b.id].sort());
  });

  it.each([
    ['import, then verification', 'import-first'],
    ['verification, then import', 'verify-first'],
    ['both at once', 'concurrent'],
  ])('ends linked exactly once: %s', async (_name, order) => {
    const d = freshDomain();
    const org = await createOrg();
    const email = `race@${d}`;
    const person = await signUp(email);
    const doImport = () => importMembers(org.apiKey, { members: [email, `other@${d}`] });
    if (order === 'import-first') {
      await doImport();
      await person.verify();
    } else if (order === 'verify-first') {
      await person.verify();
      await doImport();
    } else {
      await Promise.all([doImport(), person.verify()]);
    }
    await linkedEventually(org.apiKey, `${email}:MEMBER`);
    const { client, close } = await testTemporalClient();
    try {
      await (await whenStarted(client, workflowIds.memberAutoLink(person.id))).result();
    } finally {
      await close();
    }
    const members = await sql`select id from org_members where organization_id = ${org.id}`;
    expect(members).toHaveLength(1);
    const linked = await sql`select id from audit_log where organization_id = ${org.id} and action = 'member.linked'`;
    expect(linked).toHaveLength(1);
  });
});

describe('invites and members', () => {
  it('filters by status and pages with a cursor', async () => {
    const d = freshDomain();
    const org = await createOrg();
    await verifiedPerson(`v@${d}`);
    await importMembers(org.apiKey, { members: [`a@${d}`, `b@${d}`, `c@${d}`, `v@${d}`] });
    const first = await listInvites(org.apiKey, '?limit=2');
    expect(first.body.invites).toHaveLength(2);
    const second = await listInvites(org.apiKey, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.invites).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.invites, ...second.body.invites].map((i: { email: string }) => i.email).sort();
    expect(all).toEqual([`a@${d}`, `b@${d}`, `c@${d}`, `v@${d}`]);
    const pending = await listInvites(org.apiKey, '?status=PENDING');
    expect(pending.body.invites).toHaveLength(3);
    expect((await listInvites(org.apiKey, '?cursor=nope')).status).toBe(400);
  });

  it('DELETE removes an invite; a claimed one ends the membership; a removed invite is never claimed', async () => {
    const d = freshDomain();
    const org = await createOrg();
    await verifiedPerson(`in@${d}`);
    await importMembers(org.apiKey, { members: [`in@${d}`, `later@${d}`] });
    const invites = (await listInvites(org.apiKey)).body.invites as { id: string; email: string }[];
    const claimed = invites.find((i) => i.email === `in@${d}`)!;
    const pending = invites.find((i) => i.email === `later@${d}`)!;
    const del = (id: string, key = org.apiKey) =>
      http('DELETE', `/enterprise/api/members/invites/${id}`, { headers: keyHeaders(key) });
    expect((await del(claimed.id)).body).toMatchObject({ id: claimed.id, status: 'REMOVED' });
    expect((await listMembers(org.apiKey)).body.members).toEqual([]);
    expect((await del(pending.id)).status).toBe(200);
    expect((await del(pending.id)).body.status).toBe('REMOVED');
    const later = await verifiedPerson(`later@${d}`);
    // Its auto-link has run to the end and claimed nothing.
    const { client, close } = await testTemporalClient();
    try {
      expect(await (await whenStarted(client, workflowIds.memberAutoLink(later.id))).result()).toEqual([]);
    } finally {
      await close();
    }
    expect((await listMembers(org.apiKey)).body.members).toEqual([]);
    expect((await listInvites(org.apiKey, '?status=REMOVED')).body.invites).toHaveLength(2);
  });

  it('keeps organisations apart', async () => {
    const d = freshDomain();
    const [a, b] = [await createOrg(), await createOrg()];
    await verifiedPerson(`x@${d}`);
    await importMembers(a.apiKey, { members: [`x@${d}`] });
    expect((await listInvites(b.apiKey)).body.invites).toEqual([]);
    expect((await listMembers(b.apiKey)).body.members).toEqual([]);
    const [invite] = (await listInvites(a.apiKey)).body.invites;
    const del = await http('DELETE', `/enterprise/api/members/invites/${invite.id}`, { headers: keyHeaders(b.apiKey) });
    expect(del.status).toBe(404);
    expect((await importMembers(b.apiKey, { members: [`x@${d}`] })).body.results).toMatchObject({
      imported: 1,
      autoLinked: 1,
    });
  });
});

import { createSpawnApprovalActivities } from '../../src/activities/spawn-approval';
import { createDatabase } from '../../src/db/client';
import { createAgent } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { keyHeaders } from '../helpers/events';
import { http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { addMembers, asMember, createOrgFor, type Person } from '../helpers/member-sessions';
import { setSpawnPolicy, spawn } from '../helpers/spawn';
import { eventually } from '../helpers/temporal';

jest.setTimeout(120_000);
const sql = testSql();
// The worker's reminder activity, on a pool of the stack's task queue as the worker's is.
const database = createDatabase(testEnv().databaseUrl, { max: 2, taskQueue: 'mir' });
const activities = createSpawnApprovalActivities(database.db);
afterAll(() => Promise.all([sql.end(), database.close()]));

const SERVICE = { name: 'Reconciler "ops" ✓', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };
const READER = { name: 'reader ünïcødé', permissions: ['events:read'] };

let org: { id: string; apiKey: string };
let owner: Person;
let admin: Person;
let bystanders: Person[];
let parentId: string;
beforeAll(async () => {
  // An address with the characters sign-up accepts beyond letters (' and +), quoted into no SQL.
  owner = await signupAndLogin(`o'brien+owner${Date.now()}@example.com`);
  org = await createOrgFor(owner, 'Ünïcødé "Approvers" Org');
  await setSpawnPolicy(org.apiKey, {
    enabled: true,
    maxDepth: 3,
    requireApprovalFromDepth: 3,
    requireApprovalForPermissions: ['events:read'],
  });
  const [a, analyst, member] = await addMembers(org.apiKey, ['ADMIN', 'ANALYST', 'MEMBER']);
  [admin, bystanders] = [a!, [analyst!, member!]];
  // An ADMIN invite nobody claimed: not a member, not mailed.
  const pending = await http('POST', '/enterprise/api/members/import', {
    headers: keyHeaders(org.apiKey),
    body: { admins: [`pending${Date.now()}@example.com`] },
  });
  expect(pending.status).toBe(200);
  parentId = (await createAgent(org.apiKey, SERVICE)).id;
});

const mailsAbout = (spawnRequestId: string) =>
  sql<{ to_email: string; subject: string; text: string }[]>`
    select to_email, subject, text from outbox where text like ${`%${spawnRequestId}%`} order by to_email`;
const queuedFor = (spawnRequestId: string) => sql`select id from mail_queue where spawn_request_id = ${spawnRequestId}`;

/** Once nothing is queued for the request any more: every mail it will ever send has left. */
async function settledMails(spawnRequestId: string) {
  await eventually(async () => ((await queuedFor(spawnRequestId)).length === 0 ? true : undefined), 30_000);
  return mailsAbout(spawnRequestId);
}

async function requestSpawn() {
  const res = await spawn(org.apiKey, parentId, READER);
  expect(res.status).toBe(202);
  const [row] = await sql<{ expires_at: Date }[]>`
    select expires_at from agent_spawn_requests where id = ${res.body.spawnRequestId}`;
  return { id: res.body.spawnRequestId as string, expiresAt: row!.expires_at };
}

describe('approvers are mailed when a spawn request waits', () => {
  it('each ADMIN/OWNER member once, with the id, what it asks for, the deadline and the console link', async () => {
    const { id, expiresAt } = await requestSpawn();
    const mails = await settledMails(id);
    expect(mails.map((m) => m.to_email)).toEqual([admin.email, owner.email].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe(`Spawn request ${id} waits for your approval`);
      expect(mail.text).toContain(`spawn request ${id}`);
      expect(mail.text).toContain('"reader ünïcødé"');
      expect(mail.text).toContain('Permissions the child asks for: events:read.');
      expect(mail.text).toContain('Ünïcødé \\"Approvers\\" Org');
      expect(mail.text).toContain(`Deadline: ${expiresAt.toISOString()}.`);
      // The link lands on this request's card (its anchor on the spawn-requests page).
      expect(mail.text).toContain(`/console/orgs/${org.id}/spawn-requests#request-${id}`);
    }
    const others = await sql`select 1 from outbox where text like ${`%${id}%`}
      and to_email in ${sql(bystanders.map((p) => p.email))}`;
    expect(others).toHaveLength(0);
  });

  it('two spawn requests at once: each mails its own approvers, naming only itself', async () => {
    const [first, second] = await Promise.all([requestSpawn(), requestSpawn()]);
    const [a, b] = await Promise.all([settledMails(first.id), settledMails(second.id)]);
    expect(a.map((m) => m.to_email)).toEqual([admin.email, owner.email].sort());
    expect(b.map((m) => m.to_email)).toEqual([admin.email, owner.email].sort());
    expect(a.some((m) => m.text.includes(second.id))).toBe(false);
  });

  it('a request decided before its mail leaves: the queued mail is dropped, nothing is sent', async () => {
    const { id } = await requestSpawn();
    await settledMails(id);
    const approved = await http('POST', `/v1/agents/spawn-requests/${id}/approve`, {
      headers: asMember(admin, org.id),
    });
    expect(approved.status).toBe(200);
    // A mail still queued when the decision commits, as a slow or stopped dispatcher leaves it.
    await sql`insert into mail_queue (id, kind, to_email, mir_user_id, organization_id, spawn_request_id, task_queue)
      values (${`mail_late_${id}`}, 'spawn-approval-reminder', ${owner.email}, ${owner.id}, ${org.id}, ${id}, 'mir')`;
    const mails = await settledMails(id);
    expect(mails.map((m) => m.subject)).toEqual([
      `Spawn request ${id} waits for your approval`,
      `Spawn request ${id} waits for your approval`,
    ]);
  });

  it('a queued mail to someone who does not approve (an ANALYST, a MEMBER) is dropped, not sent', async () => {
    const { id } = await requestSpawn();
    await settledMails(id);
    for (const person of bystanders) {
      await sql`insert into mail_queue (id, kind, to_email, mir_user_id, organization_id, spawn_request_id, task_queue)
        values (${`mail_not_approver_${person.id}_${id}`}, 'spawn-approval-requested', ${person.email}, ${person.id},
          ${org.id}, ${id}, 'mir')`;
    }
    expect((await settledMails(id)).map((m) => m.to_email)).toEqual([admin.email, owner.email].sort());
  });

  it('the reminder, asked for twice at once, mails each approver once; once decided, it mails nothing', async () => {
    const { id, expiresAt } = await requestSpawn();
    await settledMails(id);
    const remind = () => activities.remindSpawnApprovers({ spawnRequestId: id });
    const queued = await Promise.all([remind(), remind()]);
    expect(queued.map((q) => q.queued).sort()).toEqual([0, 2]);
    const mails = (await settledMails(id)).filter((m) => m.subject.startsWith('Reminder'));
    expect(mails.map((m) => m.to_email)).toEqual([admin.email, owner.email].sort());
    expect(mails[0]!.subject).toBe(`Reminder: spawn request ${id} waits for your approval`);
    expect(mails[0]!.text).toContain(`Deadline: ${expiresAt.toISOString()}.`);
    expect(await remind()).toEqual({ queued: 0 });

    const other = await requestSpawn();
    await settledMails(other.id);
    const rejected = await http('POST', `/v1/agents/spawn-requests/${other.id}/reject`, {
      headers: asMember(admin, org.id),
      body: { reason: 'no' },
    });
    expect(rejected.status).toBe(200);
    expect(await activities.remindSpawnApprovers({ spawnRequestId: other.id })).toEqual({ queued: 0 });
  });

  it('a kind the queue does not send is refused by Postgres', async () => {
    await expect(
      sql`insert into mail_queue (id, kind, to_email, task_queue) values ('mail_bad_kind', 'spam', 'x@example.com', 'mir')`,
    ).rejects.toThrow(/mail_queue_kind_check/);
  });
});

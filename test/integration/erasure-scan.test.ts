import { workflowIds } from '../../src/domain/workflow-ids';
import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import { issue, parts, statusBit, verifyClaim } from '../helpers/credentials';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { bearer, erasureOf, linkByCode, linkedPerson, loginFrom, requestErasure, resolve } from '../helpers/erasure';
import { keyHeaders, postEvent } from '../helpers/events';
import { createAgent } from '../helpers/agents';
import { createOrg, http } from '../helpers/http';
import { readyExport } from '../helpers/exports';
import { asMember } from '../helpers/member-sessions';
import { importMembers, listInvites } from '../helpers/members';
import { setSpawnPolicy, spawn } from '../helpers/spawn';
import { eventually, useTemporalClient, whenStarted } from '../helpers/temporal';
import { WebhookReceiver } from '../helpers/webhook-receiver';

jest.setTimeout(300_000);

const sql = testSql();
const temporal = useTemporalClient();
const receiver = new WebhookReceiver();
let hooks: string;
let api: ApiProcess;
beforeAll(async () => {
  hooks = await receiver.start();
  // Its own API process with a grace period of a second, on the stack's task queue and worker.
  api = await startApiProcess({ MIR_ERASURE_GRACE_SECONDS: '1' });
});
afterAll(async () => {
  await api?.stop();
  await receiver.stop();
  await sql.end();
});

const SERVICE = { name: 'Reconciler', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };
const READER = { name: 'reader', permissions: ['events:read'] };
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every text, character, json, jsonb, text-array and bytea column of every table in the schema
 * (and large objects), searched for each value as written and as JSON escapes it. A table added
 * later that keeps personal data shows up here until the erasure covers it. Exempt: nothing.
 */
async function findAnywhere(values: string[]): Promise<string[]> {
  const columns = await sql<{ table: string; column: string; type: string }[]>`
    select c.table_name as table, c.column_name as column, c.data_type as type
    from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      -- A month of a partitioned table (ADR 0009) is read through its parent.
      and not exists (select 1 from pg_class k where k.relname = c.table_name and k.relispartition)
      and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')
        or (c.data_type = 'ARRAY' and c.udt_name in ('_text', '_varchar')))
    order by 1, 2`;
  expect(columns.length).toBeGreaterThan(50);
  const forms = values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]);
  const patterns = forms.map((f) => `%${escapeLike(f)}%`);
  const hits: string[] = [];
  const search = async (where: string, rows: { v: string }[]) => {
    for (const row of rows) for (const f of forms) if (row.v.includes(f)) hits.push(`${where}: ${f}`);
  };
  for (const c of columns) {
    const text = c.type === 'bytea' ? sql`encode(${sql(c.column)}, 'escape')` : sql`${sql(c.column)}::text`;
    await search(
      `${c.table}.${c.column}`,
      await sql`select ${text} as v from ${sql(c.table)} where ${text} like any(${patterns}::text[]) limit 20`,
    );
  }
  await search(
    'pg_largeobject.data',
    await sql`select encode(data, 'escape') as v from pg_largeobject
      where encode(data, 'escape') like any(${patterns}::text[]) limit 20`,
  );
  return hits;
}

/**
 * The tables whose rows point at a person (a foreign key to their account, their partner users or
 * links): the fixture below must put something of the person in each, or the scan proves nothing
 * about it. A table added later fails here until this test gives it a row and the erasure removes it.
 */
/**
 * Tables that point at a person: by a foreign key to a person's row, or by a column named for one
 * without a key (events.partner_user_id has none since ADR 0008; a trigger deletes a user's events).
 */
async function tablesAboutPeople(): Promise<string[]> {
  const rows = await sql<{ table: string }[]>`
    select distinct tc.table_name as table from information_schema.table_constraints tc
      join information_schema.constraint_column_usage u
        on u.constraint_name = tc.constraint_name and u.constraint_schema = tc.constraint_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'
      and u.table_name in ('mir_users', 'partner_users', 'partner_links')
    union
    select distinct c.table_name from information_schema.columns c join information_schema.tables t
      on t.table_name = c.table_name and t.table_schema = c.table_schema and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.column_name in ('partner_user_id', 'mir_user_id')
      and not exists (select 1 from pg_class k where k.relname = c.table_name and k.relispartition)
    order by 1`;
  return rows.map((r) => r.table);
}

/** Tables the fixture cannot give a row before the erasure, each with why the scan still covers it. */
const NOT_FILLED_BEFORE: Record<string, string> = {
  // Rows live until their mail is sent, a moment after the answer; the erasure deletes any left by
  // address and account in its last transaction, and the scan after it would find one.
  mail_queue: 'emptied as mails go out',
  // The erasure's own record, made by the request under test; the scan after it checks it keeps no id.
  account_erasures: 'made by the erasure itself',
};

const tableOf = (hit: string) => hit.slice(0, hit.indexOf('.'));

describe('an erasure leaves nothing of the person in Postgres', () => {
  it('finds neither the address nor any erased id in any column of any table', async () => {
    const person = await linkedPerson({ partners: 2, events: 5, webhookUrl: hooks });
    const [a, b] = person.partners;
    const idem = (key: string) => ({ 'idempotency-key': `${key}-${person.id}` });
    // Everything that tends to hold a person: an event naming them, an idempotent answer, a decision,
    const sent = await postEvent(
      a!.apiKey,
      { type: 'review.posted', userId: a!.userId, data: { contact: person.email } },
      idem('event'),
    );
    expect(sent.status).toBe(201);
    const evaluated = await http('POST', '/policy/evaluate', {
      headers: keyHeaders(b!.apiKey, idem('evaluate')),
      body: { action: 'checkout.complete', actor_id: b!.userId },
    });
    expect(evaluated.status).toBe(200);
    // a membership made by an import (with its webhook and audit entry),
    const enterprise = await createOrg(`Erasure members ${Date.now()}`);
    await http('POST', '/v1/webhooks', {
      headers: keyHeaders(enterprise.apiKey),
      body: { url: hooks, eventTypes: ['*'] },
    });
    const imported = await http('POST', '/enterprise/api/members/import', {
      headers: keyHeaders(enterprise.apiKey, idem('import')),
      body: { admins: [person.email] },
    });
    expect(imported.status).toBe(200);
    // what they did there as an ADMIN with their session: a spawn they asked for, one they approved
    // (they are mailed as an approver), an agent key they rotated and a kill switch they pulled,
    await setSpawnPolicy(enterprise.apiKey, {
      enabled: true,
      maxDepth: 3,
      requireApprovalForPermissions: ['events:read'],
    });
    const [parent, doomed] = [
      await createAgent(enterprise.apiKey, SERVICE),
      await createAgent(enterprise.apiKey, SERVICE),
    ];
    const session = asMember(person.token, enterprise.id);
    const asked = await http('POST', `/v1/agents/${parent.id}/spawn`, { headers: session, body: READER });
    expect(asked.status).toBe(202);
    const byKey = await spawn(enterprise.apiKey, parent.id, READER);
    await whenStarted(temporal.client, byKey.body.workflowId);
    const decide = `/v1/agents/spawn-requests/${byKey.body.spawnRequestId}/approve`;
    expect((await http('POST', decide, { headers: session, body: { reason: 'fine' } })).status).toBe(200);
    expect((await http('POST', `/v1/agents/${parent.id}/key/rotate`, { headers: session })).status).toBe(200);
    expect((await http('POST', `/v1/agents/${doomed.id}/revoke-descendants`, { headers: session })).status).toBe(202);
    // a third link redeemed under the person's own Idempotency-Key, a password reset, a second session,
    const c = { id: '', apiKey: enterprise.apiKey, userId: `ext-c-${person.id}`, webhookId: null };
    await postEvent(c.apiKey, { type: 'review.posted', userId: c.userId });
    await linkByCode(c, person.token);
    const reset = await http('POST', '/v1/users/password-reset/request', { body: { email: person.email } });
    expect(reset.status).toBe(202);
    expect((await loginFrom(person.email, person.password)).status).toBe(200);
    // a history credential a partner verified,
    const credential = await issue(person.token, { disclose: ['tier', 'eventCount'] });
    expect(credential.status).toBe(201);
    expect((await verifyClaim(a!.apiKey, credential.body.credential)).body.status).toBe('VALID');
    // lookups by the partners, and a ready export of it all.
    for (const partner of [a!, b!, c]) expect((await resolve(partner)).body.linked).toBe(true);
    await readyExport(person.token);
    await eventually(async () => {
      const [row] = await sql`select count(*)::int as n from policy_decisions where actor_id = ${b!.userId}`;
      return row!.n > 0 ? true : undefined;
    });

    const partnerUsers = await sql<{ id: string }[]>`
      select id from partner_users where external_id in ${sql([a!.userId, b!.userId, c.userId])}`;
    const sessions = await sql<{ token_hash: string }[]>`
      select token_hash from sessions where mir_user_id = ${person.id}`;
    expect(partnerUsers).toHaveLength(3);
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const erased = [
      person.email,
      person.id,
      a!.userId,
      b!.userId,
      c.userId,
      ...partnerUsers.map((r) => r.id),
      ...sessions.map((r) => r.token_hash),
    ];
    // The values are there before, in every table that points at a person: the search would see them.
    const required = (await tablesAboutPeople()).filter((t) => !(t in NOT_FILLED_BEFORE));
    expect(required).toEqual(expect.arrayContaining(['events', 'partner_links', 'sessions', 'org_members']));
    const missing = await eventually(async () => {
      const filled = new Set((await findAnywhere(erased)).map(tableOf));
      const left = required.filter((t) => !filled.has(t));
      return left.length === 0 ? left : undefined;
    }).catch(async () => {
      const filled = new Set((await findAnywhere(erased)).map(tableOf));
      return required.filter((t) => !filled.has(t));
    });
    expect(missing).toEqual([]);

    const requested = await requestErasure(person.token, person.password, api.url);
    expect(requested.status).toBe(202);
    // Done when its row is complete (its state, should it stall, is in the failure message).
    await eventually(async () => {
      const [row] = await sql`select completed_at from account_erasures where id = ${requested.body.erasureId}`;
      return row?.completed_at ? true : undefined;
    }, 120_000).catch(async () => {
      const [row] =
        await sql`select status, stage, cursor, counts from account_erasures where id = ${requested.body.erasureId}`;
      throw new Error(`the erasure did not complete: ${JSON.stringify(row)}`);
    });
    const summary = await temporal.client.workflow.getHandle(workflowIds.erasure(person.id)).result();
    expect(summary).toMatchObject({ erasureId: requested.body.erasureId, status: 'ERASED' });
    expect(summary!.counts).toMatchObject({ events: 12, accounts: 1, partnerUsers: 3, memberships: 1 });
    expect(summary!.counts.decisions).toBeGreaterThanOrEqual(1);

    expect(await findAnywhere(erased)).toEqual([]);
    // Their two spawn requests' requester and decider, the key rotation and the kill switch.
    expect(summary!.counts.actorsScrubbed).toBe(4);
    // Its credential is revoked: the status entry outlives the account, set.
    const { uri, idx } = parts(credential.body.credential).payload.status.status_list;
    expect(await statusBit(uri, idx, testEnv().apiUrl)).toBe(1);
    expect(summary!.counts).toMatchObject({ credentialsRevoked: 1 });

    // Each partner was told with its own id, once; its audit keeps a digest and counts.
    for (const partner of [a!, b!, c]) {
      const told = receiver.ofType('user.erased').filter((r) => r.json.data.userId === partner.userId);
      expect(new Set(told.map((r) => r.headers['webhook-id'])).size).toBe(1);
    }
    const audit = await http('GET', '/v1/audit?action=user.erased', { headers: keyHeaders(a!.apiKey) });
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0].target).toEqual({ type: 'partner_user', id: expect.stringMatching(/^erased_/) });
    const [entry] =
      await sql`select details from audit_log where organization_id = ${a!.id} and action = 'user.erased'`;
    expect(entry!.details).toMatchObject({ events: 6 });
    // Its earlier entries about the person remain, naming the same digest instead of any id.
    const trail =
      await sql`select target_id from audit_log where organization_id = ${a!.id} and target_type = 'partner_user'`;
    expect(new Set(trail.map((r) => r.target_id))).toEqual(new Set([audit.body.entries[0].target.id]));

    // Gone for everyone: the person cannot log in, the partner's user is unknown, the session ends.
    expect((await loginFrom(person.email, person.password)).status).toBe(401);
    expect((await erasureOf(person.token)).status).toBe(401);
    expect((await resolve(a!)).status).toBe(404);
    expect((await http('GET', '/v1/me/links', { headers: bearer(person.token) })).status).toBe(401);
    // The address imported again is a new invite, waiting for whoever verifies it.
    const again = await importMembers(enterprise.apiKey, { members: [person.email] });
    expect(again.status).toBe(200);
    const invites = await listInvites(enterprise.apiKey);
    const invite = invites.body.invites.find((i: { email: string }) => i.email === person.email);
    expect(invite).toMatchObject({ status: 'PENDING' });
  });
});

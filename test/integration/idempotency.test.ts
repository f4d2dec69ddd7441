import { testSql } from '../helpers/db';
import { keyHeaders, postEvent, uniqueUserId } from '../helpers/events';
import { adminHeaders, createOrg, http } from '../helpers/http';

const sql = testSql();
afterAll(() => sql.end());

const eventCount = async (orgId: string) =>
  (await sql`select count(*)::int as n from events where organization_id = ${orgId}`)[0]!.n as number;
const idem = (key: string) => ({ 'Idempotency-Key': key });

describe('Idempotency-Key', () => {
  it('replays the first answer for the same key and body, storing the event once', async () => {
    const org = await createOrg();
    const body = { type: 'transaction.completed', userId: uniqueUserId(), data: { amount: 99.99 } };
    const first = await postEvent(org.apiKey, body, idem('txn-abc-123'));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await postEvent(
      org.apiKey,
      { data: { amount: 99.99 }, userId: body.userId, type: body.type },
      idem('txn-abc-123'),
    );
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await eventCount(org.id)).toBe(1);
    const [user] = await sql`select event_count::int as n from partner_users where organization_id = ${org.id}`;
    expect(user!.n).toBe(1);
  });

  it('422 idempotency_key_reused for the same key with a different body, storing nothing more', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    await postEvent(org.apiKey, { type: 'a.b', userId }, idem('k-1'));
    const other = await postEvent(org.apiKey, { type: 'a.c', userId }, idem('k-1'));
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(await eventCount(org.id)).toBe(1);
  });

  it('20 concurrent identical requests store exactly one event; the rest replay or get 409', async () => {
    const org = await createOrg();
    const body = { type: 'transaction.completed', userId: uniqueUserId() };
    const answers = await Promise.all(Array.from({ length: 20 }, () => postEvent(org.apiKey, body, idem('race-1'))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = answers.filter((a) => a.status === 201);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    for (const conflict of answers.filter((a) => a.status === 409)) {
      expect(conflict.body.error.code).toBe('idempotency_request_in_progress');
    }
    expect(await eventCount(org.id)).toBe(1);
    const retry = await postEvent(org.apiKey, body, idem('race-1'));
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(created[0]!.body.id);
  });

  it('keys belong to their organisation: B reusing A’s key neither replays A’s answer nor conflicts', async () => {
    const a = await createOrg();
    const b = await createOrg();
    const body = { type: 'a.b', userId: uniqueUserId() };
    const ofA = await postEvent(a.apiKey, body, idem('shared-key'));
    const ofB = await postEvent(b.apiKey, body, idem('shared-key'));
    expect(ofB.status).toBe(201);
    expect(ofB.headers.get('idempotent-replayed')).toBeNull();
    expect(ofB.body.id).not.toBe(ofA.body.id);
    expect(await eventCount(b.id)).toBe(1);
  });

  it('does not store validation errors: a corrected retry with the same key goes through', async () => {
    const org = await createOrg();
    const bad = await postEvent(org.apiKey, { type: 'bad', userId: 'u' }, idem('fix-me'));
    expect(bad.status).toBe(400);
    const good = await postEvent(org.apiKey, { type: 'a.b', userId: uniqueUserId() }, idem('fix-me'));
    expect(good.status).toBe(201);
    expect(good.headers.get('idempotent-replayed')).toBeNull();
  });

  it('applies to bulk: a retried batch is never counted twice', async () => {
    const org = await createOrg();
    const events = Array.from({ length: 5 }, () => ({ type: 'a.b', userId: uniqueUserId() }));
    const send = () =>
      http('POST', '/events/bulk', { headers: keyHeaders(org.apiKey, idem('batch-7')), body: { events } });
    const first = await send();
    const second = await send();
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventCount(org.id)).toBe(5);
  });

  it('never stores or replays a one-time secret: a replayed organisation creation answers apiKey null', async () => {
    const key = `org-create-${uniqueUserId()}`;
    const send = () =>
      http('POST', '/admin/organizations', {
        headers: { ...adminHeaders(), ...idem(key) },
        body: { name: 'Once', plan: 'standard' },
      });
    const first = await send();
    const replay = await send();
    expect(first.body.apiKey).toMatch(/^mir_/);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual({ ...first.body, apiKey: null });
    const stored = JSON.stringify(await sql`select * from idempotency_keys`);
    expect(stored).not.toContain(first.body.apiKey);
  });

  it('400 for a malformed key', async () => {
    const org = await createOrg();
    const res = await postEvent(org.apiKey, { type: 'a.b', userId: 'u' }, idem('x'.repeat(256)));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('Idempotency-Key');
    expect(await eventCount(org.id)).toBe(0);
  });
});

import { randomUUID } from 'node:crypto';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';

jest.setTimeout(120_000);

/**
 * Routes that commit their own work and start workflows (ownTransactions) reserve an
 * Idempotency-Key instead of answering inside one transaction: POST /partners/link/invite here.
 */
const sql = testSql();
afterAll(() => sql.end());

const invite = (apiKey: string, userId: string, key: string) =>
  http('POST', '/partners/link/invite', {
    headers: { ...keyHeaders(apiKey), 'idempotency-key': key },
    body: { userId },
  });
const requestsFor = async (orgId: string, userId: string) =>
  (
    await sql`select r.id from link_requests r join partner_users p on p.id = r.partner_user_id
              where p.organization_id = ${orgId} and p.external_id = ${userId}`
  ).length;

describe('a reserved Idempotency-Key', () => {
  it('30 concurrent identical invites make one invite and one answer; the rest get 409 or its replay', async () => {
    const org = await createOrg();
    const userId = `reserved-${randomUUID()}`;
    const key = `race-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 30 }, () => invite(org.apiKey, userId, key)));
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    // One request did the work; one arriving after it finished replays its answer, without the URL.
    const created = answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') === null);
    const replayed = answers.filter((a) => a.status === 201 && a.headers.get('idempotent-replayed') === 'true');
    expect(created).toHaveLength(1);
    expect(created[0]!.body.inviteUrl).toMatch(/\/link\//);
    for (const r of replayed) expect(r.body).toEqual({ ...created[0]!.body, inviteUrl: null });
    for (const conflict of answers.filter((a) => a.status === 409))
      expect(conflict.body.error.code).toBe('idempotency_request_in_progress');
    expect(await requestsFor(org.id, userId)).toBe(1);
    const retry = await invite(org.apiKey, userId, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.inviteId).toBe(created[0]!.body.inviteId);
    // Shown once: the replay does not carry the invite URL's secret again.
    expect(retry.body.inviteUrl).toBeNull();
  });

  it('a reservation left by a request that died is refused while its lease runs, then taken over', async () => {
    const org = await createOrg();
    const userId = `reserved-${randomUUID()}`;
    const key = `dead-${randomUUID()}`;
    const first = await invite(org.apiKey, userId, key);
    expect(first.status).toBe(201);
    // As if the request had died after reserving: a reservation has no status yet.
    const reserveAgo = (seconds: number) =>
      sql`update idempotency_keys set response_status = null, response_body = null,
            created_at = now() - make_interval(secs => ${seconds})
          where scope = ${`org:${org.id}`} and key = ${key}`;
    await reserveAgo(1);
    const during = await invite(org.apiKey, userId, key);
    expect([during.status, during.body.error?.code]).toEqual([409, 'idempotency_request_in_progress']);
    // Past the lease (2 × MIR_RESPONSE_TIMEOUT_MS, 60 s by default) the key is taken over.
    await reserveAgo(3_600);
    const after = await invite(org.apiKey, userId, key);
    expect(after.status).toBe(201);
    expect(after.headers.get('idempotent-replayed')).toBeNull();
    // The work is safe to run again: the pending invite is found, not doubled.
    expect(after.body.inviteId).toBe(first.body.inviteId);
    expect(await requestsFor(org.id, userId)).toBe(1);
    const replay = await invite(org.apiKey, userId, key);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
  });
});

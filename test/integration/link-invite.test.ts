import { workflowIds } from '../../src/domain/workflow-ids';
import { hashSecret } from '../../src/domain/keys';
import { startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { daysAgo, keyHeaders, seedEvents, uniqueUserId } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { allowRedirects, confirmInvite, declineInvite, invite, signupAndLogin } from '../helpers/linking';
import { type NpmProcess, terminate } from '../helpers/npm-process';
import { maybeRecordHistory } from '../helpers/spawn';
import { describePartnerKeySecurity } from '../helpers/security';
import {
  eventually,
  historyEvents,
  updateAcceptedBy,
  useTemporalClient,
  whenStarted,
  workflowTaskWorkers,
} from '../helpers/temporal';
import { startWorkerOn } from '../helpers/worker-process';

jest.setTimeout(180_000);
const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

const status = (apiKey: string, userId: string) =>
  http('GET', `/partners/link/status?userId=${encodeURIComponent(userId)}`, { headers: keyHeaders(apiKey) });

describe('POST /partners/link/invite', () => {
  it('starts a linkInvite workflow keyed by the invite; only the token hash is stored, never in Temporal', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const res = await http('POST', '/v1/partners/link/invite', { headers: keyHeaders(org.apiKey), body: { userId } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      inviteId: expect.stringMatching(/^linv_/),
      inviteUrl: expect.stringMatching(/\/link\/[A-Za-z0-9_-]{40,}$/),
      expiresAt: expect.any(String),
    });
    const token = res.body.inviteUrl.split('/link/')[1];
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const [row] = await sql`select secret_hash, status from link_requests where id = ${res.body.inviteId}`;
    expect(row).toEqual({ secret_hash: hashSecret(token), status: 'PENDING' });
    const handle = await whenStarted(
      temporal.client,
      workflowIds.linkRequest({ kind: 'invite', id: res.body.inviteId }),
    );
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.searchAttributes).toMatchObject({ MirOrgId: [org.id], MirOperation: ['link-invite'] });
    const history = JSON.stringify(await handle.fetchHistory());
    expect(history).not.toContain(token);
    expect(history).not.toContain(hashSecret(token));
    expect(JSON.stringify(await sql`select * from link_requests where id = ${res.body.inviteId}`)).not.toContain(token);
    const pending = await status(org.apiKey, userId);
    expect(pending.body).toEqual({
      userId,
      linked: false,
      pendingInvite: { inviteId: res.body.inviteId, expiresAt: res.body.expiresAt },
    });
  });

  it('returns the pending invite again (same inviteId, fresh URL; the old URL stops working)', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const first = await invite(org.apiKey, userId);
    const second = await invite(org.apiKey, userId);
    expect(second.inviteId).toBe(first.inviteId);
    expect(second.expiresAt).toBe(first.expiresAt);
    expect(second.inviteUrl).not.toBe(first.inviteUrl);
    const [row] = await sql`select secret_hash from link_requests where id = ${first.inviteId}`;
    expect(row!.secret_hash).toBe(hashSecret(second.inviteUrl.split('/link/')[1]!));
  });

  it('24 invites at once for one userId: one invite, answered to all, and exactly one URL works', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const answers = await Promise.all(
      Array.from({ length: 24 }, () =>
        http('POST', '/partners/link/invite', { headers: keyHeaders(org.apiKey), body: { userId } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(24).fill(201));
    expect(new Set(answers.map((a) => a.body.inviteId)).size).toBe(1);
    const live = await sql`
      select id, secret_hash from link_requests where kind = 'invite' and status = 'PENDING' and partner_user_id =
        (select id from partner_users where organization_id = ${org.id} and external_id = ${userId})`;
    expect(live.map((r) => r.id)).toEqual([answers[0]!.body.inviteId]);
    const working = answers.filter((a) => hashSecret(a.body.inviteUrl.split('/link/')[1]!) === live[0]!.secret_hash);
    expect(working).toHaveLength(1);
  });

  it('links when the person confirms; then 409 already_linked; a second confirm is refused', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const person = await signupAndLogin();
    const inv = await invite(org.apiKey, userId);
    const outcome = await confirmInvite(temporal.client, inv.inviteId, person.id);
    expect(outcome).toMatchObject({ ok: true, organizationId: org.id });
    const linked = await status(org.apiKey, userId);
    expect(linked.body).toEqual({ userId, linked: true, linkedAt: expect.any(String) });
    const again = await http('POST', '/partners/link/invite', { headers: keyHeaders(org.apiKey), body: { userId } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_linked');
    await expect(confirmInvite(temporal.client, inv.inviteId, person.id)).rejects.toThrow();
    const handle = temporal.client.workflow.getHandle(workflowIds.linkRequest({ kind: 'invite', id: inv.inviteId }));
    expect(await handle.result()).toBe('CONFIRMED');
    await maybeRecordHistory(handle, 'link-invite-confirmed.json');
    const audit =
      await sql`select action, actor_type, actor_id from audit_log where organization_id = ${org.id} and action like 'link.%'`;
    expect(audit).toEqual([{ action: 'link.confirmed', actor_type: 'user', actor_id: person.id }]);
  });

  it('declines: nothing is linked and the invite is closed', async () => {
    const org = await createOrg();
    const userId = uniqueUserId();
    const inv = await invite(org.apiKey, userId);
    expect(await declineInvite(temporal.client, inv.inviteId)).toBe('DECLINED');
    const handle = temporal.client.workflow.getHandle(workflowIds.linkRequest({ kind: 'invite', id: inv.inviteId }));
    expect(await handle.result()).toBe('DECLINED');
    await maybeRecordHistory(handle, 'link-invite-declined.json');
    expect((await status(org.apiKey, userId)).body).toEqual({ userId, linked: false });
    expect((await sql`select status from link_requests where id = ${inv.inviteId}`)[0]!.status).toBe('DECLINED');
  });

  it('expires after the organisation’s TTL; confirming afterwards links nothing', async () => {
    const org = await createOrg();
    await http('PATCH', '/portal/api/settings', { headers: keyHeaders(org.apiKey), body: { linkInviteTtlSeconds: 5 } });
    const userId = uniqueUserId();
    const person = await signupAndLogin();
    const inv = await invite(org.apiKey, userId);
    const handle = await whenStarted(temporal.client, workflowIds.linkRequest({ kind: 'invite', id: inv.inviteId }));
    expect(await handle.result()).toBe('EXPIRED');
    await maybeRecordHistory(handle, 'link-invite-expired.json');
    expect((await sql`select status from link_requests where id = ${inv.inviteId}`)[0]!.status).toBe('EXPIRED');
    await expect(confirmInvite(temporal.client, inv.inviteId, person.id)).rejects.toThrow();
    expect((await status(org.apiKey, userId)).body).toEqual({ userId, linked: false });
    const fresh = await invite(org.apiKey, userId);
    expect(fresh.inviteId).not.toBe(inv.inviteId);
  });

  it('a partner cannot link by itself: an invite shares nothing, and /v1/me endpoints refuse partner keys', async () => {
    const a = await createOrg();
    const b = await createOrg();
    const userId = uniqueUserId();
    await seedEvents(b.apiKey, [{ type: 'a.b', userId }]);
    await invite(a.apiKey, userId);
    expect((await http('POST', '/resolve', { headers: keyHeaders(a.apiKey), body: { userId } })).status).toBe(404);
    for (const [method, path] of [
      ['GET', '/v1/me/links'],
      ['GET', '/v1/me'],
      ['DELETE', `/v1/me/links/${a.id}`],
    ] as const) {
      expect((await http(method, path, { headers: keyHeaders(a.apiKey) })).status).toBe(401);
    }
    expect((await status(a.apiKey, userId)).body.linked).toBe(false);
  });

  it('400 for a bad userId or redirectUrl', async () => {
    const org = await createOrg();
    for (const body of [
      {},
      { userId: '' },
      { userId: 'u', redirectUrl: 'javascript:alert(1)' },
      { userId: 'u', redirectUrl: 'not a url' },
      { userId: 'u', extra: 1 },
    ]) {
      const res = await http('POST', '/partners/link/invite', { headers: keyHeaders(org.apiKey), body });
      expect(res.status).toBe(400);
    }
  });

  it('redirects only to origins the organisation registered: others are 400 at invite time', async () => {
    const org = await createOrg();
    const post = (redirectUrl: string) =>
      http('POST', '/partners/link/invite', {
        headers: keyHeaders(org.apiKey),
        body: { userId: uniqueUserId(), redirectUrl },
      });
    const unregistered = await post('https://evil.example/phish');
    expect(unregistered.status).toBe(400);
    expect(unregistered.body.error.details[0]).toMatchObject({ path: 'redirectUrl' });
    expect(unregistered.body.error.message).toContain('linkRedirectOrigins');
    await allowRedirects(org.apiKey, ['https://partner.example', 'https://app.partner.example:8443']);
    expect((await post('https://partner.example/linked?x=1')).status).toBe(201);
    expect((await post('https://app.partner.example:8443/done')).status).toBe(201);
    expect((await post('https://partner.example.evil.example/')).status).toBe(400);
    expect((await post('http://partner.example/linked')).status).toBe(400);
    const [row] = await sql`select count(*)::int as n from link_requests where organization_id = ${org.id}`;
    expect(row!.n).toBe(2);
  });

  it('settings accept bare origins only', async () => {
    const org = await createOrg();
    for (const bad of [['https://partner.example/path'], ['partner.example'], ['https://a.example/?q=1']]) {
      const res = await http('PATCH', '/portal/api/settings', {
        headers: keyHeaders(org.apiKey),
        body: { linkRedirectOrigins: bad },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  describePartnerKeySecurity('POST', '/partners/link/invite', { userId: 'security-user' });
});

describe('portable history through invites', () => {
  it('resolve spans every partner the person linked, before and after, and unlinking takes it back', async () => {
    const a = await createOrg();
    const b = await createOrg();
    const [userA, userB] = [uniqueUserId('a'), uniqueUserId('b')];
    await seedEvents(
      a.apiKey,
      Array.from({ length: 12 }, () => ({ type: 'order.completed', userId: userA, occurredAt: daysAgo(20) })),
    );
    await seedEvents(
      b.apiKey,
      Array.from({ length: 40 }, () => ({ type: 'listing.sold', userId: userB, occurredAt: daysAgo(45) })),
    );
    const before = await http('POST', '/resolve', { headers: keyHeaders(a.apiKey), body: { userId: userA } });
    expect(before.body).toMatchObject({ eventCount: 12, partnerCount: 1, tier: 1, linked: false });
    const person = await signupAndLogin();
    await confirmInvite(temporal.client, (await invite(a.apiKey, userA)).inviteId, person.id);
    await confirmInvite(temporal.client, (await invite(b.apiKey, userB)).inviteId, person.id);
    const after = await http('POST', '/resolve', { headers: keyHeaders(a.apiKey), body: { userId: userA } });
    expect(after.body).toMatchObject({
      eventCount: 52,
      partnerCount: 2,
      tier: 2,
      tierLabel: 'established',
      linked: true,
      daysSinceFirstEvent: 45,
      daysSinceLastEvent: 20,
    });
    expect(JSON.stringify(after.body)).not.toContain(b.id);
    const links = await http('GET', '/v1/me/links', { headers: { authorization: `Bearer ${person.token}` } });
    expect(links.body.links.map((l: any) => l.partner.id).sort()).toEqual([a.id, b.id].sort());
    const removed = await http('DELETE', `/v1/me/links/${b.id}`, {
      headers: { authorization: `Bearer ${person.token}` },
    });
    expect(removed.status).toBe(200);
    expect(
      (await http('POST', '/resolve', { headers: keyHeaders(a.apiKey), body: { userId: userA } })).body,
    ).toMatchObject({ eventCount: 12, partnerCount: 1, linked: true });
    expect(
      (await http('POST', '/resolve', { headers: keyHeaders(b.apiKey), body: { userId: userB } })).body,
    ).toMatchObject({ eventCount: 40, linked: false });
  });

  it('a partner resolves a linked user it never sent an event for; an unlinked stranger still gets 404', async () => {
    const a = await createOrg();
    const d = await createOrg();
    const userA = uniqueUserId();
    await seedEvents(
      a.apiKey,
      Array.from({ length: 3 }, () => ({ type: 'a.b', userId: userA, occurredAt: daysAgo(2) })),
    );
    const person = await signupAndLogin();
    await confirmInvite(temporal.client, (await invite(a.apiKey, userA)).inviteId, person.id);
    const fresh = uniqueUserId('d');
    expect((await http('POST', '/resolve', { headers: keyHeaders(d.apiKey), body: { userId: fresh } })).status).toBe(
      404,
    );
    await confirmInvite(temporal.client, (await invite(d.apiKey, fresh)).inviteId, person.id);
    const res = await http('POST', '/resolve', { headers: keyHeaders(d.apiKey), body: { userId: fresh } });
    expect(res.body).toMatchObject({ eventCount: 3, partnerCount: 1, linked: true });
  });
});

describe('durability', () => {
  it('an invite pending while the worker is down still confirms once a worker is back', async () => {
    const queue = `mir-link-${Date.now()}`;
    const api = await startApiProcess({ TEMPORAL_TASK_QUEUE: queue });
    let worker: NpmProcess | undefined;
    try {
      worker = await startWorkerOn(queue);
      const org = await createOrg();
      const userId = uniqueUserId();
      const inv = await invite(org.apiKey, userId, {}, api.url);
      const handle = await whenStarted(temporal.client, workflowIds.linkRequest({ kind: 'invite', id: inv.inviteId }));
      await eventually(async () => ((await handle.fetchHistory()).events?.length ?? 0) > 3 || undefined);
      const [killed] = workflowTaskWorkers(await historyEvents(handle));
      expect(await terminate(worker, 'SIGKILL')).toBeNull();
      const person = await signupAndLogin();
      let answered = false;
      const confirming = confirmInvite(temporal.client, inv.inviteId, person.id).finally(() => (answered = true));
      expect(answered).toBe(false);
      worker = await startWorkerOn(queue);
      expect(await confirming).toMatchObject({ ok: true });
      expect((await status(org.apiKey, userId)).body.linked).toBe(true);
      // Nothing answered while no worker ran (the kill was real): the worker that accepted the
      // confirmation is the new one, not the one that ran the workflow before the kill.
      const events = await historyEvents(handle);
      expect(killed).toBeTruthy();
      expect(updateAcceptedBy(events)).toBeTruthy();
      expect(updateAcceptedBy(events)).not.toBe(killed);
    } finally {
      if (worker) await terminate(worker);
      await api.stop();
    }
  });
});

describe('redirect origins outside development', () => {
  it('must use https', async () => {
    const api = await startApiProcess({ NODE_ENV: 'production' });
    try {
      const org = await createOrg();
      const set = (origin: string) =>
        http('PATCH', '/portal/api/settings', {
          baseUrl: api.url,
          headers: keyHeaders(org.apiKey),
          body: { linkRedirectOrigins: [origin] },
        });
      const plain = await set('http://partner.example');
      expect(plain.status).toBe(400);
      expect(plain.body.error.details[0]).toMatchObject({ path: 'linkRedirectOrigins.0', message: 'must use https' });
      expect((await set('https://partner.example')).status).toBe(200);
    } finally {
      await api.stop();
    }
  }, 120_000);
});

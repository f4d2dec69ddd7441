import { workflowIds } from '../../src/domain/workflow-ids';
import { MirOperation, MirOrgId, MirUserId } from '../../src/workflows/search-attributes';
import { testSql } from '../helpers/db';
import {
  bearer,
  cancelErasure,
  erasureOf,
  linkByCode,
  linkedPerson,
  loginFrom,
  requestErasure,
  resolve,
} from '../helpers/erasure';
import { keyHeaders } from '../helpers/events';
import { freshLoopback, http, postFrom } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { maybeRecordHistory } from '../helpers/spawn';
import { eventually, historyEvents, runsOf, useTemporalClient, whenStarted } from '../helpers/temporal';
import { WebhookReceiver } from '../helpers/webhook-receiver';

jest.setTimeout(180_000);

// The stack's grace period is the default, 7 days: every erasure here stays SCHEDULED.
const sql = testSql();
const temporal = useTemporalClient();
const receiver = new WebhookReceiver();
let hooks: string;
beforeAll(async () => {
  hooks = await receiver.start();
});
afterAll(async () => {
  await receiver.stop();
  await sql.end();
});

const linkStatus = (apiKey: string, userId: string) =>
  http('GET', `/partners/link/status?userId=${encodeURIComponent(userId)}`, { headers: keyHeaders(apiKey) });

describe('POST /v1/me/erasure', () => {
  it('schedules the erasure: partners stop seeing the shared history at once and are told with their own id', async () => {
    const person = await linkedPerson({ partners: 2, events: 3, webhookUrl: hooks });
    const [a, b] = person.partners;
    expect((await resolve(a!)).body).toMatchObject({ linked: true, eventCount: 6, partnerCount: 2 });

    const before = Date.now();
    const res = await requestErasure(person.token, person.password);
    expect(res.status).toBe(202);
    expect(Object.keys(res.body).sort()).toEqual(['erasesAt', 'erasureId']);
    expect(res.body.erasureId).toMatch(/^era_/);
    const erasesAt = Date.parse(res.body.erasesAt);
    expect(erasesAt).toBeGreaterThanOrEqual(before + 7 * 86_400_000 - 60_000);
    expect(erasesAt).toBeLessThanOrEqual(Date.now() + 7 * 86_400_000 + 60_000);

    // As if never linked: each partner sees its own events only.
    for (const partner of [a!, b!]) {
      expect((await resolve(partner)).body).toMatchObject({ linked: false, eventCount: 3, partnerCount: 1 });
      expect((await linkStatus(partner.apiKey, partner.userId)).body).toMatchObject({ linked: false });
      const told = await receiver.waitFor('user.erasure_scheduled', (r) => r.json.data.userId === partner.userId);
      expect(told.json.data).toEqual({ userId: partner.userId, linkId: expect.any(String), erasesAt: res.body.erasesAt });
      expect(told.body).not.toContain(person.id);
      expect(told.body).not.toContain(person.email);
    }
    const status = await erasureOf(person.token);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ erasureId: res.body.erasureId, status: 'SCHEDULED', cancelledAt: null });
    const audit = await http('GET', '/v1/audit?action=user.erasure_scheduled', { headers: keyHeaders(a!.apiKey) });
    expect(audit.body.entries).toHaveLength(1);

    // The workflow (started by the worker's dispatcher from the outbox) waits out the grace period,
    // findable by the person's id.
    const handle = await whenStarted(temporal.client, workflowIds.erasure(person.id));
    const described = await handle.describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.typedSearchAttributes.get(MirUserId)).toBe(person.id);
    expect(described.typedSearchAttributes.get(MirOperation)).toBe('erasure');
    expect(described.typedSearchAttributes.get(MirOrgId)).toBe('none');

    // No new link while the erasure is scheduled; the code stays usable after a cancellation.
    const c = { id: '', apiKey: a!.apiKey, userId: `${a!.userId}-second`, webhookId: null };
    await expect(linkByCode(c, person.token)).rejects.toThrow(/409.*invalid_state/);
    expect((await linkStatus(a!.apiKey, c.userId)).body).toMatchObject({ linked: false });

    // Asking again answers the same erasure.
    const again = await requestErasure(person.token, person.password);
    expect(again.status).toBe(202);
    expect(again.body).toEqual(res.body);
  });

  it('refuses a wrong password (401, nothing scheduled), and counts it with log-ins: 429 after ten', async () => {
    const person = await signupAndLogin();
    const wrong = await requestErasure(person.token, 'not my password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect((await erasureOf(person.token)).status).toBe(404);
    for (let i = 2; i <= 10; i += 1) expect((await requestErasure(person.token, `wrong ${i}`)).status).toBe(401);
    const throttled = await requestErasure(person.token, person.password);
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('too_many_attempts');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // The same count as logging in: the password cannot be guessed through either.
    expect((await loginFrom(person.email, person.password)).status).toBe(429);
    expect((await erasureOf(person.token)).status).toBe(404);
  });

  it('answers 401 without a session and 400 to bodies it does not take, changing nothing', async () => {
    const person = await signupAndLogin();
    expect((await http('POST', '/v1/me/erasure', { body: { password: person.password } })).status).toBe(401);
    expect((await http('GET', '/v1/me/erasure')).status).toBe(401);
    expect((await http('DELETE', '/v1/me/erasure')).status).toBe(401);
    const bad = [
      {},
      { password: '' },
      { password: 'x'.repeat(201) },
      { password: 12345678901 },
      { password: person.password, extra: true },
    ];
    for (const body of bad) {
      const res = await postFrom(freshLoopback(), '/v1/me/erasure', body, { headers: bearer(person.token) });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const raw = await http('POST', '/v1/me/erasure', {
      headers: { ...bearer(person.token), 'content-type': 'application/json' },
      rawBody: `{"password":"${person.password}\\ud800"}`,
    });
    expect(raw.status).toBe(400);
    expect((await erasureOf(person.token)).status).toBe(404);
  });

  it('keeps no trace of the password: an Idempotency-Key is not read, so no fingerprint is stored', async () => {
    const person = await signupAndLogin();
    const res = await postFrom(freshLoopback(), '/v1/me/erasure', { password: person.password }, {
      headers: { ...bearer(person.token), 'idempotency-key': 'erase-me-once' },
    });
    expect(res.status).toBe(202);
    const stored = await sql`select 1 from idempotency_keys where scope = ${`user:${person.id}`}`;
    expect(stored).toHaveLength(0);
    expect((await cancelErasure(person.token)).status).toBe(200);
  });

  it('eight requests at once: one erasure, one workflow, woken once', async () => {
    const person = await linkedPerson({ partners: 1, events: 1 });
    const answers = await Promise.all(Array.from({ length: 8 }, () => requestErasure(person.token, person.password)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 202));
    expect(new Set(answers.map((a) => a.body.erasureId)).size).toBe(1);
    const rows = await sql`select id from account_erasures where mir_user_id = ${person.id}`;
    expect(rows).toHaveLength(1);
    // The second found the first and queued nothing: one signal-with-start, once the outbox is empty.
    const handle = await whenStarted(temporal.client, workflowIds.erasure(person.id));
    await eventually(async () => {
      const queued = await sql`select 1 from workflow_starts where workflow_id = ${handle.workflowId}`;
      return queued.length === 0 ? true : undefined;
    });
    const events = await historyEvents(handle);
    expect(events.filter((e) => e.workflowExecutionStartedEventAttributes)).toHaveLength(1);
    expect(events.filter((e) => e.workflowExecutionSignaledEventAttributes)).toHaveLength(1);
    expect(await runsOf(temporal.client, handle.workflowId)).toHaveLength(1);
    await cancelErasure(person.token);
  });
});

describe('cancelling during the grace period', () => {
  it('DELETE /v1/me/erasure restores the links: resolve answers linked again, partners are told', async () => {
    const person = await linkedPerson({ partners: 2, events: 2, webhookUrl: hooks });
    const [a] = person.partners;
    const requested = await requestErasure(person.token, person.password);
    expect((await resolve(a!)).body.linked).toBe(false);
    const res = await cancelErasure(person.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ erasureId: requested.body.erasureId, status: 'CANCELLED' });
    expect(Date.parse(res.body.cancelledAt)).toBeLessThanOrEqual(Date.now() + 1_000);
    for (const partner of person.partners) {
      expect((await resolve(partner)).body).toMatchObject({ linked: true, eventCount: 4, partnerCount: 2 });
      const told = await receiver.waitFor('user.erasure_cancelled', (r) => r.json.data.userId === partner.userId);
      expect(told.json.data).toMatchObject({ userId: partner.userId, linked: true, cancelledAt: res.body.cancelledAt });
    }
    const links = await http('GET', '/v1/me/links', { headers: bearer(person.token) });
    expect(links.body.links).toHaveLength(2);
    expect((await erasureOf(person.token)).body.status).toBe('CANCELLED');
    // Nothing left to cancel; the workflow ends without erasing anything.
    expect((await cancelErasure(person.token)).status).toBe(404);
    const handle = await whenStarted(temporal.client, workflowIds.erasure(person.id));
    expect(await handle.result()).toBeNull();
    await maybeRecordHistory(handle, 'erasure-cancelled.json');
    expect((await resolve(a!)).body.linked).toBe(true);
  });

  it('logging in cancels it too, and restores the links', async () => {
    const person = await linkedPerson({ partners: 1, events: 1 });
    const [a] = person.partners;
    expect((await requestErasure(person.token, person.password)).status).toBe(202);
    expect((await resolve(a!)).body.linked).toBe(false);
    const login = await loginFrom(person.email, person.password);
    expect(login.status).toBe(200);
    expect((await erasureOf(login.body.token)).body.status).toBe('CANCELLED');
    expect((await resolve(a!)).body.linked).toBe(true);
  });

  it("a link the partner gave to another person meanwhile is not taken back; that partner hears linked: false", async () => {
    const person = await linkedPerson({ partners: 1, events: 1, webhookUrl: hooks });
    const [a] = person.partners;
    await requestErasure(person.token, person.password);
    const other = await signupAndLogin();
    await linkByCode(a!, other.token);
    expect((await cancelErasure(person.token)).status).toBe(200);
    const told = await receiver.waitFor('user.erasure_cancelled', (r) => r.json.data.userId === a!.userId);
    expect(told.json.data.linked).toBe(false);
    expect((await http('GET', '/v1/me/links', { headers: bearer(person.token) })).body.links).toEqual([]);
    expect((await http('GET', '/v1/me/links', { headers: bearer(other.token) })).body.links).toHaveLength(1);
  });

  it("one person's session neither sees nor cancels another's erasure", async () => {
    const person = await linkedPerson({ partners: 1, events: 1 });
    const other = await signupAndLogin();
    const mine = await requestErasure(person.token, person.password);
    expect((await erasureOf(other.token)).status).toBe(404);
    expect((await cancelErasure(other.token)).status).toBe(404);
    // A session erases its own account only.
    const theirs = await requestErasure(other.token, other.password);
    expect(theirs.body.erasureId).not.toBe(mine.body.erasureId);
    expect((await cancelErasure(other.token)).body.erasureId).toBe(theirs.body.erasureId);
    expect((await erasureOf(person.token)).body).toMatchObject({ erasureId: mine.body.erasureId, status: 'SCHEDULED' });
    await cancelErasure(person.token);
  });
});

import { consoleClient, consoleOrg, registerWebhook } from '../helpers/console';
import { keyHeaders } from '../helpers/events';
import { http } from '../helpers/http';
import { createOrgFor } from '../helpers/member-sessions';
import { csrfOf } from '../helpers/page-client';
import { eventually } from '../helpers/temporal';
import { WebhookReceiver } from '../helpers/webhook-receiver';

/**
 * The console's webhooks pages: an endpoint's deliveries as the person sees them, and the retry
 * of a failed one, which sends the message again (the API's retry), once whatever races.
 */
jest.setTimeout(180_000);

const receiver = new WebhookReceiver();
let setup: Awaited<ReturnType<typeof consoleOrg>>;
let hookId: string;
let failedId: string;
let failing = true;
beforeAll(async () => {
  const url = await receiver.start();
  setup = await consoleOrg();
  hookId = (await registerWebhook(setup.org.apiKey, url)).id;
  receiver.respond = () => (failing ? 500 : 204);
  const sent = await http('POST', `/v1/webhooks/${hookId}/test`, { headers: keyHeaders(setup.org.apiKey) });
  failedId = sent.body.deliveryId;
  // Every attempt of the tests' short schedule answered 500: the delivery ends FAILED.
  await eventually(async () => {
    const res = await consoleClient(setup.admin).get(page(`/webhooks/${hookId}`));
    return res.html.includes(`data-delivery="${failedId}" data-status="FAILED"`) || undefined;
  }, 90_000);
  failing = false;
});
afterAll(() => receiver.stop());
const page = (path: string) => `/console/orgs/${setup.org.id}${path}`;
const retryUrl = (id: string) => page(`/webhooks/${hookId}/deliveries/${id}/retry`);

describe('webhooks in the console', () => {
  it('lists the endpoint; the failed delivery shows its attempts and a retry button', async () => {
    const client = consoleClient(setup.admin);
    const list = await client.get(page('/webhooks'));
    expect(list.html).toContain(`data-webhook="${hookId}"`);
    const one = await client.get(page(`/webhooks/${hookId}`));
    const row = one.html.slice(one.html.indexOf(`data-delivery="${failedId}"`));
    expect(row.slice(0, row.indexOf('</tr>'))).toMatch(/HTTP 500[\s\S]*Retry delivery/);
  });

  it('without its CSRF token, or as an ANALYST, a retry is refused and sends nothing', async () => {
    const admin = consoleClient(setup.admin);
    await admin.get(page(`/webhooks/${hookId}`));
    expect((await admin.post(retryUrl(failedId), {})).status).toBe(403);
    const analyst = consoleClient(setup.analyst);
    expect((await analyst.get(page(`/webhooks/${hookId}`))).status).toBe(403);
    analyst.cookies.set('mir_csrf', 'c'.repeat(43));
    expect((await analyst.post(retryUrl(failedId), { csrf: 'c'.repeat(43) })).status).toBe(403);
    const after = await admin.get(page(`/webhooks/${hookId}`));
    expect(after.html).not.toContain('retried as');
  });

  it('two retries at once: one sends the message again, which succeeds; the other is told it was retried', async () => {
    const [a, b] = [consoleClient(setup.admin), consoleClient(setup.owner)];
    const [pa, pb] = await Promise.all([a, b].map((c) => c.get(page(`/webhooks/${hookId}`))));
    const before = receiver.received.length;
    const answers = await Promise.all([
      a.post(retryUrl(failedId), { csrf: csrfOf(pa!) }),
      b.post(retryUrl(failedId), { csrf: csrfOf(pb!) }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(answers.find((r) => r.status === 409)!.html).toMatch(/already retried as whd_/);
    const done = await eventually(async () => {
      const res = await a.get(page(`/webhooks/${hookId}?notice=retried`));
      return /data-status="SUCCEEDED"/.test(res.html) ? res : undefined;
    }, 60_000);
    const retriedAs = /retried as (whd_[A-Za-z0-9_-]+)/.exec(done.html)![1]!;
    expect(done.html).toContain(`data-delivery="${retriedAs}" data-status="SUCCEEDED"`);
    expect(done.html).toContain(`retry of ${failedId}`);
    expect(done.html).toContain('Sent again');
    const again = receiver.received.slice(before);
    expect(again.map((r) => r.status)).toEqual([204]);
    expect(again[0]!.json.type).toBe('webhook.test');
    // A third try, later: that delivery was retried already.
    // No button any more: the form is forged from the page's CSRF cookie.
    const third = await a.post(retryUrl(failedId), { csrf: a.cookies.get('mir_csrf')! });
    expect(third.status).toBe(409);
    expect(receiver.received.length).toBe(before + 1);
  });

  it('another organisation is 404; odd bytes in ids and cursors are 400 or 404, never 500', async () => {
    const client = consoleClient(setup.admin);
    await client.get(page(`/webhooks/${hookId}`));
    const csrf = { csrf: client.cookies.get('mir_csrf')! };
    for (const path of [
      `/webhooks/%00`,
      `/webhooks/${'w'.repeat(300)}`,
      `/webhooks/%ff%fe`,
      `/webhooks/${hookId}?cursor=%ff`,
    ]) {
      const res = await client.get(page(path));
      expect([path, [400, 404].includes(res.status)]).toEqual([path, true]);
    }
    for (const id of ['%00', 'whd_%ff', 'whd_nope', 'x'.repeat(100)]) {
      const res = await client.post(retryUrl(id), csrf);
      expect([id, [400, 404].includes(res.status)]).toEqual([id, true]);
    }
    // The admin's own other organisation does not have this endpoint.
    const other = await createOrgFor(setup.admin);
    expect((await client.get(`/console/orgs/${other.id}/webhooks/${hookId}`)).status).toBe(404);
    const post = await client.post(`/console/orgs/${other.id}/webhooks/${hookId}/deliveries/${failedId}/retry`, csrf);
    expect(post.status).toBe(404);
    expect((await client.get(`/console/orgs/${other.id}/webhooks`)).html).not.toContain(hookId);
  });
});

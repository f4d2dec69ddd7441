import { randomBytes } from 'node:crypto';
import { daysAgo, keyHeaders, seedEvents } from './events';
import { createOrg, freshLoopback, http, postFrom } from './http';
import { signupAndLogin } from './linking';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A partner of the person: its key, its own id for them, and the webhook endpoint it registered. */
export interface Partner {
  id: string;
  apiKey: string;
  userId: string;
  webhookId: string | null;
}

/** POST /v1/me/erasure from an address of its own (wrong passwords of other tests throttle 127.0.0.1). */
export const requestErasure = (token: string, password: string, baseUrl?: string) =>
  postFrom(freshLoopback(), '/v1/me/erasure', { password }, { headers: bearer(token), baseUrl });

export const erasureOf = (token: string, baseUrl?: string) =>
  http('GET', '/v1/me/erasure', { headers: bearer(token), baseUrl });

export const cancelErasure = (token: string, baseUrl?: string) =>
  http('DELETE', '/v1/me/erasure', { headers: bearer(token), baseUrl });

export const resolve = (partner: Partner, baseUrl?: string) =>
  http('POST', '/resolve', { headers: keyHeaders(partner.apiKey), body: { userId: partner.userId }, baseUrl });

export const loginFrom = (email: string, password: string, baseUrl?: string) =>
  postFrom(freshLoopback(), '/v1/users/login', { email, password }, { baseUrl });

/** The partner issues a link code for its user; the person redeems it with their session. */
export async function linkByCode(partner: Partner, token: string, baseUrl?: string): Promise<void> {
  const issued = await http('POST', '/partners/link/code', {
    headers: keyHeaders(partner.apiKey),
    body: { userId: partner.userId },
    baseUrl,
  });
  if (issued.status !== 201) throw new Error(`code failed: ${issued.status} ${issued.text}`);
  const redeemed = await postFrom(freshLoopback(), '/v1/me/links/code', { code: issued.body.code }, {
    headers: bearer(token),
    baseUrl,
  });
  if (redeemed.status !== 200) throw new Error(`redeem failed: ${redeemed.status} ${JSON.stringify(redeemed.body)}`);
}

/**
 * A verified, logged-in person linked to `partners` new organisations, each with `events` events
 * about its user (whose id is unmistakable, for the scan) and, when `webhookUrl` is given, an
 * endpoint subscribed to everything.
 */
export async function linkedPerson(opts: { partners: number; events?: number; webhookUrl?: string; baseUrl?: string }) {
  const person = await signupAndLogin();
  const partners: Partner[] = [];
  for (let i = 0; i < opts.partners; i += 1) {
    const org = await createOrg(`Erasure partner ${i} ${Date.now()}`);
    let webhookId: string | null = null;
    if (opts.webhookUrl) {
      const hook = await http('POST', '/v1/webhooks', {
        headers: keyHeaders(org.apiKey),
        body: { url: opts.webhookUrl, eventTypes: ['*'] },
      });
      if (hook.status !== 201) throw new Error(`webhook failed: ${hook.status} ${hook.text}`);
      webhookId = hook.body.id;
    }
    const partner = { id: org.id, apiKey: org.apiKey, userId: `ext-${randomBytes(8).toString('hex')}`, webhookId };
    const events = Array.from({ length: opts.events ?? 3 }, (_, n) => ({
      type: 'review.posted',
      userId: partner.userId,
      occurredAt: daysAgo(1 + (n % 300)),
    }));
    if (events.length) await seedEvents(partner.apiKey, events);
    await linkByCode(partner, person.token, opts.baseUrl);
    partners.push(partner);
  }
  return { ...person, partners };
}

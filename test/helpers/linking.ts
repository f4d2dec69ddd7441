import type { Client } from '@temporalio/client';
import { confirmLink, declineLink, workflowIds } from '../../src/temporal/client';
import { keyHeaders } from './events';
import { adminHeaders, freshLoopback, http, postFrom } from './http';
import { eventually, whenStarted } from './temporal';

/**
 * A person who may link: signed up, verified with the token from the dev outbox (verification
 * ends earlier sessions, so it comes first), then logged in. `verified: false` skips the mail.
 */
export async function signupAndLogin(
  email = `p${Date.now()}${Math.random().toString(36).slice(2, 8)}@example.com`,
  baseUrl?: string,
  opts: { verified?: boolean } = {},
) {
  const password = 'correct horse battery';
  const signup = await asAClientWould(() => http('POST', '/v1/users/signup', { body: { email, password }, baseUrl }));
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${signup.text}`);
  // The mail follows the answer: waited for either way, so later mails count from it.
  const token = await verificationTokenOf(email);
  // On the main stack: verification starts a workflow, which an API under test may not reach.
  if (opts.verified !== false) await verifyWith(token);
  // From an address of its own: other tests' deliberate wrong passwords throttle 127.0.0.1.
  const login = await asAClientWould(() =>
    postFrom(freshLoopback(), '/v1/users/login', { email, password }, { baseUrl }).then((r) => ({
      ...r,
      headers: new Headers(Object.entries(r.headers).map(([k, v]) => [k, String(v)])),
    })),
  );
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { id: signup.body.id as string, email, password, token: login.body.token as string };
}

/**
 * Many sign-ups at once on a loaded machine can meet the argon2 bound (503 overloaded with
 * Retry-After): the documented answer is to come back after it, as a partner's client does.
 */
async function asAClientWould<T extends { status: number; headers: Headers }>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await send();
    const after = Number(res.headers.get('retry-after'));
    if (res.status !== 503 || !after || attempt === 10) return res;
    await new Promise((r) => setTimeout(r, after * 1000));
  }
}

/** Registers origins the link page may redirect to (settings.linkRedirectOrigins). */
export async function allowRedirects(apiKey: string, origins: string[], baseUrl?: string) {
  const res = await http('PATCH', '/portal/api/settings', {
    headers: keyHeaders(apiKey),
    body: { linkRedirectOrigins: origins },
    baseUrl,
  });
  if (res.status !== 200) throw new Error(`registering redirect origins failed: ${res.status} ${res.text}`);
}

export async function invite(apiKey: string, userId: string, extra: Record<string, unknown> = {}, baseUrl?: string) {
  const res = await http('POST', '/partners/link/invite', {
    headers: keyHeaders(apiKey),
    body: { userId, ...extra },
    baseUrl,
  });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${res.text}`);
  return res.body as { inviteId: string; inviteUrl: string; expiresAt: string };
}

/** What the confirmation page does when the person clicks Confirm (once the invite's workflow runs). */
export async function confirmInvite(client: Client, inviteId: string, mirUserId: string) {
  await whenStarted(client, workflowIds.linkRequest({ kind: 'invite', id: inviteId }));
  return confirmLink(client, { kind: 'invite', id: inviteId }, mirUserId);
}

export async function declineInvite(client: Client, inviteId: string) {
  await whenStarted(client, workflowIds.linkRequest({ kind: 'invite', id: inviteId }));
  return declineLink(client, { kind: 'invite', id: inviteId });
}

/** The newest verification token mailed to the address (dev outbox), once the mail is there (it follows the answer). */
export async function verificationTokenOf(email: string): Promise<string> {
  const newest = async () => {
    const outbox = await http('GET', `/admin/outbox?to=${encodeURIComponent(email)}`, { headers: adminHeaders() });
    const mail = (outbox.body.messages as { subject: string; text: string }[]).find((m) => /^Verify/.test(m.subject));
    return /Token: (\S+)/.exec(mail?.text ?? '')?.[1];
  };
  return eventually(newest).catch(() => {
    throw new Error(`no verification mail for ${email}`);
  });
}

async function verifyWith(token: string, baseUrl?: string, password = 'correct horse battery') {
  const verified = await http('POST', '/v1/users/verify-email', { body: { token, password }, baseUrl });
  if (verified.status !== 200) throw new Error(`verify failed: ${verified.status} ${verified.text}`);
}

export async function verifyFromOutbox(email: string, baseUrl?: string, password = 'correct horse battery') {
  await verifyWith(await verificationTokenOf(email), baseUrl, password);
}

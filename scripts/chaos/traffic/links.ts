import { Browser } from './browser';
import { type Flow, admin, answered, keyed, note } from './context';
import { sleep } from '../stack/child';

export const PASSWORD = 'correct horse battery';

/** A person with a verified MIR account, logged in: sign-up, the mail from the dev outbox, verify, log in. */
export async function person(flow: Flow): Promise<{ id: string; email: string; session: string } | null> {
  const email = `${flow.id}@people.chaos.example`;
  const signup = await answered(flow, {
    op: 'signup',
    method: 'POST',
    path: '/v1/users/signup',
    json: { email, password: PASSWORD },
  });
  if (signup.status !== 201) return null;
  let token: string | undefined;
  for (let i = 0; i < 120 && !token; i += 1) {
    const outbox = await answered(flow, {
      op: 'outbox',
      method: 'GET',
      path: `/admin/outbox?to=${encodeURIComponent(email)}`,
      headers: admin(flow.ctx),
      quiet: true,
    });
    const mail = (outbox.body?.messages ?? []).find((m: { subject: string }) => /^Verify/.test(m.subject));
    token = /Token: (\S+)/.exec(mail?.text ?? '')?.[1];
    if (!token) await sleep(500);
  }
  if (!token) return (note(flow, 'gave-up', { step: 'verification mail' }), null);
  const verified = await answered(flow, {
    op: 'verify',
    method: 'POST',
    path: '/v1/users/verify-email',
    json: { token, password: PASSWORD },
  });
  if (verified.status !== 200) return null;
  const login = await answered(flow, {
    op: 'login',
    method: 'POST',
    path: '/v1/users/login',
    json: { email, password: PASSWORD },
  });
  if (login.status !== 200) return null;
  return { id: signup.body.id, email, session: login.body.token };
}

/**
 * A partner invites its user; the person logs in on the invite page and confirms (three times in
 * four) or declines there. What the person saw is noted for the checker (confirmed, declined).
 */
export async function inviteFlow(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  const partnerUser = `${org.label}-linked-${flow.id}`;
  const decision = flow.rng.chance(0.75) ? 'confirm' : 'decline';
  let invite = await answered(flow, {
    op: 'invite',
    method: 'POST',
    path: '/partners/link/invite',
    headers: keyed(org.ownerKey, `inv-${flow.id}`),
    json: { userId: partnerUser },
  });
  // A replayed answer shows the URL as null (shown once); inviting again gives the same invite a fresh URL.
  if (invite.status === 201 && !invite.body.inviteUrl) {
    invite = await answered(flow, {
      op: 'invite',
      method: 'POST',
      path: '/partners/link/invite',
      headers: keyed(org.ownerKey, `inv2-${flow.id}`),
      json: { userId: partnerUser },
    });
  }
  if (invite.status !== 201) return;
  const who = await person(flow);
  if (!who) return;
  const path = new URL(invite.body.inviteUrl).pathname;
  const browser = new Browser(flow);
  const page = await browser.get('link-page', path);
  const login = await browser.post('link-login', `${path}/login`, page, { email: who.email, password: PASSWORD });
  if (login.status !== 303) return;
  const loggedIn = await browser.get('link-page', path);
  const sent = { org: org.id, partnerUser, mirUserId: who.id, inviteId: invite.body.inviteId };
  const answer = await browser.post(`link-${decision}`, `${path}/${decision}`, loggedIn, {}, sent);
  note(flow, 'link', { ...sent, decision, status: answer.status });
}

/** A partner shows a code; the person redeems it while logged in (POST /v1/me/links/code). */
export async function codeFlow(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  const partnerUser = `${org.label}-coded-${flow.id}`;
  const issue = (attempt: string) =>
    answered(flow, {
      op: 'code',
      method: 'POST',
      path: '/partners/link/code',
      headers: keyed(org.ownerKey, `${attempt}-${flow.id}`),
      json: { userId: partnerUser },
    });
  let code = await issue('code');
  if (code.status === 201 && !code.body.code) code = await issue('code2');
  if (code.status !== 201) return;
  const who = await person(flow);
  if (!who) return;
  const sent = { org: org.id, partnerUser, mirUserId: who.id };
  const answer = await answered(flow, {
    op: 'link-redeem',
    method: 'POST',
    path: '/v1/me/links/code',
    headers: { authorization: `Bearer ${who.session}` },
    json: { code: code.body.code },
    sent,
  });
  note(flow, 'link', { ...sent, decision: 'confirm', status: answer.status });
}

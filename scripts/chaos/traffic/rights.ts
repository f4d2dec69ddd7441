import { sleep } from '../stack/child';
import { type Flow, type Org, answered, keyed } from './context';
import { PASSWORD, person } from './links';

/**
 * Data rights under chaos: a person erasing their account (some cancel within the grace period),
 * and partners regulating their users (DELETE; SUPPRESS then UNSUPPRESS). Each flow has partner
 * users of its own, so what it deletes never touches the events the rest of the traffic checks.
 */

/** One event for `userId`, marked so the checker can tell whether it is stored. */
const eventFor = (flow: Flow, org: Org, op: string, userId: string, marker: string) =>
  answered(flow, {
    op,
    method: 'POST',
    path: '/events',
    headers: keyed(org.ownerKey, `ev-${marker}`),
    json: { type: 'message.sent', userId, data: { chaos: marker } },
    sent: { org: org.id, markers: [marker], userId },
  });

const regulate = (flow: Flow, org: Org, type: string, userId: string) =>
  answered(flow, {
    op: 'regulation',
    method: 'POST',
    path: '/v1/users/regulations',
    headers: keyed(org.ownerKey, `rg-${type}-${flow.id}`),
    json: { type, userIds: [userId] },
    sent: { org: org.id, type, userId },
  });

/**
 * A person links a partner user by code, the partner sends events about them, the person asks
 * for erasure (password again); one in three cancels a few seconds later, within the grace period.
 */
export async function erasureFlow(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  const partnerUser = `${org.label}-erased-${flow.id}`;
  const issue = (attempt: string) =>
    answered(flow, {
      op: 'code',
      method: 'POST',
      path: '/partners/link/code',
      headers: keyed(org.ownerKey, `${attempt}-${flow.id}`),
      json: { userId: partnerUser },
    });
  let code = await issue('code');
  // A replayed answer shows the code as null (shown once); asking again gives a fresh one.
  if (code.status === 201 && !code.body.code) code = await issue('code2');
  if (code.status !== 201) return;
  const who = await person(flow);
  if (!who) return;
  const session = { authorization: `Bearer ${who.session}` };
  const sent = { org: org.id, partnerUser, mirUserId: who.id };
  const linked = await answered(flow, {
    op: 'link-redeem',
    method: 'POST',
    path: '/v1/me/links/code',
    headers: session,
    json: { code: code.body.code },
    sent,
  });
  if (linked.status !== 200) return;
  const events = flow.rng.int(1, 4);
  for (let i = 0; i < events; i += 1) await eventFor(flow, org, 'erase-event', partnerUser, `${flow.id}.${i}`);
  const asked = await answered(flow, {
    op: 'erasure',
    method: 'POST',
    path: '/v1/me/erasure',
    headers: session,
    json: { password: PASSWORD },
    sent,
  });
  if (asked.status !== 202 || !flow.rng.chance(0.35)) return;
  await sleep(flow.rng.int(0, 5000));
  await answered(flow, {
    op: 'erasure-cancel',
    method: 'DELETE',
    path: '/v1/me/erasure',
    headers: session,
    sent: { erasureId: asked.body.erasureId },
  });
}

/** Events about a user, a DELETE regulation of them, and one more event after its 202 (new data, kept). */
export async function deleteRegulation(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  const userId = `${org.label}-deleted-${flow.id}`;
  const before = flow.rng.int(2, 5);
  for (let i = 0; i < before; i += 1) await eventFor(flow, org, 'reg-event', userId, `${flow.id}.b${i}`);
  if ((await regulate(flow, org, 'DELETE', userId)).status !== 202) return;
  await eventFor(flow, org, 'reg-event', userId, `${flow.id}.after`);
}

/** An event, SUPPRESS, events the API must refuse, UNSUPPRESS a few seconds later, an event it must take. */
export async function suppressCycle(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  const userId = `${org.label}-suppressed-${flow.id}`;
  await eventFor(flow, org, 'reg-event', userId, `${flow.id}.b0`);
  if ((await regulate(flow, org, 'SUPPRESS', userId)).status !== 202) return;
  const refused = flow.rng.int(1, 3);
  for (let i = 0; i < refused; i += 1) await eventFor(flow, org, 'suppressed-event', userId, `${flow.id}.s${i}`);
  await sleep(flow.rng.int(0, 3000));
  if ((await regulate(flow, org, 'UNSUPPRESS', userId)).status !== 202) return;
  await eventFor(flow, org, 'reg-event', userId, `${flow.id}.after`);
}

import { type Flow, answered, keyed } from './context';

const TYPES = ['transaction.completed', 'review.posted', 'listing.viewed', 'message.sent'];

/**
 * Events as a partner sends them: each with an Idempotency-Key, retried with the same key until
 * answered. Every event carries a marker in its data, so the checker can count what was stored
 * for each acknowledged event. Now and then a stored answer is asked for again, on purpose.
 */
function eventFor(flow: Flow, users: string[], marker: string) {
  return {
    type: flow.rng.pick(TYPES),
    userId: flow.rng.pick(users),
    data: { chaos: marker, amount: flow.rng.int(1, 500) },
  };
}

export async function singleEvent(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  const event = eventFor(flow, org.users, flow.id);
  const call = {
    op: 'event',
    method: 'POST',
    path: '/events',
    headers: keyed(org.ownerKey, `ev-${flow.id}`),
    json: event,
    sent: { org: org.id, markers: [flow.id] },
  };
  const first = await answered(flow, call);
  if (first.status === 201 && flow.rng.chance(0.1)) await answered(flow, call);
}

export async function bulkEvents(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  const n = flow.rng.int(5, 25);
  const markers = Array.from({ length: n }, (_, i) => `${flow.id}.${i}`);
  const call = {
    op: 'bulk',
    method: 'POST',
    path: '/events/bulk',
    headers: keyed(org.ownerKey, `bk-${flow.id}`),
    json: { events: markers.map((m) => eventFor(flow, org.users, m)) },
    sent: { org: org.id, markers },
  };
  const first = await answered(flow, call);
  if (first.status === 200 && flow.rng.chance(0.1)) await answered(flow, call);
}

/** Reads: a user's history, and a policy decision (each logged in the decision log). */
export async function resolveUser(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  await answered(flow, {
    op: 'resolve',
    method: 'POST',
    path: '/resolve',
    headers: keyed(org.ownerKey),
    json: { userId: flow.rng.pick(org.users) },
  });
}

export async function evaluate(flow: Flow): Promise<void> {
  const org = flow.rng.pick(flow.ctx.orgs);
  await answered(flow, {
    op: 'evaluate',
    method: 'POST',
    path: '/policy/evaluate',
    headers: keyed(org.ownerKey),
    json: {
      actor_id: flow.rng.pick(org.users),
      action: flow.rng.pick(['checkout.complete', 'message.send', 'review.post', 'payout.request']),
      context: { order_value: flow.rng.int(10, 400) },
    },
    sent: { org: org.id },
  });
}

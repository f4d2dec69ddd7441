import type { Facts } from '../facts';
import type { RequestRecord } from '../history';
import { type Invariant, type Run, codeOf, groupBy, succeeded, verdict } from './model';

/** Each flow's requests, and the first answered one of an operation in it (retries answer the same). */
const flowsOf = (run: Run) => groupBy(run.requests, (r) => r.flow);
const firstAnswered = (requests: RequestRecord[], op: string, status: number, type?: string) =>
  requests.find((r) => r.op === op && r.status === status && (type === undefined || r.sent?.type === type));
const markerOf = (r: RequestRecord) => ((r.sent?.markers ?? []) as string[])[0] ?? '';
const storedCount = (facts: Facts) => {
  const counts = new Map<string, number>();
  for (const e of facts.events) if (e.marker !== null) counts.set(e.marker, (counts.get(e.marker) ?? 0) + 1);
  return (marker: string) => counts.get(marker) ?? 0;
};

/**
 * Every erasure answered 202: if no cancellation was answered 200, it ended ERASED and completed,
 * with the account, its link rows and the events of its partner user gone; if it was cancelled,
 * the account is there with its link active again and every acknowledged event stored once.
 */
export const erasuresAsAsked: Invariant = (run, facts) => {
  const erasures = new Map(facts.erasures.map((e) => [e.id, e]));
  const accounts = new Set(facts.accounts);
  const stored = storedCount(facts);
  const bad: string[] = [];
  let asks = 0;
  let erased = 0;
  let cancelled = 0;
  for (const requests of flowsOf(run).values()) {
    const asked = firstAnswered(requests, 'erasure', 202);
    if (!asked) continue;
    asks += 1;
    const { org, partnerUser, mirUserId } = asked.sent as { org: string; partnerUser: string; mirUserId: string };
    const id = (asked.answer as any).erasureId as string;
    const erasure = erasures.get(id);
    const cancels = requests.filter((r) => r.op === 'erasure-cancel');
    const events = requests.filter((r) => r.op === 'erase-event');
    const links = facts.links.filter((l) => l.organizationId === org && l.partnerUser === partnerUser);
    if (erasure?.status === 'ERASED' && erasure.completed) {
      erased += 1;
      if (cancels.some((r) => r.status === 200)) bad.push(`${id}: cancelled (200), erased all the same`);
      if (accounts.has(mirUserId)) bad.push(`${id}: erased, account ${mirUserId} still there`);
      if (links.length > 0) bad.push(`${id}: erased, ${links.length} link rows of ${partnerUser} left`);
      const left = events.map(markerOf).filter((m) => stored(m) > 0);
      if (left.length > 0) bad.push(`${id}: erased, events ${left.join(', ')} left`);
    } else if (erasure?.status === 'CANCELLED') {
      cancelled += 1;
      if (cancels.length === 0) bad.push(`${id}: cancelled, though nobody cancelled it`);
      if (!accounts.has(mirUserId)) bad.push(`${id}: cancelled, account ${mirUserId} gone`);
      const active = links.filter((l) => l.active);
      if (active.length !== 1 || active[0]!.mirUserId !== mirUserId)
        bad.push(`${id}: cancelled, ${active.length} active links of ${partnerUser} to ${mirUserId}`);
      const lost = events
        .filter(succeeded)
        .map(markerOf)
        .filter((m) => stored(m) !== 1);
      if (lost.length > 0) bad.push(`${id}: cancelled, acknowledged events ${lost.join(', ')} not stored once`);
    } else {
      bad.push(`${id}: ${erasure ? `${erasure.status}${erasure.completed ? '' : ', not completed'}` : 'not stored'}`);
    }
  }
  return verdict(
    'erasures: erased unless cancelled, a cancelled one intact',
    `${asks} asked (${erased} erased, ${cancelled} cancelled), ${facts.accounts.length} accounts`,
    bad,
  );
};

/**
 * Every regulation answered 202 completed. A DELETE removed every event of its user sent before it
 * (each ended before the regulation was sent) and kept each acknowledged after its 202.
 */
export const deletionsRemoved: Invariant = (run, facts) => {
  const status = new Map(facts.regulations.map((r) => [r.id, r.status]));
  const stored = storedCount(facts);
  const bad: string[] = [];
  let answered = 0;
  let deletes = 0;
  for (const r of run.requests.filter((x) => x.op === 'regulation' && x.status === 202)) {
    const id = (r.answer as any).regulationId as string;
    if (status.get(id) !== 'COMPLETED') bad.push(`${r.sent?.type} ${id} is ${status.get(id) ?? 'not stored'}`);
  }
  for (const requests of flowsOf(run).values()) {
    const accepted = firstAnswered(requests, 'regulation', 202, 'DELETE');
    if (!accepted) continue;
    deletes += 1;
    const sentAt = Math.min(...requests.filter((r) => r.op === 'regulation').map((r) => r.at));
    for (const e of requests.filter((r) => r.op === 'reg-event')) {
      answered += 1;
      const m = markerOf(e);
      if (e.end < sentAt && stored(m) > 0) bad.push(`${m}: sent before DELETE ${accepted.sent?.userId}, still stored`);
      if (e.at > accepted.end && succeeded(e) && stored(m) !== 1)
        bad.push(`${m}: acknowledged after the DELETE's 202, stored ${stored(m)} times`);
    }
  }
  return verdict(
    'regulations: completed, DELETE removed what came before it',
    `${facts.regulations.length} regulations, ${deletes} DELETEs over ${answered} events`,
    bad,
  );
};

/**
 * A user SUPPRESSed (202) accepts no event (each refused 409 user_suppressed, none stored) until
 * UNSUPPRESS is sent; what was acknowledged before the SUPPRESS or after the UNSUPPRESS's 202 is
 * stored once (suppression deletes nothing).
 */
export const suppressionsHeld: Invariant = (run, facts) => {
  const stored = storedCount(facts);
  const bad: string[] = [];
  let refused = 0;
  let cycles = 0;
  for (const requests of flowsOf(run).values()) {
    const suppressed = firstAnswered(requests, 'regulation', 202, 'SUPPRESS');
    if (!suppressed) continue;
    cycles += 1;
    const lifted = requests.find((r) => r.op === 'regulation' && r.sent?.type === 'UNSUPPRESS');
    const liftedAt = lifted?.at ?? Infinity;
    const unsuppressed = firstAnswered(requests, 'regulation', 202, 'UNSUPPRESS');
    for (const e of requests.filter((r) => r.op === 'reg-event' || r.op === 'suppressed-event')) {
      const m = markerOf(e);
      if (e.at > suppressed.end && e.end < liftedAt) {
        if (succeeded(e)) bad.push(`${m}: accepted (${e.status}) while ${suppressed.sent?.userId} was suppressed`);
        else if (e.status === 409 && codeOf(e) === 'user_suppressed') refused += 1;
        else if (e.status !== undefined && e.status < 500)
          bad.push(`${m}: refused ${e.status} ${codeOf(e)}, not user_suppressed`);
        if (stored(m) > 0) bad.push(`${m}: stored while ${suppressed.sent?.userId} was suppressed`);
      } else if (succeeded(e) && (e.end < suppressed.at || (unsuppressed && e.at > unsuppressed.end))) {
        if (stored(m) !== 1) bad.push(`${m}: acknowledged outside the suppression, stored ${stored(m)} times`);
      }
    }
  }
  return verdict(
    'suppressions: no event taken while suppressed',
    `${cycles} suppressed users, ${refused} events refused user_suppressed`,
    bad,
  );
};

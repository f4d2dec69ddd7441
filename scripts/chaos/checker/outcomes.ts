import { type Invariant, groupBy, succeeded, verdict } from './model';

/**
 * Every link a person confirmed (the page said so, or the code was accepted) is exactly one active
 * link row for that partner user and that person; every declined invite none.
 */
export const linksAsDecided: Invariant = (run, facts) => {
  const active = groupBy(
    facts.links.filter((l) => l.active),
    (l) => `${l.organizationId} ${l.partnerUser}`,
  );
  const bad: string[] = [];
  let confirmed = 0;
  let declined = 0;
  for (const n of run.notes.filter((x) => x.kind === 'link')) {
    const { org, partnerUser, mirUserId, decision, status } = n.data as Record<string, string | number>;
    const rows = active.get(`${org} ${partnerUser}`) ?? [];
    const said = status === 200 || status === 303 ? 'done' : status === 410 || status === 409 ? 'already' : 'unknown';
    if (said === 'unknown') continue;
    if (decision === 'confirm') {
      confirmed += 1;
      if (rows.length !== 1 || rows[0]!.mirUserId !== mirUserId) {
        bad.push(
          `${partnerUser}: confirmed (${status}) → ${rows.length} active links${rows[0] ? ` to ${rows[0].mirUserId}` : ''}`,
        );
      }
    } else {
      declined += 1;
      if (said === 'done' && rows.length !== 0) bad.push(`${partnerUser}: declined → ${rows.length} active links`);
    }
  }
  return verdict(
    'links: confirmed exactly one, declined none',
    `${confirmed} confirmed, ${declined} declined, ${facts.links.length} link rows`,
    bad,
  );
};

/**
 * Every delivery of a committed webhook event succeeded and reached the receiver (several receipts
 * of one message only with the same webhook-id and body), and every receipt is validly signed.
 */
export const webhooksDelivered: Invariant = (_run, facts) => {
  const received = groupBy(facts.receipts, (r) => `${r.endpointId} ${r.webhookId}`);
  const bad: string[] = [];
  for (const d of facts.deliveries) {
    if (d.status !== 'SUCCEEDED') bad.push(`delivery ${d.id} (${d.messageId}) is ${d.status}`);
    const got = received.get(`${d.endpointId} ${d.messageId}`) ?? [];
    if (!got.some((r) => r.status >= 200 && r.status < 300))
      bad.push(`message ${d.messageId} never accepted by the receiver (${got.length} tries)`);
  }
  for (const [key, receipts] of received) {
    if (new Set(receipts.map((r) => r.bodyHash)).size > 1) bad.push(`${key}: one webhook-id with different bodies`);
  }
  const unsigned = facts.receipts.filter((r) => !r.signed);
  for (const r of unsigned.slice(0, 5)) bad.push(`receipt ${r.webhookId} not signed by any secret of ${r.endpointId}`);
  const duplicates = facts.receipts.length - received.size;
  return verdict(
    'webhooks delivered, signed, duplicates only by webhook-id',
    `${facts.deliveries.length} deliveries, ${facts.receipts.length} receipts (${duplicates} repeats), ${unsigned.length} unsigned`,
    bad,
  );
};

const FINAL = new Set(['completed', 'failed', 'no_transcript']);
/** What each transcript source must end as. */
const EXPECTED: Record<string, string> = {
  'inline-good': 'completed',
  'inline-poor': 'completed',
  'url-good': 'completed',
  'url-flaky': 'completed',
  'url-slow': 'completed',
  'url-missing': 'failed',
};

/** Every Mira meeting final, a report exactly when completed, each ending as its transcript says. */
export const meetingsFinal: Invariant = (run, facts) => {
  const meetings = new Map(facts.meetings.map((m) => [m.id, m]));
  const bad: string[] = [];
  for (const m of facts.meetings) {
    if (!FINAL.has(m.status)) bad.push(`meeting ${m.id} is ${m.status}`);
    if ((m.status === 'completed') !== (m.reports === 1))
      bad.push(`meeting ${m.id} ${m.status} with ${m.reports} reports`);
  }
  const submitted = run.requests.filter((r) => r.op === 'meeting' && succeeded(r));
  for (const r of submitted) {
    const m = meetings.get((r.answer as any).data.id);
    const expected = EXPECTED[r.sent?.kind as string];
    if (!m) bad.push(`meeting ${(r.answer as any).data.id} answered 202, not stored`);
    else if (expected && FINAL.has(m.status) && m.status !== expected)
      bad.push(`meeting ${m.id} (${r.sent?.kind}) ended ${m.status}`);
  }
  const by = (status: string) => facts.meetings.filter((m) => m.status === status).length;
  return verdict(
    'Mira meetings final, report exactly when completed',
    `${facts.meetings.length} meetings (${by('completed')} completed, ${by('failed')} failed, ${by('no_transcript')} no transcript), ${submitted.length} answered 202`,
    bad,
  );
};

/** After quiescence the only running workflows wait on a person, within their deadline. */
export const workflowsSettled: Invariant = (_run, facts) => {
  const links = new Map(facts.linkRequests.map((l) => [l.id, l]));
  const spawns = new Map(facts.spawnRequests.map((s) => [s.id, s]));
  const bad: string[] = [];
  for (const wf of facts.openWorkflows) {
    const [kind, id = ''] = wf.workflowId.split(':');
    const waiting =
      kind === 'link-invite' || kind === 'link-code'
        ? links.get(id)?.status === 'PENDING' && links.get(id)!.expiresAt > facts.now
        : kind === 'spawn-approval'
          ? spawns.get(id)?.status === 'PENDING_APPROVAL' && spawns.get(id)!.expiresAt > facts.now
          : false;
    if (!waiting) bad.push(`${wf.workflowId} (${wf.type}) still running`);
  }
  return verdict(
    'no workflow running but those waiting on a person',
    `${facts.openWorkflows.length} open, ${bad.length} not waiting on anyone`,
    bad,
  );
};

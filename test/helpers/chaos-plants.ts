import type { Facts } from '../../scripts/chaos/facts';
import type { HistoryRecord, RequestRecord } from '../../scripts/chaos/history';
import { req } from './chaos-run';

/**
 * One violation of each kind the chaos checker must catch, planted in a healthy run (chaos-run.ts):
 * what it is, the invariant that must fail on it, and how to plant it.
 */
type Plant = (run: { history: HistoryRecord[]; facts: Facts }) => void;
const requestOf = (history: HistoryRecord[], op: string) =>
  history.find((r): r is RequestRecord => r.t === 'req' && r.op === op)!;
export const calm = { at: 90_000, end: 90_100 };

export const PLANTS: [string, string, Plant][] = [
  [
    'a lost event',
    'events stored exactly once',
    ({ facts }) => void (facts.events = facts.events.filter((e) => e.marker !== 'm2.1')),
  ],
  [
    'an event stored twice',
    'events stored exactly once',
    ({ facts }) => void facts.events.push({ id: 'evt_9', marker: 'm1' }),
  ],
  [
    'an event stored under another id',
    'events stored exactly once',
    ({ facts }) => void (facts.events[0]!.id = 'evt_other'),
  ],
  [
    'a replay with another answer',
    'replays answer the first answer',
    ({ history }) => {
      const replay = history.filter((r): r is RequestRecord => r.t === 'req' && r.idem === 'ev-1')[1]!;
      replay.answer = { id: 'evt_1', type: 'another' };
    },
  ],
  [
    'a user count off by one',
    'user event counts match their events',
    ({ facts }) => void (facts.userCounts[0]!.stored = 4),
  ],
  [
    'an approved spawn without its agent',
    'spawns: approved one agent, rejected or expired none',
    ({ facts }) => void facts.agents.shift(),
  ],
  [
    'a rejected spawn with an agent',
    'spawns: approved one agent, rejected or expired none',
    ({ facts }) => void facts.agents.push({ id: 'ag_c2', status: 'ACTIVE', keyHash: 'x', ancestry: '' }),
  ],
  [
    'an approval answered but not stored',
    'spawns: approved one agent, rejected or expired none',
    ({ facts }) => void (facts.spawnRequests[0]!.status = 'EXPIRED'),
  ],
  [
    'a spawn pending past its deadline',
    'spawns: approved one agent, rejected or expired none',
    ({ facts }) => void (facts.spawnRequests[1]!.status = 'PENDING_APPROVAL'),
  ],
  [
    'a kill switch still running',
    'kill switches: completed, family revoked once, no usable key',
    ({ facts }) => void (facts.revocations[0]!.status = 'RUNNING'),
  ],
  [
    'a switched agent keeping its key',
    'kill switches: completed, family revoked once, no usable key',
    ({ facts }) => void (facts.agents[2]!.keyHash = 'kept'),
  ],
  [
    'a duplicated revocation audit row',
    'kill switches: completed, family revoked once, no usable key',
    ({ facts }) => void (facts.revocationAudits[1]!.rows = 2),
  ],
  [
    'a switched key still answering',
    'kill switches: completed, family revoked once, no usable key',
    ({ history }) => void (requestOf(history, 'probe-switched').status = 200),
  ],
  [
    'a rotation whose key is not the stored one',
    'rotations leave exactly one usable key',
    ({ facts }) => void (facts.agents[3]!.keyHash = 'f'.repeat(64)),
  ],
  [
    'an old key still answering',
    'rotations leave exactly one usable key',
    ({ history }) => void (requestOf(history, 'probe-old-key').status = 200),
  ],
  [
    'a confirmed link missing',
    'links: confirmed exactly one, declined none',
    ({ facts }) => void (facts.links = facts.links.filter((l) => l.partnerUser !== 'u1')),
  ],
  [
    'a declined link stored',
    'links: confirmed exactly one, declined none',
    ({ facts }) =>
      void facts.links.push({ organizationId: 'org_1', partnerUser: 'u2', mirUserId: 'acct_2', active: true }),
  ],
  [
    'an undelivered webhook',
    'webhooks delivered, signed, duplicates only by webhook-id',
    ({ facts }) => void facts.receipts.pop(),
  ],
  [
    'a delivery given up',
    'webhooks delivered, signed, duplicates only by webhook-id',
    ({ facts }) => void (facts.deliveries[0]!.status = 'FAILED'),
  ],
  [
    'a receipt with a bad signature',
    'webhooks delivered, signed, duplicates only by webhook-id',
    ({ facts }) => void (facts.receipts[0]!.signed = false),
  ],
  [
    'one webhook-id with two bodies',
    'webhooks delivered, signed, duplicates only by webhook-id',
    ({ facts }) => void (facts.receipts[0]!.bodyHash = 'h2'),
  ],
  [
    'a meeting not final',
    'Mira meetings final, report exactly when completed',
    ({ facts }) => void (facts.meetings[1]!.status = 'processing'),
  ],
  [
    'a completed meeting without a report',
    'Mira meetings final, report exactly when completed',
    ({ facts }) => void (facts.meetings[1]!.reports = 0),
  ],
  [
    'a missing transcript scored',
    'Mira meetings final, report exactly when completed',
    ({ facts }) => void Object.assign(facts.meetings[0]!, { status: 'completed', reports: 1 }),
  ],
  [
    'a workflow running that waits on nobody',
    'no workflow running but those waiting on a person',
    ({ facts }) => void facts.openWorkflows.push({ workflowId: 'revoke-descendants:ag:op', type: 'revokeDescendants' }),
  ],
  [
    'a pending invite past its deadline',
    'no workflow running but those waiting on a person',
    ({ facts }) => void (facts.linkRequests[0]!.expiresAt = 1),
  ],
  [
    'an answered decision not logged',
    'decision-log rows = decisions answered',
    ({ facts }) => void facts.decisionIds.pop(),
  ],
  [
    'a logged decision nobody asked for',
    'decision-log rows = decisions answered',
    ({ facts }) => void facts.decisionIds.push('dec_x', 'dec_y'),
  ],
  [
    'a 500 outside faults',
    'no 5xx but 503 + Retry-After in a fault',
    ({ history }) => void history.push(req('event', { ...calm, status: 500 })),
  ],
  [
    'a 503 without Retry-After in a fault',
    'no 5xx but 503 + Retry-After in a fault',
    ({ history }) => void delete requestOf(history, 'evaluate').retryAfter,
  ],
  [
    'a 503 timeout outside faults',
    'no 5xx but 503 + Retry-After in a fault',
    ({ history }) =>
      void history.push(
        req('event', {
          ...calm,
          status: 503,
          retryAfter: '2',
          answer: { error: { code: 'timeout', details: { bound: 'response' } } },
        }),
      ),
  ],
  [
    'a connection reset nobody caused',
    'every request answered',
    ({ history }) => void history.push(req('event', { ...calm, status: undefined, error: 'ECONNRESET' })),
  ],
  [
    'a worker that crashed',
    'no process died but those the chaos killed',
    ({ history }) => void history.push({ t: 'proc', at: 50_000, name: 'worker-1', event: 'exit' }),
  ],
  [
    'a refusal of a valid request',
    'no refusal a valid request should not get',
    ({ history }) => void history.push(req('event', { status: 400, answer: { error: { code: 'validation_failed' } } })),
  ],
];

import type { Facts } from '../../scripts/chaos/facts';
import type { HistoryRecord, RequestRecord } from '../../scripts/chaos/history';
import { rightsRun } from './chaos-run-rights';

let id = 0;
/** One request of a synthetic history: answered by api-2 in 100 ms unless told otherwise. */
export function req(op: string, fields: Partial<RequestRecord> = {}): RequestRecord {
  id += 1;
  return {
    t: 'req',
    id,
    op,
    flow: `f${id}`,
    attempt: 1,
    api: 'api-2',
    method: 'POST',
    path: `/${op}`,
    at: 10_000 + id * 10,
    end: 10_100 + id * 10,
    status: 200,
    ...fields,
  };
}

const KEY_HASH = 'abcdef0123456789'.repeat(4);

/**
 * A small chaos run in which every promise held: one API killed (a request lost with it, a 503
 * during the fault), events with a replay, a decision, spawns approved and rejected, a kill switch
 * over a family of two, a rotation, a confirmed and a declined link, a delivered webhook, a
 * completed meeting, and the data-rights flows of chaos-run-rights.ts. Each call returns fresh
 * copies, for a test to plant one violation in.
 */
export function healthyRun(): { history: HistoryRecord[]; facts: Facts } {
  const history: HistoryRecord[] = [
    { t: 'run', at: 0, seed: 1, minutes: 1, apis: ['api-1', 'api-2'], workers: ['worker-1', 'worker-2'] },
    req('event', {
      api: 'api-1',
      at: 900,
      end: 1010,
      status: undefined,
      error: 'ECONNRESET',
      sent: { markers: ['lost'] },
    }),
    { t: 'proc', at: 1000, name: 'api-1', event: 'kill' },
    req('evaluate', { at: 2000, end: 2100, status: 503, retryAfter: '1', answer: { error: { code: 'timeout' } } }),
    { t: 'proc', at: 5000, name: 'api-1', event: 'up' },
    { t: 'fault', at: 1000, until: 5000, kind: 'kill-api', target: 'api-1' },
    req('event', { idem: 'ev-1', status: 201, sent: { markers: ['m1'] }, answer: { id: 'evt_1' } }),
    req('event', { idem: 'ev-1', status: 201, sent: { markers: ['m1'] }, answer: { id: 'evt_1' } }),
    req('bulk', {
      idem: 'bk-1',
      sent: { markers: ['m2.0', 'm2.1'] },
      answer: {
        results: [
          { index: 0, status: 'accepted', id: 'evt_2' },
          { index: 1, status: 'accepted', id: 'evt_3' },
        ],
      },
    }),
    req('evaluate', { answer: { decision_id: 'dec_1' } }),
    req('resolve', { status: 404, answer: { error: { code: 'not_found' } } }),
    req('spawn', { status: 202, answer: { spawnRequestId: 'spr_1' } }),
    req('approve', { sent: { spawnRequestId: 'spr_1' }, answer: { spawnRequest: { status: 'APPROVED' } } }),
    req('spawn', { status: 202, answer: { spawnRequestId: 'spr_2' } }),
    req('reject', { sent: { spawnRequestId: 'spr_2' }, answer: { spawnRequest: { status: 'REJECTED' } } }),
    req('kill-switch', { status: 202, answer: { operationId: 'op_1', rootAgentId: 'ag_root' } }),
    req('probe-switched', { method: 'GET', status: 401, sent: { agentId: 'ag_leaf', operationId: 'op_1' } }),
    req('rotate', { answer: { apiKey: 'fp:1111222233334444' }, sent: { agentId: 'ag_rot' } }),
    {
      t: 'note',
      at: 20_000,
      kind: 'agent-key',
      flow: 'f',
      data: { agentId: 'ag_rot', key: `fp:${KEY_HASH.slice(0, 16)}` },
    },
    req('probe-new-key', { method: 'GET', sent: { agentId: 'ag_rot' } }),
    req('probe-old-key', { method: 'GET', status: 401, sent: { agentId: 'ag_rot' } }),
    {
      t: 'note',
      at: 20_100,
      kind: 'link',
      flow: 'f',
      data: { org: 'org_1', partnerUser: 'u1', mirUserId: 'acct_1', decision: 'confirm', status: 200 },
    },
    {
      t: 'note',
      at: 20_200,
      kind: 'link',
      flow: 'f',
      data: { org: 'org_1', partnerUser: 'u2', mirUserId: 'acct_2', decision: 'decline', status: 200 },
    },
    req('meeting', { status: 202, sent: { kind: 'url-missing' }, answer: { data: { id: 'mtg_1' } } }),
    req('meeting', { status: 202, sent: { kind: 'inline-good' }, answer: { data: { id: 'mtg_2' } } }),
  ];
  const rights = rightsRun();
  history.push(...rights.history);
  const facts: Facts = {
    ...rights.facts,
    now: 100_000,
    events: [
      { id: 'evt_1', marker: 'm1' },
      { id: 'evt_2', marker: 'm2.0' },
      { id: 'evt_3', marker: 'm2.1' },
      ...rights.facts.events,
    ],
    userCounts: [{ userId: 'pu_1', stored: 3, actual: 3 }],
    spawnRequests: [
      { id: 'spr_1', childAgentId: 'ag_c1', status: 'APPROVED', expiresAt: 50_000 },
      { id: 'spr_2', childAgentId: 'ag_c2', status: 'REJECTED', expiresAt: 50_000 },
    ],
    agents: [
      { id: 'ag_c1', status: 'ACTIVE', keyHash: 'c1', ancestry: 'ag_p/' },
      { id: 'ag_root', status: 'REVOKED', keyHash: null, ancestry: '' },
      { id: 'ag_leaf', status: 'REVOKED', keyHash: null, ancestry: 'ag_root/' },
      { id: 'ag_rot', status: 'ACTIVE', keyHash: KEY_HASH, ancestry: '' },
    ],
    revocations: [{ id: 'op_1', rootAgentId: 'ag_root', status: 'COMPLETED', total: 2, revoked: 2 }],
    revocationAudits: [
      { agentId: 'ag_root', rows: 1 },
      { agentId: 'ag_leaf', rows: 1 },
    ],
    rotations: [{ agentId: 'ag_rot', version: 1, status: 'APPLIED' }],
    links: [{ organizationId: 'org_1', partnerUser: 'u1', mirUserId: 'acct_1', active: true }, ...rights.facts.links],
    linkRequests: [{ id: 'lr_1', kind: 'invite', status: 'PENDING', expiresAt: 900_000 }],
    deliveries: [{ id: 'whd_1', endpointId: 'ep_1', messageId: 'msg_1', status: 'SUCCEEDED' }],
    receipts: [
      { endpointId: 'ep_1', webhookId: 'msg_1', status: 500, signed: true, bodyHash: 'h1' },
      { endpointId: 'ep_1', webhookId: 'msg_1', status: 204, signed: true, bodyHash: 'h1' },
    ],
    meetings: [
      { id: 'mtg_1', status: 'failed', reports: 0 },
      { id: 'mtg_2', status: 'completed', reports: 1 },
    ],
    decisionIds: ['dec_1'],
    openWorkflows: [{ workflowId: 'link-invite:lr_1', type: 'linkRequestWorkflow' }],
  };
  return structuredClone({ history, facts });
}

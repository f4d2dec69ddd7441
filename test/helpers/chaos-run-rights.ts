import type { Facts } from '../../scripts/chaos/facts';
import type { HistoryRecord } from '../../scripts/chaos/history';
import { req } from './chaos-run';

type RightsFacts = Pick<Facts, 'accounts' | 'erasures' | 'regulations' | 'events' | 'links'>;

/** An event of a data-rights flow, marked `marker`, at a time of its own. */
const event = (op: string, flow: string, marker: string, at: number, status = 201) =>
  req(op, {
    flow,
    path: '/events',
    at,
    end: at + 100,
    status,
    idem: `ev-${marker}`,
    sent: { markers: [marker] },
    answer: status === 201 ? { id: `evt_${marker}` } : { error: { code: 'user_suppressed' } },
  });
const regulation = (flow: string, type: string, id: string, at: number) =>
  req('regulation', {
    flow,
    at,
    end: at + 100,
    status: 202,
    sent: { type, userId: `u-${flow}` },
    answer: { regulationId: id },
  });

/**
 * The data-rights part of the healthy run (chaos-run.ts): an erasure carried out and one cancelled,
 * a DELETE regulation (events before it gone, the one after its 202 kept) and a SUPPRESS cycle
 * (refused while suppressed, taken before and after).
 */
export function rightsRun(): { history: HistoryRecord[]; facts: RightsFacts } {
  const erasure = (flow: string, id: string, at: number) => [
    event('erase-event', flow, `${flow}.0`, at),
    req('erasure', {
      flow,
      at: at + 200,
      end: at + 300,
      status: 202,
      sent: { org: 'org_1', partnerUser: `pu-${flow}`, mirUserId: `acct_${flow}` },
      answer: { erasureId: id },
    }),
  ];
  const history: HistoryRecord[] = [
    ...erasure('fe1', 'era_1', 30_000),
    ...erasure('fe2', 'era_2', 31_000),
    req('erasure-cancel', { flow: 'fe2', method: 'DELETE', at: 31_400, end: 31_500, sent: { erasureId: 'era_2' } }),
    event('reg-event', 'fd', 'fd.b0', 32_000),
    regulation('fd', 'DELETE', 'reg_1', 32_200),
    event('reg-event', 'fd', 'fd.after', 32_400),
    event('reg-event', 'fs', 'fs.b0', 33_000),
    regulation('fs', 'SUPPRESS', 'reg_2', 33_200),
    event('suppressed-event', 'fs', 'fs.s0', 33_400, 409),
    regulation('fs', 'UNSUPPRESS', 'reg_3', 33_600),
    event('reg-event', 'fs', 'fs.after', 33_800),
  ];
  const facts: RightsFacts = {
    accounts: ['acct_fe2'],
    erasures: [
      { id: 'era_1', status: 'ERASED', completed: true },
      { id: 'era_2', status: 'CANCELLED', completed: true },
    ],
    regulations: [
      { id: 'reg_1', type: 'DELETE', status: 'COMPLETED' },
      { id: 'reg_2', type: 'SUPPRESS', status: 'COMPLETED' },
      { id: 'reg_3', type: 'UNSUPPRESS', status: 'COMPLETED' },
    ],
    events: ['fe2.0', 'fd.after', 'fs.b0', 'fs.after'].map((m) => ({ id: `evt_${m}`, marker: m })),
    links: [{ organizationId: 'org_1', partnerUser: 'pu-fe2', mirUserId: 'acct_fe2', active: true }],
  };
  return { history, facts };
}

import type { Facts } from '../../scripts/chaos/facts';
import type { HistoryRecord, RequestRecord } from '../../scripts/chaos/history';

/**
 * The data-rights violations the chaos checker must catch, planted in the healthy run's
 * data-rights flows (chaos-run-rights.ts), in the shape of chaos-plants.ts.
 */
type Plant = (run: { history: HistoryRecord[]; facts: Facts }) => void;
const eventOf = (history: HistoryRecord[], marker: string) =>
  history.find((r): r is RequestRecord => r.t === 'req' && (r.sent?.markers as string[] | undefined)?.[0] === marker)!;
const without = (facts: Facts, marker: string) => (facts.events = facts.events.filter((e) => e.marker !== marker));

const ERASURES = 'erasures: erased unless cancelled, a cancelled one intact';
const DELETIONS = 'regulations: completed, DELETE removed what came before it';
const SUPPRESSIONS = 'suppressions: no event taken while suppressed';

export const RIGHTS_PLANTS: [string, string, Plant][] = [
  ['an erasure still scheduled', ERASURES, ({ facts }) => void (facts.erasures[0]!.status = 'SCHEDULED')],
  ['an erasure whose notices never went', ERASURES, ({ facts }) => void (facts.erasures[0]!.completed = false)],
  ['an erased account still there', ERASURES, ({ facts }) => void facts.accounts.push('acct_fe1')],
  [
    "an erased person's ended link row left",
    ERASURES,
    ({ facts }) =>
      void facts.links.push({ organizationId: 'org_1', partnerUser: 'pu-fe1', mirUserId: 'acct_fe1', active: false }),
  ],
  [
    "an erased person's event left",
    ERASURES,
    ({ facts }) => void facts.events.push({ id: 'evt_fe1.0', marker: 'fe1.0' }),
  ],
  [
    'a cancelled erasure carried out',
    ERASURES,
    ({ facts }) => {
      facts.erasures[1]!.status = 'ERASED';
      facts.accounts = [];
      facts.links = facts.links.filter((l) => l.partnerUser !== 'pu-fe2');
      without(facts, 'fe2.0');
    },
  ],
  [
    "a cancelled erasure's link not restored",
    ERASURES,
    ({ facts }) => void (facts.links.find((l) => l.partnerUser === 'pu-fe2')!.active = false),
  ],
  ["a cancelled erasure's event lost", ERASURES, ({ facts }) => void without(facts, 'fe2.0')],
  [
    'an event sent before a DELETE regulation still stored',
    DELETIONS,
    ({ facts }) => void facts.events.push({ id: 'evt_fd.b0', marker: 'fd.b0' }),
  ],
  ["an event acknowledged after a DELETE's 202 deleted", DELETIONS, ({ facts }) => void without(facts, 'fd.after')],
  ['a DELETE regulation still running', DELETIONS, ({ facts }) => void (facts.regulations[0]!.status = 'RUNNING')],
  ['a SUPPRESS regulation failed', DELETIONS, ({ facts }) => void (facts.regulations[1]!.status = 'FAILED')],
  [
    'an event accepted while its user was suppressed',
    SUPPRESSIONS,
    ({ history }) => void Object.assign(eventOf(history, 'fs.s0'), { status: 201, answer: { id: 'evt_fs.s0' } }),
  ],
  [
    'an event stored while its user was suppressed',
    SUPPRESSIONS,
    ({ facts }) => void facts.events.push({ id: 'evt_fs.s0', marker: 'fs.s0' }),
  ],
  [
    'an event refused while suppressed, for another reason',
    SUPPRESSIONS,
    ({ history }) => void (eventOf(history, 'fs.s0').answer = { error: { code: 'idempotency_key_reused' } }),
  ],
  ['an event acknowledged after UNSUPPRESS lost', SUPPRESSIONS, ({ facts }) => void without(facts, 'fs.after')],
  [
    'an event refused after UNSUPPRESS',
    'no refusal a valid request should not get',
    ({ history }) =>
      void Object.assign(eventOf(history, 'fs.after'), { status: 409, answer: { error: { code: 'user_suppressed' } } }),
  ],
];

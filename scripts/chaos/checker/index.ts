import type { Facts } from '../facts';
import type { HistoryRecord } from '../history';
import { killSwitchesComplete, rotationsLeaveOneKey, spawnsDecidedOnce } from './agents';
import { decisionsLogged, eventsExactlyOnce, replaysAnswerFirst, userCountsAgree } from './events';
import { everyRequestAnswered, latencies, noCrashes, noWrongRefusals, serverErrors } from './http';
import { type Invariant, type Verdict, indexHistory } from './model';
import { linksAsDecided, meetingsFinal, webhooksDelivered, workflowsSettled } from './outcomes';
import { deletionsRemoved, erasuresAsAsked, suppressionsHeld } from './rights';

export type { Verdict } from './model';

const INVARIANTS: Invariant[] = [
  eventsExactlyOnce,
  replaysAnswerFirst,
  userCountsAgree,
  spawnsDecidedOnce,
  killSwitchesComplete,
  rotationsLeaveOneKey,
  linksAsDecided,
  webhooksDelivered,
  meetingsFinal,
  workflowsSettled,
  decisionsLogged,
  erasuresAsAsked,
  deletionsRemoved,
  suppressionsHeld,
  serverErrors,
  everyRequestAnswered,
  noWrongRefusals,
  noCrashes,
];

/**
 * The checker: a pure function of the history and the facts, one verdict per invariant. It reads
 * no clock and no database, so a recorded run can be checked again, and a test can plant a
 * violation in either input and see the verdict turn.
 */
export function check(history: HistoryRecord[], facts: Facts): { verdicts: Verdict[]; latencies: string[] } {
  const run = indexHistory(history);
  return { verdicts: INVARIANTS.map((invariant) => invariant(run, facts)), latencies: latencies(run) };
}

export function formatVerdicts(verdicts: Verdict[]): string {
  return verdicts
    .map((v) =>
      [`${v.ok ? 'ok  ' : 'FAIL'} ${v.name}: ${v.counts}`, ...v.violations.map((x) => `       - ${x}`)].join('\n'),
    )
    .join('\n');
}

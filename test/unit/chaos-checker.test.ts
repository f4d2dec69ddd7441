import { check } from '../../scripts/chaos/checker';
import type { Facts } from '../../scripts/chaos/facts';
import type { HistoryRecord, RequestRecord } from '../../scripts/chaos/history';
import { PLANTS, calm } from '../helpers/chaos-plants';
import { RIGHTS_PLANTS } from '../helpers/chaos-plants-rights';
import { healthyRun, req } from '../helpers/chaos-run';

/** The checker's teeth: a run where every promise held passes; each planted violation fails its invariant. */
function failing(history: HistoryRecord[], facts: Facts): string[] {
  return check(history, facts)
    .verdicts.filter((v) => !v.ok)
    .map((v) => v.name);
}

describe('the chaos checker', () => {
  it('passes a run where every promise held, faults and excused losses included', () => {
    const { history, facts } = healthyRun();
    const { verdicts } = check(history, facts);
    expect(verdicts.filter((v) => !v.ok)).toEqual([]);
    expect(verdicts.length).toBe(18);
  });

  it.each([...PLANTS, ...RIGHTS_PLANTS])('fails on %s', (_what, invariant, plant) => {
    const run = healthyRun();
    plant(run);
    expect(failing(run.history, run.facts)).toEqual([invariant]);
  });

  it('excuses a decision lost with its API process killed right after answering, not one killed later', () => {
    const lost = (killedAfterMs: number) => {
      const { history, facts } = healthyRun();
      const evaluation = history.find(
        (r): r is RequestRecord => r.t === 'req' && r.op === 'evaluate' && r.status === 200,
      )!;
      evaluation.api = 'api-1';
      history.push({ t: 'proc', at: evaluation.end + killedAfterMs, name: 'api-1', event: 'kill' });
      facts.decisionIds = [];
      return failing(history, facts);
    };
    expect(lost(500)).toEqual([]);
    expect(lost(60_000)).toEqual(['decision-log rows = decisions answered']);
  });

  it('does not excuse a request left unanswered by its API process crashing (only a chaos kill excuses it)', () => {
    const { history, facts } = healthyRun();
    history.push(req('event', { ...calm, api: 'api-1', status: undefined, error: 'ECONNRESET' }));
    history.push({ t: 'proc', at: calm.at + 50, name: 'api-1', event: 'exit' });
    expect(failing(history, facts)).toEqual(['every request answered', 'no process died but those the chaos killed']);
  });

  it('load shedding outside faults (503 overloaded with Retry-After) is not a failure', () => {
    const { history, facts } = healthyRun();
    history.push(
      req('event', {
        ...calm,
        status: 503,
        retryAfter: '2',
        answer: { error: { code: 'overloaded', details: { bound: 'pg_acquire' } } },
      }),
    );
    expect(failing(history, facts)).toEqual([]);
  });
});

import { rubricScorer } from '../../src/activities/mira/options';
import { INSIGHT_KINDS } from '../../src/domain/mira/types';
import { BANDS, type EvalFigures, HOLDOUT_DIR, evaluate, loadEvalSet } from '../helpers/mira-eval';

/** The floors the issue set; `npm run bench -- mira-eval` prints the figures themselves. */
const RANKING_FLOOR = 0.9;
const PRECISION_FLOOR = 0.8;
const RECALL_FLOOR = 0.7;

describe('the rubric scorer on the evaluation set', () => {
  let figures: EvalFigures;
  beforeAll(async () => {
    figures = await evaluate(rubricScorer);
  }, 60_000);

  it('holds at least 30 calls across every band and several industries, with planted insights of every type', () => {
    const calls = loadEvalSet();
    expect(calls.length).toBeGreaterThanOrEqual(30);
    expect(new Set(calls.map((c) => c.band))).toEqual(new Set(BANDS));
    expect(new Set(calls.map((c) => c.industry)).size).toBeGreaterThanOrEqual(8);
    const kinds = new Set(calls.flatMap((c) => c.insights.map((i) => i.type)));
    expect([...kinds].sort()).toEqual([...INSIGHT_KINDS].sort());
    // Named speakers: the rep is found by name or by the meeting's speakers, not only by "rep".
    expect(calls.filter((c) => !c.transcript.some((s) => s.speaker === 'rep')).length).toBeGreaterThanOrEqual(10);
  });

  it(`ranks pairs of calls from different bands in the expected order (accuracy ≥ ${RANKING_FLOOR})`, () => {
    const { rankingAccuracy, scores } = figures;
    // On failure the message shows every call's score next to its band.
    expect(rankingAccuracy >= RANKING_FLOOR ? 'meets the floor' : { rankingAccuracy, scores }).toBe('meets the floor');
  });

  it.each(INSIGHT_KINDS)(
    `finds %s insights with precision ≥ ${PRECISION_FLOOR} and recall ≥ ${RECALL_FLOOR}`,
    (kind) => {
      const { precision, recall } = figures.insights[kind];
      const detail = {
        kind,
        precision,
        recall,
        falsePositives: figures.falsePositives.filter((f) => f.kind === kind),
        missed: figures.missed.filter((m) => m.kind === kind),
      };
      const ok = precision >= PRECISION_FLOOR && recall >= RECALL_FLOOR;
      expect(ok ? 'meets the floors' : detail).toBe('meets the floors');
    },
  );

  it('ranks every keyword-stuffed or hostile call below every excellent one', () => {
    const failed = figures.scores.filter((s) => s.band === 'failed');
    const excellent = figures.scores.filter((s) => s.band === 'excellent');
    expect(Math.max(...failed.map((s) => s.score))).toBeLessThan(Math.min(...excellent.map((s) => s.score)));
  });
});

describe('the rubric scorer on the held-out set (calls nobody tuned on)', () => {
  it(`ranks its calls in the expected order too (accuracy ≥ ${RANKING_FLOOR}); its insight figures are printed by the bench, not held`, async () => {
    const calls = loadEvalSet(HOLDOUT_DIR);
    expect(calls.length).toBeGreaterThanOrEqual(12);
    expect(new Set(calls.map((c) => c.band))).toEqual(new Set(BANDS));
    const { rankingAccuracy, scores } = await evaluate(rubricScorer, calls);
    expect(rankingAccuracy >= RANKING_FLOOR ? 'meets the floor' : { rankingAccuracy, scores }).toBe('meets the floor');
  }, 60_000);
});

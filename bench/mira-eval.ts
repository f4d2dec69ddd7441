import { createLlmScorer } from '../src/activities/mira/llm-scorer';
import { rubricScorer } from '../src/activities/mira/options';
import { INSIGHT_KINDS, type Scorer } from '../src/domain/mira/types';
import { type EvalFigures, HOLDOUT_DIR, SECOND_DIR, evaluate, loadEvalSet } from '../test/helpers/mira-eval';

const pct = (n: number) => n.toFixed(2);

function print(f: EvalFigures, set: string): void {
  console.log(`\n${f.scorer} on ${set}: ${f.calls} calls, ${f.pairs} pairs of calls in different bands`);
  console.log(`  pairwise ranking accuracy  ${pct(f.rankingAccuracy)}   (goal ≥ 0.90)`);
  console.log('  insights          planted  found  precision  recall   (goals ≥ 0.80 / ≥ 0.70)');
  for (const kind of INSIGHT_KINDS) {
    const t = f.insights[kind];
    console.log(
      `  ${kind.padEnd(16)} ${String(t.planted).padStart(8)} ${String(t.found).padStart(6)} ${pct(t.precision).padStart(10)} ${pct(t.recall).padStart(7)}`,
    );
  }
  const byBand = new Map<string, number[]>();
  for (const s of f.scores) byBand.set(s.band, [...(byBand.get(s.band) ?? []), s.score]);
  for (const [band, scores] of byBand) {
    console.log(`  ${band.padEnd(10)} scores ${scores.sort((a, b) => a - b).join(' ')}`);
  }
}

/**
 * `npm run bench -- mira-eval`: no stack needed. The rubric scorer always; the LLM client too when
 * MIRA_LLM_URL and MIRA_LLM_MODEL are set, on the same calls, so the two can be compared.
 */
export async function benchMiraEval(): Promise<void> {
  const scorers: Scorer[] = [rubricScorer];
  const { MIRA_LLM_URL: url, MIRA_LLM_MODEL: model, MIRA_LLM_API_KEY: apiKey } = process.env;
  if (url && model) scorers.push(createLlmScorer({ url, model, apiKey, timeoutMs: 120_000, maxAttempts: 3 }));
  else console.log('(MIRA_LLM_URL and MIRA_LLM_MODEL unset: the LLM scorer is not run)');
  const second = loadEvalSet(SECOND_DIR);
  const blind = loadEvalSet(HOLDOUT_DIR);
  for (const scorer of scorers) {
    print(await evaluate(scorer), 'the development set');
    // The other sets say how the figures above carry to speech the patterns were not written for.
    print(await evaluate(scorer, second), 'the second set (seen once)');
    print(await evaluate(scorer, blind), 'the blind set (held out)');
  }
}

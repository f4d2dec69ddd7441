import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_REP_LABELS, type SpeakerRole } from '../../src/domain/mira/speakers';
import {
  DEFAULT_TEMPLATE,
  INSIGHT_KINDS,
  type Insight,
  type InsightKind,
  type Scorer,
  type TranscriptSegment,
} from '../../src/domain/mira/types';

/** The evaluation set (test/fixtures/mira-eval/README.md says how it was written). */
export const EVAL_DIR = path.join(__dirname, '..', 'fixtures', 'mira-eval');
/** Calls measured once as held out, then partly read (their README says what): printed, not held. */
export const SECOND_DIR = path.join(__dirname, '..', 'fixtures', 'mira-eval-second');
/** Calls written by someone who read neither the scorer nor the other sets: never tune on them. */
export const HOLDOUT_DIR = path.join(__dirname, '..', 'fixtures', 'mira-eval-blind');
export const BANDS = ['failed', 'poor', 'mediocre', 'excellent'] as const;

export interface EvalCall {
  id: string;
  band: (typeof BANDS)[number];
  industry: string;
  rep_name: string;
  speakers?: Record<string, SpeakerRole>;
  transcript: TranscriptSegment[];
  insights: Array<{ type: InsightKind; says: string[] }>;
}

export interface TypeFigures {
  planted: number;
  found: number;
  precision: number;
  recall: number;
}

export interface EvalFigures {
  scorer: string;
  calls: number;
  pairs: number;
  rankingAccuracy: number;
  insights: Record<InsightKind, TypeFigures>;
  scores: Array<{ id: string; band: EvalCall['band']; score: number }>;
  falsePositives: Array<{ id: string; kind: InsightKind; quote: string }>;
  missed: Array<{ id: string; kind: InsightKind; says: string }>;
}

export function loadEvalSet(dir = EVAL_DIR): EvalCall[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as EvalCall);
}

const matches = (insight: Insight, planted: EvalCall['insights'][number]) =>
  insight.kind === planted.type &&
  planted.says.some((s) => `${insight.quote} ${insight.summary}`.toLowerCase().includes(s.toLowerCase()));

/** Scores every call, then the pairwise ranking accuracy and the insights' precision and recall per type. */
export async function evaluate(scorer: Scorer, calls: EvalCall[] = loadEvalSet()): Promise<EvalFigures> {
  const results = [];
  for (const call of calls) {
    const result = await scorer.score({
      transcript: call.transcript,
      callType: 'general',
      template: DEFAULT_TEMPLATE,
      prospect: { name: null, title: null, company: null, industry: call.industry },
      extractInsights: true,
      speakers: { explicit: call.speakers ?? null, repName: call.rep_name, repLabels: DEFAULT_REP_LABELS },
    });
    results.push({ call, result });
  }
  let pairs = 0;
  let right = 0;
  for (const a of results) {
    for (const b of results) {
      if (BANDS.indexOf(a.call.band) <= BANDS.indexOf(b.call.band)) continue;
      pairs += 1;
      const diff = a.result.overallScore - b.result.overallScore;
      right += diff > 0 ? 1 : diff === 0 ? 0.5 : 0;
    }
  }
  const figures: EvalFigures = {
    scorer: scorer.name,
    calls: calls.length,
    pairs,
    rankingAccuracy: pairs ? right / pairs : 1,
    insights: {} as Record<InsightKind, TypeFigures>,
    scores: results.map(({ call, result }) => ({ id: call.id, band: call.band, score: result.overallScore })),
    falsePositives: [],
    missed: [],
  };
  for (const kind of INSIGHT_KINDS) {
    let planted = 0;
    let found = 0;
    let truePositives = 0;
    let recalled = 0;
    for (const { call, result } of results) {
      const mine = call.insights.filter((i) => i.type === kind);
      const theirs = result.insights.filter((i) => i.kind === kind);
      planted += mine.length;
      found += theirs.length;
      for (const insight of theirs) {
        if (mine.some((p) => matches(insight, p))) truePositives += 1;
        else figures.falsePositives.push({ id: call.id, kind, quote: insight.quote });
      }
      for (const p of mine) {
        if (theirs.some((i) => matches(i, p))) recalled += 1;
        else figures.missed.push({ id: call.id, kind, says: p.says[0]! });
      }
    }
    figures.insights[kind] = {
      planted,
      found,
      precision: found ? truePositives / found : 1,
      recall: planted ? recalled / planted : 1,
    };
  }
  return figures;
}

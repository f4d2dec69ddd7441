import { clock, readCall, shortQuote } from './call';
import { insightsFromTurns } from './insights';
import { repUnknown } from './rep-unknown';
import {
  type Dimension,
  ADVICE,
  DIMENSION_LABEL,
  dimensionScores,
  evidence,
  rawScores,
  receptiveness,
} from './rubric-dimensions';
import { measureCall } from './rubric-metrics';
import { rubricSummary } from './rubric-summary';
import { resolveSpeakers } from './speakers';
import { type CriterionScore, type GradingCriterion, type ScoreInput, type ScoreResult, roundScore } from './types';

export const RUBRIC_SCORER = 'rubric';

/** Which dimensions a criterion is judged on, by keywords in its name and description (first match wins). */
const CRITERION_KEYWORDS: Array<[RegExp, Dimension[]]> = [
  [/next step|clos|commit|follow|action item|agree|call to action/, ['nextSteps']],
  [/objection|concern|pushback|push back|handling/, ['objections']],
  [/listen|reflect|empath|talk ratio|talk time|paraphras/, ['needsReflected', 'talkRatio']],
  [/rapport|trust|relationship|opening|intro|warm|greet/, ['rapport']],
  [/discover|question|need|qualif|pain|probe|uncover/, ['questions', 'needsReflected']],
  [/monolog|concise|brevity|clarity|present|demo|pitch|value|messag/, ['monologues', 'talkRatio']],
];
const ALL: Dimension[] = ['talkRatio', 'questions', 'needsReflected', 'nextSteps', 'monologues', 'rapport'];

export function dimensionsFor(criterion: GradingCriterion): Dimension[] {
  const text = `${criterion.name} ${criterion.description ?? ''}`.toLowerCase();
  return CRITERION_KEYWORDS.find(([pattern]) => pattern.test(text))?.[1] ?? ALL;
}

/** A dimension is a strength only when its evidence is good news, whatever the number says. */
function isStrength(d: Dimension, score: number, m: ReturnType<typeof measureCall>['metrics']): boolean {
  if (score < 7) return false;
  return {
    talkRatio: m.repTalkRatio >= 0.3 && m.repTalkRatio <= 0.55,
    questions: m.openQuestions >= 3,
    needsReflected: m.needsReflected >= 1 && m.listeningComplaints === 0,
    nextSteps: m.nextStep === 'agreed',
    monologues: false, // the absence of a fault is no strength worth a line
    rapport: m.rapportSignals >= 1,
    objections: m.objectionsRaised >= 1 && m.objectionsAcknowledged === m.objectionsRaised,
  }[d];
}

/**
 * The embedded default scorer: deterministic, reads the call itself with wink-nlp (sentences,
 * questions by their form, word overlap, the prospect's sentiment and refusals) and says so in
 * every report (scorer "rubric", and the summary).
 */
export function scoreWithRubric(input: ScoreInput): ScoreResult {
  const roles = resolveSpeakers(input.transcript, input.speakers);
  const speakers = { rep: roles.repSpeakers, prospect: roles.prospectSpeakers, rep_found_by: roles.foundBy };
  if (roles.foundBy === 'none') return { scorer: RUBRIC_SCORER, ...repUnknown(input, speakers) };
  const turns = readCall(input.transcript, roles.isRep);
  const { metrics, moments } = measureCall(turns);
  const scores = dimensionScores(metrics);
  const raw = rawScores(metrics);
  const weighed = receptiveness(metrics) < 1;
  const prefix = (score: number) =>
    ({ direct: '', encouraging: score >= 7 ? 'Good work — ' : '', 'data-driven': 'Measured: ' })[
      input.template.coachingTone
    ];
  const criteria: CriterionScore[] = input.template.criteria.map((c) => {
    const dims = dimensionsFor(c);
    const score = roundScore(dims.reduce((sum, d) => sum + scores[d], 0) / dims.length);
    const facts = dims.map((d) => evidence(d, metrics, moments)).join('; ');
    const weakest = [...dims].sort((a, b) => raw[a] - raw[b])[0]!;
    const why = weighed && raw[weakest] >= 7 ? ' The prospect’s refusals and tone weigh this down.' : '';
    const advice = score >= 7 || raw[weakest] >= 7 ? '' : ` ${ADVICE[weakest]}`;
    return { name: c.name, weight: c.weight, score, feedback: `${prefix(score)}${facts}.${advice}${why}` };
  });
  const totalWeight = criteria.reduce((n, c) => n + c.weight, 0) || 1;
  const overallScore = roundScore(criteria.reduce((n, c) => n + c.score * c.weight, 0) / totalWeight);
  const ranked = (Object.keys(scores) as Dimension[]).sort((a, b) => scores[b] - scores[a]);
  // Weak on the rep's own doing: a dimension pulled down only by the prospect's refusals is not advice.
  const weak = ranked.filter((d) => scores[d] < 6 && raw[d] < 6).reverse();
  const refusal = moments.refusal
    ? [
        `The prospect refused at ${clock(moments.refusal.startMs)} ${shortQuote(moments.refusal.text, 100)}: ` +
          'every criterion is weighed down by it.',
      ]
    : [];
  return {
    scorer: RUBRIC_SCORER,
    overallScore,
    criteria,
    strengths: ranked
      .filter((d) => isStrength(d, scores[d], metrics))
      .map((d) => `Strong on ${DIMENSION_LABEL[d]}: ${evidence(d, metrics, moments)}.`),
    improvements: [...refusal, ...weak.map((d) => `Work on ${DIMENSION_LABEL[d]}: ${evidence(d, metrics, moments)}.`)],
    nextSteps: weak.slice(0, 3).map((d) => ADVICE[d]),
    summary: rubricSummary(input.template.name, overallScore, metrics, moments),
    metrics: {
      ...metrics,
      repTalkRatio: Math.round(metrics.repTalkRatio * 100) / 100,
      prospectSentiment: Math.round(metrics.prospectSentiment * 100) / 100,
      scores: Object.fromEntries(Object.entries(scores).map(([d, v]) => [d, roundScore(v)])),
      rep_identified: true,
      speakers,
    },
    insights: input.extractInsights ? insightsFromTurns(turns, input.trackers) : [],
  };
}

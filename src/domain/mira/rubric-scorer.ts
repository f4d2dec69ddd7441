import { extractInsights } from './insights';
import { type CallMetrics, type Dimension, dimensionScores, measureCall } from './rubric-metrics';
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

const DIMENSION_LABEL: Record<Dimension, string> = {
  talkRatio: 'talk ratio',
  questions: 'questions asked',
  needsReflected: "the prospect's needs reflected back",
  nextSteps: 'next steps agreed',
  monologues: 'no monologues',
  rapport: 'rapport at the opening',
  objections: 'objections acknowledged',
};

export function dimensionsFor(criterion: GradingCriterion): Dimension[] {
  const text = `${criterion.name} ${criterion.description ?? ''}`.toLowerCase();
  return CRITERION_KEYWORDS.find(([pattern]) => pattern.test(text))?.[1] ?? ALL;
}

function evidence(dimension: Dimension, m: CallMetrics): string {
  switch (dimension) {
    case 'talkRatio':
      return `the rep spoke ${Math.round(m.repTalkRatio * 100)}% of the words (30-55% is the target)`;
    case 'questions':
      return `${m.questionsAsked} questions asked, ${m.openQuestions} of them open`;
    case 'needsReflected':
      return m.needsStated === 0
        ? 'the prospect stated no needs the rep could reflect back'
        : `${m.needsReflected} of ${m.needsStated} stated needs reflected back`;
    case 'nextSteps':
      return m.nextStepAgreed
        ? 'a next step was proposed and agreed'
        : m.nextStepProposed
          ? 'a next step was proposed but the prospect did not confirm it'
          : 'no next step was proposed';
    case 'monologues':
      return `${m.monologues} monologues over 120 words (longest ${m.longestMonologueWords} words)`;
    case 'rapport':
      return `${m.rapportSignals} rapport-building moments at the opening`;
    case 'objections':
      return `${m.objectionsAcknowledged} of ${m.objectionsRaised} objections acknowledged`;
  }
}

const ADVICE: Record<Dimension, string> = {
  talkRatio: 'Let the prospect talk more: aim for them to speak at least half of the call.',
  questions: 'Ask more open questions (what, how, why) before presenting.',
  needsReflected: 'Reflect the prospect’s needs back in their words ("it sounds like…") before proposing a fix.',
  nextSteps: 'Close every call with a concrete next step, a date, and the prospect’s explicit yes.',
  monologues: 'Break long explanations into short points and check in with a question.',
  rapport: 'Open with a personal greeting and thank the prospect for their time.',
  objections: 'Acknowledge each objection ("that makes sense") before answering it.',
};

const TONE_PREFIX = { direct: '', encouraging: 'Good effort — ', 'data-driven': 'Measured: ' } as const;

function scoreCriterion(
  criterion: GradingCriterion,
  scores: Record<Dimension, number>,
  m: CallMetrics,
  tone: keyof typeof TONE_PREFIX,
): CriterionScore {
  const dims = dimensionsFor(criterion);
  const score = roundScore(dims.reduce((sum, d) => sum + scores[d], 0) / dims.length);
  const facts = dims.map((d) => evidence(d, m)).join('; ');
  const weakest = [...dims].sort((a, b) => scores[a] - scores[b])[0] as Dimension;
  const advice = score >= 7 ? '' : ` ${ADVICE[weakest]}`;
  return { name: criterion.name, weight: criterion.weight, score, feedback: `${TONE_PREFIX[tone]}${facts}.${advice}` };
}

/**
 * The embedded default scorer: deterministic, reads the transcript itself, and says so in every
 * report (scorer "rubric", and the summary). A call that listens, asks, reflects and closes on an
 * agreed next step scores higher than one that does not.
 */
export function scoreWithRubric(input: ScoreInput): ScoreResult {
  const metrics = measureCall(input.transcript);
  const scores = dimensionScores(metrics);
  const tone = input.template.coachingTone;
  const criteria = input.template.criteria.map((c) => scoreCriterion(c, scores, metrics, tone));
  const totalWeight = criteria.reduce((n, c) => n + c.weight, 0) || 1;
  const overallScore = roundScore(criteria.reduce((n, c) => n + c.score * c.weight, 0) / totalWeight);
  const ranked = (Object.keys(scores) as Dimension[]).sort((a, b) => scores[b] - scores[a]);
  const strengths = ranked
    .filter((d) => scores[d] >= 7)
    .map((d) => `Strong on ${DIMENSION_LABEL[d]}: ${evidence(d, metrics)}.`);
  const weak = ranked.filter((d) => scores[d] < 6).reverse();
  return {
    scorer: RUBRIC_SCORER,
    overallScore,
    criteria,
    strengths,
    improvements: weak.map((d) => `Work on ${DIMENSION_LABEL[d]}: ${evidence(d, metrics)}.`),
    nextSteps: weak.slice(0, 3).map((d) => ADVICE[d]),
    summary:
      `Scored by the Mira rubric scorer (deterministic, no language model) against "${input.template.name}": ` +
      `overall ${overallScore}/10 from talk ratio, questions, needs reflected, next steps and monologues.`,
    metrics: { ...metrics, repTalkRatio: Math.round(metrics.repTalkRatio * 100) / 100, scores },
    insights: input.extractInsights ? extractInsights(input.transcript) : [],
  };
}

import { clock, shortQuote } from './call';
import type { CallMetrics, Moments } from './rubric-metrics';

export type Dimension =
  'talkRatio' | 'questions' | 'needsReflected' | 'nextSteps' | 'monologues' | 'rapport' | 'objections';

const clamp = (n: number) => Math.min(10, Math.max(0, n));
const NEXT_STEP_SCORE = { agreed: 10, proposed: 4, refused: 2, vague: 2, none: 0 } as const;

/**
 * How far the prospect's side weighs the call down, 0.15-1: each explicit refusal takes 35 %, and a
 * negative mean sentiment up to half. It multiplies every dimension: a rep who asked well of a
 * prospect who said "take me off your list" did not run a good call.
 */
export function receptiveness(m: CallMetrics): number {
  return Math.max(0.15, Math.min(1, 1 - 0.35 * m.refusals + Math.min(0, m.prospectSentiment) * 1.5));
}

/** What the rep did, 0-10 per dimension, before the prospect's side is weighed in. */
export function rawScores(m: CallMetrics): Record<Dimension, number> {
  const ratio = m.repTalkRatio;
  // Reps who talk 30-55% of the time do best; every 10 points outside costs 2.5.
  const talkRatio = ratio >= 0.3 && ratio <= 0.55 ? 10 : 10 - (Math.abs(ratio - (ratio < 0.3 ? 0.3 : 0.55)) * 100) / 4;
  const raw: Record<Dimension, number> = {
    talkRatio,
    questions: m.openQuestions * 2 + Math.min(m.closedQuestions, 4) * 0.5,
    needsReflected: (m.needsStated === 0 ? 3 : (10 * m.needsReflected) / m.needsStated) - 5 * m.listeningComplaints,
    nextSteps: NEXT_STEP_SCORE[m.nextStep],
    monologues: 10 - 3 * m.monologues,
    rapport: m.rapportSignals === 0 ? 3 : 5 + 2 * m.rapportSignals,
    objections: m.objectionsRaised === 0 ? 7 : (10 * m.objectionsAcknowledged) / m.objectionsRaised,
  };
  return Object.fromEntries(Object.entries(raw).map(([d, v]) => [d, clamp(v)])) as Record<Dimension, number>;
}

/** Per-dimension scores, 0-10: the raw ones weighed by the prospect's refusals and mood. */
export function dimensionScores(m: CallMetrics): Record<Dimension, number> {
  const weight = receptiveness(m);
  const raw = rawScores(m);
  return Object.fromEntries(Object.entries(raw).map(([d, v]) => [d, v * weight])) as Record<Dimension, number>;
}

const at = (s: { startMs: number; text: string }) => `${clock(s.startMs)} ${shortQuote(s.text, 100)}`;

/** The facts behind a dimension, with the moment of this call that shows them. */
export function evidence(dimension: Dimension, m: CallMetrics, moments: Moments): string {
  switch (dimension) {
    case 'talkRatio':
      return `the rep spoke ${Math.round(m.repTalkRatio * 100)}% of the words (30-55% is the target)`;
    case 'questions': {
      const extra = [
        m.emptyQuestions ? `${m.emptyQuestions} one- or two-word questions ("What?") not counted` : '',
        m.repeatedQuestions ? `${m.repeatedQuestions} repeated questions counted once` : '',
      ].filter(Boolean);
      const example = moments.openQuestion ? `, e.g. ${at(moments.openQuestion)}` : '';
      return `${m.openQuestions} open and ${m.closedQuestions} closed questions${example}${extra.length ? `; ${extra.join('; ')}` : ''}`;
    }
    case 'needsReflected': {
      const complaint = m.listeningComplaints ? '; the prospect said the rep was not listening' : '';
      if (m.needsStated === 0) return `the prospect stated no need or problem to reflect back${complaint}`;
      const shown = moments.reflection
        ? `: the prospect said ${at(moments.reflection.need)} and the rep answered ${at(moments.reflection.echo)}`
        : moments.missedNeed
          ? `: ${at(moments.missedNeed)} went unanswered`
          : '';
      return `${m.needsReflected} of ${m.needsStated} needs the prospect stated were taken up in the rep's next words${shown}${complaint}`;
    }
    case 'nextSteps': {
      const { proposal, answer } = moments.nextStep;
      const said = proposal ? ` (${at(proposal)}${answer ? `, answer ${at(answer)}` : ''})` : '';
      return {
        agreed: `a dated next step was proposed and the prospect agreed${said}`,
        proposed: `a dated next step was proposed but the prospect did not confirm it${said}`,
        refused: `the prospect turned the next step down${said}`,
        vague: `only an undated next step was mentioned${said}`,
        none: 'no next step was proposed',
      }[m.nextStep];
    }
    case 'monologues':
      return m.monologues
        ? `${m.monologues} monologue${m.monologues > 1 ? 's' : ''} over 120 words (longest ${m.longestMonologueWords} words)`
        : `no monologue (longest turn ${m.longestMonologueWords} words)`;
    case 'rapport':
      return `${m.rapportSignals} rapport-building moments at the opening`;
    case 'objections':
      return m.objectionsRaised
        ? `${m.objectionsAcknowledged} of ${m.objectionsRaised} objections acknowledged${moments.objection ? `, e.g. ${at(moments.objection)}` : ''}`
        : 'the prospect raised no objection';
  }
}

export const ADVICE: Record<Dimension, string> = {
  talkRatio: 'Let the prospect talk more: aim for them to speak at least half of the call.',
  questions: 'Ask open questions (what, how, why, in full sentences) before presenting.',
  needsReflected: 'Take up what the prospect said in their own terms before proposing a fix.',
  nextSteps: 'Close every call with a dated next step and the prospect’s explicit yes.',
  monologues: 'Break long explanations into short points and check in with a question.',
  rapport: 'Open with a personal greeting and thank the prospect for their time.',
  objections: 'Acknowledge each objection and ask about it before answering it.',
};

export const DIMENSION_LABEL: Record<Dimension, string> = {
  talkRatio: 'talk ratio',
  questions: 'open questions',
  needsReflected: "the prospect's needs taken up",
  nextSteps: 'an agreed next step',
  monologues: 'no monologues',
  rapport: 'rapport at the opening',
  objections: 'objections acknowledged',
};

import { type TimedSentence, type Turn } from './call';
import { ACKNOWLEDGE, LISTENING_COMPLAINT, RAPPORT, REFUSAL, questionKind } from './call-signals';
import { INSIGHT_PATTERNS } from './insight-patterns';
import { type NextStep, findNextStep } from './next-steps';

/** What the rubric scorer measures in a call; the moments are the sentences behind the numbers. */
export interface CallMetrics {
  repTalkRatio: number;
  questionsAsked: number;
  openQuestions: number;
  closedQuestions: number;
  /** "What?", "Why?": too short to ask anything; not counted as questions. */
  emptyQuestions: number;
  /** The same question asked again: counted once. */
  repeatedQuestions: number;
  needsStated: number;
  needsReflected: number;
  nextStep: NextStep['status'];
  monologues: number;
  longestMonologueWords: number;
  rapportSignals: number;
  objectionsRaised: number;
  objectionsAcknowledged: number;
  /** Mean wink-nlp sentiment of the prospect side's sentences, -1 to 1. */
  prospectSentiment: number;
  refusals: number;
  listeningComplaints: number;
}

export interface Moments {
  openQuestion?: TimedSentence;
  reflection?: { need: TimedSentence; echo: TimedSentence };
  missedNeed?: TimedSentence;
  objection?: TimedSentence;
  refusal?: TimedSentence;
  nextStep: NextStep;
}

const NEED_KINDS = new Set(['pain_point', 'objection', 'feature_request']);
const isNeed = (s: TimedSentence) =>
  INSIGHT_PATTERNS.some(([kind, pattern]) => NEED_KINDS.has(kind) && pattern.test(s.text)) ||
  (s.sentiment < -0.2 && s.words.length >= 5);
// A refusal ("not interested", "take me off your list") is counted as one, not as an objection to answer.
const isObjection = (s: TimedSentence) => INSIGHT_PATTERNS[0]![1].test(s.text) && !REFUSAL.test(s.text);
const MONOLOGUE_WORDS = 120;

/**
 * The rep's sentence that takes the need up: it shares two content words (stems) with the need, or
 * one with the need and another with the rest of the prospect's turn ("four days looking for samples
 * you can't replace" after "we couldn't find a box for four days… those aren't replaceable").
 */
function echoOf(need: TimedSentence, turn: Turn, reply: Turn | undefined): TimedSentence | undefined {
  if (!reply?.rep) return undefined;
  const own = new Set(need.content);
  const around = new Set(turn.sentences.flatMap((s) => s.content));
  const shared = (s: TimedSentence, keys: Set<string>) => new Set(s.content.filter((w) => keys.has(w))).size;
  const takesUp = (s: TimedSentence) => shared(s, own) >= 2 || (shared(s, own) >= 1 && shared(s, around) >= 2);
  return reply.sentences.find(takesUp);
}

export function measureCall(turns: readonly Turn[]): { metrics: CallMetrics; moments: Moments } {
  const m: CallMetrics = {
    ...{ repTalkRatio: 0, questionsAsked: 0, openQuestions: 0, closedQuestions: 0, emptyQuestions: 0 },
    ...{ repeatedQuestions: 0, needsStated: 0, needsReflected: 0, nextStep: 'none', monologues: 0 },
    ...{ longestMonologueWords: 0, rapportSignals: 0, objectionsRaised: 0, objectionsAcknowledged: 0 },
    ...{ prospectSentiment: 0, refusals: 0, listeningComplaints: 0 },
  };
  const moments: Moments = { nextStep: findNextStep(turns) };
  const asked = new Set<string>();
  const words = { rep: 0, all: 0 };
  const sentiments: number[] = [];
  const repTurns = turns.filter((t) => t.rep);
  turns.forEach((turn, i) => {
    const count = turn.sentences.reduce((n, s) => n + s.words.length, 0);
    words.all += count;
    if (turn.rep) {
      words.rep += count;
      m.longestMonologueWords = Math.max(m.longestMonologueWords, count);
      if (count > MONOLOGUE_WORDS) m.monologues += 1;
      const opening = repTurns.indexOf(turn) < 2;
      for (const s of turn.sentences) {
        if (opening && RAPPORT.test(s.text)) m.rapportSignals += 1;
        if (!s.question) continue;
        const kind = questionKind(s);
        if (kind === 'empty') m.emptyQuestions += 1;
        if (kind !== 'open' && kind !== 'closed') continue;
        const key = s.words.join(' ');
        if (asked.has(key)) m.repeatedQuestions += 1;
        else {
          asked.add(key);
          m.questionsAsked += 1;
          m[kind === 'open' ? 'openQuestions' : 'closedQuestions'] += 1;
          if (kind === 'open') moments.openQuestion ??= s;
        }
      }
      return;
    }
    const reply = turns[i + 1];
    for (const s of turn.sentences) {
      sentiments.push(s.sentiment);
      if (REFUSAL.test(s.text)) {
        m.refusals += 1;
        moments.refusal ??= s;
      }
      if (LISTENING_COMPLAINT.test(s.text)) m.listeningComplaints += 1;
      if (isObjection(s)) {
        m.objectionsRaised += 1;
        moments.objection ??= s;
        if (reply?.rep && reply.sentences.some((r) => ACKNOWLEDGE.test(r.text) || questionKind(r) === 'open'))
          m.objectionsAcknowledged += 1;
      }
    }
    // Needs count by turn: a rep answers a turn, and taking up one of its needs is listening to it.
    const needs = turn.sentences.filter(isNeed);
    if (needs.length === 0) return;
    m.needsStated += 1;
    const taken = needs.map((need) => ({ need, echo: echoOf(need, turn, reply) })).find((t) => t.echo);
    if (taken?.echo) {
      m.needsReflected += 1;
      moments.reflection ??= { need: taken.need, echo: taken.echo };
    } else moments.missedNeed ??= needs[0];
  });
  m.repTalkRatio = words.all === 0 ? 0 : words.rep / words.all;
  m.prospectSentiment = sentiments.length ? sentiments.reduce((a, b) => a + b, 0) / sentiments.length : 0;
  m.rapportSignals = Math.min(m.rapportSignals, 3);
  m.nextStep = moments.nextStep.status;
  return { metrics: m, moments };
}

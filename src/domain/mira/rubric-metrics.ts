import { type TranscriptSegment, isRep } from './types';

/** What the rubric scorer measures in a transcript; every score is 0-10. */
export interface CallMetrics {
  repTalkRatio: number;
  questionsAsked: number;
  openQuestions: number;
  needsStated: number;
  needsReflected: number;
  nextStepProposed: boolean;
  nextStepAgreed: boolean;
  monologues: number;
  longestMonologueWords: number;
  rapportSignals: number;
  objectionsRaised: number;
  objectionsAcknowledged: number;
}

const words = (text: string) => text.toLowerCase().match(/[a-z0-9']+/g) ?? [];
const has = (text: string, pattern: RegExp) => pattern.test(text.toLowerCase());

const OPEN_QUESTION = /^(what|how|why|tell me|walk me|describe|help me understand|can you (tell|walk|share))/;
const NEED =
  /\b(we need|need to|struggl|problem|challenge|pain|frustrat|looking for|issue|difficult|hard to|waste|slow|manual)/;
const REFLECT =
  /\b(so what i'?m hearing|it sounds like|sounds like you|if i understand|you mentioned|you said|so you'?re|to recap|in other words)/;
const NEXT_STEP =
  /\b(next step|follow[- ]up|schedule|calendar|invite|send (you|over)|book|(mon|tues|wednes|thurs|fri)day|next week|tomorrow|demo on|meet again)/;
const AGREEMENT =
  /\b(sounds good|works for me|yes|yeah|sure|let'?s do|agreed|perfect|great|okay|ok|confirmed|see you)\b/;
const RAPPORT =
  /\b(how are you|thanks for|thank you for|great to|nice to|appreciate|good to (see|meet)|weekend|how'?s your)/;
const OBJECTION =
  /\b(too expensive|expensive|budget|cost|not sure|concern|worried|risk|not a priority|already (use|have))/;
const ACKNOWLEDGE = /\b(understand|makes sense|fair (point|enough)|great question|i hear you|totally|that'?s valid)/;
const STOPWORDS = new Set(
  'that this with have from they their there about would could should which what when where your our were been being just really very also into than then them these those will more some'.split(
    ' ',
  ),
);

/** Consecutive segments of one side are one turn. */
function turns(transcript: TranscriptSegment[]): Array<{ rep: boolean; text: string }> {
  const out: Array<{ rep: boolean; text: string }> = [];
  for (const segment of transcript) {
    const rep = isRep(segment.speaker);
    const last = out.at(-1);
    if (last && last.rep === rep) last.text += ` ${segment.text}`;
    else out.push({ rep, text: segment.text });
  }
  return out;
}

const contentWords = (text: string) => new Set(words(text).filter((w) => w.length > 4 && !STOPWORDS.has(w)));

/** A need counts as reflected when a later rep turn paraphrases it or echoes two of its content words. */
function reflected(need: string, laterRepTurns: string[]): boolean {
  const keys = contentWords(need);
  return laterRepTurns.some((text) => {
    const echoed = [...contentWords(text)].filter((w) => keys.has(w)).length;
    return echoed >= 2 || (echoed >= 1 && has(text, REFLECT));
  });
}

export function measureCall(transcript: TranscriptSegment[]): CallMetrics {
  const all = turns(transcript.filter((s) => s.text.trim() !== ''));
  const repWords = all.filter((t) => t.rep).reduce((n, t) => n + words(t.text).length, 0);
  const totalWords = all.reduce((n, t) => n + words(t.text).length, 0);
  const sentences = (text: string) => text.split(/(?<=[.?!])\s+/);
  let questionsAsked = 0;
  let openQuestions = 0;
  let needsStated = 0;
  let needsReflected = 0;
  let objectionsRaised = 0;
  let objectionsAcknowledged = 0;
  let monologues = 0;
  let longestMonologueWords = 0;
  all.forEach((turn, i) => {
    const later = all.slice(i + 1).filter((t) => t.rep);
    if (turn.rep) {
      for (const sentence of sentences(turn.text)) {
        if (!sentence.trim().endsWith('?')) continue;
        questionsAsked += 1;
        if (OPEN_QUESTION.test(sentence.trim().toLowerCase())) openQuestions += 1;
      }
      const length = words(turn.text).length;
      longestMonologueWords = Math.max(longestMonologueWords, length);
      if (length > 120) monologues += 1;
      return;
    }
    if (has(turn.text, NEED)) {
      needsStated += 1;
      if (
        reflected(
          turn.text,
          later.map((t) => t.text),
        )
      )
        needsReflected += 1;
    }
    if (has(turn.text, OBJECTION)) {
      objectionsRaised += 1;
      if (later[0] && has(later[0].text, ACKNOWLEDGE)) objectionsAcknowledged += 1;
    }
  });
  const closing = all.slice(Math.floor(all.length * 0.6));
  const proposalAt = closing.findIndex((t) => has(t.text, NEXT_STEP));
  // Agreed: the prospect says yes to it, in the proposing turn (their own proposal) or after it.
  const nextStepAgreed = proposalAt >= 0 && closing.slice(proposalAt).some((t) => !t.rep && has(t.text, AGREEMENT));
  const opening = all.slice(0, Math.max(2, Math.ceil(all.length * 0.25)));
  return {
    repTalkRatio: totalWords === 0 ? 0 : repWords / totalWords,
    questionsAsked,
    openQuestions,
    needsStated,
    needsReflected,
    nextStepProposed: proposalAt >= 0,
    nextStepAgreed,
    monologues,
    longestMonologueWords,
    rapportSignals: opening.filter((t) => t.rep && has(t.text, RAPPORT)).length,
    objectionsRaised,
    objectionsAcknowledged,
  };
}

/** Per-dimension scores, 0-10, from the metrics. */
export function dimensionScores(m: CallMetrics) {
  const ratio = m.repTalkRatio;
  // Reps who talk 30-55% of the time do best; every 10 points outside costs 2.5.
  const talkRatio = ratio >= 0.3 && ratio <= 0.55 ? 10 : 10 - (Math.abs(ratio - (ratio < 0.3 ? 0.3 : 0.55)) * 100) / 4;
  return {
    talkRatio: clamp(talkRatio),
    questions: clamp(m.questionsAsked * 1.5 + m.openQuestions * 1.5),
    needsReflected: m.needsStated === 0 ? 5 : clamp((10 * m.needsReflected) / m.needsStated),
    nextSteps: m.nextStepAgreed ? 10 : m.nextStepProposed ? 6 : 0,
    monologues: clamp(10 - 3 * m.monologues),
    rapport: clamp(4 + 3 * m.rapportSignals),
    objections: m.objectionsRaised === 0 ? 7 : clamp((10 * m.objectionsAcknowledged) / m.objectionsRaised),
  };
}

export type Dimension = keyof ReturnType<typeof dimensionScores>;

const clamp = (n: number) => Math.min(10, Math.max(0, n));

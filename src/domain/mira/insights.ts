import { type Turn, readCall } from './call';
import { classify } from './insight-calibration';
import type { ClassifiedKind } from './insight-classifier';
import { COMPETITOR_CUE, INSIGHT_PATTERNS, NOT_A_PRODUCT } from './insight-patterns';
import type { Insight, TranscriptSegment, Trackers } from './types';

const MAX_QUOTE = 500;
const NO_TRACKERS: Trackers = { competitors: [], products: [] };

const LABEL_OF = Object.fromEntries(INSIGHT_PATTERNS.map(([kind, , label]) => [kind, label])) as Record<
  ClassifiedKind,
  string
>;
const brief = (quote: string) => (quote.length > 80 ? `${quote.slice(0, 79)}…` : quote);
const quoteOf = (text: string) => (text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text).trim();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** "It's not a mess", "we never lose leads": the problem is denied, not stated. */
const NEGATED_BEFORE = /\b(not|n't|never|no longer|hardly)\b(\s+\w+){0,2}\s*$/i;
/** A product name as written: up to three capitalised words ("Follow Up Boss", "KnowBe4", "IDeaS"). */
const NAME = /^((?:[A-Z]|[a-z]+[A-Z])[\w&'-]*(?:\.[A-Za-z]+)?(?:\s+[A-Z][\w&'-]*){0,2})/;

/** Not a word that follows a cue without naming a product ("We use Excel", "we had The…"). */
const isProductName = (name: string) => !NOT_A_PRODUCT.has(name.split(/\s+/)[0]!);

/** Names after the cues in one sentence, and every tracked competitor it mentions in any case. */
function competitorsIn(sentence: string, trackers: Trackers): string[] {
  // Tracked names first, so a competitor is reported as the organisation spells it.
  const names = trackers.competitors.filter((tracked) =>
    new RegExp(`(^|[^\\p{L}\\p{N}])${escape(tracked)}($|[^\\p{L}\\p{N}])`, 'iu').test(sentence),
  );
  for (const cue of sentence.matchAll(COMPETITOR_CUE)) {
    const name = NAME.exec(sentence.slice(cue.index + cue[0].length))?.[1]?.replace(/'s$/, '');
    if (name && isProductName(name)) names.push(name);
  }
  return names;
}

/** The rep asking what the prospect uses today: the answer may be a product's name alone ("Tyler."). */
const TOOL_QUESTION =
  /\byou\b.{0,20}\b(use|using|run|running|go with|went with|looked at|tried|on today|on now)\b|\b(tools?|system|software|platform|vendor|provider|stack)\b/i;

/** The product a prospect answers with, when the rep's turn ended asking about their tools. */
function answeredName(turn: Turn, previous: Turn | undefined): string | null {
  const asked = previous?.rep && previous.sentences.at(-1);
  if (!asked || !asked.question || !TOOL_QUESTION.test(asked.text)) return null;
  const name = turn.sentences[0]?.leadingName;
  return name && isProductName(name) ? name : null;
}

/**
 * Market insights from what the prospect side said (never from the rep's lines): objections, pain
 * points, competitors named, feature requests and buying signals, each with the sentence that
 * carried it. A competitor is reported once per call, at its first mention.
 */
export function insightsFromTurns(turns: readonly Turn[], trackers: Trackers = NO_TRACKERS): Insight[] {
  const found: Insight[] = [];
  const seen = new Set<string>();
  const add = (key: string, insight: Insight) => {
    if (seen.has(key)) return;
    seen.add(key);
    found.push(insight);
  };
  // The organisation's own products are never its competitors.
  const own = new Set(trackers.products.map((p) => p.toLowerCase()));
  const competitor = (name: string, quote: string) => {
    if (!own.has(name.toLowerCase()))
      add(`competitor|${name.toLowerCase()}`, { kind: 'competitor', summary: `Competitor named: ${name}`, quote });
  };
  turns.forEach((turn, i) => {
    if (turn.rep) return;
    const answered = answeredName(turn, turns[i - 1]);
    if (answered) competitor(answered, quoteOf(turn.sentences[0]!.text));
    for (const sentence of turn.sentences) {
      const quote = quoteOf(sentence.text);
      for (const [kind, pattern, label] of INSIGHT_PATTERNS) {
        const match = pattern.exec(sentence.text);
        if (!match) continue;
        if (kind === 'pain_point' && NEGATED_BEFORE.test(sentence.text.slice(0, match.index))) continue;
        // A question about price or a pilot is a buying signal, not also a feature request.
        if (kind === 'feature_request' && seen.has(`buying_signal|${quote}`)) continue;
        add(`${kind}|${quote}`, { kind, summary: `${label}: ${match[0].toLowerCase()}`, quote });
      }
      // What no pattern names, the classifier may: "took us eleven hours to restore", "do you do white label?".
      const learned = INSIGHT_PATTERNS.some(([kind]) => seen.has(`${kind}|${quote}`)) ? null : classify(sentence.text);
      if (learned)
        add(`${learned}|${quote}`, { kind: learned, summary: `${LABEL_OF[learned]}: ${brief(quote)}`, quote });
      for (const name of competitorsIn(sentence.text, trackers)) competitor(name, quote);
    }
  });
  return found;
}

export function extractInsights(
  transcript: readonly TranscriptSegment[],
  isRep: (speaker: string) => boolean,
  trackers: Trackers = NO_TRACKERS,
): Insight[] {
  return insightsFromTurns(readCall(transcript, isRep), trackers);
}

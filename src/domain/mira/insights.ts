import { type Insight, type InsightKind, type TranscriptSegment, isRep } from './types';

const MAX_QUOTE = 500;

const PATTERNS: Array<[InsightKind, RegExp, string]> = [
  [
    'objection',
    /\b(too expensive|expensive|over (our )?budget|no budget|cost(s)? too|not sure (it|this|we)|concern(ed)?|worried|risky|not a priority|locked into|contract (with|until))/i,
    'Objection',
  ],
  [
    'pain_point',
    /\b(struggl\w*|problem|challenge|pain|frustrat\w*|waste\w*|manual(ly)?|takes too long|too slow|difficult|hard to|bottleneck)/i,
    'Pain point',
  ],
  [
    'feature_request',
    /\b(i wish|we wish|would love|it would be great if|do you (have|support)|does it (have|support|integrate)|can it|integrat\w+ with|missing feature|need it to)/i,
    'Feature request',
  ],
  [
    'buying_signal',
    /\b(how much (does|would|is)|pricing|when can we (start|begin)|implementation (time|timeline|take)|send (me|us|over) (a|the) (proposal|quote|contract)|free trial|pilot|roll (it )?out|get started|budget (is )?approved|sign (the|this))/i,
    'Buying signal',
  ],
];

/** A product named right after "we use", "switching from", "compared to"… */
const COMPETITOR =
  /\b(?:currently use|currently using|we use|we're using|we are using|using|switch(?:ing|ed)? from|compared to|looked at|evaluating|moving from|than)\s+([A-Z][A-Za-z0-9.&-]{1,30})/;
const NOT_A_PRODUCT = new Set(['The', 'A', 'An', 'It', 'This', 'That', 'Our', 'We', 'I', 'You', 'Excel', 'Email']);

const quoteOf = (text: string) => (text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text).trim();

/**
 * Market insights from what the prospect said: objections, pain points, competitors named,
 * feature requests and buying signals, each with the sentence that carried it.
 */
export function extractInsights(transcript: TranscriptSegment[]): Insight[] {
  const found: Insight[] = [];
  const seen = new Set<string>();
  const add = (insight: Insight) => {
    const key = `${insight.kind}|${insight.summary.toLowerCase()}|${insight.quote}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(insight);
  };
  for (const segment of transcript) {
    if (isRep(segment.speaker)) continue;
    for (const sentence of segment.text.split(/(?<=[.?!])\s+/)) {
      const quote = quoteOf(sentence);
      if (!quote) continue;
      for (const [kind, pattern, label] of PATTERNS) {
        const match = pattern.exec(sentence);
        if (match) add({ kind, summary: `${label}: ${match[0].toLowerCase()}`, quote });
      }
      const competitor = COMPETITOR.exec(sentence)?.[1]?.replace(/[.,]+$/, '');
      if (competitor && !NOT_A_PRODUCT.has(competitor)) {
        add({ kind: 'competitor', summary: `Competitor named: ${competitor}`, quote });
      }
    }
  }
  return found;
}

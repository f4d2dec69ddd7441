import type { InsightKind } from './types';

/*
 * How prospects say these things on calls, not the words a brochure uses. Every pattern is
 * case-insensitive and is tried on one sentence of the prospect side at a time.
 */

/** Price, status quo, timing, risk and sign-off: what stands between the prospect and a yes. */
const OBJECTION = new RegExp(
  [
    String.raw`\b(too|really|pretty|very|a bit) (expensive|pricey|costly|steep|much)\b`,
    String.raw`\b(price|pricing|cost|costs|fees?|quote)\b.{0,30}\b(steep|high|too|rip-?off|out of (our|the) range|more than)`,
    String.raw`\brip-?off\b|\bover (our |the )?budget\b|\bnot in (the|our|this year's) budget\b|\bno (money|budget)\b`,
    String.raw`\b(can'?t|cannot) afford\b|\bbudget(s)? (is |are )?(tight|frozen|cut|gone)\b|\bprice went up\b`,
    String.raw`\bnot sure (we|it|this|that|if|whether)\b|\bnot (a|the) (priority|right time)\b`,
    String.raw`\bnot looking to (change|switch|move)\b|\bhappy with (our|what we|the current)\b|\bfine with what\b`,
    String.raw`\b(we'?re|we are) (fine|good|all set|covered)\b|\bdon'?t (really )?have a problem\b`,
    String.raw`\balready (have|use|got|pay for) (something|a|an|one|our)\b|\blocked into\b|\bunder contract\b|\bjust renewed\b`,
    String.raw`\b(worried|concerned|nervous|skeptical|hesitant|wary) (about|that|of)\b|\b(i'?m|we'?re|i am|we are) (a bit |a little |really |very )?(worried|concerned|nervous|skeptical)\b`,
    String.raw`\b(will|would|might|is going to|are going to) push back\b|\bwon'?t (use|adopt|accept|go for)\b`,
    String.raw`\b(has|have|need|needs) to (approve|sign off)\b|\bneed(s)? (sign-?off|approval)\b`,
    String.raw`\b(have|need) to think (about )?it\b|\bthink it over\b`,
  ].join('|'),
  'i',
);

/** The problem itself, in the prospect's words: "X is a mess", "spend half their day…", "leads go cold". */
const PAIN = new RegExp(
  [
    String.raw`\b(is|are|'s|'re|has been|have been) (a |an |such a |an absolute |a total )?(mess|nightmare|pain|disaster|headache|broken|chaos|brutal|killing us)\b`,
    String.raw`\b(struggl\w*|drowning|frustrat\w*|bottleneck\w*|backlog|falling behind|overwhelmed|burn(ed|t)? out)\b`,
    String.raw`\b(spend|spends|spending|spent|waste|wastes|wasting|wasted|lose|loses|losing|lost) (\w+ ){0,4}(hours?|days?|time|mornings?|afternoons?|weeks?)\b`,
    String.raw`\b(by hand|manually|re-?key\w*|re-?typ\w+|copy[- ]past\w*|on paper|paper (forms|checklists|records))\b`,
    String.raw`\btakes? (forever|too long|ages|(\w+ )?(days|weeks|hours))\b|\btook (forever|weeks|days)\b`,
    String.raw`\b(go|goes|went|going) cold\b|\b(get|gets|got|getting) lost\b|\bslip(s|ped)? through\b|\bfall(s)? through\b`,
    String.raw`\b(no-?shows?|turnover|downtime|outages?|denials?|stockouts?|churn|complaints?|hold times?|scrap|errors|late (drops|deliveries|shipments))\b`,
    String.raw`\bmissed (\w+ ){0,2}(windows?|deadlines?|calls?|deliveries|targets?|numbers?)\b|\b(is|are|was|were) (still )?(wrong|late|down \w+)\b`,
    String.raw`\b(nobody|no one|almost nobody) (\w+ ){0,2}(updates?|answers?|answered|reports?|calls?|called|uses?|reads?|knows?)\b`,
  ].join('|'),
  'i',
);

/** Something the product should do: "could you add", "it would be great if", "we'd need an offline mode". */
const FEATURE_REQUEST = new RegExp(
  [
    String.raw`\b(could|can|would) you (guys )?(add|build|include|support|make it)\b|\bit would be (great|nice|helpful|good|amazing) if\b`,
    String.raw`\b(we|i)'?d love (a|an|to have|it if)\b|\b(we|i) would love (a|an|to have|it if)\b`,
    String.raw`\b(i|we) wish (it|you|there)\b|\bwish it had\b`,
    String.raw`\bdo you (support|integrate|handle|have (a|an) (integration|api|option|feature))\b|\bdoes it (support|integrate|handle|work with|have (a|an))\b`,
    String.raw`\bcan it (\w+ ){0,2}(integrate|connect|sync|export|import|handle|work)\b|\bis there (a|an) (way|option|setting) to\b`,
    String.raw`\b(we'?d|we would|i'?d|i would|we) need (a|an|it to|the ability)\b|\bany plans? (to|for)\b|\bon (your|the) roadmap\b`,
  ].join('|'),
  'i',
);

/** The prospect moving towards buying: a quote, the contract, onboarding, a start date, a pilot. */
const BUYING_SIGNAL = new RegExp(
  [
    String.raw`\b(put together|send|get|share|draw up|see) (me |us |over )?(a |the |your )?(quote|proposal|pricing|price list|contract|order form|paperwork|sow)\b`,
    String.raw`\bsend (the|a|your) (contract|quote|proposal|paperwork)\b|\bpricing for\b`,
    String.raw`\bwhat (would|does|will|did) (it|this|that) cost\b|\bhow much (would|does|will|is) (it|this|that)\b`,
    String.raw`\b(what|how) (does|would|will) (the )?(onboarding|implementation|rollout|setup|migration) (look like|work)\b`,
    String.raw`\bhow (long|soon|quickly) (does|would|could|will|can) (it|we|the|implementation|onboarding|setup|rollout)\b`,
    String.raw`\bwhen (can|could) we (start|begin|get started|go live|sign)\b`,
    String.raw`\b(can|could) we (get|do|start|run|try) a (trial|pilot)\b|\bdo you (offer|do|have) (a |free )?(trial|pilot)s?\b`,
    String.raw`\b(talk|talking) about a (pilot|trial|rollout)\b|\bwho (would|do|should) we sign with\b|\bready to (move forward|buy|sign)\b`,
  ].join('|'),
  'i',
);

export const INSIGHT_PATTERNS: Array<[Exclude<InsightKind, 'competitor'>, RegExp, string]> = [
  ['objection', OBJECTION, 'Objection'],
  ['pain_point', PAIN, 'Pain point'],
  ['buying_signal', BUYING_SIGNAL, 'Buying signal'],
  ['feature_request', FEATURE_REQUEST, 'Feature request'],
];

/**
 * A product named right after the words people use for tools they have, had or weigh: "we use",
 * "we're on", "trialing", "evaluated", "likes", "switched from", "a demo of"… The name itself must be
 * capitalised as written (that is what tells "Gong" from "going").
 */
export const COMPETITOR_CUE =
  /\b(?:we(?:'re| are)? (?:currently |already |still )?(?:use|using|on|running|trialing|trialling|piloting|evaluating|looking at)|(?:we|they|i) (?:currently |already )?(?:use|used|tried|evaluated|trialed|trialled|piloted|had|replaced|dropped|left|chose|bought)|currently (?:use|using|on)|switch(?:ed|ing)? (?:from|off|to)|mov(?:ed|ing) (?:from|off)|migrat(?:ed|ing) from|came from|compared (?:to|with)|looked at|demo of|likes?|loves?|went with|signed with|(?:everything|it all)(?: is|'s) in)\s+(?:a |an |the )?/gi;

/** Capitalised words that follow those cues and are not products. */
export const NOT_A_PRODUCT = new Set(
  'The A An It This That Our We I You They Them He She My Your Their Some Any Every Each Both Most Half Lots Excel Email Spreadsheets Paper Google Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(
    ' ',
  ),
);

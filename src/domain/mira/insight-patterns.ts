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
    // No, plainly: "we're not interested", "absolutely not", "take us off your list".
    String.raw`\bnot (really |even )?(interested|in the market|looking (at|for) (anything|new|another))\b|\babsolutely not\b`,
    String.raw`\b(take|took|get|got) (me|us) off\b|\bstop (calling|emailing)\b|\bdon'?t (call|email) (me|us|here)\b`,
    // Money in other words: "more than we budgeted", "more than we set aside", "no new spend", "can't justify".
    String.raw`\bmore than (we|i|they) (had )?(budgeted|set aside|planned|expected|wanted|want|can|could|have|spend)\b`,
    String.raw`\b(over|above|beyond|outside) (our|the|my) (budget|price range)\b|\bno new (\S+ )?(spend|budget|pricing|tools?|vendors?)\b|\bcan'?t justify\b|\bsticker shock\b`,
    // Someone else decides, and will not: "has to go to the board", "through an RFP", "never sign off".
    String.raw`\b(has|have|needs?|would have|will have) to (go|get|run) (to|through|past|by|in front of) (the |our |an? |my )?(board|legal|procurement|finance|committee|cfo|ceo|it|security|rfp|tender|council|partners|review)\b`,
    String.raw`\b(never|won'?t|will not|wouldn'?t|would never) (sign off|approve|agree|allow|go for|let)\b|\bnot my (call|decision)\b|\bout of my hands\b`,
    String.raw`\bi'?d (have|need) to (talk to|ask|check with|run it by|get)\b|\balready said no\b`,
    // Tied to what they have: "locked in with X until June", "just signed a three-year contract", "not ripping that out".
    String.raw`\b(locked|tied) in\b|\b(just|recently) (signed|renewed|went live|switched|replatformed|rolled out|bought|moved)\b|\bcontract (runs|ends|is up)\b`,
    String.raw`\bnot (ripping|pulling|throwing|taking) (that|it|this|them) out\b|\bnot (switching|changing|replacing)\b`,
    // The cost of saying yes: "going to hate that", "kills it", "a non-starter", "my editor will kill me".
    String.raw`\b(going to|gonna|will|would) hate\b|\bkills? (it|the deal)\b|\bwill kill me\b|\bdeal-?breaker\b|\bnon-?starter\b|\bdead on arrival\b|\bshow-?stopper\b`,
  ].join('|'),
  'i',
);

/** The problem itself, in the prospect's words: "X is a mess", "spend half their day…", "leads go cold". */
const PAIN = new RegExp(
  [
    String.raw`\b(is|are|'s|'re|has been|have been) (a |an |such a |an absolute |a total )?(mess|nightmare|pain|disaster|headache|broken|chaos|brutal|killing us)\b`,
    String.raw`\b(struggl\w*|drowning|frustrat\w*|bottleneck\w*|backlog|falling behind|overwhelmed|burn(ed|t)? out)\b`,
    String.raw`\b(spend|spends|spending|spent|waste|wastes|wasting|wasted|lose|loses|losing|lost) (\w+ ){0,4}(hours?|days?|time|mornings?|afternoons?|weeks?|percent|money|customers|deals|leads)\b`,
    String.raw`\b(by hand|manually|re-?key\w*|re-?typ\w+|copy[- ]past\w*|on paper|paper (forms|checklists|records))\b`,
    String.raw`\btakes? (forever|too long|ages|(\w+ )?(days|weeks|hours))\b|\btook (forever|weeks|days)\b`,
    String.raw`\b(go|goes|went|going) cold\b|\b(get|gets|got|getting) lost\b|\bslip(s|ped)? through\b|\bfall(s)? through\b`,
    String.raw`\b(no-?shows?|turnover|downtime|outages?|denials?|stockouts?|churn|complaints?|hold times?|scrap|errors|late (drops|deliveries|shipments))\b`,
    String.raw`\bmissed (\w+ ){0,2}(windows?|deadlines?|calls?|deliveries|targets?|numbers?)\b|\b(is|are|was|were) (still )?(wrong|late|down \w+)\b`,
    String.raw`\b(nobody|no one|almost nobody) (\w+ ){0,2}(updates?|answers?|answered|reports?|calls?|called|uses?|reads?|knows?|logged|tracks?)\b`,
    // A story of the problem: "we couldn't find the box for four days", "no idea where anyone is", "it's clunky".
    String.raw`\b(couldn'?t|can'?t|could not|cannot|never) (find|track|see|tell|keep track)\b|\bno idea (where|what|who|how|when|which)\b`,
    String.raw`\b(clunky|tanked|terrible|awful|horrible|painful|terrifying|unreliable|error-prone|a joke)\b|\bthe wrong\b|\bguess(ed)? wrong\b`,
    String.raw`\b(keeps?|kept) (\w+ing) (outside|around|the wrong|wrong|late|over|again)\b|\b(twice|double)\b.{0,40}\b(not at all|none|nothing)\b`,
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
    // "is there any way to…", "would be great if it could…", "could it show…", "would it let us…".
    String.raw`\bis there (any|some) (way|option|setting)\b|\b(would|it'?d|that'?d) be (great|nice|helpful|amazing|awesome|ideal|huge) if\b`,
    String.raw`\b(could|can|would|will) it (let|allow|show|send|text|print|export|import|pull|flag|split|break|track|remind|alert|notify|sync|run|do)\b`,
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
    // "what would it take to get a pilot going", "what are the next steps", "pricing for 40 seats".
    String.raw`\bwhat (would|does|will) it take to (get|start|run|set up|roll)\b|\b(get|getting|start|starting|kick off|set up) a (pilot|trial|proof of concept|poc)\b`,
    String.raw`\bwhat (are|is|would be) (the|our) next steps?\b|\b(how many|for \d+|for (ten|twenty|forty|fifty|a hundred)) (seats|licen[cs]es|users)\b|\bsend (me |us )?(some )?references\b`,
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
  /\b(?:we(?:'re| are|'ve been| have been)? (?:currently |already |still |half |mostly )?(?:use|using|on|running|trialing|trialling|piloting|testing|evaluating|looking at)|piloting|(?:company|team|office|side|group|they|everyone|corporate|hq) runs|pay(?:ing)? for|paid for|(?:come|comes|came|coming) in through|already have|moved (?:everything |it all )?(?:over )?to|swears? by|swore by|recommended|(?:text|texts|texting|stick|stuck|stay|staying|went|locked in|tied in|partnered) with|(?:re)?platformed (?:to|onto|on)|went live (?:on|with)|standardi[sz]ed on|picked|(?:we|they|i) (?:currently |already )?(?:use|used|tried|evaluated|trialed|trialled|piloted|had|replaced|dropped|left|chose|bought)|currently (?:use|using|on)|switch(?:ed|ing)? (?:from|off|to)|mov(?:ed|ing) (?:from|off)|migrat(?:ed|ing) from|came from|compared (?:to|with)|looked at|demo of|likes?|loves?|went with|signed with|(?:everything|it all)(?: is|'s) in)\s+(?:a |an |the )?/gi;

/** Capitalised words that follow those cues and are not products. */
export const NOT_A_PRODUCT = new Set(
  'The A An It This That Our We I You They Them He She My Your Their Some Any Every Each Both Most Half Lots Excel Email Spreadsheets Paper Google IT QA HR CFO CEO US Dr Mr Mrs Ms Legal Finance Procurement Security Compliance Sales Marketing Operations Ops Support Accounting Payroll Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(
    ' ',
  ),
);

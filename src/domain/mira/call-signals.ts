import type { Sentence } from './nlp';

/*
 * What the rubric scorer recognises in a sentence, by its form. Patterns are case-insensitive and
 * apply to one sentence (wink-nlp's sentence boundaries) at a time.
 */

export type QuestionKind = 'open' | 'closed' | 'rapport' | 'empty';

const LEADING_FILLER = /^((so|and|okay|ok|great|right|well|now|then|alright|sure)\b[,\s]*)+/i;
const RAPPORT_QUESTION =
  /^(how are (you|things)|how'?s (it going|your|the|everything|life)|how (was|were|is) (your|the)|how have you been|how'?ve you been)/i;
const OPEN_START =
  /^(what|how|why|which|who|where|when|in what way|tell me|walk me|talk me|describe|explain|help me understand|(can|could|would) you (tell|walk|talk|describe|share|explain|help me understand))\b/i;
/** "How about Thursday?", "What if I sent…": proposals in a question's clothes. */
const PROPOSAL_START = /^(how about|what about|what if (i|we))\b/i;

/**
 * Open questions invite the prospect to talk (what / how / why…, at least four words: "What?" and
 * "Why now?" are not); closed ones are answered yes or no ("Do you…", "Is it…", "Can you…").
 */
export function questionKind(sentence: Sentence): QuestionKind {
  const text = sentence.text.replace(LEADING_FILLER, '').trim();
  if (sentence.words.length === 0) return 'empty';
  if (RAPPORT_QUESTION.test(text)) return 'rapport';
  if (PROPOSAL_START.test(text)) return 'closed';
  if (OPEN_START.test(text)) return sentence.words.length >= 4 ? 'open' : 'empty';
  return sentence.words.length >= 3 ? 'closed' : 'empty';
}

export const RAPPORT =
  /\b(thanks|thank you|appreciate|great to|nice to|good to|congrat\w*|how are you|how'?s|how was|how is|how did|hope you|welcome|(still )?a good time|last time (you|we))\b|^(good )?(morning|afternoon|evening)\b/i;

/** A concrete time or day: a weekday, tomorrow, a date or a clock time. */
export const CONCRETE_TIME =
  /\b((mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today at|tonight|the \d{1,2}(st|nd|rd|th)|(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}|at \d{1,2}(:\d{2})?\s*(am|pm|o'?clock)?|\d{1,2}(:\d{2})?\s*(am|pm))\b/i;
/** Something to do together or to deliver. */
export const NEXT_ACTION =
  /\b(meet|meeting|call|demo|session|walk ?through|kick-?off|review|invite|book|schedule|set up|pilot|trial|send|sign|go through|show|install|follow[- ]up|touch base|reconnect|check in|reach out|get back|talk again|pencil)\b/i;
/** Words that leave the date open. */
export const VAGUE_TIME =
  /\b(sometime|some time|at some point|soon|one of these days|in a while|later|a couple of weeks)\b/i;

/** The prospect saying yes to a proposal. */
export const AGREEMENT =
  /\b(yes|yeah|yep|sure|ok|okay|sounds good|perfect|absolutely|definitely|works|(is|'s) (fine|good|great)|see you|let'?s do|i'?ll (be there|bring|forward|ask|copy|get|have|grab))\b/i;
/** A no, a hedge or a brush-off in the same turn undoes an apparent yes ("Yeah, no.", "...okay."). */
export const NOT_AGREEMENT =
  /\b(no|not|don'?t|can'?t|won'?t|never|maybe|possibly|perhaps|probably|whatever|i'?ll (look|think|see))\b|^\s*(\.\.\.|…)/i;

/** The prospect ending the conversation or the relationship, in words nobody can misread. */
export const REFUSAL =
  /\b(take me off (your|the|this|that) list|stop calling|(i will|i'll|i'm going to|gonna) block|never buy|not interested|don'?t (want|need) any more calls|no more calls|(i'm|i am) hanging up|hang up|don'?t call|remove me|leave me alone|i said no|cancell?ing (our|my|the) (contract|account|service)|rather you didn'?t|please don'?t|no thanks)\b|^(no|don'?t)[.!]*$/i;

/** The prospect saying the rep is not listening. */
export const LISTENING_COMPLAINT =
  /\b(stop repeating|repeating my words|(you'?re|you are) not listening|not listening|i didn'?t say (that|any of that)|that'?s not what i said)\b/i;

/** The rep taking an objection seriously before answering it. */
export const ACKNOWLEDGE =
  /\b(understand|understood|fair|makes sense|i hear you|good question|that'?s reasonable|reasonable|rather know|i'?m sorry|sorry to hear|that'?s valid|common (reaction|concern)|appreciate (you|that|the|your))\b/i;

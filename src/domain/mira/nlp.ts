import winkNLP, { type ItemSentence, type ItsFunction, type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One sentence as the scorer and the insight extractor read it. */
export interface Sentence {
  text: string;
  /** wink-nlp's sentiment, -1 (negative) to 1 (positive). */
  sentiment: number;
  /** Lower-case words and numbers, punctuation left out. */
  words: string[];
  /** Stems of the content words (no stop words, no fillers): what word overlap compares. */
  content: string[];
  /** Ends with a question mark, or starts like a question where the transcript dropped it. */
  question: boolean;
  /** A word of the sentence is in the scope of a negation ("not", "never", "n't"). */
  negated: boolean;
  /** A proper noun standing alone at the start, after an interjection: "Paylocity for the internal folks.", "Yeah, HubSpot." */
  leadingName: string | null;
}

// Loaded on first use: the bundled model (no download), about a second once per worker.
let instance: WinkMethods | undefined;
const nlp = () => (instance ??= winkNLP(model));

const FILLERS = new Set(
  'yeah yes okay ok sure right well really just like think know mean kind sort thing things get got going lot bit also actually honestly maybe'.split(
    ' ',
  ),
);
const QUESTION_START =
  /^(what|how|why|where|when|who|which|do|does|did|is|are|was|were|can|could|would|will|have|has|should|shall)\b/i;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function leadingName(values: string[], pos: string[]): string | null {
  let i = 0;
  while (pos[i] === 'INTJ' || pos[i] === 'PUNCT') i += 1;
  const start = i;
  while (pos[i] === 'PROPN' && i - start < 3) i += 1;
  // A name standing alone ("Tyler.", "Paylocity for…", "Dentrix, and…"), not a capitalised subject ("Staff scheduling is…").
  const alone = pos[i] === undefined || pos[i] === 'PUNCT' || pos[i] === 'ADP' || pos[i] === 'CCONJ';
  return i > start && alone ? values.slice(start, i).join(' ') : null;
}

/** Sentences of one utterance, by wink-nlp's sentence boundary detection. */
export function sentencesOf(text: string): Sentence[] {
  const { its } = nlp();
  const doc = nlp().readDoc(text);
  const out: Sentence[] = [];
  doc.sentences().each((s: ItemSentence) => {
    const raw = s.out().trim();
    if (!raw) return;
    const tokens = s.tokens();
    const normals = strings(tokens.out(its.normal));
    const types = strings(tokens.out(its.type));
    // The model bundles its stemmer; the type declarations want it passed in, the runtime does not.
    const stems = strings(tokens.out(its.stem as unknown as ItsFunction<string>));
    const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
    const negations = tokens.out(its.negationFlag) as unknown as boolean[];
    const pos = strings(tokens.out(its.pos));
    const values = strings(tokens.out(its.value));
    const words = normals.filter((_, i) => types[i] === 'word' || types[i] === 'number');
    const content = stems.filter(
      (stem, i) => types[i] === 'word' && !stops[i] && normals[i]!.length > 2 && !FILLERS.has(normals[i]!),
    );
    out.push({
      text: raw,
      sentiment: Number(s.out(its.sentiment)) || 0,
      words,
      content,
      question: raw.endsWith('?') || (QUESTION_START.test(raw) && !/[.!]$/.test(raw)),
      negated: negations.some(Boolean),
      leadingName: leadingName(values, pos),
    });
  });
  return out;
}

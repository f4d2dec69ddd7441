import type { InsightKind } from './types';

/**
 * A multinomial naive Bayes classifier of one prospect sentence (insight-calibration.ts trains it on
 * the labelled sentences in insight-corpus.json, shipped in the repository: nothing is downloaded).
 * The phrase patterns find what they were written for; this finds some of what a pattern list
 * never names ("took us eleven hours to restore", "do you guys do white label?"). Competitors are
 * names, not phrasings, and stay with the cues.
 */
export type ClassifiedKind = Exclude<InsightKind, 'competitor'>;
export type Label = ClassifiedKind | 'none';
export interface Example {
  text: string;
  type: string;
}
export const CLASSIFIED_KINDS: readonly ClassifiedKind[] = [
  'objection',
  'pain_point',
  'feature_request',
  'buying_signal',
];
const LABELS: readonly Label[] = [...CLASSIFIED_KINDS, 'none'];

const NUMBER_WORDS = new Set(
  'one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty hundred thousand million half third quarter dozen percent'.split(
    ' ',
  ),
);
/** A crude English stem, so "burned", "burns" and "burning" count as one word. */
const stem = (w: string) => (w.length > 4 ? w.replace(/(ing|ed|es|s|ly)$/, '') : w);

/** Lower-case word stems (numbers as one token), their bigrams, and whether the sentence asks. */
export function featuresOf(text: string): string[] {
  const words = (
    text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[a-z0-9']+/g) ?? []
  ).map((w) => (/^\d/.test(w) || NUMBER_WORDS.has(w) ? '<num>' : stem(w.replace(/^'+|'+$/g, ''))));
  const features = [...words];
  for (let i = 1; i < words.length; i += 1) features.push(`${words[i - 1]} ${words[i]}`);
  if (/\?\s*$/.test(text)) features.push('<question>');
  return [...new Set(features)];
}

export interface Model {
  logPrior: Map<Label, number>;
  logLikelihood: Map<Label, Map<string, number>>;
  logUnseen: Map<Label, number>;
}

export function trainModel(examples: readonly Example[]): Model {
  const counts = new Map(LABELS.map((l) => [l, new Map<string, number>()]));
  const docs = new Map(LABELS.map((l) => [l, 0]));
  const vocabulary = new Set<string>();
  for (const { text, type } of examples) {
    const label = type as Label;
    docs.set(label, docs.get(label)! + 1);
    for (const f of featuresOf(text)) {
      counts.get(label)!.set(f, (counts.get(label)!.get(f) ?? 0) + 1);
      vocabulary.add(f);
    }
  }
  const model: Model = { logPrior: new Map(), logLikelihood: new Map(), logUnseen: new Map() };
  for (const label of LABELS) {
    const seen = counts.get(label)!;
    const total = [...seen.values()].reduce((a, b) => a + b, 0) + vocabulary.size;
    model.logPrior.set(label, Math.log(docs.get(label)! / examples.length));
    model.logLikelihood.set(label, new Map([...seen].map(([f, n]) => [f, Math.log((n + 1) / total)])));
    model.logUnseen.set(label, Math.log(1 / total));
  }
  return model;
}

/**
 * How much likelier (natural log) each kind is than "none". Words the corpus never saw are left
 * out: they say nothing about the kind, only about the corpus's size.
 */
export function scoresOf(text: string, model: Model): Map<ClassifiedKind, number> {
  const features = featuresOf(text).filter((f) => LABELS.some((l) => model.logLikelihood.get(l)!.has(f)));
  const logPosterior = (label: Label) =>
    features.reduce(
      (sum, f) => sum + (model.logLikelihood.get(label)!.get(f) ?? model.logUnseen.get(label)!),
      model.logPrior.get(label)!,
    );
  const none = logPosterior('none');
  return new Map(CLASSIFIED_KINDS.map((k) => [k, logPosterior(k) - none]));
}

/** The kind whose score beats "none" by its margin and every other kind by one; null for none. */
export function pick(scores: Map<ClassifiedKind, number>, margins: Map<ClassifiedKind, number>): ClassifiedKind | null {
  const [best, second] = [...scores].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] - (second?.[1] ?? -Infinity) < 1) return null;
  const margin = margins.get(best[0]);
  return margin !== undefined && best[1] >= margin ? best[0] : null;
}

import corpus from './insight-corpus.json';
import {
  CLASSIFIED_KINDS,
  type ClassifiedKind,
  type Example,
  type Model,
  pick,
  scoresOf,
  trainModel,
} from './insight-classifier';

/**
 * Each kind's margin, chosen by five-fold cross-validation on the corpus alone (never on an
 * evaluation set): the smallest at which the kind's precision reaches PRECISION, counting every
 * "none" sentence NONE_WEIGHT times because a real call says "none" far more often than the corpus
 * does. A kind that never reaches it is left to the phrase patterns (no margin).
 */
export const PRECISION = 0.8;
export const NONE_WEIGHT = 4;
export const MARGINS = [0, 1, 2, 3, 4, 5, 6] as const;
const FOLDS = 5;
const MIN_WORDS = 4;

export interface FoldTally {
  truePositives: number;
  falsePositives: number;
  missed: number;
}

/** Per margin and kind, what the held-out folds got right and wrong. */
export function crossValidate(corpus: readonly Example[]): Map<number, Map<ClassifiedKind, FoldTally>> {
  const folds = Array.from({ length: FOLDS }, (_, fold) => ({
    model: trainModel(corpus.filter((_, i) => i % FOLDS !== fold)),
    test: corpus.filter((_, i) => i % FOLDS === fold),
  }));
  const out = new Map<number, Map<ClassifiedKind, FoldTally>>();
  for (const margin of MARGINS) {
    const tally = new Map(CLASSIFIED_KINDS.map((k) => [k, { truePositives: 0, falsePositives: 0, missed: 0 }]));
    const margins = new Map(CLASSIFIED_KINDS.map((k) => [k, margin]));
    for (const { model, test } of folds) {
      for (const { text, type } of test) {
        const got = pick(scoresOf(text, model), margins);
        if (got && got === type) tally.get(got)!.truePositives += 1;
        else {
          if (got) tally.get(got)!.falsePositives += type === 'none' ? NONE_WEIGHT : 1;
          if (type !== 'none') tally.get(type as ClassifiedKind)!.missed += 1;
        }
      }
    }
    out.set(margin, tally);
  }
  return out;
}

export const precisionOf = (t: FoldTally) => t.truePositives / Math.max(1, t.truePositives + t.falsePositives);
export const recallOf = (t: FoldTally) => t.truePositives / Math.max(1, t.truePositives + t.missed);

export function calibrate(corpus: readonly Example[]): Map<ClassifiedKind, number> {
  const results = crossValidate(corpus);
  const margins = new Map<ClassifiedKind, number>();
  for (const kind of CLASSIFIED_KINDS) {
    const margin = MARGINS.find((m) => precisionOf(results.get(m)!.get(kind)!) >= PRECISION);
    if (margin !== undefined) margins.set(kind, margin);
  }
  return margins;
}

let trained: { model: Model; margins: Map<ClassifiedKind, number> } | undefined;

/** The kind a prospect's sentence carries by the classifier, or null. Trains and calibrates once per process. */
export function classify(text: string): ClassifiedKind | null {
  // "It would.", "If you want.": too few words to tell what a sentence does.
  if ((text.match(/[A-Za-z0-9']+/g) ?? []).length < MIN_WORDS) return null;
  trained ??= { model: trainModel(corpus), margins: calibrate(corpus) };
  return pick(scoresOf(text, trained.model), trained.margins);
}

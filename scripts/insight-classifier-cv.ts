import corpus from '../src/domain/mira/insight-corpus.json';
import {
  MARGINS,
  NONE_WEIGHT,
  PRECISION,
  calibrate,
  crossValidate,
  precisionOf,
  recallOf,
} from '../src/domain/mira/insight-calibration';

/**
 * `npx tsx scripts/insight-classifier-cv.ts`: the insight classifier's five-fold cross-validation on
 * its own corpus, per margin and kind, and the margins the classifier picks from it at start.
 */
const results = crossValidate(corpus);
console.log(
  `precision counts each "none" sentence ${NONE_WEIGHT} times; a kind's margin is the first with precision ≥ ${PRECISION}`,
);
for (const margin of MARGINS) {
  const cells = [...results.get(margin)!].map(
    ([k, t]) => `${k} P ${precisionOf(t).toFixed(2)} R ${recallOf(t).toFixed(2)}`,
  );
  console.log(`margin ${margin}: ${cells.join(' | ')}`);
}
console.log('chosen:', Object.fromEntries(calibrate(corpus)));

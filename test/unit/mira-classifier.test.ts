import corpus from '../../src/domain/mira/insight-corpus.json';
import {
  MARGINS,
  PRECISION,
  calibrate,
  classify,
  crossValidate,
  precisionOf,
} from '../../src/domain/mira/insight-calibration';
import { CLASSIFIED_KINDS } from '../../src/domain/mira/insight-classifier';
import { INSIGHT_PATTERNS } from '../../src/domain/mira/insight-patterns';
import { extractInsights } from '../../src/domain/mira/insights';

/** The corpus-trained classifier that finds what the phrase patterns do not name. */
const prospectSays = (text: string) =>
  extractInsights([{ speaker: 'prospect', text, start_ms: 0 }], (s) => s === 'rep').map((i) => [i.kind, i.quote]);
const noPatternMatches = (text: string) => INSIGHT_PATTERNS.every(([, pattern]) => !pattern.test(text));

describe('the insight classifier', () => {
  it('takes for each kind the smallest margin whose cross-validated precision reaches the floor, and none below it', () => {
    const margins = calibrate(corpus);
    const results = crossValidate(corpus);
    expect(margins.size).toBeGreaterThan(0);
    for (const kind of CLASSIFIED_KINDS) {
      const margin = margins.get(kind);
      const below = MARGINS.filter((m) => margin === undefined || m < margin);
      for (const m of below) expect(precisionOf(results.get(m)!.get(kind)!)).toBeLessThan(PRECISION);
      if (margin !== undefined) expect(precisionOf(results.get(margin)!.get(kind)!)).toBeGreaterThanOrEqual(PRECISION);
    }
    expect(calibrate(corpus)).toEqual(margins);
  });

  it('finds insights no phrase pattern names, in sentences that are not in its corpus', () => {
    const sentences: Array<[string, string]> = [
      ['objection', 'we got burned badly by the last vendor we trusted.'],
      ['buying_signal', 'what would the paperwork look like for all nine clinics?'],
    ];
    for (const [kind, text] of sentences) {
      expect(corpus.some((c) => c.text.toLowerCase() === text)).toBe(false);
      expect(noPatternMatches(text)).toBe(true);
      expect(classify(text)).toBe(kind);
      expect(prospectSays(text)).toEqual([[kind, text]]);
    }
  });

  it('leaves plain statements, answers too short to tell and bytes nobody expected alone', () => {
    for (const text of [
      'I had eggs for breakfast this morning, nothing exciting.',
      'we have about forty trucks on the road.',
      'It would.',
      'If you want.',
      '\u0000\u202e?? 😀',
      'a'.repeat(5000),
      '',
    ])
      expect(classify(text)).toBeNull();
  });

  it("never reads the rep's lines", () => {
    const text = 'we got burned badly by the last vendor we trusted.';
    expect(extractInsights([{ speaker: 'rep', text, start_ms: 0 }], (s) => s === 'rep')).toEqual([]);
  });
});

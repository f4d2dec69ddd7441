import { extractInsights } from '../../src/domain/mira/insights';
import { dimensionsFor, scoreWithRubric } from '../../src/domain/mira/rubric-scorer';
import { readCall } from '../../src/domain/mira/call';
import { measureCall } from '../../src/domain/mira/rubric-metrics';
import { DEFAULT_TEMPLATE, type ScoreInput } from '../../src/domain/mira/types';
import { GOOD_CALL, POOR_CALL } from '../helpers/mira-transcripts';

const isRep = (speaker: string) => speaker === 'rep';

const input = (transcript: ScoreInput['transcript'], template = DEFAULT_TEMPLATE): ScoreInput => ({
  transcript,
  callType: 'discovery',
  template,
  prospect: { name: null, title: null, company: null, industry: null },
  extractInsights: true,
});

describe('the rubric scorer', () => {
  it('scores a call that listens, asks, reflects and agrees a next step higher than a monologue', () => {
    const good = scoreWithRubric(input(GOOD_CALL));
    const poor = scoreWithRubric(input(POOR_CALL));
    expect(good.overallScore).toBeGreaterThan(poor.overallScore + 3);
    expect(good.overallScore).toBeGreaterThanOrEqual(7);
    expect(poor.overallScore).toBeLessThan(5);
    for (const name of ['Needs Discovery', 'Next Steps', 'Active Listening']) {
      const g = good.criteria.find((c) => c.name === name)!;
      const p = poor.criteria.find((c) => c.name === name)!;
      expect(g.score).toBeGreaterThan(p.score);
    }
  });

  it('measures talk ratio, questions, needs reflected, next steps and monologues', () => {
    const good = measureCall(readCall(GOOD_CALL, isRep)).metrics;
    expect(good.questionsAsked).toBeGreaterThanOrEqual(3);
    expect(good.needsReflected).toBeGreaterThanOrEqual(1);
    expect(good.nextStep).toBe('agreed');
    expect(good.monologues).toBe(0);
    const poor = measureCall(readCall(POOR_CALL, isRep)).metrics;
    expect(poor.questionsAsked).toBe(0);
    expect(poor.monologues).toBe(2);
    expect(poor.repTalkRatio).toBeGreaterThan(0.9);
    expect(poor.nextStep).toBe('none');
  });

  it('says in every report that it is the rubric scorer, with one-decimal scores from 0 to 10', () => {
    const result = scoreWithRubric(input(POOR_CALL));
    expect(result.scorer).toBe('rubric');
    expect(result.summary).toMatch(/rubric scorer/);
    for (const score of [result.overallScore, ...result.criteria.map((c) => c.score)]) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(10);
      expect(Math.round(score * 10) / 10).toBe(score);
    }
    expect(result.improvements.length).toBeGreaterThan(0);
    expect(result.nextSteps.length).toBeGreaterThan(0);
  });

  it('maps criteria by keywords in their name and description', () => {
    expect(dimensionsFor({ name: 'Closing', weight: 10 })).toEqual(['nextSteps']);
    expect(dimensionsFor({ name: 'Part 2', weight: 10, description: 'Handles pushback calmly' })).toEqual([
      'objections',
    ]);
    expect(dimensionsFor({ name: 'Rapport Building', weight: 10 })).toEqual(['rapport']);
    expect(dimensionsFor({ name: 'Something else', weight: 10 })).toHaveLength(6);
  });

  it('is deterministic', () => {
    expect(scoreWithRubric(input(GOOD_CALL))).toEqual(scoreWithRubric(input(GOOD_CALL)));
  });
});

describe('insight extraction', () => {
  it("finds objections, pain points, competitors, feature requests and buying signals in the prospect's words", () => {
    const insights = extractInsights(GOOD_CALL, isRep);
    const kinds = new Set(insights.map((i) => i.kind));
    expect([...kinds].sort()).toEqual(['buying_signal', 'competitor', 'feature_request', 'objection', 'pain_point']);
    const competitor = insights.find((i) => i.kind === 'competitor')!;
    expect(competitor.summary).toBe('Competitor named: Clari');
    expect(competitor.quote).toContain('We currently use Clari');
    expect(insights.every((i) => !i.quote.includes('It sounds like'))).toBe(true);
  });
});

import { extractInsights } from '../../src/domain/mira/insights';
import type { InsightKind, TranscriptSegment } from '../../src/domain/mira/types';

const isRep = (speaker: string) => speaker === 'rep';
const call = (lines: Array<[string, string]>): TranscriptSegment[] =>
  lines.map(([speaker, text], i) => ({ speaker, text, start_ms: i * 10_000 }));
const kinds = (transcript: TranscriptSegment[], trackers?: Parameters<typeof extractInsights>[2]) =>
  extractInsights(transcript, isRep, trackers).map((i) => [i.kind, i.quote] as [InsightKind, string]);

describe('insights in natural speech', () => {
  it.each<[InsightKind, string]>([
    ['objection', 'Honestly, the price is steep for a team our size.'],
    ['objection', "It's TOO EXPENSIVE for what we get."],
    ['objection', "That's not in the budget this year."],
    ['objection', "We're locked into our contract until June."],
    ['pain_point', 'My managers spend half their day updating Salesforce by hand.'],
    ['pain_point', 'Forecasting is a mess.'],
    ['pain_point', 'Leads go cold over the weekend.'],
    ['feature_request', 'Could you add a Slack digest?'],
    ['feature_request', 'It would be great if parents could see it too.'],
    ['buying_signal', 'Could you put together a quote for forty reps?'],
    ['buying_signal', 'What does onboarding look like?'],
    ['buying_signal', 'Send the contract over.'],
  ])('finds %s in %j', (kind, text) => {
    expect(kinds(call([['prospect', text]]))).toContainEqual([kind, text]);
  });

  it.each([
    ['We use Chorus for recording.', 'Chorus'],
    ["We're trialing Gong this month.", 'Gong'],
    ['We evaluated ETQ last spring.', 'ETQ'],
    ['My VP likes Clari a lot.', 'Clari'],
    ['We switched from Follow Up Boss last year.', 'Follow Up Boss'],
    ['we had a demo of IDeaS.', 'IDeaS'],
  ])('names the competitor in %j', (text, name) => {
    const found = extractInsights(call([['prospect', text]]), isRep).filter((i) => i.kind === 'competitor');
    expect(found.map((i) => i.summary)).toEqual([`Competitor named: ${name}`]);
  });

  it("never reads the rep's lines", () => {
    const transcript = call([
      ['rep', 'That sounds painful. Unlike Gong, we could put together a quote. Is the price too expensive?'],
      ['prospect', 'Fine, thanks.'],
    ]);
    expect(kinds(transcript)).toEqual([]);
  });

  it('does not take a denied problem for a pain point (it may be a status-quo objection)', () => {
    const found = kinds(call([['prospect', "Honestly, forecasting isn't a mess for us."]]));
    expect(found.filter(([kind]) => kind === 'pain_point')).toEqual([]);
    expect(found.filter(([kind]) => kind !== 'objection')).toEqual([]);
  });

  it("finds the organisation's tracked competitors in any case, never its own products, once per call", () => {
    const transcript = call([
      ['prospect', 'we have chorus on two teams. We use Acme Forecast for the numbers.'],
      ['prospect', 'CHORUS is fine.'],
    ]);
    const found = extractInsights(transcript, isRep, { competitors: ['Chorus'], products: ['Acme Forecast'] });
    expect(found.filter((i) => i.kind === 'competitor').map((i) => i.summary)).toEqual(['Competitor named: Chorus']);
    expect(
      extractInsights(transcript, isRep)
        .filter((i) => i.kind === 'competitor')
        .map((i) => i.summary),
    ).toEqual(['Competitor named: Acme Forecast']);
  });
});

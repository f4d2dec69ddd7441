import type { TranscriptSegment } from '../../src/domain/mira/types';

const seg = (speaker: string, text: string, i: number): TranscriptSegment => ({ speaker, text, start_ms: i * 15_000 });
const script = (lines: Array<[string, string]>) => lines.map(([speaker, text], i) => seg(speaker, text, i));

/** A discovery call done well: rapport, open questions, needs reflected back, an agreed next step. */
export const GOOD_CALL = script([
  ['rep', 'Hi Dana, thanks for making the time today. How are you?'],
  ['prospect', 'Doing well, thanks. Busy quarter.'],
  ['rep', 'What prompted you to take this call? How does your team handle forecasting today?'],
  [
    'prospect',
    'We are struggling with forecasting accuracy. Our reps update spreadsheets manually and it is a waste of time.',
  ],
  [
    'rep',
    'It sounds like the manual spreadsheet updates are hurting your forecasting accuracy. How much time does that cost each week?',
  ],
  [
    'prospect',
    'About five hours per rep. We currently use Clari for dashboards but it does not fix the data entry. It is too expensive for what we get.',
  ],
  ['rep', 'That makes sense. What would a good outcome look like for you this quarter?'],
  [
    'prospect',
    'Accurate forecasts without the manual work. I wish it could integrate with Salesforce directly. How much does it cost for forty reps?',
  ],
  [
    'rep',
    'We integrate with Salesforce natively. Could we schedule a demo with your sales ops lead next Tuesday at 10am?',
  ],
  ['prospect', 'Yes, Tuesday works for me. Send over the invite.'],
  ['rep', 'Great, I will send the calendar invite today.'],
]);

/** The same product pitched badly: a monologue, no questions, no next step. */
export const POOR_CALL = script([
  [
    'rep',
    `Hi. So let me tell you about our platform. ${'Our product has many features and benefits that our customers love and it is the best in the market by far. '.repeat(12)}`,
  ],
  ['prospect', 'We are struggling with forecasting accuracy.'],
  [
    'rep',
    `Right. ${'We also have dashboards, reports, integrations, and a mobile app, plus award-winning support and onboarding. '.repeat(8)}`,
  ],
  ['prospect', 'Okay. I have to go.'],
  ['rep', 'Alright, bye.'],
]);

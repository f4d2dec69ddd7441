import { minutesAgo } from '../openapi-examples';

/** A rep's id as POST /users answers it: the examples that name a rep use it (replace it with yours). */
export const EXAMPLE_REP = '3f6c2a9e-8b1d-4c7e-9a52-6d0e4b1f7c38';

export const EXAMPLE_TRANSCRIPT = [
  { speaker: 'rep', text: 'Thanks for making the time, Dana. How does your team forecast today?', start_ms: 0 },
  {
    speaker: 'prospect',
    text: 'Spreadsheets, updated by hand every Friday. It is slow and often wrong.',
    start_ms: 15_000,
  },
  {
    speaker: 'rep',
    text: 'So accuracy and the time it takes are the pain. Shall we book a demo with your VP?',
    start_ms: 30_000,
  },
  { speaker: 'prospect', text: 'Yes, Thursday works.', start_ms: 45_000 },
];

export const exampleMeeting = () => ({
  title: 'Discovery with Acme',
  user_id: EXAMPLE_REP,
  started_at: minutesAgo(90),
  call_type: 'discovery' as const,
  prospect: { name: 'Dana Whitfield', title: 'VP of Sales', company: 'Acme', industry: 'Software' },
  transcript: EXAMPLE_TRANSCRIPT,
});

export const EXAMPLE_TEMPLATE = {
  name: 'Discovery call',
  prompt_template: 'Grade this discovery call for rapport, open questions and an agreed next step.',
  grading_criteria: [
    { name: 'Rapport', weight: 20 },
    { name: 'Open questions', weight: 40 },
    { name: 'Next step', weight: 40, description: 'A dated meeting both sides agreed to' },
  ],
  coaching_tone: 'encouraging' as const,
  call_type: 'discovery' as const,
};

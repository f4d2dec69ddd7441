import { scoreWithRubric } from '../src/domain/mira/rubric-scorer';
import { DEFAULT_TEMPLATE, type TranscriptSegment } from '../src/domain/mira/types';
import { round } from './load';
import { call } from './http';

export interface MiraFigures {
  meetings: number;
  /** Submitted (202) to every one completed, through API, Temporal, worker and Postgres. */
  pipelineSeconds: number;
  pipelineMeetingsPerSec: number;
  /** The rubric scorer alone, in this process. */
  rubricScoresPerSec: number;
}

const lines: Array<[string, string]> = [
  ['rep', 'Hi Dana, thanks for making the time today. How are you?'],
  ['prospect', 'Doing well. We are struggling with forecasting accuracy and manual spreadsheets.'],
  ['rep', 'It sounds like manual spreadsheets hurt your forecasting accuracy. What would a good outcome look like?'],
  ['prospect', 'Accurate forecasts. We currently use Clari but it is too expensive. How much does yours cost?'],
  ['rep', 'Could we schedule a demo with your sales ops lead next Tuesday?'],
  ['prospect', 'Yes, Tuesday works for me.'],
];
const TRANSCRIPT: TranscriptSegment[] = lines.map(([speaker, text], i) => ({ speaker, text, start_ms: i * 10_000 }));

/** Meetings scored per second by the rubric scorer: end to end through the pipeline, and the scorer alone. */
export async function benchMira(apiUrl: string, adminToken: string, meetings = 200): Promise<MiraFigures> {
  const org = await call(`${apiUrl}/admin/mira/organizations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}` },
    body: { name: 'Bench Mira' },
  });
  const auth = { authorization: `Bearer ${org.key.apiKey}` };
  const rep = await call(`${apiUrl}/api/v1/users`, {
    method: 'POST',
    headers: auth,
    body: { name: 'Bench Rep', email: 'rep@bench.example' },
  });
  const started = performance.now();
  const submit = () =>
    call(`${apiUrl}/api/v1/meetings`, {
      method: 'POST',
      headers: auth,
      body: {
        title: 'Bench call',
        user_id: rep.data.id,
        started_at: new Date().toISOString(),
        call_type: 'discovery',
        transcript: TRANSCRIPT,
      },
    });
  for (let sent = 0; sent < meetings; sent += 20)
    await Promise.all(Array.from({ length: Math.min(20, meetings - sent) }, submit));
  for (;;) {
    const done = await call(`${apiUrl}/api/v1/meetings?status=completed&limit=1`, { headers: auth });
    if (done.meta.total >= meetings) break;
    if (performance.now() - started > 600_000)
      throw new Error(`only ${done.meta.total} of ${meetings} meetings completed in 10 minutes`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const pipelineSeconds = (performance.now() - started) / 1000;
  const input = {
    transcript: TRANSCRIPT,
    callType: 'discovery' as const,
    template: DEFAULT_TEMPLATE,
    prospect: { name: null, title: null, company: null, industry: null },
    extractInsights: true,
  };
  const scorerStart = performance.now();
  let scored = 0;
  while (performance.now() - scorerStart < 2000) {
    scoreWithRubric(input);
    scored += 1;
  }
  return {
    meetings,
    pipelineSeconds: round(pipelineSeconds),
    pipelineMeetingsPerSec: round(meetings / pipelineSeconds),
    rubricScoresPerSec: round(scored / ((performance.now() - scorerStart) / 1000)),
  };
}

export function printMira(m: MiraFigures): void {
  console.log(`\nMira (rubric scorer)`);
  console.log(
    `  pipeline      ${m.meetings} meetings submitted to completed in ${m.pipelineSeconds} s (${m.pipelineMeetingsPerSec} meetings/s)`,
  );
  console.log(`  scorer alone  ${m.rubricScoresPerSec} scores/s in one process`);
}

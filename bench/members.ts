import { round } from './load';

export const MEMBER_IMPORT_GOAL_MS = 1_000;

export interface MemberImportFigures {
  emailsPerRequest: number;
  runs: number;
  medianMs: number;
  maxMs: number;
  imported: number;
}

/** Several imports of 500 new addresses each (so every run does the full insert), timed end to end. */
export async function benchMemberImport(apiUrl: string, apiKey: string, runs = 5): Promise<MemberImportFigures> {
  const times: number[] = [];
  let imported = 0;
  for (let run = 0; run < runs; run += 1) {
    const emails = Array.from({ length: 500 }, (_, i) => `bench-${run}-${i}@import.example.com`);
    const started = performance.now();
    const res = await fetch(`${apiUrl}/enterprise/api/members/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({ members: emails }),
    });
    times.push(performance.now() - started);
    const body = (await res.json()) as { results?: { imported: number } };
    if (res.status >= 300 || !body.results) throw new Error(`member import answered ${res.status}`);
    imported += body.results.imported;
  }
  times.sort((a, b) => a - b);
  return {
    emailsPerRequest: 500,
    runs,
    medianMs: round(times[Math.floor(runs / 2)]!),
    maxMs: round(times[runs - 1]!),
    imported,
  };
}

export function printMemberImport(m: MemberImportFigures): void {
  const met = m.maxMs < MEMBER_IMPORT_GOAL_MS ? 'met' : 'MISSED';
  console.log(`\nMember import (${m.runs} × ${m.emailsPerRequest} new addresses)`);
  console.log(
    `  POST /enterprise/api/members/import  median ${m.medianMs} ms, max ${m.maxMs} ms (goal < ${MEMBER_IMPORT_GOAL_MS} ms: ${met})`,
  );
}

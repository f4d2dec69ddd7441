/**
 * `npm run examples:record -- <folder>`: one real request and answer per operation, taken from what
 * the integration suite sent with `MIR_RECORD_EXAMPLES=<folder>` (test/helpers/http.ts), written to
 * src/api/openapi-recorded.ts (and Mira's to src/api/mira/openapi-recorded.ts) for the OpenAPI documents,
 * the SDK's .http files and docs/api-reference.md. A record is kept only
 * when its body and answer parse with the route's own schemas; keys, tokens and secrets are cut to
 * their prefix. Routes with a hand-written example keep theirs.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { miraPath } from '../src/api/mira/route';
import { buildMiraRoutes } from '../src/api/mira/routes';
import { pageMeta } from '../src/api/mira/schemas/common';
import { routePaths } from '../src/api/route';
import { buildRoutes } from '../src/api/routes';
import { oddities, redact } from './examples/scrub';

interface Recorded {
  /** When it was made (ms); older recordings have none and take their file's last write. */
  at?: number;
  method: string;
  path: string;
  status: number;
  request?: unknown;
  response?: unknown;
}

const matcherOf = (template: string) => new RegExp(`^${template.replace(/:[A-Za-z_]+/g, '[^/]+')}$`);

/** What the recorder needs of a route of either document. */
interface Recordable {
  method: string;
  operationId: string;
  paths: string[];
  body?: z.ZodType;
  /** The whole first success answer (Mira's: its envelope). */
  answer?: z.ZodType;
  /** A hand-written answer in the route table wins over any recording. */
  ownAnswer: boolean;
}

const mirRoutes = (): Recordable[] =>
  buildRoutes().map((r) => ({
    method: r.method,
    operationId: r.operationId,
    paths: routePaths(r),
    body: r.body,
    answer: Object.values(r.responses)[0]?.schema,
    ownAnswer: r.example?.response !== undefined,
  }));

const miraRoutes = (): Recordable[] =>
  buildMiraRoutes().map((r) => {
    const [spec] = Object.values(r.responses);
    return {
      method: r.method,
      operationId: r.operationId,
      paths: [miraPath(r)],
      body: r.body,
      answer: spec && z.object({ data: spec.data, error: z.null(), meta: spec.list ? pageMeta : z.null() }),
      ownAnswer: false,
    };
  });

/** The route a recorded call reached: an exact path before a parameterised one (`/v1/agents/tree`). */
function routeOf(routes: Recordable[], call: Recorded): Recordable | undefined {
  const bare = call.path.split('?')[0]!;
  const candidates = routes.filter((r) => r.method === call.method && r.paths.some((p) => matcherOf(p).test(bare)));
  return candidates.sort((a, b) => a.paths[0]!.split(':').length - b.paths[0]!.split(':').length)[0];
}

function fits(route: Recordable, call: Recorded): boolean {
  if (route.body && (call.request === undefined || !route.body.safeParse(call.request).success)) return false;
  return !route.answer || route.answer.safeParse(call.response).success;
}

type Example = { recordedAt?: string; body?: unknown; response?: unknown };
const LONG = 2_500;

/**
 * Per operation, the recorded call that reads most like a partner's (fewest oddities), then the
 * fullest that still reads at a glance; it must fit its route's schemas once redacted.
 */
function pick(routes: Recordable[], calls: Recorded[]): Map<string, Example> {
  const picked = new Map<string, Example & { size: number; odd: number }>();
  for (const call of calls) {
    const route = routeOf(routes, call);
    if (!route || route.ownAnswer) continue;
    const example = { body: redact(call.request), response: redact(call.response) };
    const recordedAt = new Date(call.at!).toISOString();
    if (!fits(route, call) || !fits(route, { ...call, request: example.body, response: example.response })) continue;
    const size = JSON.stringify(example).length;
    const odd = oddities(example);
    const best = picked.get(route.operationId);
    // Up to 2,500 characters the fuller the better; past it (a whole report), the shortest there is.
    const fuller = best && (size <= LONG ? best.size > LONG || size > best.size : size < best.size);
    if (!best || odd < best.odd || (odd === best.odd && fuller))
      picked.set(route.operationId, { recordedAt, ...example, size, odd });
  }
  return new Map(
    [...picked.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, { recordedAt, body, response }]) => [
        id,
        { recordedAt, ...(body === undefined ? {} : { body }), response },
      ]),
  );
}

function write(file: string, name: string, examples: Map<string, Example>) {
  const from = file.includes('/') ? '../openapi-examples' : './openapi-examples';
  const out = [
    '/** Written by `npm run examples:record` from requests the integration suite made and their answers; do not edit. */',
    `import { freshFromRecording } from '${from}';`,
    '',
    `export const ${name} = freshFromRecording(${JSON.stringify(Object.fromEntries(examples), null, 2)});`,
    '',
  ].join('\n');
  writeFileSync(path.join(__dirname, '..', 'src', 'api', file), out);
}

function main() {
  const folder = process.argv[2];
  if (!folder) throw new Error('usage: npm run examples:record -- <folder written by MIR_RECORD_EXAMPLES>');
  const calls = readdirSync(folder)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => {
      const written = statSync(path.join(folder, f)).mtimeMs;
      const lines = readFileSync(path.join(folder, f), 'utf8').split('\n').filter(Boolean);
      return lines.map((line) => ({ at: written, ...(JSON.parse(line) as Recorded) }));
    });
  for (const [label, routes, file, name] of [
    ['MIR', mirRoutes(), 'openapi-recorded.ts', 'RECORDED_EXAMPLES'],
    ['Mira', miraRoutes(), 'mira/openapi-recorded.ts', 'MIRA_RECORDED_EXAMPLES'],
  ] as const) {
    const examples = pick(routes, calls);
    write(file, name, examples);
    const missing = routes.filter((r) => !r.ownAnswer && !examples.has(r.operationId)).map((r) => r.operationId);
    console.log(`${label}: ${examples.size} operations recorded; without an example: ${missing.join(', ') || 'none'}`);
  }
}

main();

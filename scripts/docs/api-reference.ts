/**
 * docs/api-reference.md, written from the OpenAPI document the API serves: one curl per operation
 * (with its example body when the route has one), the example answer, the error codes it can
 * answer, and the reference of every error code. `npm run docs:generate` writes it.
 */
import { buildOpenApi } from '../../src/api/openapi';
import { buildRoutes } from '../../src/api/routes';
import { WEBHOOK_EXAMPLES } from '../../src/api/schemas/webhook-examples';
import { WEBHOOK_EVENT_DATA } from '../../src/api/schemas/webhook-events';
import type { AnyWebhookEventType } from '../../src/domain/webhooks';
import { ERROR_MEANINGS } from '../../src/domain/error-meanings';
import { ERROR_STATUS, type ErrorCode } from '../../src/domain/errors';

interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { examples?: { default?: { value: unknown } } }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { examples?: { default?: { value: unknown } } }> }
  >;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * Example dates are computed when the routes load (minutes before now, so the API accepts them);
 * written here at the same distance before a fixed moment, so the file does not change every run.
 */
const SHOWN_NOW = Date.parse('2026-12-01T12:00:00.000Z');
const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;
const steadyDates = (text: string, now: number) =>
  text.replace(ISO, (t) => new Date(SHOWN_NOW + Math.round((Date.parse(t) - now) / 60_000) * 60_000).toISOString());

/** The credential a reader sends, by the first scheme the operation accepts. */
function authOf(op: Operation): string[] {
  const first = Object.keys(op.security?.[0] ?? {})[0];
  if (first === 'ApiKeyAuth') return ['-H "x-api-key: $KEY"'];
  if (first === 'AdminToken') return ['-H "Authorization: Bearer $MIR_ADMIN_TOKEN"'];
  if (first === 'SessionToken') return ['-H "Authorization: Bearer $SESSION"'];
  return [];
}

const exampleOf = (media?: { examples?: { default?: { value: unknown } } }) => media?.examples?.default?.value;

function curlOf(method: string, path: string, op: Operation): string {
  const body = exampleOf(op.requestBody?.content['application/json']);
  const url = `localhost:3000${path.replace(/\{(\w+)\}/g, '$$$1')}`.replace(
    /\$(\w+)/g,
    (_m, p: string) => `$${p.toUpperCase()}`,
  );
  const parts = [`curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} "${url}"`, ...authOf(op)];
  if (body !== undefined) {
    parts.push("-H 'content-type: application/json'", `-d '${JSON.stringify(body).replaceAll("'", "'\\''")}'`);
  }
  return parts.join(' \\\n     ');
}

function errorsOf(op: Operation): string {
  const codes = Object.entries(op.responses)
    .filter(([status]) => Number(status) >= 400)
    .flatMap(([, r]) => (/^Error: (.*)$/.exec(r.description)?.[1] ?? '').split(', ').filter(Boolean));
  return [...new Set(codes)].map((c) => `[\`${c}\`](#${c})`).join(', ');
}

function operationSection(method: string, path: string, op: Operation): string {
  const [okStatus, ok] = Object.entries(op.responses).find(([s]) => Number(s) < 400) ?? ['', undefined];
  const answer = exampleOf(ok?.content?.['application/json']);
  return [
    `### \`${method.toUpperCase()} ${path}\``,
    '',
    `${op.summary} (\`${op.operationId}\`)${op.description ? `\n\n${op.description}` : ''}`,
    '',
    '```sh',
    curlOf(method, path, op),
    '```',
    '',
    answer === undefined
      ? `Answers \`${okStatus}\` (${ok?.description ?? ''}).`
      : `Answers \`${okStatus}\`:\n\n\`\`\`json\n${JSON.stringify(answer, null, 2)}\n\`\`\``,
    '',
    `Errors: ${errorsOf(op) || 'none of its own'}.`,
  ].join('\n');
}

function errorTable(): string {
  const rows = (Object.keys(ERROR_STATUS) as ErrorCode[]).map(
    (code) => `| <a id="${code}"></a>\`${code}\` | ${ERROR_STATUS[code]} | ${ERROR_MEANINGS[code]} |`,
  );
  return ['| code | status | meaning and what to do |', '| --- | --- | --- |', ...rows].join('\n');
}

/** What MIR POSTs to a webhook endpoint, one sample per event type (docs/webhooks.md: signing and retries). */
function webhookSamples(): string {
  return (Object.keys(WEBHOOK_EVENT_DATA) as AnyWebhookEventType[])
    .map((type) => {
      const body = { type, timestamp: '2026-12-01T12:00:00.000Z', data: WEBHOOK_EXAMPLES[type] };
      return `### \`${type}\`\n\n${WEBHOOK_EVENT_DATA[type].summary}.\n\n\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\``;
    })
    .join('\n\n');
}

export function apiReference(): string {
  const now = Date.now();
  const doc = buildOpenApi(buildRoutes(), 'http://localhost:3000') as {
    paths: Record<string, Record<string, Operation>>;
  };
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationSection(method, path, op)]);
    }
  }
  const tags = [...byTag.keys()];
  return [
    '# API reference',
    '',
    '<!-- Written by `npm run docs:generate` from the OpenAPI document (`GET /openapi.json`); do not edit. -->',
    '',
    'Every operation with a curl to start from: `$KEY` is a partner key (or a session with',
    "`X-MIR-Org`, docs/api.md), `$SESSION` a person's session, `$MIR_ADMIN_TOKEN` the operator token;",
    'an upper-case `$ID` in a path is the id it names. The bodies and answers shown are the examples the',
    'fuzzer replays against the API (their dates shown as of one fixed day). Errors come in one shape, `{"error": {"code", "message",',
    '"details"?, "requestId"}}`; their codes are listed [at the end](#error-codes), after a sample of',
    'every [webhook payload](#webhook-payloads).',
    '',
    ...tags.map((t) => `- [${t}](#${t.toLowerCase().replace(/[^a-z0-9]+/g, '-')})`),
    '',
    ...tags.flatMap((t) => [`## ${t}`, '', steadyDates(byTag.get(t)!.join('\n\n'), now), '']),
    '## Webhook payloads',
    '',
    'The body of each event MIR sends to a registered endpoint (headers, signature and retries: [webhooks.md](webhooks.md)).',
    '',
    webhookSamples(),
    '',
    '## Error codes',
    '',
    errorTable(),
    '',
  ].join('\n');
}

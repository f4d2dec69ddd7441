import { z } from 'zod';
import { PRINTABLE, PRINTABLE_OR_EMPTY } from '../domain/text';
import { JSON_BODY_MAX_DEPTH } from '../domain/json-depth';
import { hoistDefinitions } from './openapi-defs';
import { errorResponsesOf, isIdempotent } from './openapi-errors';
import { DESCRIPTIONS } from './openapi-descriptions';
import { examplesOf } from './openapi-examples';
import { RECORDED_EXAMPLES } from './openapi-recorded';
import { WEBHOOK_EXAMPLES } from './schemas/webhook-examples';
import { type RouteSpec, routePaths } from './route';
import { WEBHOOK_EVENT_DATA, webhookEventSchema } from './schemas/webhook-events';
import type { AnyWebhookEventType } from '../domain/webhooks';

export { errorResponseSchema } from './openapi-errors';

/** Named schemas (recursive ones) of the document being built: filled as operations are converted. */
type Components = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output', components: Components) =>
  hoistDefinitions(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }), components);

const SECURITY = {
  // A partner or agent key, or a member's session naming the organisation it acts for.
  partner: [{ ApiKeyAuth: [] }, { SessionToken: [], OrgHeader: [] }, { SessionCookie: [], OrgHeader: [] }],
  admin: [{ AdminToken: [] }],
  user: [{ SessionToken: [] }, { SessionCookie: [] }],
  none: [],
} as const;

/**
 * Every path and query value is refused with a control character in it (middleware/input-channels),
 * whatever its own schema says; a free-form string parameter says so too, so generated clients and
 * fuzzers know. The pattern claims no minimum of its own: a parameter that may be empty (`?action=`)
 * is documented as such.
 */
function printableOnly(schema: object): object {
  const s = schema as { type?: unknown; pattern?: string; enum?: unknown; format?: string; minLength?: number };
  if (s.type !== 'string' || s.pattern || s.enum || s.format) return schema;
  return { ...schema, pattern: ((s.minLength ?? 0) > 0 ? PRINTABLE : PRINTABLE_OR_EMPTY).source };
}

function parametersOf(route: RouteSpec, components: Components) {
  const params: object[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const shape = jsonSchema(schema, 'input', components) as {
      properties?: Record<string, object>;
      required?: string[];
    };
    for (const [name, prop] of Object.entries(shape.properties ?? {})) {
      params.push({
        name,
        in: where,
        required: where === 'path' || (shape.required ?? []).includes(name),
        schema: printableOnly(prop),
      });
    }
  }
  if (isIdempotent(route)) params.push(IDEMPOTENCY_HEADER);
  return params;
}

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Retry safely: the same key and body within 24 h replays the first answer (Idempotent-Replayed: true); ' +
    'a different body is 422 idempotency_key_reused; a duplicate while the first runs is 409.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

/**
 * The route's own example, and where it has no body or answer, what the integration suite recorded
 * (src/api/openapi-recorded.ts): a hand-written request may show beside a recorded answer.
 */
const exampleOf = (route: RouteSpec) => ({ ...RECORDED_EXAMPLES[route.operationId], ...route.example });

function operationOf(route: RouteSpec, operationId: string, components: Components) {
  const responses: Record<string, object> = {};
  const [firstStatus] = Object.keys(route.responses);
  const example = exampleOf(route);
  const description = route.description ?? DESCRIPTIONS[route.operationId];
  for (const [status, spec] of Object.entries(route.responses)) {
    const shown = status === firstStatus ? examplesOf(example?.response) : {};
    responses[status] = spec.schema
      ? {
          description: spec.description,
          content: { 'application/json': { schema: jsonSchema(spec.schema, 'output', components), ...shown } },
        }
      : // No schema (yet): the recorded answer still shows what comes back.
        { description: spec.description, ...(shown.examples ? { content: { 'application/json': shown } } : {}) };
  }
  Object.assign(
    responses,
    errorResponsesOf(route, (schema) => jsonSchema(schema, 'output', components)),
  );
  return {
    operationId,
    summary: route.summary,
    ...(description ? { description } : {}),
    tags: route.tags,
    security: SECURITY[route.auth],
    parameters: parametersOf(route, components),
    ...(route.body
      ? {
          requestBody: {
            // A body the route's schema accepts leaving out (`.optional()`) is not required.
            required: !route.body.safeParse(undefined).success,
            content: {
              'application/json': {
                schema: jsonSchema(route.body, 'input', components),
                ...examplesOf(example?.body),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

const WEBHOOK_HEADERS = [
  ['webhook-id', 'The message id: the same on every retry, so a receiver can drop duplicates'],
  ['webhook-timestamp', 'Unix seconds when this attempt was signed'],
  ['webhook-signature', 'Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per valid secret'],
].map(([name, description]) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } }));

/** OpenAPI 3.1 `webhooks`: what MIR POSTs to a registered endpoint, per Standard Webhooks. */
function webhooksOf(components: Components) {
  return Object.fromEntries(
    (Object.keys(WEBHOOK_EVENT_DATA) as AnyWebhookEventType[]).map((type) => [
      type,
      {
        post: {
          summary: WEBHOOK_EVENT_DATA[type].summary,
          tags: ['Webhooks'],
          parameters: WEBHOOK_HEADERS,
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: jsonSchema(webhookEventSchema(type), 'output', components),
                ...examplesOf({ type, timestamp: '2026-12-01T12:00:00.000Z', data: WEBHOOK_EXAMPLES[type] }),
              },
            },
          },
          responses: {
            '2XX': { description: 'Received. Anything else is retried; 410 disables the endpoint' },
          },
        },
      },
    ]),
  );
}

/** Built from the same zod schemas that validate requests, so the document cannot drift from the code. */
export function buildOpenApi(routes: RouteSpec[], serverUrl: string) {
  const paths: Record<string, Record<string, object>> = {};
  const schemas: Components = {};
  const ids = new Set<string>();
  for (const route of routes) {
    for (const routePath of routePaths(route)) {
      const path = routePath.replace(/:([A-Za-z_]+)/g, '{$1}');
      // A versioned route's /v1 twin is the same operation: its name says which path it calls.
      const operationId = routePath === route.path ? route.operationId : `${route.operationId}V1`;
      if (ids.has(operationId)) throw new Error(`two operations are named ${operationId}`);
      ids.add(operationId);
      paths[path] = { ...paths[path], [route.method]: operationOf(route, operationId, schemas) };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'MIR API',
      version: '0.1.0',
      description:
        'Portable participation history: neutral facts about what a user has done, never scores. ' +
        `Request bodies are JSON of at most 1 MiB and ${JSON_BODY_MAX_DEPTH} levels of nested objects and arrays ` +
        '(deeper: 400 validation_failed); free-form fields say their own `x-maxDepth`.',
    },
    servers: [{ url: serverUrl }],
    paths,
    webhooks: webhooksOf(schemas),
    components: {
      securitySchemes: {
        ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        AdminToken: { type: 'http', scheme: 'bearer' },
        SessionToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A MIR account session from POST /v1/users/login',
        },
        SessionCookie: { type: 'apiKey', in: 'cookie', name: 'mir_session' },
        OrgHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'X-MIR-Org',
          description: 'With a session: the organisation (org_…) the person acts for, with their member role there',
        },
      },
      schemas,
    },
  };
}

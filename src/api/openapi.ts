import { z } from 'zod';
import { ERROR_CODES } from './errors';
import { type RouteSpec, routePaths } from './route';

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [string, ...string[]]),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string(),
  }),
});

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const SECURITY = {
  partner: [{ ApiKeyAuth: [] }],
  admin: [{ AdminToken: [] }],
  user: [{ SessionToken: [] }, { SessionCookie: [] }],
  none: [],
} as const;

function parametersOf(route: RouteSpec) {
  const params: object[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const shape = jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
    for (const [name, prop] of Object.entries(shape.properties ?? {})) {
      params.push({
        name,
        in: where,
        required: where === 'path' || (shape.required ?? []).includes(name),
        schema: prop,
      });
    }
  }
  if (isIdempotent(route)) params.push(IDEMPOTENCY_HEADER);
  return params;
}

const isIdempotent = (route: RouteSpec) => route.method === 'post' && route.auth !== 'none';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Retry safely: the same key and body within 24 h replays the first answer (Idempotent-Replayed: true); ' +
    'a different body is 422 idempotency_key_reused; a duplicate while the first runs is 409.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

/** The failures a caller can actually meet on this route, so generated clients can type them. */
function errorStatusesOf(route: RouteSpec): string[] {
  const statuses = new Set<number>();
  if (route.body || route.query || route.params) statuses.add(400);
  if (route.auth !== 'none') statuses.add(401);
  if (route.auth === 'partner') [403, 429].forEach((s) => statuses.add(s));
  if (route.params) statuses.add(404);
  if (route.body) [413, 415].forEach((s) => statuses.add(s));
  if (isIdempotent(route)) [409, 422].forEach((s) => statuses.add(s));
  statuses.add(500);
  return [...statuses].map(String);
}

function operationOf(route: RouteSpec) {
  const responses: Record<string, object> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = spec.schema
      ? {
          description: spec.description,
          content: { 'application/json': { schema: jsonSchema(spec.schema, 'output') } },
        }
      : { description: spec.description };
  }
  for (const status of errorStatusesOf(route)) responses[status] = { $ref: '#/components/responses/Error' };
  return {
    summary: route.summary,
    tags: route.tags,
    security: SECURITY[route.auth],
    parameters: parametersOf(route),
    ...(route.body
      ? {
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } },
        }
      : {}),
    responses,
  };
}

/** Built from the same zod schemas that validate requests, so the document cannot drift from the code. */
export function buildOpenApi(routes: RouteSpec[], serverUrl: string) {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    for (const routePath of routePaths(route)) {
      const path = routePath.replace(/:([A-Za-z_]+)/g, '{$1}');
      paths[path] = { ...paths[path], [route.method]: operationOf(route) };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'MIR API',
      version: '0.1.0',
      description: 'Portable participation history: neutral facts about what a user has done, never scores.',
    },
    servers: [{ url: serverUrl }],
    paths,
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
      },
      responses: {
        Error: {
          description: 'Any error: one body shape for every 4xx and 5xx',
          content: { 'application/json': { schema: jsonSchema(errorResponseSchema, 'output') } },
        },
      },
    },
  };
}

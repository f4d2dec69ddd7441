import { z } from 'zod';
import { JSON_BODY_MAX_DEPTH } from '../../domain/json-depth';
import { hoistDefinitions } from '../openapi-defs';
import { examplesOf } from '../openapi-examples';
import { MIRA_DESCRIPTIONS } from './openapi-descriptions';
import { MIRA_RECORDED_EXAMPLES } from './openapi-recorded';
import { MIRA_ERROR_STATUS, type MiraErrorCode, miraErrorSchema } from './errors';
import { type MiraRouteSpec, miraPath } from './route';
import { pageMeta } from './schemas/common';

type Components = Record<string, unknown>;

/** 003 promises OpenAPI 3.0: the same zod schemas, converted for that target. */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output', components: Components) =>
  hoistDefinitions(z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }), components);

/** Every status a caller can meet here: the door's checks, auth, validation, and the route's own. */
function errorCodesOf(route: MiraRouteSpec): MiraErrorCode[] {
  const codes = new Set<MiraErrorCode>(['validation_error', 'internal_error', 'service_unavailable']);
  if (!route.public) ['unauthorized', 'rate_limited'].forEach((c) => codes.add(c as MiraErrorCode));
  if (route.write) codes.add('forbidden');
  if (route.params) codes.add('not_found');
  if (route.body)
    ['invalid_json', 'payload_too_large', 'unsupported_media_type'].forEach((c) => codes.add(c as MiraErrorCode));
  for (const code of route.errors ?? []) codes.add(code);
  return [...codes];
}

function parametersOf(route: MiraRouteSpec, components: Components) {
  const params: object[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const shape = jsonSchema(schema, 'input', components) as {
      properties?: Record<string, { description?: string }>;
      required?: string[];
    };
    for (const [name, prop] of Object.entries(shape.properties ?? {})) {
      const { description, ...rest } = prop;
      params.push({
        name,
        in: where,
        required: where === 'path' || (shape.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return params;
}

function operationOf(route: MiraRouteSpec, components: Components) {
  const responses: Record<string, object> = {};
  // A request and answer the integration suite made (npm run examples:record); a hand-written body wins.
  const recorded = MIRA_RECORDED_EXAMPLES[route.operationId];
  const [firstStatus] = Object.keys(route.responses);
  for (const [status, spec] of Object.entries(route.responses)) {
    const envelope = z.object({ data: spec.data, error: z.null(), meta: spec.list ? pageMeta : z.null() });
    const shown = status === firstStatus ? examplesOf(recorded?.response) : {};
    responses[status] = {
      description: spec.description,
      content: { 'application/json': { schema: jsonSchema(envelope, 'output', components), ...shown } },
    };
  }
  const byStatus = new Map<number, MiraErrorCode[]>();
  for (const code of errorCodesOf(route))
    byStatus.set(MIRA_ERROR_STATUS[code], [...(byStatus.get(MIRA_ERROR_STATUS[code]) ?? []), code]);
  for (const [status, codes] of byStatus) {
    responses[String(status)] = {
      description: `Error: ${codes.join(', ')}`,
      content: { 'application/json': { schema: jsonSchema(miraErrorSchema(codes), 'output', components) } },
    };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...((route.description ?? MIRA_DESCRIPTIONS[route.operationId])
      ? { description: route.description ?? MIRA_DESCRIPTIONS[route.operationId] }
      : {}),
    tags: route.tags,
    security: route.public ? [] : [{ MiraApiKey: [] }],
    parameters: parametersOf(route, components),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: jsonSchema(route.body, 'input', components),
                ...examplesOf(route.example?.body ?? recorded?.body),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/** Mira's own document (a separate product): built from the route table that serves it. */
export function buildMiraOpenApi(routes: MiraRouteSpec[], serverUrl: string) {
  const paths: Record<string, Record<string, object>> = {};
  const schemas: Components = {};
  const ids = new Set<string>();
  for (const route of routes) {
    if (ids.has(route.operationId)) throw new Error(`two Mira operations are named ${route.operationId}`);
    ids.add(route.operationId);
    const path = miraPath(route).replace(/:([A-Za-z_]+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method]: operationOf(route, schemas) };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Mira REST API',
      version: '1.0.0',
      description:
        'Sales-call coaching: meetings, templates, reports, team stats, insights, roleplay. Every answer is ' +
        '{ "data", "error", "meta" }. Send Authorization: Bearer mira_live_…. Request bodies are JSON of at ' +
        `most 1 MiB and ${JSON_BODY_MAX_DEPTH} levels of nested objects and arrays (deeper: 400 validation_error).`,
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: { MiraApiKey: { type: 'http', scheme: 'bearer', description: 'A mira_live_… key' } },
      schemas,
    },
  };
}

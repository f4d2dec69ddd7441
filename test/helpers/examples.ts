import { randomBytes } from 'node:crypto';
import { z } from 'zod';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  default?: unknown;
};

const unique = () => randomBytes(5).toString('hex');

const STRING_FORMATS: Record<string, () => string> = {
  email: () => `ex-${unique()}@example.com`,
  uri: () => 'https://example.com/x',
  url: () => 'https://example.com/x',
  'date-time': () => new Date().toISOString(),
  uuid: () => '00000000-0000-4000-8000-000000000000',
};

/** The smallest value a JSON Schema accepts, from its required parts only: a body that passes zod. */
function minimal(schema: Schema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt) return minimal(alt.find((s) => s.type !== 'null') ?? alt[0]!);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => minimal(s) as object));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const name of schema.required ?? []) out[name] = minimal(schema.properties?.[name] ?? {});
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => minimal(schema.items ?? {}));
    case 'string': {
      const format = schema.format && STRING_FORMATS[schema.format];
      if (format) return format();
      return `x${unique()}`.padEnd(schema.minLength ?? 1, 'x');
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    default:
      return {};
  }
}

/**
 * A request body a route's own schema accepts, generated from that schema, with `overrides`
 * merged on top for values that must name real things (ids, codes). New routes get one too.
 */
export function exampleBody(schema: z.ZodType | undefined, overrides: Record<string, unknown> = {}): unknown {
  if (!schema) return undefined;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
  const base = minimal(json);
  return base && typeof base === 'object' && !Array.isArray(base) ? { ...base, ...overrides } : base;
}

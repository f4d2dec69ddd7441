import { isDeepStrictEqual } from 'node:util';

type Json = unknown;

const LOCAL_DEF = '#/$defs/';
const COMPONENT = '#/components/schemas/';

function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith(LOCAL_DEF)
        ? COMPONENT + value.slice(LOCAL_DEF.length)
        : rewriteRefs(value);
  }
  return out;
}

/**
 * z.toJSONSchema puts a recursive (or `.meta({ id })`) schema under the schema's own `$defs` and
 * points at it with `#/$defs/…`, which inside an OpenAPI document resolves against the document
 * root, where nothing is. This moves each definition to `components.schemas` under its id and
 * points there, so every `$ref` resolves inside the document.
 */
export function hoistDefinitions(schema: object, components: Record<string, Json>): object {
  const { $defs, ...rest } = schema as { $defs?: Record<string, Json> };
  for (const [name, definition] of Object.entries($defs ?? {})) {
    if (name.startsWith('__schema')) {
      throw new Error(`an unnamed recursive schema: give it .meta({ id: 'Name' }) so /openapi.json can name it`);
    }
    const hoisted = rewriteRefs(definition);
    if (components[name] !== undefined && !isDeepStrictEqual(components[name], hoisted)) {
      throw new Error(`two different schemas share the id ${name}`);
    }
    components[name] = hoisted;
  }
  return rewriteRefs(rest) as object;
}

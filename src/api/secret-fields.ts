import { z } from 'zod';

/**
 * Fields shown once (API keys, webhook secrets, link codes and invite URLs, session tokens) are
 * declared per route as dotted paths into the answer (`apiKey`, `key.apiKey`). An idempotent replay
 * answers them as null, and the answer kept for it in Postgres never holds them.
 */
export function withoutSecrets(body: unknown, paths: readonly string[]): unknown {
  if (!body || typeof body !== 'object' || paths.length === 0) return body ?? {};
  let copy = body as Record<string, unknown>;
  for (const path of paths) copy = nulled(copy, path.split('.'));
  return copy;
}

/** A copy of `node` with the field at `path` null; copies only the objects along the path, never the live answer. */
function nulled(node: Record<string, unknown>, [field, ...rest]: string[]): Record<string, unknown> {
  if (field === undefined || !(field in node)) return node;
  const child = node[field];
  if (rest.length === 0) return { ...node, [field]: null };
  if (!child || typeof child !== 'object' || Array.isArray(child)) return node;
  return { ...node, [field]: nulled(child as Record<string, unknown>, rest) };
}

/** Names a secret is given here and in most APIs: `apiKey`, `secret`, `token`, `password`, `code`, `inviteUrl`… */
const SECRET_NAME = /(api_?key|secret|token|password|code|invite_?url)$/i;

interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** A closed set of values is no secret, nor is an error's `code` beside its `message`. */
function looksSecret(name: string, schema: JsonSchema, siblings: Record<string, JsonSchema>): boolean {
  if (!SECRET_NAME.test(name) || schema.const !== undefined || schema.enum !== undefined) return false;
  return !(name === 'code' && 'message' in siblings);
}

const join = (path: string, field: string) => (path ? `${path}.${field}` : field);

/** Every field path of an answer (`key.apiKey`; `[]` for an array's items, `*` for a map's values), and the secret-looking ones. */
export function fieldPaths(schema: z.ZodType): { all: Set<string>; secretLooking: Set<string> } {
  const root = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  const all = new Set<string>();
  const secretLooking = new Set<string>();
  const visited = new Set<JsonSchema>();
  const walk = (node: JsonSchema | boolean | undefined, path: string): void => {
    if (!node || node === true || visited.has(node)) return;
    visited.add(node); // Recursive schemas (a tree of agents) refer back to themselves.
    if (node.$ref) walk(root.$defs?.[node.$ref.split('/').pop()!], path);
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) walk(branch, path);
    const properties = node.properties ?? {};
    for (const [name, child] of Object.entries(properties)) {
      const at = join(path, name);
      all.add(at);
      if (looksSecret(name, child, properties)) secretLooking.add(at);
      walk(child, at);
    }
    walk(node.items, `${path}[]`);
    walk(node.additionalProperties, join(path, '*'));
  };
  walk(root, '');
  return { all, secretLooking };
}

/**
 * Refuses a route whose answer has a secret-looking field it does not declare in `secretFields`, or
 * that declares a path its answers do not have (a typo would leave the real field stored) or one
 * inside an array or map (withoutSecrets follows objects only). Run for every POST route when the
 * app mounts it, so such a route is never served.
 */
export function assertSecretsDeclared(
  name: string,
  responses: Record<number, { schema?: z.ZodType }>,
  declared: readonly string[],
): void {
  const all = new Set<string>();
  const secretLooking = new Set<string>();
  for (const { schema } of Object.values(responses)) {
    if (!schema) continue;
    const paths = fieldPaths(schema);
    paths.all.forEach((p) => all.add(p));
    paths.secretLooking.forEach((p) => secretLooking.add(p));
  }
  const undeclared = [...secretLooking].filter((path) => !declared.includes(path));
  const unusable = declared.filter((path) => !all.has(path) || /\[\]|\*/.test(path));
  if (undeclared.length > 0 || unusable.length > 0) {
    throw new Error(
      `${name}: secretFields must list every secret-looking field of its answers as a path through objects ` +
        `(undeclared: ${undeclared.join(', ') || 'none'}; not such a path: ${unusable.join(', ') || 'none'})`,
    );
  }
}

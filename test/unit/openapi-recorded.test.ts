import { z } from 'zod';
import { buildMiraRoutes } from '../../src/api/mira/routes';
import { MIRA_RECORDED_EXAMPLES } from '../../src/api/mira/openapi-recorded';
import { pageMeta } from '../../src/api/mira/schemas/common';
import { buildRoutes } from '../../src/api/routes';
import { buildOpenApi } from '../../src/api/openapi';
import { RECORDED_EXAMPLES } from '../../src/api/openapi-recorded';

/**
 * The recorded examples (npm run examples:record) were real answers when recorded; these checks keep
 * them true to the routes as they are now, and free of anything secret.
 */
const routes = buildRoutes();
const byId = new Map(routes.map((r) => [r.operationId, r]));

describe('recorded examples', () => {
  it('name only operations that exist (re-record after renaming one)', () => {
    expect(Object.keys(RECORDED_EXAMPLES).filter((id) => !byId.has(id))).toEqual([]);
  });

  it.each(Object.entries(RECORDED_EXAMPLES))('%s parses with its route’s body and answer schemas', (id, example) => {
    const route = byId.get(id)!;
    if (example.body !== undefined) expect(route.body!.safeParse(example.body).error).toBeUndefined();
    const schema = Object.values(route.responses)[0]?.schema;
    if (schema && example.response !== undefined) expect(schema.safeParse(example.response).error).toBeUndefined();
  });

  it('hold no key, token or secret beyond its prefix, and no test stack address', () => {
    const text = JSON.stringify(RECORDED_EXAMPLES);
    expect(text.match(/\b(mir|whsec|mira)_([a-z]+_)?[A-Za-z0-9_+/=-]{16,}/g)).toBeNull();
    expect(text.match(/(localhost|127\.0\.0\.1):(?!(3000|7233)\b)\d+/g)).toBeNull();
  });

  it('with the hand-written ones, give every JSON operation of /openapi.json an example answer', () => {
    const doc = buildOpenApi(routes, 'http://localhost:3000') as { paths: Record<string, Record<string, any>> };
    const without = Object.values(doc.paths)
      .flatMap((ops) => Object.values(ops))
      .filter((op) => {
        const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2/.test(status));
        return !success.some(([, r]: [string, any]) => r.content?.['application/json']?.examples);
      })
      .map((op) => op.operationId as string);
    // A status list is a signed JWT (application/statuslist+jwt), not JSON.
    expect(without.sort()).toEqual(['getStatusList']);
  });
});

describe("Mira's recorded examples", () => {
  const miraRoutes = new Map(buildMiraRoutes().map((r) => [r.operationId, r]));

  it('name only operations that exist', () => {
    expect(Object.keys(MIRA_RECORDED_EXAMPLES).filter((id) => !miraRoutes.has(id))).toEqual([]);
  });

  it.each(Object.entries(MIRA_RECORDED_EXAMPLES))('%s parses with its body schema and answer envelope', (id, example) => {
    const route = miraRoutes.get(id)!;
    if (example.body !== undefined) expect(route.body!.safeParse(example.body).error).toBeUndefined();
    const [spec] = Object.values(route.responses);
    const envelope = z.object({ data: spec!.data, error: z.null(), meta: spec!.list ? pageMeta : z.null() });
    expect(envelope.safeParse(example.response).error).toBeUndefined();
  });

  it('hold no key beyond its prefix, and give every operation an example answer', () => {
    expect(JSON.stringify(MIRA_RECORDED_EXAMPLES).match(/\bmira_live_[A-Za-z0-9_-]{8,}/g)).toBeNull();
    expect([...miraRoutes.keys()].filter((id) => !MIRA_RECORDED_EXAMPLES[id]?.response)).toEqual([]);
  });
});

import { buildRoutes } from '../../src/api/routes';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { type MiraOrg, createMiraOrg, mira } from '../helpers/mira';

/**
 * The examples in /openapi.json teach a partner the API and are what the fuzzer's examples phase
 * replays: each parses with its own route's schema, and each request body, sent as served, gets the
 * operation's documented success (a swagger-invented "type": "mir.advd4k…" would not).
 */
const routes = buildRoutes();
type Op = { requestBody?: any; responses: Record<string, any> };
const exampleOf = (media: any) => media?.examples?.default?.value;

describe('examples in the route table', () => {
  const withExamples = routes.filter((r) => r.example);

  it('cover the partner writes a first integration makes', () => {
    const ids = withExamples.map((r) => r.operationId);
    for (const id of [
      'createEvent',
      'createEventsBulk',
      'resolveUser',
      'evaluatePolicy',
      'createLinkInvite',
      'createAgent',
    ])
      expect(ids).toContain(id);
  });

  it.each(withExamples.map((r) => [r.operationId, r] as const))(
    '%s: body and answer parse with its schemas',
    (_id, route) => {
      if (route.example!.body !== undefined) expect(route.body!.safeParse(route.example!.body).error).toBeUndefined();
      if (route.example!.response !== undefined) {
        const schema = Object.values(route.responses)[0]!.schema!;
        expect(schema.safeParse(route.example!.response).error).toBeUndefined();
      }
    },
  );
});

describe('every example body, sent as /openapi.json serves it, gets the documented success', () => {
  let doc: { paths: Record<string, Record<string, Op>> };
  let ownerKey: string;
  let agentId: string;
  beforeAll(async () => {
    doc = (await http('GET', '/openapi.json')).body;
    ownerKey = (await createOrg('Examples')).apiKey;
  });

  // In the order a partner would: an event first, so resolving its user finds a history.
  const sent = [
    ['post', '/v1/events'],
    ['post', '/v1/events/bulk'],
    ['post', '/v1/resolve'],
    ['post', '/policy/evaluate'],
    ['post', '/policy/evaluate/bulk'],
    ['post', '/v1/partners/link/invite'],
    ['post', '/v1/partners/link/code'],
    ['post', '/v1/agents'],
    ['patch', '/v1/agents/{id}'],
    ['post', '/v1/agents/{id}/suspend'],
    ['post', '/v1/agents/{id}/reactivate'],
    ['post', '/v1/users/regulations'],
    ['post', '/portal/api/keys'],
    ['patch', '/portal/api/settings'],
  ] as const;

  it.each(sent)('%s %s', async (method, path) => {
    const op = doc.paths[path]![method]!;
    const body = exampleOf(op.requestBody.content['application/json']);
    expect(body).toBeDefined();
    const res = await http(method.toUpperCase(), path.replace('{id}', agentId), {
      headers: keyHeaders(ownerKey),
      body,
    });
    const success = Object.keys(op.responses).filter((s) => /^2/.test(s));
    expect([res.status, res.text]).toEqual([Number(success[0]), expect.anything()]);
    if (path === '/v1/agents') agentId = res.body.id;
    if (path === '/v1/resolve') expect(res.body.eventCount).toBeGreaterThan(0);
  });

  // Recorded bodies (src/api/openapi-recorded.ts) succeeded when the suite sent them; the hand-written ones are sent here.
  const handWritten = (op: Op & { operationId?: string }) =>
    routes.find((r) => r.operationId === op.operationId?.replace(/V1$/, ''))?.example?.body !== undefined;

  it('leaves out only hand-written bodies that cannot succeed as they stand in any stack', () => {
    const tried = new Set(sent.map(([m, p]) => `${m} ${p}`));
    const untried = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => exampleOf(op.requestBody?.content['application/json']) !== undefined && handWritten(op))
        .map(([method]) => `${method} ${path}`)
        .filter((op) => !tried.has(op) && !tried.has(op.replace(' /', ' /v1/'))),
    );
    expect(untried.sort()).toEqual([
      // A Mira organisation's id (and a key's) is in the path: one of this stack's.
      'patch /admin/mira/organizations/{id}/keys/{keyId}',
      'post /admin/mira/organizations/{id}/keys',
      // A pending spawn request's id is in the path: one of this stack's.
      'post /admin/spawn-requests/{id}/reject',
      // Revoking is for good.
      'post /v1/agents/{id}/revoke',
      // A person's own: their password, a code a partner gave them.
      'post /v1/me/erasure',
      'post /v1/me/links/code',
      // Its URL must resolve to a public address, which a test machine may not reach.
      'post /v1/webhooks',
    ]);
  });
});

describe("Mira's example bodies, sent as /api/v1/openapi.json serves them, get the documented success", () => {
  let doc: { paths: Record<string, Record<string, Op>> };
  let org: MiraOrg;
  let repId: string;
  let templateId: string;
  beforeAll(async () => {
    doc = (await http('GET', '/api/v1/openapi.json')).body;
    org = await createMiraOrg('Examples');
  });

  const bodyOf = (method: string, path: string) => {
    const body = exampleOf(doc.paths[`/api/v1${path}`]![method]!.requestBody.content['application/json']);
    expect(body).toBeDefined();
    return body;
  };
  const success = (method: string, path: string) =>
    Number(Object.keys(doc.paths[`/api/v1${path}`]![method]!.responses).find((s) => /^2/.test(s)));

  it('a rep and a template as they stand, then the template changed', async () => {
    const rep = await mira('POST', '/users', org.key, bodyOf('post', '/users'));
    expect([rep.status, rep.text]).toEqual([success('post', '/users'), expect.anything()]);
    repId = rep.body.data.id;
    const template = await mira('POST', '/templates', org.key, bodyOf('post', '/templates'));
    expect([template.status, template.text]).toEqual([success('post', '/templates'), expect.anything()]);
    templateId = template.body.data.id;
    const changed = await mira('PATCH', `/templates/${templateId}`, org.key, bodyOf('patch', '/templates/{id}'));
    expect([changed.status, changed.text]).toEqual([success('patch', '/templates/{id}'), expect.anything()]);
  });

  // The example names a rep by the id POST /users answered; here, this organisation's rep.
  it.each([['/meetings'], ['/roleplay/sessions']])('POST %s with the rep swapped in', async (path) => {
    const res = await mira('POST', path, org.key, { ...bodyOf('post', path), user_id: repId });
    expect([res.status, res.text]).toEqual([success('post', path), expect.anything()]);
  });
});

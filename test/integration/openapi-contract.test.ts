import { compileErrors, validate } from '@readme/openapi-parser';
import { createAgent } from '../helpers/agents';
import { keyHeaders } from '../helpers/events';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { documentedCodes as codesIn } from '../helpers/openapi';

/**
 * /openapi.json is the contract: an independent validator accepts it (every `$ref` resolves inside
 * it), its patterns are plain ECMA-262, and every status a route answers is documented with its code.
 */
type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: any }> }> }>>;
};
let doc: Doc;
beforeAll(async () => {
  doc = (await http('GET', '/openapi.json')).body;
});

const documentedCodes = (method: string, path: string, status: number) => codesIn(doc, method, path, status);

function collect(node: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((n) => collect(n, key, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) out.push(v);
      collect(v, key, out);
    }
  }
  return out;
}

describe('/openapi.json', () => {
  it('passes an independent OpenAPI 3.1 validator, every $ref resolving inside the document', async () => {
    const result = await validate(structuredClone(doc) as never);
    if (!result.valid) throw new Error(compileErrors(result));
    for (const ref of collect(doc, '$ref')) expect(String(ref)).toMatch(/^#\/components\//);
  });

  it('keeps the recursive tree node in components.schemas', () => {
    const tree = JSON.stringify(doc.paths['/v1/agents/tree']);
    expect(tree).toContain('#/components/schemas/AgentTreeNode');
    expect(JSON.stringify(doc)).not.toContain('$defs');
  });

  it('uses only plain ECMA-262 patterns (no Unicode property escapes)', () => {
    const patterns = collect(doc, 'pattern') as string[];
    expect(patterns.length).toBeGreaterThan(10);
    for (const pattern of patterns) {
      expect(pattern).not.toMatch(/\\[pP]\{/);
      expect(() => new RegExp(pattern)).not.toThrow();
    }
  });

  it('documents 400, 500 and 503 on every operation: any request can be refused at the door', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method] of Object.entries(operations)) {
        expect([method, path, documentedCodes(method, path, 400)]).toEqual([
          method,
          path,
          expect.arrayContaining(['validation_failed']),
        ]);
        expect([method, path, documentedCodes(method, path, 500)]).toEqual([method, path, ['internal_error']]);
        expect([method, path, documentedCodes(method, path, 503)]).toEqual([
          method,
          path,
          expect.arrayContaining(['overloaded', 'timeout']),
        ]);
      }
    }
  });
});

/** Statuses the fuzzer saw answered but not documented: each is answered and documented now. */
describe('every status a route answers is documented with its code', () => {
  let ownerKey: string;
  beforeAll(async () => {
    ownerKey = (await createOrg('Contract')).apiKey;
  });

  async function expectDocumented(method: string, path: string, template: string, status: number, body?: unknown) {
    const res = await http(method.toUpperCase(), path, { headers: keyHeaders(ownerKey), body });
    expect(res.status).toBe(status);
    expect(documentedCodes(method, template, status)).toContain(res.body.error.code);
  }

  it('409 invalid_state on PATCH of a revoked agent', async () => {
    const agent = await createAgent(ownerKey);
    await http('POST', `/v1/agents/${agent.id}/revoke`, { headers: keyHeaders(ownerKey) });
    await expectDocumented('patch', `/v1/agents/${agent.id}`, '/v1/agents/{id}', 409, { name: 'renamed' });
  });

  it('404 agent_not_found on the tree of an unknown root', async () => {
    await expectDocumented('get', '/v1/agents/tree?rootAgentId=agent_nobody', '/v1/agents/tree', 404);
  });

  it('404 user_not_found on /resolve', async () => {
    await expectDocumented('post', '/resolve', '/resolve', 404, { userId: 'never-seen' });
  });

  it('400 validation_failed on a bad Idempotency-Key, on a POST without any input too', async () => {
    const res = await http('POST', '/admin/diagnostics/workflow', {
      headers: { ...adminHeaders(), 'idempotency-key': 'two words' },
    });
    expect(res.status).toBe(400);
    expect(documentedCodes('post', '/admin/diagnostics/workflow', 400)).toContain(res.body.error.code);
  });

  it('401 invalid_credentials on a wrong login', async () => {
    const res = await http('POST', '/v1/users/login', { body: { email: 'nobody@example.com', password: 'wrong one' } });
    expect(res.status).toBe(401);
    expect(documentedCodes('post', '/v1/users/login', 401)).toContain(res.body.error.code);
  });

  it('each route documents only its own codes: /events does not answer too_many_emails, /members/import does', () => {
    expect(documentedCodes('post', '/events', 400)).not.toContain('too_many_emails');
    expect(documentedCodes('post', '/events', 404)).toEqual(['organization_not_found']);
    expect(documentedCodes('post', '/enterprise/api/members/import', 400)).toContain('too_many_emails');
    expect(documentedCodes('get', '/v1/agents/{id}', 404)).toEqual(expect.arrayContaining(['agent_not_found']));
    expect(documentedCodes('get', '/v1/agents/{id}', 404)).not.toContain('webhook_not_found');
    // A GET takes no body and no Idempotency-Key: it cannot answer 413, 415 or 422.
    expect(Object.keys(doc.paths['/events']!.get!.responses)).not.toEqual(expect.arrayContaining(['413']));
    expect(Object.keys(doc.paths['/events']!.get!.responses)).not.toContain('422');
  });

  it('real refusals are among the codes their route documents: a bad body, no key, an unknown id', async () => {
    const badBody = await http('POST', '/events', { headers: keyHeaders(ownerKey), body: { type: 'x' } });
    expect(badBody.status).toBe(400);
    expect(documentedCodes('post', '/events', 400)).toContain(badBody.body.error.code);
    const noKey = await http('POST', '/events', { body: { type: 'review.posted', userId: 'u1' } });
    expect(noKey.status).toBe(401);
    expect(documentedCodes('post', '/events', 401)).toContain(noKey.body.error.code);
    await expectDocumented('get', '/v1/webhooks/wh_nobody', '/v1/webhooks/{id}', 404);
    await expectDocumented('get', '/v1/agents/agent_nobody', '/v1/agents/{id}', 404);
    await expectDocumented('get', '/v1/agents/spawn-requests/spr_nobody', '/v1/agents/spawn-requests/{id}', 404);
    await expectDocumented('get', '/policy/actions/no.such.action', '/policy/actions/{action}', 404);
  });

  it("validation_failed's details are typed: where, the field path and the message of each issue", async () => {
    const res = await http('POST', '/events', { headers: keyHeaders(ownerKey), body: { type: 'x' } });
    const variant = doc.paths['/events']!.post!.responses['400']!.content![
      'application/json'
    ]!.schema.properties.error.anyOf.find((v: any) => v.properties.code.const === 'validation_failed');
    expect(variant.properties.details.items.required).toEqual(['path', 'message']);
    for (const issue of res.body.error.details) {
      expect(Object.keys(issue).sort()).toEqual(['in', 'message', 'path']);
      expect(issue.in).toBe('body');
    }
  });

  it('a shown-once secret is documented as nullable, as an idempotent replay answers it', async () => {
    const key = `org-${Date.now()}`;
    const headers = { ...adminHeaders(), 'idempotency-key': key };
    const body = { name: 'Replayed', plan: 'standard' };
    expect((await http('POST', '/admin/organizations', { headers, body })).status).toBe(201);
    const replay = await http('POST', '/admin/organizations', { headers, body });
    expect(replay.body.apiKey).toBeNull();
    const schema = (doc.paths['/admin/organizations']!.post!.responses['201'] as any).content['application/json']
      .schema;
    expect(JSON.stringify(schema.properties.apiKey)).toContain('null');
  });
});

/** Inputs the fuzzer generated from the document and the API refused: the document now says what is accepted. */
describe('documented input patterns agree with what the API accepts', () => {
  let ownerKey: string;
  beforeAll(async () => {
    ownerKey = (await createOrg('Patterns')).apiKey;
  });

  const paramPattern = (path: string, name: string) =>
    new RegExp((doc.paths[path]!.get as any).parameters.find((p: any) => p.name === name).schema.pattern);
  const bodyPattern = (path: string, field: string) =>
    new RegExp((doc.paths[path]!.post as any).requestBody.content['application/json'].schema.properties[field].pattern);

  it.each([
    ['mir.review.*', 200],
    ['review.posted', 200],
    ['review', 400],
    ['Review.posted', 400],
  ])('GET /events?type=%s', async (type, status) => {
    const res = await http('GET', `/events?type=${encodeURIComponent(type)}`, { headers: keyHeaders(ownerKey) });
    expect(res.status).toBe(status);
    expect(paramPattern('/events', 'type').test(type)).toBe(status === 200);
  });

  it.each([
    ['', 200],
    ['checkout.complete', 200],
    ['checkout\u0007', 400],
  ])('GET /policy/decisions?action=%j', async (action, status) => {
    const res = await http('GET', `/policy/decisions?action=${encodeURIComponent(action)}`, {
      headers: keyHeaders(ownerKey),
    });
    expect(res.status).toBe(status);
    expect(paramPattern('/policy/decisions', 'action').test(action)).toBe(status === 200);
  });

  it('an email with spaces around it signs up, and the documented pattern allows it', async () => {
    const email = ` Spaced.${Date.now()}@Example.com `;
    const res = await http('POST', '/v1/users/signup', { body: { email, password: 'long enough password' } });
    expect(res.status).toBe(201);
    expect(bodyPattern('/v1/users/signup', 'email').test(email)).toBe(true);
  });

  // Found by the fuzzer: a name trimmed before its length was checked passed with one character
  // more than the documented maxLength. The length is now the one sent.
  it.each([
    ['/admin/organizations', () => adminHeaders(), { plan: 'standard' }],
    ['/v1/agents', () => keyHeaders(ownerKey), { type: 'SERVICE_ACCOUNT', preset: 'reconciler' }],
  ])(
    'POST %s: a name at its documented maxLength is taken, one more character of space is refused',
    async (path, headers, rest) => {
      const max = (doc.paths[path]!.post as any).requestBody.content['application/json'].schema.properties.name
        .maxLength;
      expect(max).toBeGreaterThan(10);
      const post = (name: string) => http('POST', path, { headers: headers(), body: { ...rest, name } });
      expect((await post('n'.repeat(max))).status).toBe(201);
      const over = await post(`\n${'n'.repeat(max)}`);
      expect(over.status).toBe(400);
      expect(over.body.error.code).toBe('validation_failed');
      expect((await post(` ${'n'.repeat(max - 1)}`)).status).toBe(201);
    },
  );

  it('a blank reason is refused, and the documented pattern refuses it', async () => {
    const agent = await createAgent(ownerKey);
    const res = await http('POST', `/v1/agents/${agent.id}/suspend`, {
      headers: keyHeaders(ownerKey),
      body: { reason: '\t' },
    });
    expect(res.status).toBe(400);
    expect(bodyPattern('/v1/agents/{id}/suspend', 'reason').test('\t')).toBe(false);
  });
});

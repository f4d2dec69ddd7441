import { http } from '../helpers/http';

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await http('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1/);
    const createOrg = res.body.paths['/admin/organizations'].post;
    const schema = createOrg.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'plan']));
    expect(schema.properties.plan.enum).toEqual(['standard', 'enterprise']);
    expect(createOrg.responses['201']).toBeDefined();
    expect(createOrg.responses['400']).toBeDefined();
    // A partner key, or a member's session (token or cookie) with the organisation it acts for.
    expect(res.body.paths['/policy/health'].get.security).toEqual([
      { ApiKeyAuth: [] },
      { SessionToken: [], OrgHeader: [] },
      { SessionCookie: [], OrgHeader: [] },
    ]);
    expect(res.body.paths['/admin/organizations/{id}/keys']).toBeDefined();
  });

  it('documents the events API under both paths, with its query filters and the Idempotency-Key header', async () => {
    const { body } = await http('GET', '/openapi.json');
    for (const path of ['/events', '/v1/events', '/events/bulk', '/v1/events/bulk', '/resolve', '/v1/resolve']) {
      expect(body.paths[path]).toBeDefined();
    }
    const post = body.paths['/v1/events'].post;
    const event = post.requestBody.content['application/json'].schema;
    expect(event.required).toEqual(expect.arrayContaining(['type', 'userId']));
    expect(event.additionalProperties).toBe(false);
    expect(post.parameters.map((p: any) => p.name)).toContain('Idempotency-Key');
    expect(post.responses['422']).toBeDefined();
    const list = body.paths['/events'].get.parameters.map((p: any) => p.name);
    expect(list).toEqual(expect.arrayContaining(['limit', 'cursor', 'userId', 'type', 'from', 'to']));
    expect(
      body.paths['/resolve'].post.responses['200'].content['application/json'].schema.properties.tierLabel.enum,
    ).toEqual(['none', 'limited', 'established', 'extensive']);
  });

  it('serves the interactive docs page and its assets locally', async () => {
    const page = await http('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const scripts = [...page.text.matchAll(/src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('http')).toBe(false);
      const asset = await http('GET', src.startsWith('/') ? src : `/docs/${src}`);
      expect(asset.status).toBe(200);
    }
  });
});

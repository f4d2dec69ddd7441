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
    expect(res.body.paths['/policy/health'].get.security).toEqual([{ ApiKeyAuth: [] }]);
    expect(res.body.paths['/admin/organizations/{id}/keys']).toBeDefined();
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

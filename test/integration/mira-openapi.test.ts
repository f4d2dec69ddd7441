import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { validate } from '@readme/openapi-parser';
import { http } from '../helpers/http';
import { testEnv } from '../helpers/env';
import { REPO_ROOT } from '../helpers/stack-process';
import { createRep, expectMiraError, mira } from '../helpers/mira';

describe('Mira OpenAPI document, docs and CLI', () => {
  it('serves a valid OpenAPI 3.0 document of every Mira route, with the envelope, pagination and errors', async () => {
    const res = await http('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.0\./);
    expect(await validate(structuredClone(res.body))).toMatchObject({ valid: true });
    const paths = Object.keys(res.body.paths).sort();
    expect(paths).toEqual(
      [
        '/api/v1/insights',
        '/api/v1/meetings',
        '/api/v1/meetings/{id}',
        '/api/v1/meetings/{id}/report',
        '/api/v1/reports',
        '/api/v1/reports/{id}',
        '/api/v1/roleplay/sessions',
        '/api/v1/roleplay/sessions/{id}',
        '/api/v1/settings/trackers',
        '/api/v1/team/stats',
        '/api/v1/templates',
        '/api/v1/templates/{id}',
        '/api/v1/users',
      ].sort(),
    );
    const trackers = res.body.paths['/api/v1/settings/trackers'];
    expect(Object.keys(trackers).sort()).toEqual(['get', 'put']);
    expect(trackers.put.security).toEqual([{ MiraApiKey: [] }]);
    expect(JSON.stringify(trackers.put.requestBody)).toContain('Chorus');
    const list = res.body.paths['/api/v1/meetings'].get;
    expect(list.security).toEqual([{ MiraApiKey: [] }]);
    const params = Object.fromEntries(list.parameters.map((p: any) => [p.name, p.schema]));
    expect(params.limit).toMatchObject({ default: 20, maximum: 100 });
    expect(params.page).toMatchObject({ default: 1, minimum: 1 });
    expect(params.status.enum).toEqual(['pending', 'fetched', 'processing', 'completed', 'failed', 'no_transcript']);
    const ok = list.responses['200'].content['application/json'].schema;
    expect(ok.properties.meta.required).toEqual(['page', 'limit', 'total']);
    expect(list.responses['401'].content['application/json'].schema.properties.error.properties.code.enum).toEqual([
      'unauthorized',
    ]);
    const create = res.body.paths['/api/v1/templates'].post;
    const body = create.requestBody.content['application/json'].schema;
    expect(body.properties.coaching_tone.enum).toEqual(['direct', 'encouraging', 'data-driven']);
    expect(body.properties.call_type.enum).toEqual([
      'discovery',
      'demo',
      'negotiation',
      'follow-up',
      'closing',
      'cold-call',
      'general',
    ]);
    expect(Object.keys(create.responses).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '429',
      '500',
      '503',
    ]);
    expect(res.body.paths['/api/v1/team/stats'].get.parameters[0].schema.default).toBe('month');
  });

  it("keeps Mira out of MIR's document, and shows both in /docs", async () => {
    const mir = await http('GET', '/openapi.json');
    expect(Object.keys(mir.body.paths).filter((p) => p.startsWith('/api/v1'))).toEqual([]);
    const init = await http('GET', '/docs/init.js');
    expect(init.text).toContain("'/api/v1/openapi.json'");
    expect((await http('GET', '/docs/assets/swagger-ui-standalone-preset.js')).status).toBe(200);
    expectMiraError(await http('POST', '/api/v1/openapi.json'), 405, 'method_not_allowed');
  });

  it('npm run mir -- mira org create / mira key create print an org id and working keys', async () => {
    const env = { ...process.env, MIR_API_URL: testEnv().apiUrl, MIR_ADMIN_TOKEN: testEnv().adminToken };
    const cli = async (...args: string[]) =>
      (await promisify(execFile)('npm', ['run', '-s', 'mir', '--', 'mira', ...args], { cwd: REPO_ROOT, env })).stdout;
    const created = await cli('org', 'create', '--name', 'Coaching Co');
    const orgId = /Mira organization ([0-9a-f-]{36}) \(Coaching Co\)/.exec(created)?.[1];
    const key = /API key \(read\+write\): (mira_live_\S+)/.exec(created)?.[1];
    expect(orgId).toBeDefined();
    const rep = await createRep({ id: orgId!, key: key! });
    expect(rep).toEqual(expect.any(String));
    const readOnly = JSON.parse(await cli('key', 'create', '--org', orgId!, '--read-only', '--json'));
    expect(readOnly).toMatchObject({ permissions: ['read'], apiKey: expect.stringMatching(/^mira_live_/) });
    expect((await mira('GET', '/users', readOnly.apiKey)).body.meta.total).toBe(1);
    expectMiraError(
      await mira('POST', '/users', readOnly.apiKey, { name: 'x', email: 'x@example.com' }),
      403,
      'forbidden',
    );
    const second = await cli('key', 'create', '--org', orgId!);
    expect(second).toMatch(/Mira key [0-9a-f-]{36} \(read\+write\)/);
    await expect(cli('key', 'create', '--org', '00000000-0000-4000-8000-000000000000')).rejects.toThrow(/404/);
    // Four CLI processes, each a cold `npm run` + tsx start: seconds each on a loaded machine.
  }, 120_000);
});

import { buildRoutes } from '../../src/api/routes';
import { issueKey } from '../helpers/agents';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { documentedCodes } from '../helpers/openapi';
import { AGENT_ENDPOINTS, DENIED, MATRIX, ROLES, type Role } from '../helpers/role-matrix';

describe('the roles matrix', () => {
  it('names every partner endpoint', () => {
    const partner = buildRoutes()
      .filter((r) => r.auth === 'partner')
      .map((r) => `${r.method.toUpperCase()} ${r.path}`)
      .filter((r) => !AGENT_ENDPOINTS.includes(r));
    expect(MATRIX.map(([m, p]) => `${m} ${p}`).sort()).toEqual([...new Set(partner)].sort());
  });

  it('every 4xx an allowed row expects is documented for that operation in /openapi.json', async () => {
    const doc = (await http('GET', '/openapi.json')).body;
    const undocumented = MATRIX.filter(([, , , answer]) => /^4/.test(answer)).flatMap(([method, path, , answer]) => {
      const [status, code] = answer.split(' ');
      const openapiPath = path.replace(/:(\w+)/g, '{$1}');
      const codes = documentedCodes(doc, method.toLowerCase(), openapiPath, status!);
      return codes.includes(code!) ? [] : [`${method} ${path} ${answer}`];
    });
    expect(undocumented).toEqual([]);
  });

  let keys: Record<Role, string>;
  beforeAll(async () => {
    const org = await createOrg();
    keys = { OWNER: org.apiKey, ADMIN: '', MEMBER: '', ANALYST: '' };
    for (const role of ['ADMIN', 'MEMBER', 'ANALYST'] as const) keys[role] = await issueKey(org.id, role);
  });

  const rows = MATRIX.flatMap(([method, path, allowed, answer, url]) =>
    ROLES.map((role) => [method, path, role, allowed.includes(role), answer, url ?? path] as const),
  );
  it.each(rows)('%s %s as %s: allowed %s (%s)', async (method, _path, role, allowed, answer, url) => {
    const res = await http(method, url, {
      headers: keyHeaders(keys[role]),
      body: method === 'GET' || method === 'DELETE' ? undefined : {},
    });
    const code = res.body?.error?.code as string | undefined;
    if (allowed) {
      const got = `${res.status} ${code ?? ''}`.trim();
      expect(res.status >= 200 && res.status < 300 ? '2xx' : got).toBe(answer);
    } else {
      expect(res.status).toBe(403);
      expect(DENIED).toContain(code);
    }
  });
});

import { readFileSync } from 'node:fs';
import { testEnv } from '../helpers/env';
import { adminHeaders, createOrg, http } from '../helpers/http';

function logLines(): Array<Record<string, any>> {
  return readFileSync(testEnv().logFile, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

async function waitForLine(predicate: (line: Record<string, any>) => boolean) {
  for (let i = 0; i < 40; i += 1) {
    const found = logLines().find(predicate);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('log line not found');
}

describe('structured logs', () => {
  it('writes one JSON line per request with its request id, and never a secret', async () => {
    const org = await createOrg('Log Test Org');
    const key = await http('POST', `/admin/organizations/${org.id}/keys`, {
      headers: adminHeaders(),
      body: { role: 'ADMIN' },
    });
    await http('GET', '/policy/health', { headers: { 'x-api-key': key.body.apiKey, 'x-request-id': 'log-test-1' } });
    await http('GET', '/policy/health', {
      headers: { 'x-api-key': 'mir_wrongwrongwrong', 'x-request-id': 'log-test-2' },
    });
    await http('POST', '/admin/organizations', { headers: adminHeaders(), rawBody: '{"apiKey":"mir_inbody_secret",' });

    const line = await waitForLine((l) => l.requestId === 'log-test-1' && l.res);
    expect(line).toMatchObject({
      level: 30,
      service: 'mir',
      req: { method: 'GET', url: '/policy/health' },
      res: { statusCode: 200 },
    });
    const failed = await waitForLine((l) => l.requestId === 'log-test-2' && l.res);
    expect(failed.res.statusCode).toBe(401);

    const raw = readFileSync(testEnv().logFile, 'utf8');
    for (const secret of [
      org.apiKey,
      key.body.apiKey,
      testEnv().adminToken,
      'mir_wrongwrongwrong',
      'mir_inbody_secret',
    ]) {
      expect(raw).not.toContain(secret);
    }
  });
});

import { createAgent } from '../helpers/agents';
import { keyHeaders } from '../helpers/events';
import { setSpawnPolicy, spawnChild } from '../helpers/spawn';
import { createOrg, http } from '../helpers/http';

describe('PATCH on a spawned agent', () => {
  it('refuses to widen a child past its parent after spawn, and allows narrowing', async () => {
    const org = await createOrg();
    await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 3 });
    const parent = await createAgent(org.apiKey, {
      name: 'parent',
      type: 'SERVICE_ACCOUNT',
      permissions: ['events:write', 'events:read'],
      allowedEventPatterns: ['review.*'],
      rateLimitPerMinute: 50,
    });
    const child = await spawnChild(org.apiKey, parent.id, { name: 'child', permissions: ['events:write'] });
    const patch = (body: unknown) => http('PATCH', `/v1/agents/${child.id}`, { headers: keyHeaders(org.apiKey), body });
    const wider = await patch({
      permissions: ['events:write', 'audit:read'],
      allowedEventPatterns: ['listing.*'],
      rateLimitPerMinute: 500,
    });
    expect(wider.status).toBe(403);
    expect(wider.body.error.code).toBe('escalation_denied');
    expect(wider.body.error.details.map((d: any) => d.field).sort()).toEqual([
      'allowedEventPatterns',
      'permissions',
      'rateLimitPerMinute',
    ]);
    const unchanged = await http('GET', `/v1/agents/${child.id}`, { headers: keyHeaders(org.apiKey) });
    expect(unchanged.body).toMatchObject({ permissions: ['events:write'], allowedEventPatterns: ['review.*'] });
    const narrower = await patch({ permissions: ['events:write'], rateLimitPerMinute: 10, name: 'renamed' });
    expect(narrower.status).toBe(200);
    expect(narrower.body).toMatchObject({ name: 'renamed', rateLimitPerMinute: 10 });
  });
});

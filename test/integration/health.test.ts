import { createOrg, http } from '../helpers/http';
import { describePartnerKeySecurity } from '../helpers/security';

describe('operations endpoints', () => {
  it('GET /health answers without a key', async () => {
    const res = await http('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /ready reports Postgres and Temporal up', async () => {
    const res = await http('GET', '/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { postgres: 'up', temporal: 'up' } });
  });

  it('GET /policy/health answers for a valid key with its organisation', async () => {
    const org = await createOrg();
    const res = await http('GET', '/policy/health', { headers: { 'x-api-key': org.apiKey } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', service: 'policy', organizationId: org.id });
  });

  describePartnerKeySecurity('GET', '/policy/health');
});

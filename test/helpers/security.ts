import { adminHeaders, createOrg, http } from './http';

/**
 * The checks every partner-authenticated route must pass; route test files call this once
 * with their own method and path instead of repeating them.
 */
export function describePartnerKeySecurity(method: string, path: string, body?: unknown) {
  describe(`${method} ${path}: API key security`, () => {
    it('401 without an x-api-key header', async () => {
      const res = await http(method, path, { body });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
      expect(res.body.error.message).toMatch(/x-api-key/);
    });

    it('401 with an unknown key', async () => {
      const res = await http(method, path, {
        body,
        headers: { 'x-api-key': 'mir_doesnotexist000000000000000000000000000' },
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    });

    it('401 with a revoked key, on the very next request', async () => {
      const org = await createOrg();
      const issued = await http('POST', `/admin/organizations/${org.id}/keys`, {
        headers: adminHeaders(),
        body: { role: 'ADMIN' },
      });
      const before = await http(method, path, { body, headers: { 'x-api-key': issued.body.apiKey } });
      expect(before.status).not.toBe(401);
      const revoked = await http('POST', `/admin/organizations/${org.id}/keys/${issued.body.id}/revoke`, {
        headers: adminHeaders(),
      });
      expect(revoked.status).toBe(200);
      const after = await http(method, path, { body, headers: { 'x-api-key': issued.body.apiKey } });
      expect(after.status).toBe(401);
    });

    it('401 with the admin token instead of a partner key', async () => {
      const res = await http(method, path, { body, headers: adminHeaders() });
      expect(res.status).toBe(401);
    });
  });
}

/** The same for admin routes: the admin token is the only way in. */
export function describeAdminSecurity(method: string, path: string, body?: unknown) {
  describe(`${method} ${path}: admin token security`, () => {
    it('401 without a token', async () => {
      const res = await http(method, path, { body });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    });

    it('401 with a wrong token', async () => {
      const res = await http(method, path, { body, headers: adminHeaders('mir_admin_wrong_token_wrong_token_wrong') });
      expect(res.status).toBe(401);
    });

    it('401 with a partner key in the Authorization header', async () => {
      const org = await createOrg();
      const res = await http(method, path, { body, headers: adminHeaders(org.apiKey) });
      expect(res.status).toBe(401);
    });
  });
}

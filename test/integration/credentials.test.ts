import { type ApiProcess, startApiProcess } from '../helpers/api-process';
import {
  decodeJson,
  issue,
  listCredentials,
  parts,
  revoke,
  stackIssuer,
  statusBit,
  verifyClaim,
} from '../helpers/credentials';
import { bearer, linkWithCode } from '../helpers/data-rights';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { daysAgo, seedEvents } from '../helpers/events';
import { downloadExport, readyExport } from '../helpers/exports';
import { createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { eventually } from '../helpers/temporal';

jest.setTimeout(180_000);

const sql = testSql();
let second: ApiProcess;
beforeAll(async () => {
  // A second API process, as a deployment runs several: the issuer is the same PUBLIC_URL.
  second = await startApiProcess({ PUBLIC_URL: stackIssuer() });
});
afterAll(async () => {
  await second?.stop();
  await sql.end();
});

async function personWithHistory() {
  const person = await signupAndLogin();
  const org = await createOrg(`Rentals ${Date.now()}`);
  const userId = await linkWithCode(org.apiKey, person.token);
  await seedEvents(
    org.apiKey,
    [40, 30, 20, 10, 5, 3].map((d) => ({ userId, type: 'order.completed', occurredAt: daysAgo(d) })),
  );
  return { person, org, userId };
}

describe('POST /v1/me/credentials', () => {
  it('issues an SD-JWT VC of what /v1/me/history says, disclosing only what was chosen', async () => {
    const { person, org, userId } = await personWithHistory();
    const history = (await http('GET', '/v1/me/history', { headers: bearer(person.token) })).body;
    const res = await issue(person.token);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), credential: expect.any(String), expiresAt: expect.any(String) });
    const c = parts(res.body.credential);
    expect(c.header).toMatchObject({ alg: 'ES256', kid: expect.any(String) });
    expect(c.payload).toMatchObject({
      iss: stackIssuer(),
      vct: 'urn:mir:vct:participation-history:1',
      _sd_alg: 'sha-256',
      status: { status_list: { idx: expect.any(Number), uri: expect.stringContaining('/status-lists/') } },
    });
    expect(c.payload.exp - c.payload.iat).toBe(30 * 86_400);
    expect(new Date(res.body.expiresAt).getTime()).toBe(c.payload.exp * 1000);
    // Every history claim is a digest; only tier is disclosed by default.
    expect(c.payload._sd).toHaveLength(4);
    for (const claim of ['tier', 'eventCount', 'partnerCount', 'lastActivityMonth'])
      expect(c.payload).not.toHaveProperty(claim);
    expect(c.decoded.map(([, name, value]) => [name, value])).toEqual([['tier', history.tier]]);
    // Nothing that joins it to the person or their partners.
    for (const secret of [person.email, person.id, userId, org.id]) expect(res.body.credential).not.toContain(secret);
    expect(JSON.stringify(c)).not.toContain(person.email);

    const all = await issue(person.token, {
      disclose: ['tier', 'eventCount', 'partnerCount', 'lastActivityMonth'],
      expiresInDays: 90,
    });
    expect(all.status).toBe(201);
    const d = parts(all.body.credential);
    expect(Object.fromEntries(d.decoded.map(([, n, v]) => [n, v]))).toEqual({
      tier: history.tier,
      eventCount: 6,
      partnerCount: 1,
      lastActivityMonth: history.lastEventAt.slice(0, 7),
    });
    expect(d.payload.jti).not.toBe(c.payload.jti);
    expect(d.payload.status.status_list.idx).not.toBe(c.payload.status.status_list.idx);

    const list = await listCredentials(person.token);
    expect(list.status).toBe(200);
    expect(list.body.credentials.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([
      [all.body.id, 'ACTIVE'],
      [res.body.id, 'ACTIVE'],
    ]);
    expect(list.body.credentials[0]).toMatchObject({
      disclosed: ['tier', 'eventCount', 'partnerCount', 'lastActivityMonth'],
    });
    const page = await listCredentials(person.token, '?limit=1');
    expect(page.body.credentials).toHaveLength(1);
    const next = await listCredentials(person.token, `?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body.credentials.map((x: { id: string }) => x.id)).toEqual([res.body.id]);
  });

  it('issues tier 0 to a person with no history yet: not a refusal', async () => {
    const person = await signupAndLogin();
    const res = await issue(person.token, { disclose: ['tier', 'eventCount'] });
    expect(res.status).toBe(201);
    expect(parts(res.body.credential).decoded.map(([, n, v]) => [n, v])).toEqual([
      ['tier', 0],
      ['eventCount', 0],
    ]);
  });

  it('refuses input nobody expected with 400 and issues nothing', async () => {
    const person = await signupAndLogin();
    const missing = await http('POST', '/v1/me/credentials', { headers: bearer(person.token) });
    expect([missing.status, missing.body.error.code]).toEqual([400, 'validation_failed']);
    const bad = [
      { disclose: ['email'] },
      { disclose: [] },
      { disclose: ['tier', 'tier'] },
      { expiresInDays: 0 },
      { expiresInDays: 91 },
      { expiresInDays: 1.5 },
      { extra: true },
      { disclose: 'tier' },
    ];
    for (const body of bad) {
      const res = await issue(person.token, body);
      expect([res.status, res.body.error?.code, body]).toEqual([400, 'validation_failed', body]);
    }
    const raw = await http('POST', '/v1/me/credentials', {
      headers: { ...bearer(person.token), 'content-type': 'application/json' },
      rawBody: Buffer.from([0x7b, 0xff, 0xfe, 0x00]),
    });
    expect(raw.status).toBe(400);
    expect(raw.body.error).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
    expect((await listCredentials(person.token)).body.credentials).toEqual([]);
  });

  it('needs a session', async () => {
    expect((await http('POST', '/v1/me/credentials', { body: {} })).status).toBe(401);
    expect((await http('GET', '/v1/me/credentials')).status).toBe(401);
    expect((await http('DELETE', '/v1/me/credentials/vc_x')).status).toBe(401);
    const org = await createOrg();
    const asPartner = await http('GET', '/v1/me/credentials', { headers: { 'x-api-key': org.apiKey } });
    expect(asPartner.status).toBe(401);
  });
});

describe('revocation and publication', () => {
  it('publishes the issuer, its keys and a status list that a revocation flips on every process', async () => {
    const person = await signupAndLogin();
    const res = await issue(person.token);
    const { header, payload } = parts(res.body.credential);
    const { uri, idx } = payload.status.status_list;

    const meta = await http('GET', '/.well-known/jwt-vc-issuer');
    expect(meta.status).toBe(200);
    expect(meta.body.issuer).toBe(stackIssuer());
    expect(meta.body.jwks.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
    for (const k of meta.body.jwks.keys)
      expect(Object.keys(k).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect((await http('GET', '/.well-known/jwks.json')).body).toEqual(meta.body.jwks);

    const list = await fetch(`${testEnv().apiUrl}${new URL(uri).pathname}`);
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toMatch(/^application\/statuslist\+jwt/);
    const maxAge = Number(/max-age=(\d+)/.exec(list.headers.get('cache-control') ?? '')?.[1]);
    const jwt = (await list.text()).split('.');
    expect(decodeJson(jwt[0]!)).toMatchObject({ typ: 'statuslist+jwt', alg: 'ES256' });
    const claims = decodeJson(jwt[1]!);
    expect(maxAge).toBeLessThanOrEqual(60);
    expect(claims).toMatchObject({ sub: uri, iss: stackIssuer(), ttl: maxAge, status_list: { bits: 1 } });
    expect(await statusBit(uri, idx, second.url)).toBe(0);

    // Two revocations at once: one revocation, the same answer to both.
    const [a, b] = await Promise.all([
      revoke(person.token, res.body.id),
      revoke(person.token, res.body.id, second.url),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toMatchObject({ id: res.body.id, status: 'REVOKED', revokedAt: expect.any(String) });
    expect(b.body.revokedAt).toBe(a.body.revokedAt);
    // Read from Postgres on every request: the other process serves it at once (the bound is 60 s).
    await eventually(async () => ((await statusBit(uri, idx, second.url)) === 1 ? true : undefined), 60_000);
    expect(await statusBit(uri, idx, testEnv().apiUrl)).toBe(1);
    expect((await listCredentials(person.token)).body.credentials[0]).toMatchObject({ status: 'REVOKED' });
    expect((await revoke(person.token, res.body.id)).body.revokedAt).toBe(a.body.revokedAt);
  });

  it("answers 404 for another person's credential and changes nothing", async () => {
    const owner = await signupAndLogin();
    const other = await signupAndLogin();
    const res = await issue(owner.token);
    expect((await revoke(other.token, res.body.id)).status).toBe(404);
    expect((await revoke(other.token, 'vc_nope')).body.error.code).toBe('not_found');
    expect((await listCredentials(owner.token)).body.credentials[0].status).toBe('ACTIVE');
    expect((await listCredentials(other.token)).body.credentials).toEqual([]);
  });

  it('answers 400 for a list number that is not one and 404 for a list nobody was given', async () => {
    expect((await http('GET', '/status-lists/abc')).status).toBe(400);
    expect((await http('GET', '/status-lists/-1')).status).toBe(400);
    expect((await http('GET', '/status-lists/01')).status).toBe(400);
    expect((await http('GET', '/status-lists/99999999')).status).toBe(404);
  });

  it('keeps the signing key only encrypted', async () => {
    const person = await signupAndLogin();
    await issue(person.token);
    const keys = await sql<{ row: string }[]>`select row_to_json(k)::text as row from issuer_keys k`;
    expect(keys.length).toBeGreaterThan(0);
    for (const { row } of keys) {
      expect(row).not.toMatch(/"d"\s*:/);
      expect(JSON.parse(row).private_jwk_encrypted).toMatch(/^v1\./);
    }
  });
});

describe('data rights', () => {
  it("puts the person's credentials and their verifications in the export", async () => {
    const { person, org } = await personWithHistory();
    const res = await issue(person.token, { disclose: ['tier', 'partnerCount'] });
    expect((await verifyClaim(org.apiKey, res.body.credential)).body.status).toBe('VALID');
    const exported = await downloadExport(person.token, await readyExport(person.token));
    expect(exported.status).toBe(200);
    expect(exported.body.credentials).toEqual([
      {
        id: res.body.id,
        claims: { tier: expect.any(Number), eventCount: 6, partnerCount: 1, lastActivityMonth: expect.any(String) },
        disclosed: ['tier', 'partnerCount'],
        issuedAt: expect.any(String),
        expiresAt: res.body.expiresAt,
        revokedAt: null,
        verifications: [{ partner: { id: org.id, name: org.name }, status: 'VALID', at: expect.any(String) }],
      },
    ]);
    // Never the credential itself.
    expect(exported.text).not.toContain(parts(res.body.credential).signature);
  });
});

describe('a partner regulation', () => {
  it("revokes the person's credentials issued while linked when it DELETEs the user; unlinking revokes none", async () => {
    const { person, org, userId } = await personWithHistory();
    const before = await issue(person.token);
    // Another partner, linked and then unlinked: credentials issued meanwhile stay valid.
    const other = await createOrg(`Unlinked ${Date.now()}`);
    await linkWithCode(other.apiKey, person.token);
    const unlinked = await http('DELETE', `/v1/me/links/${other.id}`, { headers: bearer(person.token) });
    expect(unlinked.status).toBeLessThan(300);
    const { uri, idx } = parts(before.body.credential).payload.status.status_list;
    expect(await statusBit(uri, idx, testEnv().apiUrl)).toBe(0);

    const regulated = await http('POST', '/v1/users/regulations', {
      headers: { 'x-api-key': org.apiKey },
      body: { type: 'DELETE', userIds: [userId] },
    });
    expect(regulated.status).toBe(202);
    const outcome = await eventually(async () => {
      const res = await http('GET', `/v1/users/regulations/${regulated.body.regulationId}`, {
        headers: { 'x-api-key': org.apiKey },
      });
      return res.body.status === 'RUNNING' ? undefined : res.body.status;
    }, 60_000);
    expect(outcome).toBe('COMPLETED');
    expect(await statusBit(uri, idx, testEnv().apiUrl)).toBe(1);
    expect((await listCredentials(person.token)).body.credentials[0]).toMatchObject({ status: 'REVOKED' });
  });
});

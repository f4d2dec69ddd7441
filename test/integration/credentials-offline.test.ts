import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };
import type { Config } from '../../src/config';
import { decryptSecret, webhookSecretKey } from '../../src/services/webhooks/secrets';
import { issuerKeyEncryptionKey } from '../../src/services/credentials/issuer-keys';
import { createAgent } from '../helpers/agents';
import { issue, parts, revoke, stackIssuer, verifyClaim } from '../helpers/credentials';
import { bearer, linkWithCode } from '../helpers/data-rights';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { daysAgo, keyHeaders, seedEvents } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';

// jose is ES modules only: jest transforms it (jest.config.js), TypeScript sees only its types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compactVerify, importJWK } = require('jose') as typeof Jose;

jest.setTimeout(180_000);

const sql = testSql();
const REPO = path.join(__dirname, '..', '..');
afterAll(() => sql.end());

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const digest = (disclosure: string) => createHash('sha256').update(disclosure).digest('base64url');

/** Exactly the block docs/credentials.md shows, run as an ES module from the repository. */
function runDocumentedVerifier(credential: string) {
  const doc = readFileSync(path.join(REPO, 'docs', 'credentials.md'), 'utf8');
  const block = /<!-- verifier:start -->\s*```js\n([\s\S]*?)```\s*<!-- verifier:end -->/.exec(doc)?.[1];
  if (!block) throw new Error('no verifier block in docs/credentials.md');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', block], {
    cwd: REPO,
    env: { ...process.env, MIR_ISSUER: stackIssuer(), CREDENTIAL: credential },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ok: run.status === 0, out: run.stdout.trim(), err: run.stderr };
}

/**
 * The second implementation: jose checks the JWS against the published JWKS, and the SD-JWT rules
 * are written out here (RFC 9901: each disclosure is base64url JSON [salt, name, value] whose
 * SHA-256 digest, base64url, is in `_sd`; `_sd_alg` is sha-256; exp is in the future).
 */
async function independentlyVerify(credential: string): Promise<Record<string, unknown>> {
  const [jwt, ...rest] = credential.split('~');
  const jwks = (await http('GET', '/.well-known/jwks.json')).body.keys as Jose.JWK[];
  const { kid } = JSON.parse(Buffer.from(jwt!.split('.')[0]!, 'base64url').toString());
  const jwk = jwks.find((k) => k.kid === kid);
  if (!jwk) throw new Error('unknown key');
  const { payload: raw, protectedHeader } = await compactVerify(jwt!, await importJWK(jwk, 'ES256'));
  if (protectedHeader.alg !== 'ES256') throw new Error('alg');
  const payload = JSON.parse(new TextDecoder().decode(raw));
  if (payload._sd_alg !== 'sha-256' || payload.iss !== stackIssuer()) throw new Error('issuer or digest alg');
  if (!(payload.exp > Date.now() / 1000)) throw new Error('expired');
  const claims: Record<string, unknown> = {};
  for (const d of rest.filter((x) => x !== '')) {
    if (!payload._sd.includes(digest(d))) throw new Error('disclosure not signed');
    const [, name, value] = JSON.parse(Buffer.from(d, 'base64url').toString());
    claims[name] = value;
  }
  return claims;
}

/** MIR's own signing key, read as MIR reads it (the stack derives its key from the admin token). */
async function mirSigningKey(kid: string) {
  const [row] = await sql<{ enc: string }[]>`select private_jwk_encrypted as enc from issuer_keys where kid = ${kid}`;
  const key = issuerKeyEncryptionKey(webhookSecretKey({} as Config, testEnv().adminToken).key);
  return JSON.parse(decryptSecret(key, row!.enc)) as Record<string, string>;
}

/** A credential with `payload` changed, signed with `jwk` (a private JWK) under MIR's kid. */
function resign(credential: string, changes: Record<string, unknown>, jwk: Record<string, string> | null) {
  const c = parts(credential);
  const input = `${b64(c.header)}.${b64({ ...c.payload, ...changes })}`;
  const key = jwk ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const sig = sign('sha256', Buffer.from(input), {
    key: key as never,
    format: 'jwk',
    dsaEncoding: 'ieee-p1363',
  } as never);
  return `${input}.${sig.toString('base64url')}~${c.disclosures.map((d) => `${d}~`).join('')}`;
}

async function issued(disclose: string[] = ['tier', 'eventCount']) {
  const person = await signupAndLogin();
  const org = await createOrg(`Shop ${Date.now()}`);
  const userId = await linkWithCode(org.apiKey, person.token);
  await seedEvents(
    org.apiKey,
    [12, 6, 2].map((d) => ({ userId, type: 'order.completed', occurredAt: daysAgo(d) })),
  );
  const res = await issue(person.token, { disclose });
  expect(res.status).toBe(201);
  return { person, credential: res.body.credential as string, id: res.body.id as string };
}

describe('offline verification', () => {
  it('the documented verifier and an independent one accept a credential, and refuse every forgery', async () => {
    const { person, credential, id } = await issued();
    const documented = runDocumentedVerifier(credential);
    expect(documented).toMatchObject({ ok: true });
    expect(JSON.parse(documented.out)).toMatchObject({ tier: expect.any(Number), eventCount: 3 });
    expect(await independentlyVerify(credential)).toEqual({ tier: JSON.parse(documented.out).tier, eventCount: 3 });

    const c = parts(credential);
    const forged = `${c.jwt}~${b64(['c2FsdHNhbHRzYWx0', 'tier', 3])}~${c.disclosures[1]}~`;
    const wrongKey = resign(credential, {}, null);
    const real = await mirSigningKey(c.header.kid);
    const expired = resign(credential, { iat: c.payload.iat - 90_000, exp: Math.floor(Date.now() / 1000) - 60 }, real);
    // The resigning is right: the same change signed with MIR's key but still valid passes.
    expect(runDocumentedVerifier(resign(credential, { jti: 'x' }, real))).toMatchObject({ ok: true });
    for (const [what, bad] of Object.entries({ forged, wrongKey, expired })) {
      expect([what, runDocumentedVerifier(bad).ok]).toEqual([what, false]);
      await expect(independentlyVerify(bad)).rejects.toThrow();
    }

    expect((await revoke(person.token, id)).status).toBe(200);
    const revoked = runDocumentedVerifier(credential);
    expect(revoked.ok).toBe(false);
    expect(revoked.err).toMatch(/status/i);
  });
});

describe('POST /v1/claims/verify and GET /v1/claims', () => {
  it('answers each status, records it for the partner and shows it to the person', async () => {
    const { person, credential, id } = await issued(['tier']);
    const org = await createOrg(`Verifier ${Date.now()}`);
    const agent = await createAgent(org.apiKey, { name: 'Checker', type: 'SERVICE_ACCOUNT', preset: 'verifier' });

    const ok = await verifyClaim(agent.apiKey, credential);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({
      valid: true,
      status: 'VALID',
      disclosed: { tier: expect.any(Number) },
      expiresAt: expect.any(String),
    });
    const c = parts(credential);
    const real = await mirSigningKey(c.header.kid);
    const expired = resign(credential, { iat: c.payload.iat - 90_000, exp: Math.floor(Date.now() / 1000) - 60 }, real);
    expect((await verifyClaim(agent.apiKey, expired)).body).toMatchObject({ valid: false, status: 'EXPIRED' });
    const forged = `${c.jwt}~${b64(['c2FsdHNhbHRzYWx0', 'tier', 3])}~`;
    expect((await verifyClaim(agent.apiKey, forged)).body).toMatchObject({
      status: 'INVALID',
      reason: 'unknown_disclosure',
    });
    expect((await verifyClaim(agent.apiKey, resign(credential, {}, null))).body).toMatchObject({ status: 'INVALID' });
    expect((await verifyClaim(agent.apiKey, 'not.a.credential~')).body).toMatchObject({ status: 'INVALID' });
    expect((await verifyClaim(agent.apiKey, '\uffff.é~~~')).body).toMatchObject({ status: 'INVALID' });
    // A NUL never gets that far: refused at the edge, recorded nowhere (the count below).
    expect((await verifyClaim(agent.apiKey, `${credential}\u0000`)).body.error.code).toBe('validation_failed');

    // Two revocations at once, then the verdict.
    const both = await Promise.all([revoke(person.token, id), revoke(person.token, id)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect((await verifyClaim(agent.apiKey, credential)).body).toMatchObject({ valid: false, status: 'REVOKED' });

    const listed = await http('GET', '/v1/claims?limit=2', { headers: keyHeaders(org.apiKey) });
    expect(listed.status).toBe(200);
    expect(listed.body.claims.map((x: { status: string }) => x.status)).toEqual(['REVOKED', 'INVALID']);
    const rest = await http('GET', `/v1/claims?cursor=${listed.body.nextCursor}`, { headers: keyHeaders(org.apiKey) });
    expect(rest.body.claims.map((x: { status: string }) => x.status)).toEqual([
      'INVALID',
      'INVALID',
      'INVALID',
      'EXPIRED',
      'VALID',
    ]);

    const seen = await http('GET', '/v1/me/credentials/verifications', { headers: bearer(person.token) });
    expect(seen.body.verifications.map((v: { status: string }) => v.status)).toEqual(['REVOKED', 'EXPIRED', 'VALID']);
    expect(seen.body.verifications[0]).toMatchObject({ partner: { id: org.id, name: org.name }, credentialId: id });
  });

  it('needs claims:write to verify and claims:read to list; bad bodies are 400 and record nothing', async () => {
    const { credential } = await issued(['tier']);
    const org = await createOrg(`Other ${Date.now()}`);
    const emitter = await createAgent(org.apiKey);
    const verifier = await createAgent(org.apiKey, { name: 'V', type: 'SERVICE_ACCOUNT', preset: 'verifier' });
    expect((await verifyClaim(emitter.apiKey, credential)).status).toBe(403);
    expect((await http('GET', '/v1/claims', { headers: keyHeaders(verifier.apiKey) })).status).toBe(403);
    expect((await http('POST', '/v1/claims/verify', { body: { credential } })).status).toBe(401);
    for (const body of [
      {},
      { credential: '' },
      { credential: 5 },
      { credential: 'x'.repeat(9000) },
      { credential, more: 1 },
    ]) {
      const res = await http('POST', '/v1/claims/verify', { headers: keyHeaders(org.apiKey), body });
      expect([res.status, res.body.error?.code]).toEqual([400, 'validation_failed']);
    }
    const raw = await http('POST', '/v1/claims/verify', {
      headers: { ...keyHeaders(org.apiKey), 'content-type': 'application/json' },
      rawBody: Buffer.from([0xff, 0x00, 0x7b]),
    });
    expect(raw.status).toBe(400);
    expect((await http('GET', '/v1/claims', { headers: keyHeaders(org.apiKey) })).body.claims).toEqual([]);
  });
});

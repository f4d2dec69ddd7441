import { randomBytes } from 'node:crypto';
import { JSON_DATA_MAX_DEPTH } from '../../src/domain/json-depth';

export interface FuzzCredentials {
  partnerKey: string;
  adminToken: string;
  person: { email: string; password: string };
  /** Whom `/v1/me/erasure` is fuzzed as: its wrong passwords lock only its own password checks. */
  eraser: { email: string; password: string };
}

async function call(apiUrl: string, method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as { apiKey?: string; messages?: Array<{ text: string }> };
}

/** The verification token of the sign-up, once its mail (sent after the answer) is in the development outbox. */
async function mailedToken(apiUrl: string, admin: Record<string, string>, email: string): Promise<string> {
  for (let tries = 0; tries < 60; tries += 1) {
    const outbox = await call(apiUrl, 'GET', `/admin/outbox?to=${encodeURIComponent(email)}`, admin);
    const token = /Token: (\S+)/.exec(String(outbox.messages?.[0]?.text))?.[1];
    if (token) return token;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no verification token in the development outbox');
}

/**
 * A valid credential for every security scheme: an enterprise organisation's OWNER key (so every
 * partner operation is permitted), the admin token, and a verified person who can log in (the
 * fuzzer logs in itself, and again whenever it has logged itself out).
 */
export async function createCredentials(apiUrl: string, adminToken: string): Promise<FuzzCredentials> {
  const admin = { authorization: `Bearer ${adminToken}` };
  const org = await call(apiUrl, 'POST', '/admin/organizations', admin, { name: 'Fuzz', plan: 'enterprise' });
  const person = await verifiedPerson(apiUrl, admin);
  // Ten wrong passwords to POST /v1/me/erasure stop an account's log-ins for 15 minutes: not the fuzzer's own.
  const eraser = await verifiedPerson(apiUrl, admin);
  return { partnerKey: String(org.apiKey), adminToken, person, eraser };
}

async function verifiedPerson(apiUrl: string, admin: Record<string, string>) {
  const person = {
    email: `fuzz-${randomBytes(4).toString('hex')}@example.com`,
    password: randomBytes(18).toString('base64url'),
  };
  await call(apiUrl, 'POST', '/v1/users/signup', {}, person);
  const token = await mailedToken(apiUrl, admin, person.email);
  await call(apiUrl, 'POST', '/v1/users/verify-email', {}, { token, password: person.password });
  await call(apiUrl, 'POST', '/v1/users/login', {}, person);
  return person;
}

/** What scripts/fuzz/auth_hooks.py reads: a valid credential for each security scheme. */
export function hookEnvironment(apiUrl: string, creds: FuzzCredentials): Record<string, string> {
  return {
    MIR_FUZZ_API_URL: apiUrl,
    MIR_FUZZ_PARTNER_KEY: creds.partnerKey,
    MIR_FUZZ_ADMIN_TOKEN: creds.adminToken,
    MIR_FUZZ_EMAIL: creds.person.email,
    MIR_FUZZ_PASSWORD: creds.person.password,
    MIR_FUZZ_ERASER_EMAIL: creds.eraser.email,
    MIR_FUZZ_ERASER_PASSWORD: creds.eraser.password,
    // Not the fuzzer's 127.0.0.1, whose failed logins get that address throttled.
    MIR_FUZZ_LOGIN_FROM: '127.0.0.2',
    // The `x-maxDepth` of free-form JSON fields, which JSON Schema has no keyword for.
    MIR_FUZZ_MAX_DEPTH: String(JSON_DATA_MAX_DEPTH),
  };
}

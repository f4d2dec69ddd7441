import type postgres from 'postgres';
import { STATUS_LIST_SIZE } from '../src/domain/credentials';
import { round } from './load';

/** Issue 33's goals: a status list of 100,000 credentials under 20 KB, whatever share is revoked. */
export const CREDENTIAL_GOALS = { statusListBytes: 20_000 };
const CONCURRENCY = 8;
const SECONDS = 8;

export interface CredentialFigures {
  issuedPerSecond: number;
  verifiedPerSecond: number;
  failures: number;
  /**
   * A full list by share revoked: the compressed bit array (what the goal is about: 100,000 bits
   * cannot compress below 12,500 bytes when half are random) and the signed JWT, whose base64url
   * layers (the `lst`, then the payload) add a third twice.
   */
  statusListBytes: { revoked: string; compressed: number; jwt: number }[];
}

interface Setup {
  apiUrl: string;
  adminToken: string;
  apiKey: string;
  sql: postgres.Sql;
}

async function call(url: string, init: { headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as Record<string, unknown>;
}

/** A verified, logged-in person (no links: tier 0 is a credential like any other). */
async function person(s: Setup): Promise<string> {
  const email = `credential-bench-${Date.now()}@example.com`;
  const password = 'correct horse battery';
  await call(`${s.apiUrl}/v1/users/signup`, { body: { email, password } });
  let token: string | undefined;
  for (let i = 0; i < 100 && !token; i += 1) {
    const box = await call(`${s.apiUrl}/admin/outbox?to=${encodeURIComponent(email)}`, {
      headers: { authorization: `Bearer ${s.adminToken}` },
    });
    token = /Token: (\S+)/.exec((box.messages as { text: string }[])[0]?.text ?? '')?.[1];
    if (!token) await new Promise((r) => setTimeout(r, 100));
  }
  await call(`${s.apiUrl}/v1/users/verify-email`, { body: { token, password } });
  return String((await call(`${s.apiUrl}/v1/users/login`, { body: { email, password } })).token);
}

/** Requests per second of `send`, CONCURRENCY at a time for SECONDS; failures counted, not thrown. */
async function rate(send: () => Promise<unknown>): Promise<{ perSecond: number; failures: number }> {
  const until = Date.now() + SECONDS * 1000;
  let done = 0;
  let failures = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < until)
        await send().then(
          () => (done += 1),
          () => (failures += 1),
        );
    }),
  );
  return { perSecond: round(done / ((Date.now() - started) / 1000), 1), failures };
}

/** The size of a full status list with `share` of its entries revoked (a fresh list of its own). */
async function listBytes(s: Setup, share: number): Promise<{ compressed: number; jwt: number }> {
  const [last] = await s.sql<{ seq: string }[]>`select coalesce(max(seq), 0) as seq from credential_statuses`;
  const listNo = Math.floor(Number(last!.seq) / STATUS_LIST_SIZE) + 1;
  const end = (listNo + 1) * STATUS_LIST_SIZE - 1;
  // Fills the rest of the current list and the whole next one; only the next is measured.
  await s.sql`
    insert into credential_statuses (expires_at, revoked_at)
    select now() + interval '30 days', case when random() < ${share} then now() end
    from generate_series(${Number(last!.seq) + 1}::bigint, ${end}::bigint)`;
  const jwt = await (await fetch(`${s.apiUrl}/status-lists/${listNo}`)).text();
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as {
    status_list: { lst: string };
  };
  return { compressed: Buffer.from(payload.status_list.lst, 'base64url').length, jwt: jwt.length };
}

export async function benchCredentials(s: Setup): Promise<CredentialFigures> {
  const session = { authorization: `Bearer ${await person(s)}` };
  const issue = () => call(`${s.apiUrl}/v1/me/credentials`, { headers: session, body: { disclose: ['tier'] } });
  const sample = String((await issue()).credential);
  const issued = await rate(issue);
  const verified = await rate(() =>
    call(`${s.apiUrl}/v1/claims/verify`, { headers: { 'x-api-key': s.apiKey }, body: { credential: sample } }),
  );
  const statusListBytes = [];
  for (const share of [0.01, 0.1, 0.5])
    statusListBytes.push({ revoked: `${share * 100}%`, ...(await listBytes(s, share)) });
  return {
    issuedPerSecond: issued.perSecond,
    verifiedPerSecond: verified.perSecond,
    failures: issued.failures + verified.failures,
    statusListBytes,
  };
}

export function printCredentials(f: CredentialFigures): void {
  console.log(
    `  issued   ${f.issuedPerSecond}/s, verified ${f.verifiedPerSecond}/s (${CONCURRENCY} at a time, ${SECONDS} s each; ${f.failures} failed)`,
  );
  for (const l of f.statusListBytes) {
    const ok = l.compressed < CREDENTIAL_GOALS.statusListBytes ? 'ok' : 'OVER';
    console.log(
      `  status list of ${STATUS_LIST_SIZE} with ${l.revoked} revoked: ${l.compressed} bytes compressed (goal < ${CREDENTIAL_GOALS.statusListBytes}: ${ok}), ${l.jwt} as a JWT`,
    );
  }
}

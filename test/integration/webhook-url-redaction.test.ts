import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { createAgent, issueKey } from '../helpers/agents';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { migrateDatabase } from '../../src/db/migrate';

jest.setTimeout(120_000);

/**
 * Receivers put secrets in their URL. Outside the delivery the URL is shown redacted: the audit
 * log (audit:read, which ANALYST keys hold) and its Postgres rows; only webhooks:manage reads it whole.
 */
const sql = testSql();
afterAll(() => sql.end());

const TOKEN = 'XoXb4Jq8Zk2Lm9Np3Qr7St1V';
const QUERY_SECRET = 'qs-9f8e7d6c5b4a';
const slackUrl = (token = TOKEN) => `http://127.0.0.1:9/services/T000/B000/${token}?token=${QUERY_SECRET}`;
const SHOWN = 'http://127.0.0.1:9/services/T000/B000/***?token=***';

const call = (key: string, method: string, p: string, body?: unknown) =>
  http(method, p, { headers: keyHeaders(key), body });

async function register(key: string, url: string) {
  const res = await call(key, 'POST', '/v1/webhooks', { url, eventTypes: ['link.confirmed'] });
  expect([url, res.status]).toEqual([url, 201]);
  return res.body as { id: string; url: string };
}

/** The audit entries an ANALYST key reads for one endpoint, oldest first. */
async function auditOf(analyst: string, webhookId: string) {
  const res = await call(analyst, 'GET', `/v1/audit?targetId=${webhookId}&action=webhook.*`);
  expect(res.status).toBe(200);
  return (res.body.entries as any[]).reverse();
}

async function storedAudit(organizationId: string): Promise<string> {
  const rows = await sql<{ details: string }[]>`
    select details::text as details from audit_log where organization_id = ${organizationId}`;
  return rows.map((r) => r.details).join('\n');
}

describe('webhook URLs outside their delivery', () => {
  it('an ANALYST reads created, updated and deleted endpoints without their secrets; webhooks:manage reads them whole', async () => {
    const org = await createOrg();
    const [admin, analyst] = [await issueKey(org.id, 'ADMIN'), await issueKey(org.id, 'ANALYST')];
    const hook = await register(admin, slackUrl());
    expect(hook.url).toBe(slackUrl());

    const created = await call(analyst, 'GET', '/v1/audit?action=webhook.created');
    const entry = created.body.entries.find((e: any) => e.target.id === hook.id);
    expect(entry.after.url).toBe(SHOWN);
    for (const secret of [TOKEN, QUERY_SECRET]) expect(created.text).not.toContain(secret);
    expect((await call(analyst, 'GET', `/v1/webhooks/${hook.id}`)).status).toBe(403);

    const manager = await createAgent(org.apiKey, {
      name: 'Hooks',
      type: 'SERVICE_ACCOUNT',
      permissions: ['webhooks:manage'],
    });
    expect((await call(manager.apiKey, 'GET', `/v1/webhooks/${hook.id}`)).body.url).toBe(slackUrl());

    const newToken = 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2';
    expect((await call(admin, 'PATCH', `/v1/webhooks/${hook.id}`, { url: slackUrl(newToken) })).status).toBe(200);
    expect((await call(admin, 'DELETE', `/v1/webhooks/${hook.id}`)).status).toBe(200);
    const entries = await auditOf(analyst, hook.id);
    expect(entries.map((e) => [e.action, e.before?.url ?? null, e.after?.url ?? null])).toEqual([
      ['webhook.created', null, SHOWN],
      ['webhook.updated', SHOWN, SHOWN],
      ['webhook.deleted', SHOWN, null],
    ]);
    const stored = await storedAudit(org.id);
    for (const secret of [TOKEN, newToken, QUERY_SECRET]) expect(stored).not.toContain(secret);
  });

  it('keeps no URL in an idempotent replay: the stored answer and the replay hold it as null', async () => {
    const org = await createOrg();
    const headers = { ...keyHeaders(org.apiKey), 'idempotency-key': randomUUID() };
    const send = () =>
      http('POST', '/v1/webhooks', { headers, body: { url: slackUrl(), eventTypes: ['link.confirmed'] } });
    const first = await send();
    expect([first.status, first.body.url]).toEqual([201, slackUrl()]);
    const [stored] = await sql<{ body: string }[]>`
      select response_body::text as body from idempotency_keys where key = ${headers['idempotency-key']}`;
    expect(stored!.body).not.toContain(TOKEN);
    const replay = await send();
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.body.url]).toEqual([201, 'true', null]);
  });

  it('redacts every one of endpoints registered at once', async () => {
    const org = await createOrg();
    const analyst = await issueKey(org.id, 'ANALYST');
    const tokens = Array.from({ length: 6 }, () => `Tk${randomUUID().replace(/-/g, '')}`);
    const hooks = await Promise.all(tokens.map((t) => register(org.apiKey, slackUrl(t))));
    for (const [i, hook] of hooks.entries()) {
      expect((await call(org.apiKey, 'GET', `/v1/webhooks/${hook.id}`)).body.url).toBe(slackUrl(tokens[i]));
      expect((await auditOf(analyst, hook.id))[0].after.url).toBe(SHOWN);
    }
    const stored = await storedAudit(org.id);
    for (const t of tokens) expect(stored).not.toContain(t);
  });

  it('redacts URLs with bytes nobody expected: percent-escapes, unicode, bad escapes, bare query parts, fragments', async () => {
    const org = await createOrg();
    const analyst = await issueKey(org.id, 'ANALYST');
    const cases: Array<[sent: string, shown: string, secrets: string[]]> = [
      [
        'http://127.0.0.1:9/h/%58%6f%58%62%34%4a%71%38%5a%6b%32%4c%6d%39%4e%70',
        'http://127.0.0.1:9/h/***',
        ['%58%6f%58%62'],
      ],
      ['http://127.0.0.1:9/h/ключ1234567890abcd', 'http://127.0.0.1:9/h/***', ['ключ', '%D0%BA%D0%BB']],
      ['http://127.0.0.1:9/h/%ZZabc123def456ghi', 'http://127.0.0.1:9/h/***', ['abc123def456']],
      ['http://127.0.0.1:9/h?sk_live_51Habc123DEF456', 'http://127.0.0.1:9/h?***', ['sk_live']],
      [
        'http://127.0.0.1:9/h?a=%E2%82%AC1&b=x#frag-S3cr3t',
        'http://127.0.0.1:9/h?a=***&b=***',
        ['%E2%82%AC1', 'S3cr3t'],
      ],
    ];
    for (const [sent, shown, secrets] of cases) {
      const hook = await register(org.apiKey, sent);
      expect((await call(org.apiKey, 'GET', `/v1/webhooks/${hook.id}`)).body.url).toBe(sent);
      expect([sent, (await auditOf(analyst, hook.id))[0].after.url]).toEqual([sent, shown]);
      const stored = await storedAudit(org.id);
      for (const secret of secrets) expect([sent, stored.includes(secret)]).toEqual([sent, false]);
    }
  });

  it('migration 0019 redacts entries written before it, and redacting twice changes nothing', async () => {
    const scratch = `mir_redact_${randomUUID().replace(/-/g, '')}`;
    await sql.unsafe(`create database ${scratch}`);
    const url = new URL(testEnv().databaseUrl);
    url.pathname = `/${scratch}`;
    const db = postgres(url.toString(), { max: 1, onnotice: () => undefined });
    try {
      await migrateDatabase(url.toString());
      await db`insert into organizations (id, name, plan) values ('org_old', 'Old', 'standard')`;
      await db`insert into audit_log (id, organization_id, actor_type, action, target_type, target_id, details)
        values ('aud_old', 'org_old', 'api_key', 'webhook.updated', 'webhook_endpoint', 'whk_old',
          ${db.json({ before: { url: slackUrl() }, after: { url: `${slackUrl()}&x#f` } })})`;
      const migration = readFileSync(path.join(__dirname, '../../drizzle/0019_redact_webhook_audit_urls.sql'), 'utf8');
      for (let run = 0; run < 2; run += 1) {
        await db.begin(async (tx) => {
          for (const statement of migration.split('--> statement-breakpoint')) await tx.unsafe(statement);
        });
      }
      const [row] = await db<{ details: any }[]>`select details from audit_log where id = 'aud_old'`;
      expect(row!.details).toEqual({ before: { url: SHOWN }, after: { url: `${SHOWN}&***` } });
    } finally {
      await db.end();
      await sql.unsafe(`drop database ${scratch} with (force)`);
    }
  });
});

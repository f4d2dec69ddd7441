import { workflowIds } from '../../src/domain/workflow-ids';
import { readFileSync } from 'node:fs';
import { createActivities } from '../../src/activities';
import { KEY_ROTATED } from '../../src/api/present/agents';
import { createDatabase } from '../../src/db/client';
import { abandonKeyRotation, requestKeyRotation } from '../../src/db/queries/agent-key-rotations';
import { AGENT_KEY_PREFIX, hashSecret, issueSecret } from '../../src/domain/keys';
import { MirAgentId, MirOperation, MirOrgId } from '../../src/workflows/search-attributes';
import { createAgent, issueKey } from '../helpers/agents';
import { startApiProcess } from '../helpers/api-process';
import { testSql } from '../helpers/db';
import { testEnv } from '../helpers/env';
import { keyHeaders } from '../helpers/events';
import { createOrg, http } from '../helpers/http';
import { describePartnerKeySecurity } from '../helpers/security';
import { eventually, useTemporalClient } from '../helpers/temporal';

const BOT = { name: 'Bot', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };

const sql = testSql();
const temporal = useTemporalClient();
afterAll(() => sql.end());

const rotate = (agentId: string, key: string, headers: Record<string, string> = {}) =>
  http('POST', `/v1/agents/${agentId}/key/rotate`, { headers: keyHeaders(key, headers) });
const me = (agentKey: string) => http('GET', '/v1/agents/me', { headers: keyHeaders(agentKey) });
const rotationAudits = (agentId: string) =>
  sql`select * from audit_log where target_id = ${agentId} and action = 'agent.key_rotated' order by created_at, id`;

async function newAgent() {
  const org = await createOrg();
  const agent = await createAgent(org.apiKey, BOT);
  return { org, agent };
}

describe('POST /v1/agents/:id/key/rotate', () => {
  it('returns a new key once; the old key is refused from that response on, twice over', async () => {
    const { org, agent } = await newAgent();
    expect((await me(agent.apiKey)).status).toBe(200);

    const first = await rotate(agent.id, org.apiKey, { 'x-request-id': `rotate-${agent.id}` });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ apiKey: expect.stringMatching(/^mir_agent_[A-Za-z0-9]{40,}$/), message: KEY_ROTATED });
    expect(first.body.apiKey).not.toBe(agent.apiKey);
    const oldRefused = await me(agent.apiKey);
    expect(oldRefused.status).toBe(401);
    expect(oldRefused.body.error).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/rotated/) });
    const withNew = await me(first.body.apiKey);
    expect(withNew.status).toBe(200);
    expect(withNew.body).toMatchObject({ id: agent.id, status: 'ACTIVE', keyPrefix: first.body.apiKey.slice(0, 16) });

    const second = await rotate(agent.id, org.apiKey);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ apiKey: expect.stringMatching(/^mir_agent_/), message: KEY_ROTATED });
    expect(second.body.apiKey).not.toBe(first.body.apiKey);
    expect((await me(first.body.apiKey)).status).toBe(401);
    expect((await me(agent.apiKey)).status).toBe(401);
    expect((await me(second.body.apiKey)).status).toBe(200);

    const [row] = await sql`select key_version, key_prefix from agents where id = ${agent.id}`;
    expect(row).toEqual({ key_version: 2, key_prefix: second.body.apiKey.slice(0, 16) });
    const rotations =
      await sql`select version, status, applied_at from agent_key_rotations where agent_id = ${agent.id} order by version`;
    expect(rotations.map((r) => [r.version, r.status, r.applied_at !== null])).toEqual([
      [1, 'APPLIED', true],
      [2, 'APPLIED', true],
    ]);
    const retired = await sql`select key_hash, reason from retired_agent_keys where agent_id = ${agent.id}`;
    expect(retired.map((r) => r.key_hash).sort()).toEqual(
      [hashSecret(agent.apiKey), hashSecret(first.body.apiKey)].sort(),
    );
    expect(retired.every((r) => r.reason === 'rotated')).toBe(true);

    // Exactly one audit entry per rotation, naming who asked and showing only the display prefix.
    const audits = await rotationAudits(agent.id);
    expect(audits).toHaveLength(2);
    const keyId = (await sql`select id from api_keys where organization_id = ${org.id}`)[0]!.id;
    expect(audits[0]).toMatchObject({ actor_type: 'api_key', actor_id: keyId, request_id: `rotate-${agent.id}` });
    expect(audits[0]!.details).toEqual({
      before: { keyPrefix: agent.apiKey.slice(0, 16), keyVersion: 0 },
      after: { keyPrefix: first.body.apiKey.slice(0, 16), keyVersion: 1 },
    });
    expect(audits[1]!.details.after).toEqual({ keyPrefix: second.body.apiKey.slice(0, 16), keyVersion: 2 });

    // The workflows are findable by business key and search attributes.
    for (const version of [1, 2]) {
      const description = await temporal.client.workflow
        .getHandle(workflowIds.keyRotation(agent.id, version))
        .describe();
      expect(description.status.name).toBe('COMPLETED');
      expect(description.type).toBe('rotateKeyWorkflow');
      expect(description.typedSearchAttributes.get(MirOperation)).toBe('key-rotate');
      expect(description.typedSearchAttributes.get(MirOrgId)).toBe(org.id);
      expect(description.typedSearchAttributes.get(MirAgentId)).toBe(agent.id);
    }

    // No plaintext key, and no hash, anywhere in Temporal's history.
    const plaintexts = [agent.apiKey, first.body.apiKey, second.body.apiKey];
    const secrets = [...plaintexts, ...plaintexts.map(hashSecret)];
    for (const version of [1, 2]) {
      const history = JSON.stringify(
        await temporal.client.workflow.getHandle(workflowIds.keyRotation(agent.id, version)).fetchHistory(),
      );
      expect(history).toContain(agent.id);
      for (const secret of secrets) expect(history).not.toContain(secret);
    }

    // Postgres holds hashes and display prefixes only.
    const stored = JSON.stringify([
      await sql`select * from agents where id = ${agent.id}`,
      await sql`select * from agent_key_rotations where agent_id = ${agent.id}`,
      await sql`select * from retired_agent_keys where agent_id = ${agent.id}`,
      await sql`select * from audit_log where target_id = ${agent.id}`,
      await sql`select * from idempotency_keys where scope like ${`org:${org.id}%`}`,
    ]);
    for (const key of plaintexts) expect(stored).not.toContain(key);

    // The stack log has recorded the rotations (so it is flushed) but never a key.
    const log = await eventually(async () => {
      const text = readFileSync(testEnv().logFile, 'utf8');
      return text.includes(`key-rotate:${agent.id}:2`) ? text : undefined;
    });
    for (const key of plaintexts) expect(log).not.toContain(key);
  });

  it('rotates a suspended agent, which stays suspended', async () => {
    const { org, agent } = await newAgent();
    const suspended = await http('POST', `/v1/agents/${agent.id}/suspend`, { headers: keyHeaders(org.apiKey) });
    expect(suspended.status).toBe(200);
    const res = await rotate(agent.id, org.apiKey);
    expect(res.status).toBe(200);
    const detail = await http('GET', `/v1/agents/${agent.id}`, { headers: keyHeaders(org.apiKey) });
    expect(detail.body).toMatchObject({ status: 'SUSPENDED', keyPrefix: res.body.apiKey.slice(0, 16) });
    expect((await me(res.body.apiKey)).body.error.code).toBe('agent_suspended');
    expect((await me(agent.apiKey)).body.error.code).toBe('unauthorized');
  });

  it('with an Idempotency-Key, a replay answers apiKey null and rotates nothing more', async () => {
    const { org, agent } = await newAgent();
    const headers = { 'idempotency-key': `rotate-once-${agent.id}` };
    const first = await rotate(agent.id, org.apiKey, headers);
    expect(first.status).toBe(200);
    expect(first.body.apiKey).toMatch(/^mir_agent_/);
    const replay = await rotate(agent.id, org.apiKey, headers);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual({ apiKey: null, message: KEY_ROTATED });
    expect((await me(first.body.apiKey)).status).toBe(200);
    expect(await rotationAudits(agent.id)).toHaveLength(1);
    const stored = JSON.stringify(await sql`select * from idempotency_keys where scope = ${`org:${org.id}`}`);
    expect(stored).not.toContain(first.body.apiKey);
  });

  it('concurrent rotations of one agent: one key wins, the other request is refused or rotates after it', async () => {
    const { org, agent } = await newAgent();
    const results = await Promise.all([rotate(agent.id, org.apiKey), rotate(agent.id, org.apiKey)]);
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('invalid_state');
    }
    const working = [];
    for (const r of ok) if ((await me(r.body.apiKey)).status === 200) working.push(r.body.apiKey);
    expect(working).toHaveLength(1);
    expect(await rotationAudits(agent.id)).toHaveLength(ok.length);
  });

  it('404 for an unknown agent or another organization’s agent', async () => {
    const { agent } = await newAgent();
    const other = await createOrg();
    const foreign = await rotate(agent.id, other.apiKey);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('agent_not_found');
    const unknown = await rotate('agent_doesnotexist', other.apiKey);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('agent_not_found');
    expect((await me(agent.apiKey)).status).toBe(200);
  });

  it('409 invalid_state for a revoked agent', async () => {
    const { org, agent } = await newAgent();
    expect((await http('POST', `/v1/agents/${agent.id}/revoke`, { headers: keyHeaders(org.apiKey) })).status).toBe(200);
    const res = await rotate(agent.id, org.apiKey);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_state');
    expect((await sql`select count(*)::int as n from agent_key_rotations where agent_id = ${agent.id}`)[0]!.n).toBe(0);
  });

  it('403 role_required for a MEMBER key; an ADMIN key may rotate', async () => {
    const { org, agent } = await newAgent();
    const member = await rotate(agent.id, await issueKey(org.id, 'MEMBER'));
    expect(member.status).toBe(403);
    expect(member.body.error.code).toBe('role_required');
    expect((await me(agent.apiKey)).status).toBe(200);
    expect((await rotate(agent.id, await issueKey(org.id, 'ADMIN'))).status).toBe(200);
  });

  it('403 for an agent key, even rotating itself', async () => {
    const { agent } = await newAgent();
    const res = await rotate(agent.id, agent.apiKey);
    expect(res.status).toBe(403);
    expect((await me(agent.apiKey)).status).toBe(200);
  });

  it('403 plan_required on the standard plan', async () => {
    const org = await createOrg(undefined, 'standard');
    const res = await rotate('agent_whatever', org.apiKey);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('plan_required');
  });

  describePartnerKeySecurity('POST', '/v1/agents/agent_doesnotexist/key/rotate');
});

describe('POST /v1/agents/:id/key/rotate without a worker', () => {
  it('503 worker_unavailable after the wait; the old key keeps working and the rotation never applies', async () => {
    // One more API process whose task queue no worker polls.
    const api = await startApiProcess({ TEMPORAL_TASK_QUEUE: 'mir-no-worker' });
    try {
      const { org, agent } = await newAgent();
      const res = await http('POST', `/v1/agents/${agent.id}/key/rotate`, {
        baseUrl: api.url,
        headers: keyHeaders(org.apiKey),
      });
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({
        code: 'worker_unavailable',
        details: { workflowId: `key-rotate:${agent.id}:1`, taskQueue: 'mir-no-worker' },
      });
      expect((await me(agent.apiKey)).status).toBe(200);
      expect(await sql`select * from agent_key_rotations where agent_id = ${agent.id}`).toHaveLength(0);
      expect(await rotationAudits(agent.id)).toHaveLength(0);

      // Version 1 is free again; the timed-out workflow id is reused by the next attempt.
      const retry = await rotate(agent.id, org.apiKey);
      expect(retry.status).toBe(200);
      expect((await me(agent.apiKey)).status).toBe(401);
      expect((await me(retry.body.apiKey)).status).toBe(200);
      expect((await sql`select key_version from agents where id = ${agent.id}`)[0]!.key_version).toBe(1);
      expect(api.proc.output()).not.toContain(agent.apiKey);
    } finally {
      await api.stop();
    }
  }, 120_000);
});

describe('applyKeyRotation activity', () => {
  const database = () => createDatabase(testEnv().databaseUrl, { max: 2 });
  const actor = { type: 'api_key' as const, id: null };

  async function pendingRotation(db: ReturnType<typeof database>['db'], organizationId: string, agentId: string) {
    const secret = issueSecret(AGENT_KEY_PREFIX);
    const requested = await requestKeyRotation(db, {
      organizationId,
      agentId,
      newKeyHash: secret.hash,
      newKeyPrefix: secret.displayPrefix,
      requestedBy: actor,
      requestId: null,
    });
    if (requested.outcome !== 'requested') throw new Error(`rotation not requested: ${requested.outcome}`);
    return { secret, rotation: requested.rotation };
  }

  it('is idempotent: a second call answers the first result and changes nothing', async () => {
    const { org, agent } = await newAgent();
    const { db, close } = database();
    try {
      const { secret, rotation } = await pendingRotation(db, org.id, agent.id);
      const activities = createActivities(db);
      const once = await activities.applyKeyRotation({ rotationId: rotation.id });
      expect(once).toEqual({
        status: 'applied',
        rotationId: rotation.id,
        agentId: agent.id,
        version: 1,
        keyPrefix: secret.displayPrefix,
        appliedAt: expect.any(String),
      });
      const [before] = await sql`select * from agents where id = ${agent.id}`;
      const twice = await activities.applyKeyRotation({ rotationId: rotation.id });
      expect(twice).toEqual(once);
      const [after] = await sql`select * from agents where id = ${agent.id}`;
      expect(after).toEqual(before);
      expect(after).toMatchObject({ key_version: 1, key_prefix: secret.displayPrefix, key_hash: secret.hash });
      expect(await rotationAudits(agent.id)).toHaveLength(1);
      expect(await sql`select * from retired_agent_keys where agent_id = ${agent.id}`).toHaveLength(1);
      expect((await me(secret.plaintext)).status).toBe(200);
    } finally {
      await close();
    }
  });

  it('never applies a rotation the API abandoned, nor one for an agent revoked meanwhile', async () => {
    const { org, agent } = await newAgent();
    const { db, close } = database();
    try {
      const activities = createActivities(db);
      const abandoned = await pendingRotation(db, org.id, agent.id);
      expect(await abandonKeyRotation(db, abandoned.rotation.id)).toBe('abandoned');
      expect(await activities.applyKeyRotation({ rotationId: abandoned.rotation.id })).toEqual({
        status: 'abandoned',
        rotationId: abandoned.rotation.id,
      });

      const late = await pendingRotation(db, org.id, agent.id);
      expect(late.rotation.version).toBe(1);
      await http('POST', `/v1/agents/${agent.id}/revoke`, { headers: keyHeaders(org.apiKey) });
      // Revocation deletes the pending rotation with every other copy of a key hash.
      expect(await activities.applyKeyRotation({ rotationId: late.rotation.id })).toEqual({
        status: 'abandoned',
        rotationId: late.rotation.id,
      });
      expect(await sql`select * from agent_key_rotations where agent_id = ${agent.id}`).toHaveLength(0);
      expect(await rotationAudits(agent.id)).toHaveLength(0);
      expect((await me(late.secret.plaintext)).status).toBe(401);
    } finally {
      await close();
    }
  });

  it('abandoning after the swap committed reports it applied, so the caller still gets its key', async () => {
    const { org, agent } = await newAgent();
    const { db, close } = database();
    try {
      const { rotation } = await pendingRotation(db, org.id, agent.id);
      await createActivities(db).applyKeyRotation({ rotationId: rotation.id });
      expect(await abandonKeyRotation(db, rotation.id)).toBe('applied');
      expect(await sql`select status from agent_key_rotations where id = ${rotation.id}`).toEqual([
        { status: 'APPLIED' },
      ]);
    } finally {
      await close();
    }
  });
});

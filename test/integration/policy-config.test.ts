import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createAgent } from '../helpers/agents';
import { testEnv } from '../helpers/env';
import { REPO_ROOT } from '../helpers/stack-process';
import { testSql } from '../helpers/db';
import { waitForDecisions } from '../helpers/decisions';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { adminHeaders, createOrg, http } from '../helpers/http';
import { describeAdminSecurity } from '../helpers/security';

const sql = testSql();
afterAll(() => sql.end());

const putAction = (orgId: string, action: string, body: unknown) =>
  http('PUT', `/admin/organizations/${orgId}/policy/actions/${action}`, { headers: adminHeaders(), body });
const evaluate = (key: string, body: unknown) => http('POST', '/policy/evaluate', { headers: keyHeaders(key), body });

const CREDENTIAL_ROTATE = {
  description: 'Rotate a credential',
  required_tier: 0,
  fail_behavior: 'limit',
  limits: { max_per_hour: 5 },
  agent: { decision: 'step_up' },
  service: { decision: 'limit', limits: { max_per_hour: 2 } },
  rules: [
    {
      id: 'bulk_rotation',
      when: [{ field: 'count', op: 'gte', value: 10 }],
      decision: 'deny',
      reason: 'context_rule_matched',
    },
  ],
};

describe('GET /policy/actions', () => {
  it('lists the five defaults, the closed reason-code set and the tier table', async () => {
    const org = await createOrg();
    const res = await http('GET', '/policy/actions', { headers: keyHeaders(org.apiKey) });
    expect(res.status).toBe(200);
    const table = res.body.actions.map((a: any) => [a.action, a.required_tier, a.fail_behavior, a.source]);
    expect(table).toEqual([
      ['checkout.complete', 1, 'step_up', 'default'],
      ['data.export_pii', 2, 'step_up', 'default'],
      ['message.send', 0, 'limit', 'default'],
      ['payout.request', 2, 'deny', 'default'],
      ['review.post', 1, 'step_up', 'default'],
    ]);
    expect(Object.keys(res.body.reason_codes)).toEqual(
      expect.arrayContaining(['tier_below_required', 'high_value_first_order', 'actor_revoked']),
    );
    expect(res.body.tiers).toEqual([
      { tier: 1, events: 10, partners: 1, days: 14 },
      { tier: 2, events: 50, partners: 2, days: 30 },
      { tier: 3, events: 200, partners: 3, days: 90 },
    ]);
    const one = await http('GET', '/policy/actions/checkout.complete', { headers: keyHeaders(org.apiKey) });
    expect(one.body.rules[0]).toMatchObject({ id: 'high_value_first_order', decision: 'step_up' });
    const missing = await http('GET', '/policy/actions/finance.approve_payment', { headers: keyHeaders(org.apiKey) });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('unknown_action');
  });
});

describe('PUT/DELETE /admin/organizations/:id/policy/actions/:action', () => {
  it('overrides a default for one organisation only, audited, and reverts on delete', async () => {
    const a = await createOrg();
    const b = await createOrg();
    const newcomer = uniqueUserId();
    const put = await putAction(a.id, 'payout.request', { required_tier: 0, fail_behavior: 'step_up' });
    expect(put.status).toBe(200);
    const effective = await http('GET', '/policy/actions/payout.request', { headers: keyHeaders(a.apiKey) });
    expect(effective.body).toMatchObject({
      required_tier: 0,
      fail_behavior: 'step_up',
      source: 'default_overridden',
      description: 'Request a payout',
    });
    expect((await evaluate(a.apiKey, { actor_id: newcomer, action: 'payout.request' })).body).toMatchObject({
      decision: 'step_up',
      reasons: ['no_history'],
    });
    expect((await evaluate(b.apiKey, { actor_id: newcomer, action: 'payout.request' })).body.decision).toBe('deny');
    const audit =
      await sql`select action, details from audit_log where organization_id = ${a.id} and target_id = 'payout.request'`;
    expect(audit).toEqual([
      { action: 'policy_action.set', details: { before: null, after: { required_tier: 0, fail_behavior: 'step_up' } } },
    ]);
    expect(
      (await http('DELETE', `/admin/organizations/${a.id}/policy/actions/payout.request`, { headers: adminHeaders() }))
        .status,
    ).toBe(200);
    expect((await evaluate(a.apiKey, { actor_id: newcomer, action: 'payout.request' })).body.decision).toBe('deny');
    expect(
      (await http('DELETE', `/admin/organizations/${a.id}/policy/actions/payout.request`, { headers: adminHeaders() }))
        .status,
    ).toBe(404);
  });

  it('adds a custom action with its own rules, which evaluate without code changes', async () => {
    const org = await createOrg();
    expect((await putAction(org.id, 'credential.rotate', CREDENTIAL_ROTATE)).status).toBe(200);
    const svc = await createAgent(org.apiKey, {
      name: 'svc-bot',
      type: 'SERVICE_ACCOUNT',
      preset: 'reconciler',
      agentExternalId: 'svc-bot',
    });
    const limited = await evaluate(org.apiKey, {
      actor: { id: 'svc-bot', type: 'service' },
      action: 'credential.rotate',
    });
    expect(limited.body).toMatchObject({ decision: 'limit', limits: { max_per_hour: 2 } });
    const many = await evaluate(org.apiKey, {
      actor: { id: svc.id, type: 'service' },
      action: 'credential.rotate',
      context: { count: 12 },
    });
    expect(many.body).toMatchObject({ decision: 'deny', reasons: ['context_rule_matched'] });
    const listed = await http('GET', '/policy/actions', { headers: keyHeaders(org.apiKey) });
    expect(listed.body.actions.find((x: any) => x.action === 'credential.rotate').source).toBe('custom');
    expect((await evaluate((await createOrg()).apiKey, { actor_id: 'u', action: 'credential.rotate' })).status).toBe(
      404,
    );
  });

  it('rejects an incomplete custom action, unknown fields, bad rules and bad names, storing nothing', async () => {
    const org = await createOrg();
    const bad = [
      ['credential.rotate', { required_tier: 1 }],
      ['payout.request', { required_tier: 5 }],
      ['payout.request', { fail_behavior: 'explode' }],
      ['payout.request', { score_threshold: 10 }],
      ['payout.request', { rules: [{ id: 'r', when: [], decision: 'deny', reason: 'context_rule_matched' }] }],
      [
        'payout.request',
        { rules: [{ id: 'r', when: [{ field: 'x', op: 'gt', value: 1 }], decision: 'deny', reason: 'made_up' }] },
      ],
      ['Payout', { required_tier: 1 }],
    ] as const;
    for (const [action, body] of bad) {
      const res = await putAction(org.id, action, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await putAction('org_missing', 'payout.request', { required_tier: 1 })).status).toBe(404);
    expect((await sql`select count(*)::int as n from policy_actions where organization_id = ${org.id}`)[0]!.n).toBe(0);
  });

  it('is scriptable: npm run mir -- policy set / delete', async () => {
    const org = await createOrg();
    const env = { ...process.env, MIR_API_URL: testEnv().apiUrl, MIR_ADMIN_TOKEN: testEnv().adminToken };
    const mir = (...args: string[]) =>
      promisify(execFile)('npm', ['run', '-s', 'mir', '--', ...args], { cwd: REPO_ROOT, env });
    const set = await mir(
      'policy',
      'set',
      '--org',
      org.id,
      '--action',
      'review.post',
      '--required-tier',
      '0',
      '--json',
    );
    expect(JSON.parse(set.stdout.trim().split('\n').pop()!)).toMatchObject({
      action: 'review.post',
      config: { required_tier: 0 },
    });
    const effective = await http('GET', '/policy/actions/review.post', { headers: keyHeaders(org.apiKey) });
    expect(effective.body).toMatchObject({ required_tier: 0, source: 'default_overridden' });
    await mir(
      'policy',
      'set',
      '--org',
      org.id,
      '--action',
      'credential.rotate',
      '--config',
      JSON.stringify(CREDENTIAL_ROTATE),
    );
    expect((await http('GET', '/policy/actions/credential.rotate', { headers: keyHeaders(org.apiKey) })).status).toBe(
      200,
    );
    await mir('policy', 'delete', '--org', org.id, '--action', 'review.post');
    expect(
      (await http('GET', '/policy/actions/review.post', { headers: keyHeaders(org.apiKey) })).body.required_tier,
    ).toBe(1);
    await expect(
      mir('policy', 'set', '--org', org.id, '--action', 'review.post', '--required-tier', '9'),
    ).rejects.toThrow(/validation_failed/);
  });

  describeAdminSecurity('PUT', '/admin/organizations/org_x/policy/actions/payout.request', { required_tier: 1 });
});

describe('GET /policy/decisions', () => {
  it('records every decision with its inputs; filters and pages; other organisations see nothing', async () => {
    const org = await createOrg();
    const other = await createOrg();
    const alice = uniqueUserId('alice');
    const single = await evaluate(org.apiKey, {
      actor_id: alice,
      action: 'checkout.complete',
      context: { amount_usd: 10 },
    });
    await http('POST', '/policy/evaluate/bulk', {
      headers: keyHeaders(org.apiKey),
      body: {
        evaluations: [
          { actor_id: alice, action: 'message.send' },
          { actor_id: 'bob', action: 'payout.request' },
          { actor_id: 'x', action: 'no.such' },
        ],
      },
    });
    const all = await waitForDecisions(org.apiKey, '', 3);
    expect(all.body.decisions).toHaveLength(3); // the unknown action is an error, not a decision
    const first = all.body.decisions.find((d: any) => d.decision_id === single.body.decision_id);
    expect(first).toEqual({
      decision_id: single.body.decision_id,
      actor: { id: alice, type: 'human' },
      action: 'checkout.complete',
      decision: 'step_up',
      reasons: ['tier_below_required'],
      actor_tier: 0,
      inputs: expect.objectContaining({ context: { amount_usd: 10 } }),
      created_at: expect.any(String),
    });
    const pick = async (q: string) =>
      (await waitForDecisions(org.apiKey, q, 1)).body.decisions.map((d: any) => d.action).sort();
    expect(await pick('?decision=deny')).toEqual(['payout.request']);
    expect(await pick('?action=message.send')).toEqual(['message.send']);
    expect(await pick(`?actor_id=${alice}`)).toEqual(['checkout.complete', 'message.send']);
    const from = new Date(Date.now() - 60_000).toISOString();
    expect((await pick(`?from=${from}&to=${new Date(Date.now() + 60_000).toISOString()}`)).length).toBe(3);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await http('GET', `/policy/decisions?limit=2${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: keyHeaders(org.apiKey),
      });
      seen.push(...page.body.decisions.map((d: any) => d.decision_id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    expect((await http('GET', '/policy/decisions', { headers: keyHeaders(other.apiKey) })).body.decisions).toEqual([]);
    expect((await http('GET', '/policy/decisions?decision=maybe', { headers: keyHeaders(org.apiKey) })).status).toBe(
      400,
    );
  });
});

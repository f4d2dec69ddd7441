import { buildMiraRoutes } from '../../src/api/mira/routes';
import { buildRoutes } from '../../src/api/routes';
import { createAgent } from '../helpers/agents';
import { keyHeaders, uniqueUserId } from '../helpers/events';
import { setSpawnPolicy, spawn } from '../helpers/spawn';
import { createOrg, freshLoopback, http, postFrom, type HttpResult } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { freshDomain, importMembers, listInvites } from '../helpers/members';
import { bearer, createMiraOrg, createRep, finishedMeeting, meetingBody, mira, submitMeeting } from '../helpers/mira';
import { GOOD_CALL } from '../helpers/mira-transcripts';
import { WebhookReceiver } from '../helpers/webhook-receiver';

jest.setTimeout(180_000);

/**
 * Tenant isolation, table-driven: every route that names a resource by id answers another
 * organisation (or another person) with the 404 an unknown id gets, and changes nothing. The
 * first test holds the table to the route registries, so a new id route cannot go without a row.
 */
type Caller = 'org' | 'mira-org' | 'person';
type Row = [method: string, route: string, caller: Caller, url: (a: OrgA) => string, code: string, body?: unknown];

/** Id routes that are no tenant's resource, and why. */
const EXEMPT: Record<string, string> = {
  'GET /policy/actions/:action': "an action of the catalogue; each organisation's overrides: policy-config.test.ts",
};

const template = (name: string) => ({
  name,
  prompt_template: 'Evaluate the sales rep...',
  grading_criteria: [{ name: 'Discovery', weight: 100 }],
  coaching_tone: 'encouraging',
  call_type: 'discovery',
});

const ROWS: Row[] = [
  ...['revoke', 'rotate'].map((action): Row => [
    'POST',
    `/portal/api/keys/:id/${action}`,
    'org',
    (a) => `/portal/api/keys/${a.key}/${action}`,
    'not_found',
  ]),
  ['GET', '/v1/agents/:id', 'org', (a) => `/v1/agents/${a.agent}`, 'agent_not_found'],
  ['PATCH', '/v1/agents/:id', 'org', (a) => `/v1/agents/${a.agent}`, 'agent_not_found', { name: 'stolen' }],
  ...['suspend', 'reactivate', 'revoke', 'key/rotate', 'revoke-descendants'].map((action): Row => [
    'POST',
    `/v1/agents/:id/${action}`,
    'org',
    (a) => `/v1/agents/${a.agent}/${action}`,
    'agent_not_found',
  ]),
  ['POST', '/v1/agents/:id/spawn', 'org', (a) => `/v1/agents/${a.agent}/spawn`, 'agent_not_found', { name: 'x' }],
  ['GET', '/v1/agents/:id/lineage', 'org', (a) => `/v1/agents/${a.agent}/lineage`, 'agent_not_found'],
  [
    'GET',
    '/v1/agents/revocations/:operationId',
    'org',
    (a) => `/v1/agents/revocations/${a.operation}`,
    'revocation_not_found',
  ],
  ...['', '/approve', '/reject'].map((action): Row => [
    action ? 'POST' : 'GET',
    `/v1/agents/spawn-requests/:id${action}`,
    'org',
    (a) => `/v1/agents/spawn-requests/${a.spawnRequest}${action}`,
    'spawn_request_not_found',
  ]),
  [
    'DELETE',
    '/enterprise/api/members/invites/:id',
    'org',
    (a) => `/enterprise/api/members/invites/${a.invite}`,
    'invite_not_found',
  ],
  [
    'PATCH',
    '/enterprise/api/members/:id',
    'org',
    (a) => `/enterprise/api/members/${a.member}`,
    'member_not_found',
    { role: 'OWNER' },
  ],
  ...(
    [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/secret/rotate'],
      ['POST', '/test'],
      ['GET', '/deliveries'],
    ] as const
  ).map(([method, rest]): Row => [
    method,
    `/v1/webhooks/:id${rest}`,
    'org',
    (a) => `/v1/webhooks/${a.webhook}${rest}`,
    'webhook_not_found',
    method === 'PATCH' ? { enabled: false } : undefined,
  ]),
  [
    'POST',
    '/v1/webhooks/:id/deliveries/:deliveryId/retry',
    'org',
    (a) => `/v1/webhooks/${a.webhook}/deliveries/${a.delivery}/retry`,
    'webhook_not_found',
  ],
  // B's own endpoint with A's delivery: the delivery is looked up within B too.
  [
    'POST',
    '/v1/webhooks/:id/deliveries/:deliveryId/retry',
    'org',
    (a) => `/v1/webhooks/${a.webhookOfB}/deliveries/${a.delivery}/retry`,
    'delivery_not_found',
  ],
  ['DELETE', '/v1/me/links/:partnerId', 'person', (a) => `/v1/me/links/${a.orgId}`, 'not_found'],
  // Another person leaving A's organisation (its ends are tested in me-memberships.test.ts).
  ['DELETE', '/v1/me/memberships/:orgId', 'person', (a) => `/v1/me/memberships/${a.orgId}`, 'not_found'],
  ['GET', '/v1/users/regulations/:id', 'org', (a) => `/v1/users/regulations/${a.regulation}`, 'regulation_not_found'],
  ['GET', '/v1/me/exports/:id', 'person', (a) => `/v1/me/exports/${a.export}`, 'not_found'],
  ['DELETE', '/v1/me/credentials/:id', 'person', (a) => `/v1/me/credentials/${a.credential}`, 'not_found'],
  ['GET', '/v1/me/exports/:id/download', 'person', (a) => `/v1/me/exports/${a.export}/download`, 'not_found'],
  ['GET', '/meetings/:id', 'mira-org', (a) => `/meetings/${a.meeting}`, 'not_found'],
  ['GET', '/meetings/:id/report', 'mira-org', (a) => `/meetings/${a.meeting}/report`, 'not_found'],
  ['GET', '/reports/:id', 'mira-org', (a) => `/reports/${a.report}`, 'not_found'],
  ['GET', '/roleplay/sessions/:id', 'mira-org', (a) => `/roleplay/sessions/${a.session}`, 'not_found'],
  ['GET', '/templates/:id', 'mira-org', (a) => `/templates/${a.template}`, 'not_found'],
  ['PATCH', '/templates/:id', 'mira-org', (a) => `/templates/${a.template}`, 'not_found', { name: 'stolen' }],
  ['PUT', '/templates/:id', 'mira-org', (a) => `/templates/${a.template}`, 'not_found', template('stolen')],
  ['DELETE', '/templates/:id', 'mira-org', (a) => `/templates/${a.template}`, 'not_found'],
];

interface OrgA {
  orgId: string;
  partnerKey: string;
  agent: string;
  operation: string;
  spawnRequest: string;
  invite: string;
  member: string;
  webhook: string;
  webhookOfB: string;
  delivery: string;
  miraKey: string;
  meeting: string;
  report: string;
  session: string;
  template: string;
  personToken: string;
  regulation: string;
  export: string;
  credential: string;
  /** A's own partner key, by id. */
  key: string;
}

const receiver = new WebhookReceiver();
let a: OrgA;
/** What B calls with: its OWNER key, its Mira key, a person of its own. */
let b: Record<Caller, string>;

async function ok(res: Promise<Pick<HttpResult, 'status' | 'body'>>, status: number) {
  const answer = await res;
  if (answer.status !== status)
    throw new Error(`expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function makeOrgA(url: string): Promise<OrgA> {
  const org = await createOrg();
  const h = keyHeaders(org.apiKey);
  await setSpawnPolicy(org.apiKey, { enabled: true, maxDepth: 2, requireApprovalFromDepth: 1 });
  const agent = await createAgent(org.apiKey, { name: 'A bot', type: 'SERVICE_ACCOUNT', preset: 'event_emitter' });
  const victim = await createAgent(org.apiKey, { name: 'A victim', type: 'SERVICE_ACCOUNT', preset: 'event_emitter' });
  const pending = await spawn(org.apiKey, agent.id, { name: 'A pending child' });
  const killed = await ok(http('POST', `/v1/agents/${victim.id}/revoke-descendants`, { headers: h }), 202);
  const d = freshDomain();
  await ok(importMembers(org.apiKey, { members: [`x@${d}`] }), 200);
  const [invite] = (await listInvites(org.apiKey)).body.invites;
  const hook = await ok(http('POST', '/v1/webhooks', { headers: h, body: { url, eventTypes: ['*'] } }), 201);
  const sent = await ok(http('POST', `/v1/webhooks/${hook.id}/test`, { headers: h }), 202);
  const regulated = await ok(
    http('POST', '/v1/users/regulations', { headers: h, body: { type: 'SUPPRESS', userIds: [uniqueUserId()] } }),
    202,
  );

  const person = await signupAndLogin();
  await ok(importMembers(org.apiKey, { members: [person.email] }), 200);
  const [member] = (await http('GET', '/enterprise/api/members', { headers: h })).body.members;
  const code = await ok(http('POST', '/partners/link/code', { headers: h, body: { userId: uniqueUserId() } }), 201);
  // From an address of its own: the per-address code throttle is shared with other tests.
  await ok(postFrom(freshLoopback(), '/v1/me/links/code', { code: code.code }, { headers: bearer(person.token) }), 200);
  const exported = await ok(http('POST', '/v1/me/exports', { headers: bearer(person.token) }), 202);
  const credential = await ok(http('POST', '/v1/me/credentials', { headers: bearer(person.token), body: {} }), 201);
  const key = await ok(http('POST', '/portal/api/keys', { headers: h, body: { role: 'MEMBER' } }), 201);

  const m = await createMiraOrg();
  const rep = await createRep(m);
  const meeting = await submitMeeting(m, meetingBody(rep));
  const session = await ok(
    mira('POST', '/roleplay/sessions', m.key, { user_id: rep, scenario: 'Cold call', transcript: GOOD_CALL }),
    202,
  );
  const made = await ok(mira('POST', '/templates', m.key, template('A template')), 201);
  await finishedMeeting(m, meeting);
  const report = (await mira('GET', `/meetings/${meeting}/report`, m.key)).body.data[0].id as string;
  return {
    orgId: org.id,
    partnerKey: org.apiKey,
    agent: agent.id,
    operation: killed.operationId,
    spawnRequest: pending.body.spawnRequestId,
    invite: invite.id,
    member: member.id,
    webhook: hook.id,
    webhookOfB: '',
    delivery: sent.deliveryId,
    miraKey: m.key,
    meeting,
    report,
    session: session.data.id,
    template: made.data.id,
    personToken: person.token,
    regulation: regulated.regulationId,
    export: exported.exportId,
    credential: credential.id,
    key: key.id,
  };
}

beforeAll(async () => {
  const url = await receiver.start();
  a = await makeOrgA(url);
  const orgB = await createOrg();
  await setSpawnPolicy(orgB.apiKey, { enabled: true, maxDepth: 2 });
  const hookOfB = await ok(
    http('POST', '/v1/webhooks', { headers: keyHeaders(orgB.apiKey), body: { url, eventTypes: ['*'] } }),
    201,
  );
  a.webhookOfB = hookOfB.id;
  b = { org: orgB.apiKey, 'mira-org': (await createMiraOrg()).key, person: (await signupAndLogin()).token };
});

afterAll(() => receiver.stop());

function callAs(caller: Caller, method: string, url: string, body?: unknown) {
  if (caller === 'mira-org') return mira(method, url, b['mira-org'], body);
  const headers = caller === 'person' ? bearer(b.person) : keyHeaders(b.org);
  return http(method, url, { headers, body });
}

describe('tenant isolation on every resource', () => {
  it('the table names every id route of the MIR and Mira APIs', () => {
    const idRoutes = [...buildRoutes().filter((r) => r.auth === 'partner' || r.auth === 'user'), ...buildMiraRoutes()]
      .filter((r) => r.path.includes(':'))
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const covered = new Set([...ROWS.map(([m, route]) => `${m} ${route}`), ...Object.keys(EXEMPT)]);
    expect(idRoutes.filter((r) => !covered.has(r))).toEqual([]);
  });

  // Always four arguments: jest takes a test function with more parameters than its row has values as a callback test.
  const cases = ROWS.map(
    ([method, route, caller, url, code, body]) => [method, route, caller, { url, code, body }] as const,
  );
  it.each(cases)("%s %s by another %s: the unknown id's 404, nothing changed", async (method, _route, caller, row) => {
    const res = await callAs(caller, method, row.url(a), row.body);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe(row.code);
  });

  it('all of them at once: every one the same 404', async () => {
    const answers = await Promise.all(
      cases.map(([method, , caller, row]) => callAs(caller, method, row.url(a), row.body)),
    );
    expect(answers.map((r) => [r.status, r.body.error.code])).toEqual(cases.map(([, , , row]) => [404, row.code]));
  });

  it("A's ids spelt otherwise (case, percent-encoding, NUL, trailing slash) are no way round", async () => {
    const spellings = (id: string) => [
      id.toUpperCase(),
      [...id].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
      `${id}%00`,
      `${id}/`,
    ];
    for (const url of spellings(a.agent).map((id) => `/v1/agents/${id}`)) {
      const res = await callAs('org', 'GET', url);
      expect([url, [400, 404].includes(res.status)]).toEqual([url, true]);
      expect(res.text).not.toContain('A bot');
    }
    for (const url of spellings(a.meeting).map((id) => `/meetings/${id}`)) {
      const res = await callAs('mira-org', 'GET', url);
      expect([url, [400, 404].includes(res.status)]).toEqual([url, true]);
      expect(res.text).not.toContain('Acme'); // the meeting's prospect
    }
  });

  it("afterwards, organisation A's resources are as they were", async () => {
    const h = keyHeaders(a.partnerKey);
    expect((await http('GET', `/v1/agents/${a.agent}`, { headers: h })).body).toMatchObject({
      name: 'A bot',
      status: 'ACTIVE',
    });
    const request = await http('GET', `/v1/agents/spawn-requests/${a.spawnRequest}`, { headers: h });
    expect(request.body.status).toBe('PENDING_APPROVAL');
    const invites = (await listInvites(a.partnerKey)).body.invites;
    expect(invites.find((i: { id: string }) => i.id === a.invite).status).toBe('PENDING');
    const members = (await http('GET', '/enterprise/api/members', { headers: h })).body.members;
    expect(members.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([[a.member, 'MEMBER']]);
    expect((await http('GET', `/v1/webhooks/${a.webhook}`, { headers: h })).body.enabled).toBe(true);
    const deliveries = await http('GET', `/v1/webhooks/${a.webhook}/deliveries`, { headers: h });
    // No retry of A's delivery was made (it subscribes to everything, so A's own events are there too).
    expect(deliveries.body.deliveries.filter((d: { retryOf: string | null }) => d.retryOf !== null)).toEqual([]);
    const links = await http('GET', '/v1/me/links', { headers: bearer(a.personToken) });
    expect(links.body.links.map((l: { partner: { id: string } }) => l.partner.id)).toEqual([a.orgId]);
    expect((await mira('GET', `/templates/${a.template}`, a.miraKey)).body.data.name).toBe('A template');
  });
});

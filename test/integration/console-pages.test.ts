import { consoleClient, consoleOrg, pendingSpawn, spawnRequest } from '../helpers/console';
import { signupAndLogin } from '../helpers/linking';
import { http } from '../helpers/http';
import { addMembers, asMember, createOrgFor } from '../helpers/member-sessions';
import { csrfOf } from '../helpers/page-client';
import { spawnChild } from '../helpers/spawn';
import { eventually, useTemporalClient, whenStarted } from '../helpers/temporal';

/**
 * The console over plain HTTP: who may open which organisation's pages, the forms' CSRF check, and
 * spawn decisions through the approval workflow, one decision whatever races.
 */
jest.setTimeout(120_000);
const temporal = useTemporalClient();

let setup: Awaited<ReturnType<typeof consoleOrg>>;
let otherOrgId: string;
beforeAll(async () => {
  setup = await consoleOrg();
  otherOrgId = (await createOrgFor(await signupAndLogin())).id;
});
const page = (orgId: string, path: string) => `/console/orgs/${orgId}${path}`;

describe('who sees which organisation in the console', () => {
  it('no session: sent to log in, and the login page keeps where to come back to', async () => {
    const client = consoleClient({ id: '', email: '', token: '' });
    client.cookies.clear();
    const res = await client.get(page(setup.org.id, '/spawn-requests'));
    expect(res.status).toBe(303);
    const path = page(setup.org.id, '/spawn-requests');
    expect(res.location).toBe(`/account/login?next=${encodeURIComponent(path)}`);
    const login = await client.get(res.location!);
    expect(login.html).toContain(`name="next" value="${path}"`);
  });

  it('the switcher lists the organisations the person is a member of, with their role', async () => {
    const res = await consoleClient(setup.admin).get('/console');
    expect(res.status).toBe(200);
    expect(res.html).toContain(`data-org="${setup.org.id}"`);
    expect(res.html).toContain('Console &lt;b&gt;Org&lt;/b&gt;');
    expect(res.html).toMatch(/<\/a\s*>\s*as ADMIN/);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('a non-member gets 404 for the organisation, the same as for an unknown one', async () => {
    const client = consoleClient(setup.admin);
    for (const orgId of [otherOrgId, 'org_0000000000nothere']) {
      for (const path of ['/spawn-requests', '/agents', '/agents/tree']) {
        const res = await client.get(page(orgId, path));
        expect([orgId, path, res.status]).toEqual([orgId, path, 404]);
        expect(res.html).toContain('Organisation not found');
      }
    }
  });

  it('an ANALYST gets 403 for the spawn page and for its POST, even with a valid CSRF pair', async () => {
    const { spawnRequestId } = await pendingSpawn(setup.org, setup.parentId, undefined, 'analyst-try');
    const client = consoleClient(setup.analyst);
    expect((await client.get(page(setup.org.id, '/spawn-requests'))).status).toBe(403);
    client.cookies.set('mir_csrf', 'a'.repeat(43));
    const post = await client.post(page(setup.org.id, `/spawn-requests/${spawnRequestId}/approve`), {
      csrf: 'a'.repeat(43),
    });
    expect(post.status).toBe(403);
    expect(post.html).toContain('Your role cannot do this');
    expect((await spawnRequest(setup.admin, setup.org.id, spawnRequestId)).body.status).toBe('PENDING_APPROVAL');
  });

  it('odd bytes in :orgId, :agentId or a request id answer 400 or 404, never 500', async () => {
    const client = consoleClient(setup.admin);
    const o = setup.org.id;
    const paths = [
      '/console/orgs/%ff/spawn-requests',
      '/console/orgs/org_x%00/agents',
      `/console/orgs/${'org_'.padEnd(300, 'z')}/agents`,
      '/console/orgs/%27%22%3Cscript%3E/agents',
      page(o, '/agents/%00'),
      page(o, '/agents/a%E9b'),
      page(o, '/agents/%ff%fe'),
      page(o, `/agents/${'x'.repeat(500)}`),
      page(o, '/agents/%2e%2e/kill-switch'),
      page(o, '/revocations/rvk_%00'),
      page(o, '/agents?cursor=%00%ff'),
    ];
    for (const path of paths) {
      const res = await client.get(path);
      expect([path, [400, 404].includes(res.status)]).toEqual([path, true]);
    }
    const form = await client.get(page(o, '/spawn-requests'));
    const post = await client.submit(page(o, '/spawn-requests/spr_%00%ff/approve'), form);
    expect([400, 404]).toContain(post.status);
  });
});

describe('spawn decisions in the console', () => {
  it('a form without its CSRF token is refused and decides nothing', async () => {
    const { spawnRequestId } = await pendingSpawn(setup.org, setup.parentId, undefined, 'csrf-try');
    const client = consoleClient(setup.admin);
    await client.get(page(setup.org.id, '/spawn-requests'));
    const res = await client.post(page(setup.org.id, `/spawn-requests/${spawnRequestId}/approve`), { reason: 'x' });
    expect(res.status).toBe(403);
    expect(res.html).toContain('nothing was done');
    expect((await spawnRequest(setup.admin, setup.org.id, spawnRequestId)).body.status).toBe('PENDING_APPROVAL');
  });

  it('the requester cannot approve their own request through the console; another ADMIN can', async () => {
    const { spawnRequestId, workflowId } = await pendingSpawn(setup.org, setup.parentId, setup.admin, 'own');
    await whenStarted(temporal.client, workflowId);
    const own = consoleClient(setup.admin);
    const form = await own.get(page(setup.org.id, '/spawn-requests'));
    expect(form.html).toContain(`data-request="${spawnRequestId}"`);
    const forged = await own.submit(page(setup.org.id, `/spawn-requests/${spawnRequestId}/approve`), form);
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('You cannot decide your own request');
    expect((await spawnRequest(setup.admin2, setup.org.id, spawnRequestId)).body.status).toBe('PENDING_APPROVAL');

    const other = consoleClient(setup.admin2);
    const page2 = await other.get(page(setup.org.id, '/spawn-requests'));
    const done = await other.submit(page(setup.org.id, `/spawn-requests/${spawnRequestId}/reject`), page2, {
      reason: 'not now',
    });
    expect([done.status, done.location]).toEqual([303, page(setup.org.id, '/spawn-requests?notice=rejected')]);
    const after = await spawnRequest(setup.admin, setup.org.id, spawnRequestId);
    expect(after.body).toMatchObject({
      status: 'REJECTED',
      decisionReason: 'not now',
      decidedBy: { type: 'user', id: setup.admin2.id, via: 'session' },
    });
  });

  it('two approve posts at once make one decision; the other is told it was already decided', async () => {
    const { spawnRequestId, workflowId } = await pendingSpawn(setup.org, setup.parentId, undefined, 'race');
    await whenStarted(temporal.client, workflowId);
    const [a, b] = [consoleClient(setup.admin), consoleClient(setup.admin2)];
    const [pa, pb] = await Promise.all([a, b].map((c) => c.get(page(setup.org.id, '/spawn-requests'))));
    const url = page(setup.org.id, `/spawn-requests/${spawnRequestId}/approve`);
    const answers = await Promise.all([a.post(url, { csrf: csrfOf(pa!) }), b.post(url, { csrf: csrfOf(pb!) })]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(answers.find((r) => r.status === 409)!.html).toContain('Already decided: that request is APPROVED');
    const winner = answers[0]!.status === 303 ? setup.admin : setup.admin2;
    const after = await spawnRequest(setup.owner, setup.org.id, spawnRequestId);
    expect(after.body).toMatchObject({ status: 'APPROVED', decidedBy: { type: 'user', id: winner.id } });
  });
});

describe('the audit log in the console', () => {
  it('an ANALYST reads it with the API filters; the switcher leads them there', async () => {
    const client = consoleClient(setup.analyst);
    const switcher = await client.get('/console');
    expect(switcher.html).toContain(`href="${page(setup.org.id, '/audit')}"`);
    const all = await client.get(page(setup.org.id, '/audit?action=members.*'));
    expect(all.status).toBe(200);
    expect(all.html).toContain('data-action="members.imported"');
    expect(all.html).not.toContain('data-action="agent.');
    const none = await client.get(page(setup.org.id, '/audit?action=members.*&actorType=agent'));
    expect(none.html).toContain('id="no-entries"');
  });

  it('filters the API refuses are a 400 page that says why and lists nothing', async () => {
    const client = consoleClient(setup.analyst);
    for (const query of [
      'action=a*b',
      'from=yesterday',
      'actorType=robot',
      'cursor=bm90LWEtY3Vyc29y',
      'targetId=x'.padEnd(80, 'x'),
    ]) {
      const res = await client.get(page(setup.org.id, `/audit?${query}`));
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.html).toContain('Those filters were not understood');
    }
    // Control bytes are refused at the door, before any page, as for every URL of the API.
    expect((await client.get(page(setup.org.id, '/audit?action=%00'))).status).toBe(400);
    // A filter the API takes is shown back as text in the form, never as markup.
    const odd = await client.get(page(setup.org.id, '/audit?action=%3Cscript%3E%22'));
    expect(odd.status).toBe(200);
    expect(odd.html).toContain('value="&lt;script&gt;&quot;"');
    expect(odd.html).not.toContain('<script>');
  });
});

describe('members, and a role or membership that changes after the page was loaded', () => {
  it('an ANALYST lists the members with their roles; a cursor the API never issued is 400', async () => {
    const client = consoleClient(setup.analyst);
    const res = await client.get(page(setup.org.id, '/members'));
    expect(res.status).toBe(200);
    expect(res.html.match(/data-member="mbr_/g)).toHaveLength(4);
    expect(res.html).toContain(setup.admin2.email);
    expect((await client.get(page(setup.org.id, '/members?cursor=bm9wZQ'))).status).toBe(400);
  });

  it('an ADMIN demoted after loading the page cannot approve with its form; one who left gets 404', async () => {
    const [demoted, leaving] = await addMembers(setup.org.apiKey, ['ADMIN', 'ADMIN']);
    const { spawnRequestId, workflowId } = await pendingSpawn(setup.org, setup.parentId, undefined, 'changed');
    await whenStarted(temporal.client, workflowId);
    const client = consoleClient(demoted!);
    const form = await client.get(page(setup.org.id, '/spawn-requests'));
    expect(form.status).toBe(200);
    const members = await http('GET', '/enterprise/api/members?limit=200', {
      headers: asMember(setup.owner, setup.org.id),
    });
    const id = members.body.members.find((m: { email: string }) => m.email === demoted!.email).id;
    const patched = await http('PATCH', `/enterprise/api/members/${id}`, {
      headers: asMember(setup.owner, setup.org.id),
      body: { role: 'ANALYST' },
    });
    expect(patched.status).toBe(200);
    const post = await client.submit(page(setup.org.id, `/spawn-requests/${spawnRequestId}/approve`), form);
    expect(post.status).toBe(403);
    expect((await spawnRequest(setup.owner, setup.org.id, spawnRequestId)).body.status).toBe('PENDING_APPROVAL');

    const gone = consoleClient(leaving!);
    expect((await gone.get(page(setup.org.id, '/agents'))).status).toBe(200);
    const left = await http('DELETE', `/v1/me/memberships/${setup.org.id}`, {
      headers: { authorization: `Bearer ${leaving!.token}` },
    });
    expect(left.status).toBe(200);
    expect((await gone.get(page(setup.org.id, '/agents'))).status).toBe(404);
  });
});

describe('the kill switch in the console', () => {
  it('the confirmation counts the subtree; two confirms at once start one operation, which completes', async () => {
    const top = await spawnChild(setup.org.apiKey, setup.parentId, { name: 'top', permissions: ['events:write'] });
    for (const name of ['k1', 'k2'])
      await spawnChild(setup.org.apiKey, top.id, { name, permissions: ['events:write'] });
    const [a, b] = [consoleClient(setup.admin), consoleClient(setup.admin2)];
    const confirm = await a.get(page(setup.org.id, `/agents/${top.id}/kill-switch`));
    expect(confirm.status).toBe(200);
    expect(confirm.html).toMatch(/This revokes <strong>3<\/strong> agents/);
    const other = await b.get(page(setup.org.id, `/agents/${top.id}/kill-switch`));
    const url = page(setup.org.id, `/agents/${top.id}/kill-switch`);
    const answers = await Promise.all([
      a.post(url, { csrf: csrfOf(confirm), reason: 'runaway' }),
      b.post(url, { csrf: csrfOf(other) }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([303, 303]);
    expect(answers[0]!.location).toMatch(new RegExp(`^${page(setup.org.id, '/revocations/rvk_')}`));
    expect(answers[1]!.location).toBe(answers[0]!.location);
    const done = await eventually(async () => {
      const progress = await a.get(answers[0]!.location!);
      return progress.html.includes('id="revocation-status">COMPLETED') ? progress : undefined;
    }, 60_000);
    expect(done.html).toContain('3 of 3');
    expect(done.html).not.toContain('http-equiv="refresh"');
    const agent = await a.get(page(setup.org.id, `/agents/${top.id}`));
    expect(agent.html).toContain('id="agent-status">REVOKED');
    expect(agent.html).not.toContain('id="kill-switch"');
  });

  it('an ANALYST cannot open the kill switch or pull it', async () => {
    const client = consoleClient(setup.analyst);
    const url = page(setup.org.id, `/agents/${setup.parentId}/kill-switch`);
    expect((await client.get(url)).status).toBe(403);
    client.cookies.set('mir_csrf', 'b'.repeat(43));
    expect((await client.post(url, { csrf: 'b'.repeat(43) })).status).toBe(403);
    const agent = await http('GET', `/v1/agents/${setup.parentId}`, { headers: asMember(setup.owner, setup.org.id) });
    expect(agent.body.status).toBe('ACTIVE');
  });
});

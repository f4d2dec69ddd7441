import { consoleClient, consoleOrg, pendingSpawn } from '../helpers/console';
import { waitForDecisions } from '../helpers/decisions';
import { testSql } from '../helpers/db';
import { keyHeaders } from '../helpers/events';
import { http } from '../helpers/http';
import { signupAndLogin } from '../helpers/linking';
import { type Person, addMembers, createOrgFor } from '../helpers/member-sessions';

/**
 * The console's webhooks, decisions and settings pages and the members page's invites: who may
 * open each (the API's rule: allowed, 403, 404 for another organisation), the sections each role
 * is shown, the spawn requests paged by cursor, and the decisions chart's figures against the log.
 */
jest.setTimeout(120_000);
const sql = testSql();
afterAll(() => sql.end());

let setup: Awaited<ReturnType<typeof consoleOrg>>;
let member: Person;
let otherOrgId: string;
beforeAll(async () => {
  setup = await consoleOrg();
  member = (await addMembers(setup.org.apiKey, ['MEMBER']))[0]!;
  otherOrgId = (await createOrgFor(await signupAndLogin())).id;
});
const page = (orgId: string, path: string) => `/console/orgs/${orgId}${path}`;

describe('who opens the new console pages', () => {
  // Each page with the roles its API rule lets in; everyone else gets 403.
  const PAGES: [string, string[]][] = [
    ['/members', ['OWNER', 'ADMIN', 'MEMBER', 'ANALYST']],
    ['/webhooks', ['OWNER', 'ADMIN']],
    ['/decisions', ['OWNER', 'ADMIN', 'MEMBER', 'ANALYST']],
    ['/settings', ['OWNER', 'ADMIN']],
  ];

  it('each role: allowed or a 403 page, and a 404 for another organisation', async () => {
    const people: [string, Person][] = [
      ['OWNER', setup.owner],
      ['ADMIN', setup.admin],
      ['MEMBER', member],
      ['ANALYST', setup.analyst],
    ];
    for (const [path, allowed] of PAGES) {
      for (const [role, person] of people) {
        const client = consoleClient(person);
        const res = await client.get(page(setup.org.id, path));
        expect([path, role, res.status]).toEqual([path, role, allowed.includes(role) ? 200 : 403]);
        if (res.status === 403) expect(res.html).toContain('Your role cannot do this');
        const other = await client.get(page(otherOrgId, path));
        expect([path, role, other.status]).toEqual([path, role, 404]);
      }
    }
  });

  it('the navigation links only the sections the role may open', async () => {
    const links = async (person: Person) => {
      const res = await consoleClient(person).get(page(setup.org.id, '/decisions'));
      return [...res.html.matchAll(/<li><a href="[^"]*\/(?:orgs\/[^/]+)\/([a-z/-]+)"/g)].map((m) => m[1]);
    };
    expect(await links(setup.analyst)).toEqual(['audit', 'members']);
    expect(await links(setup.owner)).toEqual([
      'spawn-requests',
      'agents',
      'agents/tree',
      'audit',
      'members',
      'webhooks',
      'settings',
    ]);
  });
});

describe('spawn requests, a page at a time', () => {
  it('27 waiting requests: 25 on the first page, the rest after its cursor, none twice', async () => {
    const own = await consoleOrg();
    const ids: string[] = [];
    for (let i = 0; i < 27; i += 1)
      ids.push((await pendingSpawn(own.org, own.parentId, undefined, `w${i}`)).spawnRequestId);
    const client = consoleClient(own.admin);
    const first = await client.get(page(own.org.id, '/spawn-requests'));
    const shown = (html: string) => [...html.matchAll(/<article class="card" id="request-([^"]+)"/g)].map((m) => m[1]!);
    expect(shown(first.html)).toEqual([...ids].reverse().slice(0, 25));
    const next = /href="([^"]+)" id="next-pending"/.exec(first.html)?.[1];
    expect(next).toBeDefined();
    const second = await client.get(next!.replace(/&amp;/g, '&'));
    expect(second.status).toBe(200);
    expect(shown(second.html)).toEqual([ids[1], ids[0]]);
    expect(second.html).not.toContain('id="next-pending"');
    expect((await client.get(page(own.org.id, '/spawn-requests?pending=bm9wZQ'))).status).toBe(400);
  });
});

describe('the decisions chart', () => {
  it('counts each outcome and reason of the decision log, as GET /policy/decisions lists it', async () => {
    const evaluations = Array.from({ length: 12 }, (_, i) => ({
      actor_id: `console-actor-${i % 3}`,
      action: i % 2 ? 'checkout.complete' : 'message.send',
    }));
    const bulk = await http('POST', '/policy/evaluate/bulk', {
      headers: keyHeaders(setup.org.apiKey),
      body: { evaluations },
    });
    expect(bulk.status).toBe(200);
    const logged: { decision: string; reasons: string[] }[] = (
      await waitForDecisions(setup.org.apiKey, '?limit=100', 12)
    ).body.decisions;
    const res = await consoleClient(setup.analyst).get(page(setup.org.id, '/decisions'));
    expect(res.status).toBe(200);
    expect(res.html).toContain('id="outcomes-chart"');
    for (const outcome of ['allow', 'limit', 'step_up', 'deny']) {
      const n = logged.filter((d) => d.decision === outcome).length;
      expect([outcome, res.html]).toEqual([outcome, expect.stringContaining(`data-outcome="${outcome}">${n}<`)]);
    }
    const reasons = new Map<string, number>();
    for (const r of logged.flatMap((d) => d.reasons)) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    for (const [reason, n] of reasons) expect(res.html).toContain(`<strong>${reason}</strong> (${n})`);
    const today = new Date().toISOString().slice(0, 10);
    expect(res.html).toContain(`data-day="${today}"`);
  });

  it('a window with more decisions than a page reads: the newest 20,000 are counted, and the page says so', async () => {
    const owner = await signupAndLogin();
    const org = await createOrgFor(owner);
    // Two a minute over the last 10 days and more: 20,000 newest reach back about 7 days.
    await sql`
      insert into policy_decisions (id, organization_id, actor_id, actor_type, action, decision, reasons, inputs, created_at)
      select 'dec_cap_' || g, ${org.id}, 'u' || g, 'human', 'message.send', case when g % 4 = 0 then 'deny' else 'allow' end,
        '["no_history"]'::jsonb, '{}'::jsonb, now() - g * interval '30 seconds'
      from generate_series(0, 25000) g`;
    const res = await consoleClient(owner).get(`/console/orgs/${org.id}/decisions`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('id="decisions-capped"');
    const total = (o: string) => Number(new RegExp(`data-outcome="${o}">(\\d+)<`).exec(res.html)![1]);
    expect(total('allow') + total('deny')).toBe(20_000);
    expect(total('deny')).toBe(5_000);
    expect(res.html).toContain('<strong>no_history</strong> (20000)');
    expect(res.html).toContain(': not counted</title>');
  });
});

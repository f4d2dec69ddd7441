import postgres from 'postgres';
import { createAgent } from '../helpers/agents';
import { testEnv } from '../helpers/env';
import { inParallel, setSpawnPolicy, spawn } from '../helpers/spawn';
import { testSql } from '../helpers/db';
import { createOrg } from '../helpers/http';
import { eventually } from '../helpers/temporal';

const SERVICE = { name: 'svc', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };

/**
 * The quota lock's two modes (migration 0017), seen from Postgres: each session below is one
 * connection in its own transaction, as a spawn's is. The function is called as the API calls it.
 */
describe('the spawn quota lock', () => {
  const client = postgres(testEnv().databaseUrl, { max: 10, onnotice: () => undefined });
  const sql = testSql();
  let slack = 0;
  beforeAll(async () => {
    const [row] = await sql<{ slack: number }[]>`
      select current_setting('max_connections')::int + current_setting('max_prepared_transactions')::int as slack`;
    slack = row!.slack;
  });
  afterAll(async () => {
    await client.end({ timeout: 1 });
    await sql.end();
  });

  async function session() {
    const conn = await client.reserve();
    await conn`begin`;
    const [row] = await conn<{ pid: number }[]>`select pg_backend_pid() as pid`;
    return { conn, pid: row!.pid };
  }
  type Session = Awaited<ReturnType<typeof session>>;
  const check = (s: Session, org: string, parent: string, maxAgents: number, exclusive: boolean) =>
    s.conn`select mir_assert_spawn_quota(${org}, ${parent}, 100, ${maxAgents}::int, ${exclusive}::boolean)`;
  const lockModes = async (pids: number[]) =>
    (
      await sql<{ mode: string; granted: boolean }[]>`
      select mode, granted from pg_locks where locktype = 'advisory' and pid = any(${pids}::int[])
      order by array_position(${pids}::int[], pid)`
    ).map((l) => `${l.mode}${l.granted ? '' : ' (waiting)'}`);
  const end = async (sessions: Session[], how: 'commit' | 'rollback' = 'rollback') => {
    for (const s of sessions) {
      await s.conn.unsafe(how);
      s.conn.release();
    }
  };

  it('far from the limit, eight spawns of one organisation hold it at once, shared', async () => {
    const org = await createOrg();
    const parent = await createAgent(org.apiKey, SERVICE);
    const sessions = await Promise.all(Array.from({ length: 8 }, session));
    // Were any of these exclusive, the second would wait here for the first to end.
    await Promise.all(sessions.map((s) => check(s, org.id, parent.id, 1_000_000, false)));
    expect(await lockModes(sessions.map((s) => s.pid))).toEqual(Array(8).fill('ShareLock'));
    await end(sessions);
  });

  it('near the limit a shared count refuses to decide (MQ002); a limit under the slack is counted exclusively at once', async () => {
    const org = await createOrg();
    const parent = await createAgent(org.apiKey, SERVICE);
    await createAgent(org.apiKey, SERVICE);
    const near = await session();
    // Two agents: under a limit of slack + 1 the shared count sees room, but not for everyone at once.
    await expect(check(near, org.id, parent.id, slack + 1, false)).rejects.toMatchObject({ code: 'MQ002' });
    await end([near]);
    const small = await session();
    await check(small, org.id, parent.id, slack, false);
    expect(await lockModes([small.pid])).toEqual(['ExclusiveLock']);
    await end([small]);
  });

  it('an exclusive count waits for every shared holder to commit, then counts its row', async () => {
    const org = await createOrg();
    const parent = await createAgent(org.apiKey, SERVICE);
    const insertAgent = (s: Session, name: string) =>
      s.conn`insert into agents (id, organization_id, name, type, permissions, allowed_event_types,
        allowed_event_patterns, require_idempotency)
        values (${`agt_${name}_${org.id}`}, ${org.id}, ${name}, 'SERVICE_ACCOUNT', '[]', '[]', '[]', false)`;
    // Written through SQL as a spawn writes its row: each session counts with its own row in.
    const holder = await session();
    await insertAgent(holder, 'held');
    await check(holder, org.id, parent.id, 1_000_000, false);
    const counter = await session();
    await insertAgent(counter, 'counter');
    // The parent and the counter's own row fit a limit of two; the held row, once seen, does not.
    const counted = check(counter, org.id, parent.id, 2, true).then(
      () => 'passed',
      (err: { code?: string; detail?: string }) => `${err.code} ${err.detail}`,
    );
    // Once its request has reached Postgres, the counter waits for as long as the holder is open.
    const modes = await eventually(async () => {
      const seen = await lockModes([holder.pid, counter.pid]);
      return seen.length === 2 ? seen : undefined;
    });
    expect(modes).toEqual(['ShareLock', 'ExclusiveLock (waiting)']);
    // It waits on the holder and nothing else, and has not answered: only the holder's end frees it.
    const [blocking] = await sql<{ pids: number[] }[]>`select pg_blocking_pids(${counter.pid}::int) as pids`;
    expect(blocking!.pids).toEqual([holder.pid]);
    expect(await Promise.race([counted, Promise.resolve('still waiting')])).toBe('still waiting');
    await end([holder], 'commit');
    expect(await counted).toBe('MQ001 {"quota" : "maxAgentsPerOrganization", "limit" : 2, "current" : 2}');
    await end([counter]);
  });

  it.each([
    ['waiting for approval', 1, 202],
    ['made at once', 2, 201],
  ])(
    'through the API, near the limit: 24 concurrent spawns %s, each counted again exclusively, exactly the places left',
    async (_kind, requireApprovalFromDepth, created) => {
      const org = await createOrg();
      const limit = slack + 10;
      await setSpawnPolicy(org.apiKey, {
        enabled: true,
        maxDepth: 3,
        requireApprovalFromDepth,
        maxAgentsPerOrganization: limit,
      } as never);
      // Three places left: the shared count of every spawn below falls within the slack of the limit.
      const agents = await inParallel(
        Array.from({ length: limit - 3 }, (_, i) => i),
        12,
        () => createAgent(org.apiKey, SERVICE),
      );
      const parents = agents.slice(0, 6);
      const answers = await Promise.all(
        Array.from({ length: 24 }, (_, i) => spawn(org.apiKey, parents[i % 6]!.id, { name: `near ${i}` })),
      );
      expect(answers.filter((a) => a.status === created)).toHaveLength(3);
      const refused = answers.filter((a) => a.status === 403);
      expect(refused).toHaveLength(21);
      for (const r of refused) {
        expect(r.body.error).toMatchObject({
          code: 'spawn_quota_exceeded',
          details: { quota: 'maxAgentsPerOrganization', limit, current: limit },
        });
      }
      const [rows] = await sql<{ requests: number; children: number }[]>`
      select (select count(*)::int from agent_spawn_requests where organization_id = ${org.id}) as requests,
        (select count(*)::int from agents where organization_id = ${org.id} and parent_id is not null) as children`;
      expect(rows).toEqual(created === 202 ? { requests: 3, children: 0 } : { requests: 0, children: 3 });
    },
  );
});

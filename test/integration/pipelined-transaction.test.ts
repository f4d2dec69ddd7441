import { eq, sql } from 'drizzle-orm';
import type { Sql } from 'postgres';
import { type Database, createDatabase, rawClient } from '../../src/db/client';
import { PoolTimeoutError } from '../../src/db/gate';
import { pipelinedTransaction } from '../../src/db/pipelined';
import { writeAudit } from '../../src/db/queries/audit';
import { agents } from '../../src/db/schema';
import { createAgent } from '../helpers/agents';
import { testEnv } from '../helpers/env';
import { createOrg } from '../helpers/http';

const SERVICE = { name: 'counter', type: 'SERVICE_ACCOUNT', preset: 'reconciler' };

const database = createDatabase(testEnv().databaseUrl, { max: 6, acquireTimeoutMs: 2_000 });
afterAll(() => database.close());

const auditOf = async (targetId: string) =>
  database.sql<{ action: string }[]>`select action from audit_log where target_id = ${targetId} order by action`;

const entry = (organizationId: string, targetId: string, action: string) => ({
  organizationId,
  actor: { type: 'system' as const, id: null },
  action,
  targetType: 'probe',
  targetId,
});

/**
 * Runs `use` on a pool of one connection, then checks that connection came back outside any
 * transaction: in one left open, two statements would share one transaction id.
 */
async function onOneConnection(use: (single: Database) => Promise<void>) {
  const single = createDatabase(testEnv().databaseUrl, { max: 1 });
  try {
    await use(single);
    const [first] = await single.sql<{ id: string }[]>`select txid_current()::text as id`;
    const [second] = await single.sql<{ id: string }[]>`select txid_current()::text as id`;
    expect(second!.id).not.toBe(first!.id);
  } finally {
    await single.close();
  }
}

/** An audit row naming an organisation that does not exist: Postgres refuses it (23503). */
const orphanRow = (raw: Sql, target: string) =>
  raw`insert into audit_log (id, organization_id, actor_type, action, target_type, target_id)
    values (${`aud_${target}`}, ${'org_does_not_exist'}, 'system', 'b.orphan', 'probe', ${target})`;

describe('pipelinedTransaction', () => {
  let organizationId: string;
  beforeAll(async () => {
    organizationId = (await createOrg()).id;
  });

  it('commits raw and drizzle statements together and answers what fn returned', async () => {
    const target = `probe-${Date.now()}-commit`;
    const result = await pipelinedTransaction(database, async (tx) => {
      await writeAudit(tx, entry(organizationId, target, 'a.raw'));
      await tx.execute(sql`insert into audit_log (id, organization_id, actor_type, action, target_type, target_id)
        values (${`aud_${target}`}, ${organizationId}, 'system', 'b.drizzle', 'probe', ${target})`);
      return 'done';
    });
    expect(result).toBe('done');
    expect((await auditOf(target)).map((r) => r.action)).toEqual(['a.raw', 'b.drizzle']);
  });

  it('rolls back everything when fn throws, and hands the connection back outside any transaction', async () => {
    await onOneConnection(async (single) => {
      const target = `probe-${Date.now()}-throw`;
      await expect(
        pipelinedTransaction(single, async (tx) => {
          await writeAudit(tx, entry(organizationId, target, 'a.lost'));
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await auditOf(target)).toEqual([]);
    });
  });

  it('reports the statement Postgres refused, not the ones its failure aborted, and keeps nothing', async () => {
    const target = `probe-${Date.now()}-refused`;
    const failure = pipelinedTransaction(database, async (tx) => {
      const raw = rawClient(tx);
      const settled = await Promise.allSettled([
        writeAudit(tx, entry(organizationId, target, 'a.first')),
        orphanRow(raw, target),
        raw`select 1`,
      ]);
      const refused = settled.find((s) => s.status === 'rejected');
      if (refused) throw refused.reason;
    });
    await expect(failure).rejects.toMatchObject({ code: '23503' });
    expect(await auditOf(target)).toEqual([]);
  });

  it('commitNow sends the COMMIT behind statements not yet answered, and they all land', async () => {
    const target = `probe-${Date.now()}-commit-now`;
    await pipelinedTransaction(database, async (tx, commitNow) => {
      const sent = Promise.all(
        Array.from({ length: 5 }, (_, i) => writeAudit(tx, entry(organizationId, target, `a.${i}`))),
      );
      commitNow();
      await sent;
    });
    expect((await auditOf(target)).map((r) => r.action)).toEqual(['a.0', 'a.1', 'a.2', 'a.3', 'a.4']);
  });

  it('commitNow after a statement Postgres refuses commits nothing, reports that statement, and leaves the connection clean', async () => {
    await onOneConnection(async (single) => {
      const target = `probe-${Date.now()}-commit-now-refused`;
      const failure = pipelinedTransaction(single, async (tx, commitNow) => {
        const settled = Promise.allSettled([
          writeAudit(tx, entry(organizationId, target, 'a.first')),
          orphanRow(rawClient(tx), target),
          writeAudit(tx, entry(organizationId, target, 'c.after')),
        ]);
        commitNow();
        const refused = (await settled).find((r) => r.status === 'rejected');
        if (refused) throw refused.reason;
      });
      await expect(failure).rejects.toMatchObject({ code: '23503' });
      expect(await auditOf(target)).toEqual([]);
    });
  });

  it('holds a row lock from its first statement: 40 read-then-write increments at once lose none', async () => {
    const org = await createOrg();
    const agent = await createAgent(org.apiKey, SERVICE);
    const before = (await database.db.select().from(agents).where(eq(agents.id, agent.id)))[0]!.keyVersion;
    await Promise.all(
      Array.from({ length: 40 }, () =>
        pipelinedTransaction(database, async (tx) => {
          const raw = rawClient(tx);
          const [row] = await raw<
            { v: number }[]
          >`select key_version as v from agents where id = ${agent.id} for update`;
          await raw`update agents set key_version = ${row!.v + 1} where id = ${agent.id}`;
        }),
      ),
    );
    const after = (await database.db.select().from(agents).where(eq(agents.id, agent.id)))[0]!.keyVersion;
    expect(after - before).toBe(40);
  });

  it('waits behind the pool gate like db.transaction, and fails cleanly when no connection frees up', async () => {
    const tight = createDatabase(testEnv().databaseUrl, { max: 3, acquireTimeoutMs: 100 });
    try {
      // The first holds the one transaction slot until the test lets it finish.
      let entered!: () => void;
      let leave!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const held = new Promise<void>((r) => (leave = r));
      const long = pipelinedTransaction(tight, async (tx) => {
        await rawClient(tx)`select 1`;
        entered();
        await held;
      });
      await inside;
      await expect(pipelinedTransaction(tight, async () => 'never')).rejects.toBeInstanceOf(PoolTimeoutError);
      leave();
      await long;
      await expect(pipelinedTransaction(tight, async () => 'now')).resolves.toBe('now');
    } finally {
      await tight.close();
    }
  });
});

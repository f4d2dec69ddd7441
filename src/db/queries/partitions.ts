import type postgres from 'postgres';
import { type Executor, rawClient } from '../client';

/** The tables partitioned by month (migration 0030, ADR 0009) and the column each is cut by. */
export const PARTITIONED_TABLES = ['events', 'policy_decisions'] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number];

export interface PartitionPlan {
  table: PartitionedTable;
  /** Months created after the current one, so writes never wait for the maintenance. */
  monthsAhead: number;
  /** A month goes once all of it was received this many days ago; undefined: kept for ever. */
  retentionDays?: number;
}

export interface PartitionOutcome {
  table: PartitionedTable;
  created: string[];
  dropped: string[];
  /** Rows the DEFAULT partition had caught, now in their month. */
  moved: number;
}

/** Arbitrary constant (with the table's index): serialises maintenance runs of one table. */
const LOCK_CLASS = 72_011_030;
/**
 * A drop or an attach waits this long for its lock, then fails (55P03) and is retried: while it
 * waits for ACCESS EXCLUSIVE, every new query of the table queues behind it.
 */
const LOCK_TIMEOUT = '1s';

/**
 * One table's maintenance, in one short transaction: the months from this one to `monthsAhead`
 * exist, rows caught by the DEFAULT partition move to their own month (created for them), and
 * months wholly past the retention are dropped. Two runs at once take turns on an advisory lock,
 * and the second finds nothing left to do. Names and bounds come from Postgres's catalog, never
 * from input.
 */
export async function maintainPartitions(db: Executor, plan: PartitionPlan): Promise<PartitionOutcome> {
  const index = PARTITIONED_TABLES.indexOf(plan.table);
  if (index < 0) throw new Error(`not a partitioned table: ${plan.table}`);
  return rawClient(db).begin(async (sql) => {
    await sql`select set_config('lock_timeout', ${LOCK_TIMEOUT}, true)`;
    await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, ${index})`;
    const [caught] = await sql.unsafe<[{ n: number }]>(`select count(*)::int as n from "${plan.table}_default"`);
    const months = await monthsNeeded(sql, plan);
    const created: string[] = [];
    for (const { month, name } of months) {
      const [row] = await sql<[{ made: boolean }]>`select mir_month_partition(${plan.table}, ${month}::date) as made`;
      if (row.made) created.push(name);
    }
    const dropped = plan.retentionDays === undefined ? [] : await dropExpired(sql, plan.table, plan.retentionDays);
    return { table: plan.table, created, dropped, moved: caught.n };
  });
}

/** This month through `monthsAhead`, and the month of every row the DEFAULT partition holds. */
async function monthsNeeded(sql: postgres.TransactionSql, plan: PartitionPlan) {
  const key = plan.table === 'events' ? 'received_at' : 'created_at';
  return sql.unsafe<{ month: string; name: string }[]>(
    `select to_char(m, 'YYYY-MM-DD') as month, '${plan.table}_' || to_char(m, '"y"YYYY"m"MM') as name from (
       select generate_series(date_trunc('month', now() at time zone 'UTC'),
                              date_trunc('month', now() at time zone 'UTC') + make_interval(months => $1),
                              interval '1 month') as m
       union
       select distinct date_trunc('month', ${key} at time zone 'UTC') from "${plan.table}_default") months
     order by m`,
    [plan.monthsAhead],
  );
}

/**
 * Partitions whose upper bound is older than the retention: every row in them is. The bound is
 * read back from the catalog as a timestamptz (its text follows the session's time zone).
 */
async function dropExpired(sql: postgres.TransactionSql, table: PartitionedTable, days: number): Promise<string[]> {
  const expired = await sql<{ name: string }[]>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = ${table}::regclass
      and substring(pg_get_expr(c.relpartbound, c.oid) from 'TO \\(''([^'']+)''\\)')::timestamptz
          <= now() - make_interval(days => ${days})
    order by c.relname`;
  for (const { name } of expired) await sql.unsafe(`drop table "${name}"`);
  return expired.map((e) => e.name);
}

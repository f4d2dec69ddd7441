-- events and policy_decisions become tables partitioned by month (ADR 0009): events by received_at
-- (assigned by the server, so a backfill of old occurred_at lands in the current month), the
-- decision log by created_at. Retention then drops a month's table instead of deleting rows.
-- The rows already stored stay where they are: each old table is attached as the partition of
-- everything received before a cutover (the 1st of next month), after a CHECK that lets ATTACH
-- skip its scan. On a large table the two slow steps, the unique index and the CHECK, are done
-- beforehand without blocking writes (docs/operations.md, "Partitioning a large events table"):
-- this file then finds them (IF NOT EXISTS, the validated <table>_before_cutover) and only swaps.
-- mir_month_partition creates one month, idempotently; the worker's partition maintenance
-- (src/activities/partitions.ts) calls it daily for the months ahead.
CREATE FUNCTION mir_month_partition(parent text, month date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  lo timestamptz := date_trunc('month', month::timestamp) AT TIME ZONE 'UTC';
  hi timestamptz := (date_trunc('month', month::timestamp) + interval '1 month') AT TIME ZONE 'UTC';
  name text := parent || '_' || to_char(month, '"y"YYYY"m"MM');
  part_key text := (SELECT a.attname FROM pg_partitioned_table p
    JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
    WHERE p.partrelid = parent::regclass);
BEGIN
  -- Done when a partition already covers any of the month (the old table, before its cutover).
  IF EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = parent::regclass
        AND substring(pg_get_expr(c.relpartbound, c.oid) FROM 'TO \(''([^'']+)''\)')::timestamptz > lo
        AND coalesce(substring(pg_get_expr(c.relpartbound, c.oid) FROM 'FROM \(''([^'']+)''\)')::timestamptz, '-infinity') < hi)
  THEN RETURN false; END IF;
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name, parent);
  -- Rows the DEFAULT partition caught for this month move in, so ATTACH finds none left there.
  EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= $1 AND %I < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
    parent || '_default', part_key, part_key, name) USING lo, hi;
  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%I >= %L AND %I < %L)',
    name, name || '_range', part_key, lo, part_key, hi);
  EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, name, lo, hi);
  -- The partition bound says the same from now on.
  EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', name, name || '_range');
  RETURN true;
END
$$;
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "events_id_received_idx" ON "events" ("id", "received_at");
--> statement-breakpoint
ALTER TABLE "events" RENAME TO "events_legacy";
--> statement-breakpoint
ALTER INDEX "events_org_occurred_idx" RENAME TO "events_legacy_org_occurred_idx";
--> statement-breakpoint
ALTER INDEX "events_user_occurred_idx" RENAME TO "events_legacy_user_occurred_idx";
--> statement-breakpoint
ALTER INDEX "events_org_type_occurred_idx" RENAME TO "events_legacy_org_type_occurred_idx";
--> statement-breakpoint
ALTER TABLE "events_legacy" DROP CONSTRAINT "events_pkey",
  ADD CONSTRAINT "events_legacy_pkey" PRIMARY KEY USING INDEX "events_id_received_idx";
--> statement-breakpoint
CREATE TABLE "events" (LIKE "events_legacy" INCLUDING DEFAULTS) PARTITION BY RANGE ("received_at");
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_pkey" PRIMARY KEY ("id", "received_at");
--> statement-breakpoint
CREATE INDEX "events_org_occurred_idx" ON "events" USING btree ("organization_id", "occurred_at" DESC NULLS LAST, "id" DESC NULLS LAST);
--> statement-breakpoint
CREATE INDEX "events_user_occurred_idx" ON "events" USING btree ("partner_user_id", "occurred_at" DESC NULLS LAST, "id" DESC NULLS LAST);
--> statement-breakpoint
CREATE INDEX "events_org_type_occurred_idx" ON "events" USING btree ("organization_id", "type", "occurred_at" DESC NULLS LAST, "id" DESC NULLS LAST);
--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "policy_decisions_id_created_idx" ON "policy_decisions" ("id", "created_at");
--> statement-breakpoint
ALTER TABLE "policy_decisions" RENAME TO "policy_decisions_legacy";
--> statement-breakpoint
ALTER INDEX "policy_decisions_org_created_idx" RENAME TO "policy_decisions_legacy_org_created_idx";
--> statement-breakpoint
ALTER INDEX "policy_decisions_created_idx" RENAME TO "policy_decisions_legacy_created_idx";
--> statement-breakpoint
ALTER INDEX "policy_decisions_human_actor_idx" RENAME TO "policy_decisions_legacy_human_actor_idx";
--> statement-breakpoint
ALTER TABLE "policy_decisions_legacy" DROP CONSTRAINT "policy_decisions_pkey",
  ADD CONSTRAINT "policy_decisions_legacy_pkey" PRIMARY KEY USING INDEX "policy_decisions_id_created_idx";
--> statement-breakpoint
CREATE TABLE "policy_decisions" (LIKE "policy_decisions_legacy" INCLUDING DEFAULTS) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
ALTER TABLE "policy_decisions" ADD CONSTRAINT "policy_decisions_pkey" PRIMARY KEY ("id", "created_at");
--> statement-breakpoint
ALTER TABLE "policy_decisions" ADD CONSTRAINT "policy_decisions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "policy_decisions_org_created_idx" ON "policy_decisions" USING btree ("organization_id", "created_at" DESC NULLS LAST, "id" DESC NULLS LAST);
--> statement-breakpoint
CREATE INDEX "policy_decisions_created_idx" ON "policy_decisions" USING btree ("created_at");
--> statement-breakpoint
CREATE INDEX "policy_decisions_human_actor_idx" ON "policy_decisions" USING btree ("organization_id", "actor_id") WHERE "actor_type" = 'human';
--> statement-breakpoint
-- An old table with rows becomes the partition of all time before the cutover: the one its
-- validated <table>_before_cutover CHECK names when an operator prepared it, else the 1st of next
-- month (checked here, under this transaction's lock). An empty one (a fresh stack) goes. Then the
-- DEFAULT partitions (kept empty by the maintenance, which moves any row they catch into its
-- month) and every month from the cutover to three ahead, so no write waits for a worker.
DO $$
DECLARE
  this_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
  cutover timestamptz;
  first timestamp;
  has_rows boolean;
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('events', 'received_at'), ('policy_decisions', 'created_at')) AS v(parent, part_key) LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I)', t.parent || '_legacy') INTO has_rows;
    IF has_rows THEN
      SELECT substring(pg_get_constraintdef(oid) FROM '''([^'']+)''')::timestamptz INTO cutover FROM pg_constraint
        WHERE conrelid = (t.parent || '_legacy')::regclass AND conname = t.parent || '_before_cutover' AND convalidated;
      IF cutover IS NULL THEN
        cutover := (this_month + interval '1 month') AT TIME ZONE 'UTC';
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%I < %L)',
          t.parent || '_legacy', t.parent || '_before_cutover', t.part_key, cutover);
      ELSIF cutover <> date_trunc('month', cutover AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' THEN
        RAISE EXCEPTION '%_before_cutover must name the 1st of a month, 00:00 UTC (found %)', t.parent, cutover;
      END IF;
      EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (MINVALUE) TO (%L)', t.parent, t.parent || '_legacy', cutover);
      EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t.parent || '_legacy', t.parent || '_before_cutover');
      first := cutover AT TIME ZONE 'UTC';
    ELSE
      EXECUTE format('DROP TABLE %I', t.parent || '_legacy');
      first := this_month;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', t.parent || '_default', t.parent);
    WHILE first <= this_month + interval '3 months' LOOP
      PERFORM mir_month_partition(t.parent, first::date);
      first := first + interval '1 month';
    END LOOP;
  END LOOP;
END
$$;
